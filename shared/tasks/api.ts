import { idInput, method, type MethodTable } from '../api/define';
import type { tasksAccess } from './access';
import * as s from './schemas';

export const tasksMethods = {
  'tasks.add': method<typeof s.addTaskInput, s.TaskDetail>(s.addTaskInput),
  'tasks.list': method<typeof s.listTasksInput, s.TaskList>(s.listTasksInput),
  'tasks.get': method<typeof idInput, s.TaskDetail>(idInput),
  'tasks.update': method<typeof s.updateTaskInput, s.TaskDetail>(s.updateTaskInput),
  'tasks.progress': method<typeof s.progressInput, s.TaskDetail>(s.progressInput),
  'tasks.submitResult': method<typeof s.submitResultInput, s.TaskDetail>(s.submitResultInput),
  'tasks.approve': method<typeof s.decideInput, s.TaskDetail>(s.decideInput),
  'tasks.returnResult': method<typeof s.returnResultInput, s.TaskDetail>(s.returnResultInput),
  'tasks.done': method<typeof s.decideInput, s.TaskDetail>(s.decideInput),
  'tasks.cancel': method<typeof s.cancelTaskInput, s.TaskDetail>(s.cancelTaskInput),
  'tasks.file': method<typeof s.taskFileInput, Uint8Array>(s.taskFileInput),
  'tasks.fromPlanPreview': method<typeof s.outgoingIdInput, s.PlanPreview>(s.outgoingIdInput),
  'tasks.fromPlan': method<typeof s.fromPlanInput, { created: number[]; skipped: number[] }>(s.fromPlanInput),
  'tasks.dashboard': method<typeof s.dashboardInput, s.TaskDashboard>(s.dashboardInput),
  'tasks.planBurn': method<typeof s.outgoingIdInput, s.PlanBurn>(s.outgoingIdInput),
  'tasks.exportXlsx': method<typeof s.exportTasksInput, s.ExportedTasks>(s.exportTasksInput),
  'tasks.report': method<typeof s.outgoingIdInput, { draftId: number }>(s.outgoingIdInput),
} satisfies MethodTable<typeof tasksAccess>;
