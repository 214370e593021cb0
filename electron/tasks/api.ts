import type { tasksMethods } from '../../shared/tasks/api';
import type { HandlersOf } from '../app/handler';
import { dashboard, planBurn } from './dashboard';
import * as flow from './flow';
import { fromPlan, fromPlanPreview } from './from-plan';
import * as tasks from './service';

const networked = (via: string | undefined) => ({ networked: via === 'office' });

export const tasksHandlers = {
  'tasks.add': tasks.addTask,
  'tasks.list': tasks.listTasks,
  'tasks.get': (app, input) => tasks.getTask(app, input.id),
  'tasks.update': tasks.updateTask,
  'tasks.progress': (app, input, session) => flow.progress(app, input, networked(session.via)),
  'tasks.submitResult': (app, input, session) => flow.submitResult(app, input, networked(session.via)),
  'tasks.approve': flow.approve,
  'tasks.returnResult': flow.returnResult,
  'tasks.done': (app, input, session) => flow.done(app, input, networked(session.via)),
  'tasks.cancel': tasks.cancelTask,
  'tasks.file': flow.taskFile,
  'tasks.fromPlanPreview': fromPlanPreview,
  'tasks.fromPlan': fromPlan,
  'tasks.dashboard': dashboard,
  'tasks.planBurn': planBurn,
  // The spreadsheet and report writers (exceljs, the drafting model) load on first use, not with the API.
  'tasks.exportXlsx': async (app, input) => (await import('./export')).exportXlsx(app, input),
  'tasks.report': async (app, input, session) => (await import('./report')).createReport(app, input, networked(session.via)),
} satisfies HandlersOf<typeof tasksMethods>;
