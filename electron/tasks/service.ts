import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { docTypeByCode } from '../../shared/domain/doc-types';
import { todayInVietnam } from '../../shared/domain/dates';
import { TASK_STATUS_LABELS, type TaskDetail, type TaskList } from '../../shared/tasks/schemas';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { refuseIfChangedSince } from '../auth/edit-guard';
import { incomingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { closeWork, setWorkDeadline } from '../workitems/repo';
import { folded } from '../directory/repo';
import { unitByFolded } from '../units/repo';
import * as repo from './repo';
import { oneTaskScope, taskFilter, taskScope } from './scope-repo';
import * as rules from './rules';
import { closeRemovedWork, createTask, deadlineText, openHandlerWork, step } from './steps';

/** Giao việc: creating, reading, listing, changing and cancelling tasks (the handlers' steps: flow.ts). */

const isOpen = (t: repo.TaskRecord) => t.status === 'dang-lam' || t.status === 'cho-duyet';

/** About a secret document: its incoming document or its plan has a độ mật (the read rule's secretTask, scope-repo.ts). */
export function isSecret(app: AppContext, t: Pick<repo.TaskRecord, 'incoming_id' | 'outgoing_id'>): boolean {
  return (t.incoming_id !== null || t.outgoing_id !== null) && repo.sourceSecret(app.db, t.incoming_id, t.outgoing_id);
}

export function handlersOfTask(app: AppContext, id: number): repo.NewTaskHandler[] {
  return (repo.handlersOf(app.db, [id]).get(id) ?? []).map((h) => ({ role: h.role, userId: h.userId, unitId: h.unitId, name: h.name }));
}

/** The date of the record a task comes from, which its deadline may not precede. */
function sourceDate(app: AppContext, t: { incoming_id: number | null; outgoing_id: number | null; meeting_id: number | null }): { date: string; what: string } | null {
  if (t.incoming_id !== null) {
    const d = repo.incomingSource(app.db, t.incoming_id);
    if (d) return { date: d.doc_date, what: `văn bản đến ${d.ref}` };
  }
  if (t.outgoing_id !== null) {
    const p = repo.planSource(app.db, t.outgoing_id);
    if (p) return { date: p.doc_date, what: `văn bản ${p.ref}` };
  }
  if (t.meeting_id !== null) {
    const m = repo.meetingDay(app.db, t.meeting_id);
    if (m) return { date: todayInVietnam(new Date(m.startMs)), what: `cuộc họp «${m.title}»` };
  }
  return null;
}

function sourceText(app: AppContext, t: repo.TaskRecord): string {
  if (t.outgoing_id !== null) {
    const p = repo.planSource(app.db, t.outgoing_id);
    const type = (p?.doc_type && docTypeByCode(p.doc_type)?.name) || 'Văn bản';
    return `${type} số ${p?.ref ?? `#${t.outgoing_id}`}${t.plan_row !== null ? `, dòng ${t.plan_row}` : ''}${p?.subject ? ` — ${p.subject}` : ''}`;
  }
  if (t.incoming_id !== null) {
    const d = repo.incomingSource(app.db, t.incoming_id);
    return d ? `Bút phê văn bản đến số ${d.arrival_number}/${d.year} (${d.ref}) — ${d.subject}` : `Văn bản đến #${t.incoming_id}`;
  }
  if (t.meeting_id !== null) return `Kết luận cuộc họp «${repo.meetingDay(app.db, t.meeting_id)?.title ?? `#${t.meeting_id}`}»`;
  return t.parent_id !== null ? `Việc con của việc #${t.parent_id}` : 'Nhập trực tiếp';
}

export function getTask(app: AppContext, id: number): TaskDetail {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, id);
  const today = app.today();
  const [row] = repo.toTaskRows(app.db, [t], today);
  const handlers = handlersOfTask(app, id);
  const secret = isSecret(app, t);
  const viewer = rules.viewerFor(app, a.caller);
  const children = repo.childIds(app.db, id).filter((c) => repo.taskVisibleBy(app.db, c, oneTaskScope(viewer, c))).map((c) => repo.taskById(app.db, c)!);
  const parent = t.parent_id === null ? null : repo.taskById(app.db, t.parent_id);
  const creator = rules.actingFor(app, a, t.created_by, 'decide') !== undefined;
  const open = isOpen(t);
  return {
    ...row,
    note: t.note,
    cancelReason: t.cancel_reason,
    sourceText: sourceText(app, t),
    parent: parent ? { id: parent.id, title: parent.title, status: parent.status } : null,
    children: repo.toTaskRows(app.db, children, today),
    updates: repo.updatesOf(app.db, id),
    can: {
      edit: open && (creator || a.leader),
      progress: t.status === 'dang-lam' && rules.actingAsHandler(app, a, handlers, secret) !== undefined,
      submit: t.status === 'dang-lam' && rules.actingAsLead(app, a, handlers, secret) !== undefined,
      decide: t.status === 'cho-duyet' && creator,
      finish: open && creator,
      cancel: open && (creator || a.leader),
      addSubtask: open && (a.leader || a.clerk || t.created_by === a.caller.id || rules.handlesTask(a, handlers, undefined, secret)),
    },
  };
}

export function addTask(app: AppContext, input: MethodParsed<'tasks.add'>): TaskDetail {
  const a = rules.actorOf(app);
  const handlers = rules.resolveHandlers(app, input.lead, input.co);
  let parent: { record: repo.TaskRecord; handlers: repo.NewTaskHandler[] } | null = null;
  if (input.parentId !== undefined) {
    const p = rules.visibleTask(app, a, input.parentId);
    if (!isOpen(p)) throw new AppError('CONFLICT', `Việc #${p.id} đã ${TASK_STATUS_LABELS[p.status].toLowerCase()}: không thêm việc con được.`, { field: 'parentId' });
    const ph = handlersOfTask(app, p.id);
    if (!(a.leader || a.clerk || p.created_by === a.caller.id || rules.handlesTask(a, ph, undefined, isSecret(app, p)))) {
      throw new AppError('FORBIDDEN', 'Chỉ người giao việc và người xử lý việc này mới thêm được việc con.', { field: 'parentId' });
    }
    parent = { record: p, handlers: ph };
  }
  // A sub-task of a secret task keeps its parent's documents, so the secret rule keeps following it.
  const secretParent = parent !== null && isSecret(app, parent.record) ? parent.record : null;
  if (secretParent && input.incomingId !== undefined && input.incomingId !== secretParent.incoming_id) {
    throw new AppError('VALIDATION', `Việc #${secretParent.id} thuộc văn bản mật: việc con của nó giữ văn bản của việc cha, không gắn văn bản đến khác được.`, { field: 'incomingId' });
  }
  const incomingId = secretParent ? secretParent.incoming_id : (input.incomingId ?? parent?.record.incoming_id ?? null);
  const outgoingId = secretParent ? secretParent.outgoing_id : null;
  let secretDoc = false;
  if (incomingId !== null) {
    const doc = repo.incomingSource(app.db, incomingId);
    if (!doc || !incomingVisible(app.db, incomingId, viewerOf(app))) throw new AppError('NOT_FOUND', `Không có văn bản đến mã ${incomingId}.`, { field: 'incomingId' });
    secretDoc = doc.secrecy !== 'thuong';
  }
  const secret = secretDoc || secretParent !== null;
  if (input.meetingId !== undefined && !repo.meetingDay(app.db, input.meetingId)) throw new AppError('NOT_FOUND', `Không có cuộc họp mã ${input.meetingId}.`, { field: 'meetingId' });
  rules.checkMayAssign(app, a, handlers, parent);
  if (secretDoc) rules.checkSecretHandlers(app, incomingId!, handlers);
  const deadline = rules.deadlineOf(app, input) ?? null;
  const meetingId = input.meetingId ?? null;
  rules.checkDeadline(deadline, sourceDate(app, { incoming_id: incomingId, outgoing_id: outgoingId, meeting_id: meetingId }));
  const id = immediate(app.db, () =>
    createTask(
      app,
      {
        parentId: parent?.record.id ?? null,
        title: input.title,
        sourceKind: input.incomingId !== undefined ? 'butphe' : meetingId !== null ? 'meeting' : 'typed',
        incomingId,
        outgoingId,
        planRow: null,
        meetingId,
        note: input.note ?? null,
        deadline,
        createdBy: a.caller.id,
        handlers,
        secret,
      },
      app.nowIso(),
    ),
  );
  return getTask(app, id);
}

export function updateTask(app: AppContext, input: MethodParsed<'tasks.update'>): TaskDetail {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, input.id);
  const by = rules.actingFor(app, a, t.created_by, 'decide') ?? (a.leader ? { onBehalfOf: null } : undefined);
  if (!by) throw new AppError('FORBIDDEN', 'Chỉ người giao việc (hoặc người được ủy quyền, lãnh đạo) mới sửa được việc này.');
  if (!isOpen(t)) throw new AppError('CONFLICT', `Việc đã ${TASK_STATUS_LABELS[t.status].toLowerCase()}: không sửa được.`);
  const old = handlersOfTask(app, t.id);
  const secret = isSecret(app, t);
  const changedHandlers = input.lead !== undefined || input.co !== undefined;
  const handlers = changedHandlers
    ? rules.resolveHandlers(app, input.lead ?? leadRef(old), input.co ?? old.filter((h) => h.role === 'co').map(coRef))
    : old;
  if (changedHandlers) {
    const parent = t.parent_id === null ? null : { record: repo.taskById(app.db, t.parent_id)!, handlers: handlersOfTask(app, t.parent_id) };
    rules.checkMayAssign(app, a, handlers.filter((h) => !old.some((o) => o.userId === h.userId && o.unitId === h.unitId)), parent);
    if (secret && t.incoming_id !== null && repo.incomingSource(app.db, t.incoming_id)?.secrecy !== 'thuong') rules.checkSecretHandlers(app, t.incoming_id, handlers);
  }
  const asked = rules.deadlineOf(app, input);
  const deadline = asked === undefined ? t.deadline : asked;
  if (deadline !== t.deadline) rules.checkDeadline(deadline, sourceDate(app, t));
  immediate(app.db, () => {
    refuseIfChangedSince(app, { entity: 'task', id: t.id, updatedAt: repo.taskById(app.db, t.id)!.updated_at, noun: 'Công việc' }, input.expectedUpdatedAt);
    const now = app.nowIso();
    const title = input.title ?? t.title;
    repo.updateTask(app.db, t.id, { title, note: input.note !== undefined ? input.note || null : t.note, deadline }, now);
    repo.insertUpdate(app.db, { taskId: t.id, kind: 'edit', actorId: a.caller.id, onBehalfOf: by.onBehalfOf, progress: null, note: null }, now);
    const added = handlers.filter((h) => !old.some((o) => o.role === h.role && o.userId === h.userId && o.unitId === h.unitId && o.name === h.name));
    if (changedHandlers) {
      repo.replaceTaskHandlers(app.db, t.id, handlers);
      if (t.status === 'dang-lam') {
        closeRemovedWork(app, t.id, handlers, now);
        openHandlerWork(app, t.id, handlers, deadline, now);
      }
    }
    if (deadline !== t.deadline) setWorkDeadline(app.db, 'task', t.id, deadline);
    const reached = deadline !== t.deadline ? handlers : added;
    step(
      app,
      'task.update',
      t.id,
      { people: rules.peopleOf(app, reached, secret), kind: 'task.changed', notice: deadline !== t.deadline ? 'Việc của bạn đổi thời hạn' : 'Bạn được giao việc', body: `${title}${deadlineText(deadline)}` },
      {
        name: title,
        ...(changedHandlers ? { lead: handlers[0].name, coUnits: handlers.slice(1).map((h) => h.name) } : {}),
        ...(deadline !== t.deadline ? { deadline } : {}),
        ...(by.onBehalfOf ? { onBehalfOf: repo.userName(app.db, by.onBehalfOf) } : {}),
      },
      a.caller.id,
      now,
    );
  });
  return getTask(app, t.id);
}

const leadRef = (hs: repo.NewTaskHandler[]) => {
  const l = hs.find((h) => h.role === 'lead')!;
  return l.userId !== null ? { userId: l.userId } : { unitId: l.unitId! };
};
const coRef = (h: repo.NewTaskHandler) => (h.userId !== null ? { userId: h.userId } : h.unitId !== null ? { unitId: h.unitId } : h.name);

/** Cancels the task and its open sub-tasks, with the reason; nothing waits for anyone after. */
export function cancelTask(app: AppContext, input: MethodParsed<'tasks.cancel'>): TaskDetail {
  const a = rules.actorOf(app);
  const t = rules.visibleTask(app, a, input.id);
  const by = rules.actingFor(app, a, t.created_by, 'decide') ?? (a.leader ? { onBehalfOf: null } : undefined);
  if (!by) throw new AppError('FORBIDDEN', 'Chỉ người giao việc (hoặc người được ủy quyền, lãnh đạo) mới hủy được việc này.');
  if (!isOpen(t)) throw new AppError('CONFLICT', `Việc đã ${TASK_STATUS_LABELS[t.status].toLowerCase()}: không hủy được.`);
  immediate(app.db, () => {
    const now = app.nowIso();
    const cancel = (id: number, reason: string) => {
      for (const c of repo.openChildren(app.db, id)) cancel(c.id, `Việc cha #${id} bị hủy: ${input.reason}`);
      const task = repo.taskById(app.db, id)!;
      if (!repo.setTaskStatus(app.db, id, ['dang-lam', 'cho-duyet'], 'huy', now, { cancelReason: reason })) {
        throw new AppError('CONFLICT', `Việc #${id} vừa được người khác thay đổi: hãy tải lại rồi làm lại.`);
      }
      repo.insertUpdate(app.db, { taskId: id, kind: 'cancel', actorId: a.caller.id, onBehalfOf: by.onBehalfOf, progress: null, note: reason }, now);
      closeWork(app.db, 'task', id, now);
      step(
        app,
        'task.cancel',
        id,
        { people: rules.peopleOf(app, handlersOfTask(app, id), isSecret(app, task)), kind: 'task.cancelled', notice: 'Việc đã bị hủy', body: task.title },
        { name: task.title, reason, ...(by.onBehalfOf ? { onBehalfOf: repo.userName(app.db, by.onBehalfOf) } : {}) },
        a.caller.id,
        now,
      );
    };
    cancel(t.id, input.reason);
  });
  return getTask(app, t.id);
}

export function listTasks(app: AppContext, input: MethodParsed<'tasks.list'>): TaskList {
  const a = rules.actorOf(app);
  const where = listWhere(app, a, input);
  const { rows, total } = repo.findTasks(app.db, where, input.limit, input.offset);
  return { rows: repo.toTaskRows(app.db, rows, app.today()), total };
}

/** The list's filters and the read rule, as one WHERE fragment over `tasks t`. */
export function listWhere(app: AppContext, a: rules.Actor, input: Omit<MethodParsed<'tasks.list'>, 'limit' | 'offset'>): repo.Fragment {
  let unitId = input.unitId;
  if (unitId === undefined && input.unit) {
    const unit = unitByFolded(app.db, folded(input.unit));
    if (!unit) throw new AppError('VALIDATION', `Không có đơn vị «${input.unit}».`, { field: 'unit' });
    unitId = unit.id;
  }
  return taskFilter(taskScope(rules.viewerFor(app, a.caller)), {
    mineOf: input.mine ? a.caller.id : undefined,
    unitId,
    overdueOn: input.overdue ? app.today() : undefined,
    status: input.status,
    outgoingId: input.outgoingId,
    parentId: input.parentId,
    q: input.q,
  });
}
