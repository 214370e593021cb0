import type { TaskSourceKind } from '../../shared/tasks/schemas';
import { formatDateVN } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { audit } from '../audit/record';
import { notify } from '../notifications/repo';
import { closeWork, openWork, openWorkOf, type WorkAction } from '../workitems/repo';
import * as repo from './repo';
import { peopleOf, type ResolvedHandler } from './rules';

/**
 * The writes every step of a task makes inside its transaction: the task's rows, what waits for whom (work_items),
 * the notifications and the audit entry whose detail names the people reached (the live notice).
 */

export interface NewTask {
  parentId: number | null;
  title: string;
  sourceKind: TaskSourceKind;
  incomingId: number | null;
  outgoingId: number | null;
  planRow: number | null;
  meetingId: number | null;
  note: string | null;
  deadline: string | null;
  createdBy: number;
  handlers: ResolvedHandler[];
  secret: boolean;
}

const deadlineText = (d: string | null) => (d ? ` (hạn ${formatDateVN(d)})` : '');

/** Opens a `lead` / `co` row for each handler that is an account or a unit and has none open. */
export function openHandlerWork(app: AppContext, taskId: number, handlers: readonly ResolvedHandler[], deadline: string | null, at: string): void {
  const open = openWorkOf(app.db, 'task', taskId);
  for (const h of handlers) {
    if (h.userId === null && h.unitId === null) continue;
    if (open.some((w) => w.action === h.role && w.userId === h.userId && w.unitId === h.unitId)) continue;
    openWork(app.db, { kind: 'task', refId: taskId, action: h.role, userId: h.userId, unitId: h.unitId, deadline }, at);
  }
}

/** Closes the rows of handlers no longer named (a changed lead or co-handler list). */
export function closeRemovedWork(app: AppContext, taskId: number, handlers: readonly ResolvedHandler[], at: string): void {
  for (const w of openWorkOf(app.db, 'task', taskId)) {
    if (w.action !== 'lead' && w.action !== 'co') continue;
    if (handlers.some((h) => h.role === w.action && h.userId === w.userId && h.unitId === w.unitId)) continue;
    closeWork(app.db, 'task', taskId, at, { actions: [w.action as WorkAction], ...(w.userId !== null ? { userId: w.userId } : { unitId: w.unitId! }) });
  }
}

/** Notifies the people (less the actor) and writes the audit entry that pushes them the live notice. */
export function step(
  app: AppContext,
  action: string,
  taskId: number,
  reach: { people: readonly number[]; kind: string; notice: string; body: string },
  detail: Record<string, unknown>,
  actorId: number,
  at: string,
): void {
  const people = [...new Set(reach.people)].filter((p) => p !== actorId);
  notify(app.db, people, { kind: reach.kind, entity: 'task', entityId: taskId, text: `${reach.notice}: ${reach.body}` }, at);
  audit(app, action, 'task', taskId, { ...detail, ...(people.length ? { notify: people, notice: reach.notice, noticeBody: reach.body } : {}) });
}

/** A new task with its handlers, its work rows and its notice to the people it reaches. Inside a transaction. */
export function createTask(app: AppContext, t: NewTask, at: string, extra: Record<string, unknown> = {}): number {
  const id = repo.insertTask(app.db, t, at);
  repo.replaceTaskHandlers(app.db, id, t.handlers);
  openHandlerWork(app, id, t.handlers, t.deadline, at);
  const lead = t.handlers[0];
  step(
    app,
    'task.create',
    id,
    { people: peopleOf(app, t.handlers, t.secret), kind: 'task.assigned', notice: 'Bạn được giao việc', body: `${t.title}${deadlineText(t.deadline)}` },
    {
      name: t.title,
      lead: lead.name,
      coUnits: t.handlers.slice(1).map((h) => h.name),
      deadline: t.deadline,
      ...(t.parentId ? { parent: t.parentId } : {}),
      ...extra,
    },
    t.createdBy,
    at,
  );
  return id;
}

export { deadlineText };
