import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import type { FileInput } from '../../shared/incoming/schemas';
import { TASK_STATUS_LABELS, type TaskDetail } from '../../shared/tasks/schemas';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { prepareFiles, recordBlobs, storeFiles, type PreparedFile } from '../incoming/intake';
import { secretContentAllowed } from '../scope/secrecy';
import { closeWork, openWork } from '../workitems/repo';
import * as repo from './repo';
import * as rules from './rules';
import { getTask, handlersOfTask, isSecret } from './service';
import { openHandlerWork, step } from './steps';

/**
 * The handlers' steps: progress reports (with files), the lead's result, and the creator's decision on it. The lead
 * submits; the task then waits for its creator (or the creator's deputy that day) to approve, which finishes it, or
 * to return it with a note, which puts it back with its handlers. When the creator is the lead, the result finishes
 * the task at once. A task with open sub-tasks is not finished.
 */

type Acting = { onBehalfOf: number | null };

const behalf = (app: AppContext, by: Acting) => (by.onBehalfOf ? { onBehalfOf: repo.userName(app.db, by.onBehalfOf) } : {});

/** Files are checked and stored before the transaction that references them (a stored blob is inert until then). */
async function filesFor(app: AppContext, t: repo.TaskRecord, files: FileInput[], networked: boolean): Promise<PreparedFile[]> {
  if (files.length === 0) return [];
  if (isSecret(app, t) && !secretContentAllowed(app.db, networked)) {
    throw new AppError('VALIDATION', 'Việc này thuộc văn bản mật: không lưu tệp trên máy có nối mạng. Ghi kết quả bằng lời, giữ tài liệu theo quy định bảo vệ bí mật nhà nước.', { field: 'files' });
  }
  const prepared = await prepareFiles(app, files);
  storeFiles(app, prepared);
  return prepared;
}

function attach(app: AppContext, updateId: number, files: PreparedFile[]): void {
  recordBlobs(app, files);
  for (const f of files) repo.insertTaskFile(app.db, updateId, f.sha256, f.name);
}

function refuseOpenChildren(app: AppContext, t: repo.TaskRecord): void {
  const open = repo.openChildren(app.db, t.id);
  if (open.length === 0) return;
  const names = open.slice(0, 3).map((c) => `#${c.id} «${c.title}»`).join(', ');
  throw new AppError('CONFLICT', `Việc này còn ${open.length} việc con chưa xong (${names}${open.length > 3 ? ', …' : ''}): hoàn thành hoặc hủy các việc con trước.`);
}

function requireStatus(t: repo.TaskRecord, status: repo.TaskRecord['status'], doing: string): void {
  if (t.status !== status) throw new AppError('CONFLICT', `Không ${doing} được: việc đang ở trạng thái «${TASK_STATUS_LABELS[t.status]}».`);
}

/**
 * The task as it is now, read inside the write's transaction: between the first check and the write another step may
 * have moved it (the files are read by the parse worker meanwhile, another process may write).
 */
function current(app: AppContext, id: number, status: readonly repo.TaskRecord['status'][], doing: string): repo.TaskRecord {
  const t = repo.taskById(app.db, id)!;
  if (!status.includes(t.status)) requireStatus(t, status[0], doing);
  return t;
}

function moveStatus(app: AppContext, t: repo.TaskRecord, status: repo.TaskRecord['status'], now: string, extra: Parameters<typeof repo.setTaskStatus>[5] = {}): void {
  if (!repo.setTaskStatus(app.db, t.id, [t.status], status, now, extra)) throw new AppError('CONFLICT', 'Việc vừa được người khác thay đổi: hãy tải lại rồi làm lại.');
}

export async function progress(app: AppContext, input: MethodParsed<'tasks.progress'>, opts: { networked?: boolean } = {}): Promise<TaskDetail> {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, input.id);
  const handlers = handlersOfTask(app, t.id);
  const by = rules.actingAsHandler(app, a, handlers, isSecret(app, t));
  if (!by) throw new AppError('FORBIDDEN', 'Chỉ người chủ trì, phối hợp xử lý việc này mới báo cáo tiến độ được.');
  requireStatus(t, 'dang-lam', 'báo cáo tiến độ');
  const files = await filesFor(app, t, input.files, opts.networked === true);
  immediate(app.db, () => {
    const now = app.nowIso();
    current(app, t.id, ['dang-lam'], 'báo cáo tiến độ');
    if (!repo.setTaskProgress(app.db, t.id, input.progress, now)) throw new AppError('CONFLICT', 'Việc vừa được người khác thay đổi: hãy tải lại rồi làm lại.');
    attach(app, repo.insertUpdate(app.db, { taskId: t.id, kind: 'progress', actorId: a.caller.id, onBehalfOf: by.onBehalfOf, progress: input.progress, note: input.note ?? null }, now), files);
    step(
      app,
      'task.progress',
      t.id,
      { people: [t.created_by], kind: 'task.progress', notice: `Tiến độ ${input.progress}%`, body: t.title },
      { name: t.title, progress: input.progress, note: input.note, files: files.length, ...behalf(app, by) },
      a.caller.id,
      now,
    );
  });
  return getTask(app, t.id);
}

/**
 * Finishes the task (inside the caller's transaction): status, work rows closed, the lead told. An approved result
 * counts as finished when it was handed in: the time the giver took to approve it does not make the handlers late.
 */
function finish(app: AppContext, t: repo.TaskRecord, a: rules.Actor, by: Acting, kind: 'approve' | 'done', note: string | null, now: string, updateId?: number): void {
  const finishedAt = (t.status === 'cho-duyet' && repo.lastUpdateAt(app.db, t.id, 'submit')) || now;
  moveStatus(app, t, 'hoan-thanh', now, { finishedAt, progress: 100 });
  if (updateId === undefined) repo.insertUpdate(app.db, { taskId: t.id, kind, actorId: a.caller.id, onBehalfOf: by.onBehalfOf, progress: 100, note }, now);
  closeWork(app.db, 'task', t.id, now);
  const late = t.deadline !== null && finishedAt >= `${t.deadline}T17:00:00.000Z`;
  step(
    app,
    kind === 'approve' ? 'task.approve' : 'task.done',
    t.id,
    { people: rules.peopleOf(app, handlersOfTask(app, t.id), isSecret(app, t), 'lead'), kind: 'task.done', notice: kind === 'approve' ? 'Kết quả đã được duyệt' : 'Việc đã hoàn thành', body: t.title },
    { name: t.title, note, late, ...behalf(app, by) },
    a.caller.id,
    now,
  );
}

export async function submitResult(app: AppContext, input: MethodParsed<'tasks.submitResult'>, opts: { networked?: boolean } = {}): Promise<TaskDetail> {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, input.id);
  const handlers = handlersOfTask(app, t.id);
  const by = rules.actingAsLead(app, a, handlers, isSecret(app, t));
  if (!by) throw new AppError('FORBIDDEN', 'Chỉ người (đơn vị) chủ trì việc này mới trình kết quả được.');
  requireStatus(t, 'dang-lam', 'trình kết quả');
  refuseOpenChildren(app, t);
  const files = await filesFor(app, t, input.files, opts.networked === true);
  immediate(app.db, () => {
    const now = app.nowIso();
    const cur = current(app, t.id, ['dang-lam'], 'trình kết quả');
    refuseOpenChildren(app, cur);
    const updateId = repo.insertUpdate(app.db, { taskId: t.id, kind: 'submit', actorId: a.caller.id, onBehalfOf: by.onBehalfOf, progress: 100, note: input.note ?? null }, now);
    attach(app, updateId, files);
    // The creator handing in their own result (they lead it, or act for its lead): finished at once.
    const own = rules.actingFor(app, a, t.created_by, 'decide');
    if (own) return finish(app, cur, a, own, 'done', input.note ?? null, now, updateId);
    moveStatus(app, cur, 'cho-duyet', now, { progress: 100 });
    closeWork(app.db, 'task', t.id, now, { actions: ['lead', 'co'] });
    openWork(app.db, { kind: 'task', refId: t.id, action: 'review', userId: t.created_by, unitId: null, deadline: t.deadline }, now);
    step(
      app,
      'task.submit',
      t.id,
      { people: [t.created_by], kind: 'task.review', notice: 'Kết quả công việc chờ bạn duyệt', body: t.title },
      { name: t.title, note: input.note, files: files.length, ...behalf(app, by) },
      a.caller.id,
      now,
    );
  });
  return getTask(app, t.id);
}

function creatorSide(app: AppContext, a: rules.Actor, t: repo.TaskRecord, doing: string): Acting {
  const by = rules.actingFor(app, a, t.created_by, 'decide');
  if (!by) throw new AppError('FORBIDDEN', `Chỉ người giao việc (hoặc người được ủy quyền) mới ${doing} được.`);
  return by;
}

export function approve(app: AppContext, input: MethodParsed<'tasks.approve'>): TaskDetail {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, input.id);
  const by = creatorSide(app, a, t, 'duyệt kết quả');
  requireStatus(t, 'cho-duyet', 'duyệt kết quả');
  refuseOpenChildren(app, t);
  immediate(app.db, () => {
    const cur = current(app, t.id, ['cho-duyet'], 'duyệt kết quả');
    refuseOpenChildren(app, cur);
    finish(app, cur, a, by, 'approve', input.note ?? null, app.nowIso());
  });
  return getTask(app, t.id);
}

export function returnResult(app: AppContext, input: MethodParsed<'tasks.returnResult'>): TaskDetail {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, input.id);
  const by = creatorSide(app, a, t, 'trả lại kết quả');
  requireStatus(t, 'cho-duyet', 'trả lại kết quả');
  immediate(app.db, () => {
    const now = app.nowIso();
    moveStatus(app, current(app, t.id, ['cho-duyet'], 'trả lại kết quả'), 'dang-lam', now);
    repo.insertUpdate(app.db, { taskId: t.id, kind: 'return', actorId: a.caller.id, onBehalfOf: by.onBehalfOf, progress: null, note: input.note }, now);
    closeWork(app.db, 'task', t.id, now, { actions: ['review'] });
    const handlers = handlersOfTask(app, t.id);
    openHandlerWork(app, t.id, handlers, t.deadline, now);
    step(
      app,
      'task.return',
      t.id,
      { people: rules.peopleOf(app, handlers, isSecret(app, t), 'lead'), kind: 'task.returned', notice: 'Kết quả công việc bị trả lại', body: `${t.title}: ${input.note}` },
      { name: t.title, note: input.note, ...behalf(app, by) },
      a.caller.id,
      now,
    );
  });
  return getTask(app, t.id);
}

/**
 * "Xong": the creator (or their deputy) finishes the task, approving a result waiting for them or closing it
 * directly; the lead's side submits the result.
 */
export async function done(app: AppContext, input: MethodParsed<'tasks.done'>, opts: { networked?: boolean } = {}): Promise<TaskDetail> {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, input.id);
  const by = rules.actingFor(app, a, t.created_by, 'decide');
  if (!by) return submitResult(app, { id: t.id, note: input.note, files: [] }, opts);
  if (t.status !== 'dang-lam' && t.status !== 'cho-duyet') requireStatus(t, 'dang-lam', 'hoàn thành');
  refuseOpenChildren(app, t);
  immediate(app.db, () => {
    const cur = current(app, t.id, ['dang-lam', 'cho-duyet'], 'hoàn thành');
    refuseOpenChildren(app, cur);
    finish(app, cur, a, by, cur.status === 'cho-duyet' ? 'approve' : 'done', input.note ?? null, app.nowIso());
  });
  return getTask(app, t.id);
}

/** A file of one of the task's reports, for whoever may see the task. */
export function taskFile(app: AppContext, input: MethodParsed<'tasks.file'>): Uint8Array {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, input.id);
  if (!repo.taskHasFile(app.db, t.id, input.sha256)) throw new AppError('NOT_FOUND', 'Không có tệp này trong công việc.');
  return app.blobs.read(input.sha256);
}
