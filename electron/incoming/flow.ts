import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { hasRole, type Caller } from '../../shared/auth/roles';
import type { UserInfo } from '../../shared/auth/schemas';
import { addWorkingDays } from '../../shared/calendar/workdays';
import { formatDateVN } from '../../shared/domain/dates';
import type { IncomingDetail } from '../../shared/incoming/schemas';
import { requireCaller } from '../app/caller';
import type { AppContext } from '../app/context';
import { audit } from '../audit/record';
import { userById } from '../auth/repo';
import { calendarExceptions } from '../calendar/repo';
import { immediate } from '../db/connection';
import { folded } from '../directory/repo';
import { delegationInForce } from '../delegation/repo';
import { notify } from '../notifications/repo';
import { outgoingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { readsSecrets } from '../scope/secrecy';
import { closeWork, openWork, openWorkOf } from '../workitems/repo';
import * as flowRepo from './flow-repo';
import {
  assignableUnits,
  checkDeadline,
  docForAction,
  docName,
  docTitle,
  handlerRoleOf,
  mayFinish,
  instructAs,
  isSecret,
  namesOnSecret,
  notifyHandlers,
  openForHandlers,
  replacedLeads,
  requireActive,
  requireHeadForSecret,
  resolveAccount,
  resolveRef,
  submittedTo,
  type DocRow,
} from './flow-rules';
import { replaceHandlers, type NewHandler } from './handlers-repo';
import * as repo from './repo';
import { get } from './service';

/**
 * Incoming documents to people (ND30 Điều 23–24): trình, bút phê, phân công, tiến độ, kết quả. Each action is one
 * transaction: the trail (incoming_steps), who may read it (incoming_handlers), what waits for whom (work_items), the
 * record's status, lead and deadline, the notifications and the audit entry, or nothing at all when refused.
 */

/** Runs an action on a document the caller may act on, still open, inside one transaction; returns the detail after. */
function act(app: AppContext, id: number, fn: (d: DocRow, c: Caller, now: string) => void): IncomingDetail {
  const c = requireCaller();
  immediate(app.db, () => {
    const d = docForAction(app, id, c);
    requireActive(d);
    fn(d, c, app.nowIso());
  });
  return get(app, id);
}

/** The audit detail of a step done under ủy quyền says for whom; the live notice goes to the people it reaches. */
const behalf = (u: UserInfo | null) => (u ? { onBehalfOf: u.fullName } : {});
const noticeOf = (d: DocRow, ids: number[], title: string) => (ids.length ? { notify: ids, notice: title, noticeBody: `${docName(d)} — ${d.subject}` } : {});

function refuseSecretPerson(u: UserInfo, field: string): never {
  throw new AppError('FORBIDDEN', `${u.fullName} không được xem văn bản mật này: chỉ lãnh đạo cho ý kiến chỉ đạo mới giao văn bản mật cho người chưa có tên trên văn bản.`, { field });
}

/** Văn thư → lãnh đạo: the document waits for the leader's bút phê. */
export function submit(app: AppContext, input: MethodParsed<'incoming.submit'>): IncomingDetail {
  return act(app, input.id, (d, c, now) => {
    const leader = resolveAccount(app, input.to, 'to');
    if (!hasRole(leader, 'lanhdao')) throw new AppError('VALIDATION', `${leader.fullName} không phải lãnh đạo: chỉ trình văn bản cho tài khoản có vai trò lãnh đạo.`, { field: 'to' });
    // A secret document names the leader it goes to, who then reads it (unless they read every secret document).
    if (isSecret(d) && !readsSecrets(app.db, leader) && !flowRepo.handlerRows(app.db, d.id).some((h) => h.userId === leader.id)) {
      const kept = flowRepo.handlerRows(app.db, d.id).map((h) => ({ ...h, nameFolded: folded(h.name) }));
      replaceHandlers(app.db, d.id, [...kept, { role: 'info', unitId: null, userId: leader.id, name: leader.fullName, nameFolded: folded(leader.fullName) }]);
    }
    flowRepo.insertStep(app.db, { docId: d.id, kind: 'submit', at: now, actorId: c.id, toUserId: leader.id, note: input.note ?? null });
    closeWork(app.db, 'incoming', d.id, now, { actions: ['instruct'] });
    openWork(app.db, { kind: 'incoming', refId: d.id, action: 'instruct', userId: leader.id, unitId: null, deadline: d.deadline }, now);
    const ids = leader.id === c.id ? [] : [leader.id];
    notify(app.db, ids, { kind: 'incoming.submit', entity: 'incoming', entityId: d.id, text: `${docTitle(d)} chờ bạn cho ý kiến chỉ đạo: ${d.subject}` }, now);
    audit(app, 'incoming.submit', 'incoming', d.id, { to: leader.fullName, note: input.note ?? null, ...noticeOf(d, ids, 'Văn bản đến chờ bạn cho ý kiến chỉ đạo') });
  });
}

/** Hạn giải quyết: as entered, or N working days from today by the office's calendar. */
function deadlineOf(app: AppContext, input: { deadline?: string; workingDays?: number }): string | null {
  if (input.deadline) return input.deadline;
  if (input.workingDays) return addWorkingDays(app.today(), input.workingDays, calendarExceptions(app.db));
  return null;
}

/** The bút phê's handlers, each named once (chủ trì first): the lead is an account or unit of the office. */
function instructHandlers(app: AppContext, d: DocRow, input: MethodParsed<'incoming.instruct'>): NewHandler[] {
  const lead = resolveRef(app, input.lead, 'lead', 'lead');
  if (lead.unitId === null && lead.userId === null) {
    throw new AppError('VALIDATION', `«${lead.name}» không phải đơn vị hay tài khoản của cơ quan: chủ trì phải là một đơn vị hoặc một người trong cơ quan.`, { field: 'lead' });
  }
  const out: NewHandler[] = [];
  const seen = new Set<string>();
  const add = (h: NewHandler) => {
    const key = h.unitId !== null ? `u${h.unitId}` : h.userId !== null ? `a${h.userId}` : `t${h.nameFolded}`;
    if (!seen.has(key)) (seen.add(key), out.push(h));
  };
  const checked = (h: NewHandler, field: string) => (requireHeadForSecret(app, d, h, field), h);
  add(checked(lead, 'lead'));
  input.co.forEach((r, i) => add(checked(resolveRef(app, r, 'co', `co.${i}`), `co.${i}`)));
  input.info.forEach((r, i) => add(resolveRef(app, r, 'info', `info.${i}`)));
  return out;
}

/** The leader's bút phê: chủ trì, phối hợp, để biết, hạn giải quyết. A second one replaces the routing; the trail keeps both. */
export function instruct(app: AppContext, input: MethodParsed<'incoming.instruct'>): IncomingDetail {
  return act(app, input.id, (d, c, now) => {
    const owner = submittedTo(app, d.id);
    const as = instructAs(app, c, owner);
    if (!as && owner !== null && delegationInForce(app.db, owner, c.id, app.today())?.scope === 'inbox') {
      throw new AppError('FORBIDDEN', 'Ủy quyền bạn nhận chỉ gồm «Văn bản, công việc chờ xử lý»: cho ý kiến chỉ đạo thay lãnh đạo cần ủy quyền «Xử lý và duyệt thay».');
    }
    if (!as) throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo (hoặc người được lãnh đạo ủy quyền xử lý và duyệt thay) cho ý kiến chỉ đạo văn bản đến.');
    const behalfId = as.onBehalfOf?.id ?? null;
    if (isSecret(d) && !namesOnSecret(app, c, d.id, behalfId)) {
      throw new AppError('FORBIDDEN', 'Văn bản mật chỉ do lãnh đạo được trình (hoặc người đọc mọi văn bản mật) cho ý kiến chỉ đạo.');
    }
    const deadline = deadlineOf(app, input);
    if (deadline) checkDeadline(d, deadline, { today: app.today(), field: input.workingDays ? 'workingDays' : 'deadline' });
    const handlers = instructHandlers(app, d, input);
    // Whoever already reads the document by being named (the leader it was submitted to) stays named.
    const kept = flowRepo
      .handlerRows(app.db, d.id)
      .filter((h) => h.role === 'info' && h.userId !== null && (h.userId === owner || h.userId === behalfId) && !handlers.some((x) => x.userId === h.userId))
      .map((h) => ({ ...h, nameFolded: folded(h.name) }));
    replaceHandlers(app.db, d.id, [...handlers, ...kept]);
    const lead = handlers[0];
    flowRepo.insertStep(app.db, { docId: d.id, kind: 'instruct', at: now, actorId: c.id, onBehalfOf: behalfId, toUserId: lead.userId, toUnitId: lead.unitId, note: input.note, deadline });
    flowRepo.setLeadAndDeadline(app.db, d.id, lead.name, deadline, now);
    closeWork(app.db, 'incoming', d.id, now);
    openForHandlers(app, d, handlers, deadline, now);
    if (d.status === 'cho-xu-ly') {
      repo.setStatus(app.db, d.id, 'dang-xu-ly', now);
      repo.insertHistory(app.db, d.id, now, c.fullName, 'cho-xu-ly', 'dang-xu-ly', `Bút phê: ${lead.name} chủ trì xử lý`);
    }
    const ids = notifyHandlers(app, d, handlers, deadline, now, 'incoming.instruct', c.id);
    audit(app, 'incoming.instruct', 'incoming', d.id, {
      lead: lead.name,
      co: handlers.filter((h) => h.role === 'co').map((h) => h.name),
      info: handlers.filter((h) => h.role === 'info').map((h) => h.name),
      deadline,
      note: input.note,
      ...behalf(as.onBehalfOf),
      ...noticeOf(d, ids, 'Văn bản đến được giao cho bạn'),
    });
  });
}

/** The head of a unit named (or a leader) passes the document on to a person of the unit. */
export function assign(app: AppContext, input: MethodParsed<'incoming.assign'>): IncomingDetail {
  return act(app, input.id, (d, c, now) => {
    const units = assignableUnits(app, d, c);
    if (!units.length) throw new AppError('FORBIDDEN', `Chỉ trưởng đơn vị được giao xử lý văn bản ${docName(d)} (hoặc lãnh đạo) phân công người xử lý.`);
    const person = resolveAccount(app, input.to, 'to');
    const unit = units.find((u) => u.role === 'lead' && flowRepo.inUnit(app.db, u.unitId, person.id)) ?? units.find((u) => flowRepo.inUnit(app.db, u.unitId, person.id));
    if (!unit) {
      throw new AppError('VALIDATION', `${person.fullName} không phải thành viên của ${units.map((u) => `«${u.unitName}»`).join(', ')}: chỉ phân công cho người trong đơn vị được giao.`, { field: 'to' });
    }
    if (isSecret(d) && !unit.members.some((m) => m.id === person.id) && !flowRepo.handlerRows(app.db, d.id).some((h) => h.userId === person.id)) {
      refuseSecretPerson(person, 'to');
    }
    const role = input.role ?? unit.role;
    // The unit's chủ trì moves: whoever it passed the document to as chủ trì before gives it up.
    const replaced = role === 'lead' ? replacedLeads(app, d.id, unit.unitId, person.id) : [];
    const items = openWorkOf(app.db, 'incoming', d.id);
    const unitItem = items.find((w) => w.unitId === unit.unitId) ?? items.find((w) => isSecret(d) && w.userId !== null && w.userId === flowRepo.unitHeadOf(app.db, unit.unitId));
    const leadItem = items.find((w) => w.action === 'lead' && replaced.some((h) => h.userId === w.userId));
    if (input.deadline) checkDeadline(d, input.deadline, { today: app.today(), notAfter: d.deadline });
    const deadline = input.deadline ?? unitItem?.deadline ?? leadItem?.deadline ?? d.deadline;
    for (const h of replaced) {
      closeWork(app.db, 'incoming', d.id, now, { userId: h.userId!, actions: ['lead'] });
      flowRepo.removeUserHandler(app.db, d.id, h.userId!, 'lead');
    }
    closeWork(app.db, 'incoming', d.id, now, { unitId: unit.unitId });
    if (unitItem?.userId != null && unitItem.userId !== person.id) closeWork(app.db, 'incoming', d.id, now, { userId: unitItem.userId, actions: ['lead', 'co'] });
    closeWork(app.db, 'incoming', d.id, now, { userId: person.id, actions: ['lead', 'co'] });
    openWork(app.db, { kind: 'incoming', refId: d.id, action: role, userId: person.id, unitId: null, deadline }, now);
    flowRepo.addUserHandler(app.db, d.id, role, person.id, person.fullName, folded(person.fullName));
    const moved = replaced.length ? `Thay ${replaced.map((h) => h.name).join(', ')} chủ trì xử lý.` : null;
    const note = [input.note ?? null, moved].filter(Boolean).join(' — ') || null;
    flowRepo.insertStep(app.db, { docId: d.id, kind: 'assign', at: now, actorId: c.id, onBehalfOf: unit.onBehalfOf, toUserId: person.id, toUnitId: unit.unitId, note, deadline });
    const gone = replaced.map((h) => h.userId!).filter((id) => id !== c.id);
    notify(app.db, gone, { kind: 'incoming.assign', entity: 'incoming', entityId: d.id, text: `${docTitle(d)}: chủ trì xử lý đã chuyển cho ${person.fullName}: ${d.subject}` }, now);
    const ids = person.id === c.id ? [] : [person.id];
    const due = deadline ? `, hạn ${formatDateVN(deadline)}` : '';
    notify(app.db, ids, { kind: 'incoming.assign', entity: 'incoming', entityId: d.id, text: `${docTitle(d)} được phân công cho bạn ${role === 'lead' ? 'chủ trì' : 'phối hợp'} xử lý${due}: ${d.subject}` }, now);
    const owner = unit.onBehalfOf === null ? null : (userById(app.db, unit.onBehalfOf) ?? null);
    const replaces = replaced.length ? { replaces: replaced.map((h) => h.name) } : {};
    audit(app, 'incoming.assign', 'incoming', d.id, { to: person.fullName, unit: unit.unitName, role, deadline, note: input.note ?? null, ...replaces, ...behalf(owner), ...noticeOf(d, ids, 'Văn bản đến được phân công cho bạn') });
  });
}

/** A handler reports how far the work has got. */
export function progress(app: AppContext, input: MethodParsed<'incoming.progress'>): IncomingDetail {
  return act(app, input.id, (d, c, now) => {
    if (!handlerRoleOf(app, d.id, c.id)) throw new AppError('FORBIDDEN', `Chỉ người, đơn vị được giao xử lý văn bản ${docName(d)} báo cáo tiến độ.`);
    flowRepo.insertStep(app.db, { docId: d.id, kind: 'progress', at: now, actorId: c.id, note: input.note, progress: input.progress });
    audit(app, 'incoming.progress', 'incoming', d.id, { progress: input.progress, note: input.note });
  });
}

/**
 * The reply that answers an incoming document: an outgoing document of the register, issued, that the caller may read,
 * dated on or after the day the incoming one arrived.
 */
function replyDoc(app: AppContext, d: DocRow, id: number): flowRepo.OutgoingBrief {
  const g = flowRepo.outgoingBrief(app.db, id);
  if (!g || !outgoingVisible(app.db, id, viewerOf(app))) throw new AppError('VALIDATION', `Không tìm thấy văn bản đi có mã ${id}.`, { field: 'reply' });
  if (g.status !== 'issued') {
    const what = { issuing: 'đang phát hành', cancelled: 'là số đã hủy', skipped: 'là số bỏ qua', reserved: 'là số giữ trước' }[g.status] ?? g.status;
    throw new AppError('VALIDATION', `Văn bản đi mã ${id} (${g.ref}) ${what}, chưa phải văn bản đã phát hành: chỉ văn bản đã phát hành mới là văn bản trả lời.`, { field: 'reply' });
  }
  if (g.docDate < d.arrival_date) {
    throw new AppError('VALIDATION', `Văn bản ${g.ref} ban hành ngày ${formatDateVN(g.docDate)}, trước ngày đến ${formatDateVN(d.arrival_date)}: không thể là văn bản trả lời.`, { field: 'reply' });
  }
  return g;
}

/** The lead (or the leader, or the văn thư) finishes the document, with the reply document when there is one. */
export function finish(app: AppContext, input: MethodParsed<'incoming.finish'>): IncomingDetail {
  return act(app, input.id, (d, c, now) => {
    if (!mayFinish(app, d.id, c)) {
      throw new AppError('FORBIDDEN', `Chỉ người, đơn vị chủ trì xử lý văn bản ${docName(d)} (hoặc lãnh đạo, văn thư) ghi kết quả hoàn thành.`);
    }
    const reply = input.reply !== undefined ? replyDoc(app, d, input.reply) : null;
    flowRepo.insertStep(app.db, { docId: d.id, kind: 'finish', at: now, actorId: c.id, note: input.note ?? null, replyId: reply?.id ?? null, progress: 100 });
    repo.setStatus(app.db, d.id, 'hoan-thanh', now);
    const said = [reply ? `Trả lời bằng văn bản số ${reply.ref} ngày ${formatDateVN(reply.docDate)}` : null, input.note ?? null].filter(Boolean).join('. ');
    repo.insertHistory(app.db, d.id, now, c.fullName, d.status, 'hoan-thanh', said || null);
    closeWork(app.db, 'incoming', d.id, now);
    const instructed = flowRepo.lastStep(app.db, d.id, ['instruct', 'paper']);
    const leader = instructed?.onBehalfOf?.id ?? instructed?.actor?.id ?? submittedTo(app, d.id);
    const ids = leader !== null && leader !== c.id ? [leader] : [];
    notify(app.db, ids, { kind: 'incoming.finish', entity: 'incoming', entityId: d.id, text: `${docTitle(d)} đã xử lý xong${reply ? ` (trả lời bằng văn bản số ${reply.ref})` : ''}: ${d.subject}` }, now);
    audit(app, 'incoming.finish', 'incoming', d.id, { reply: reply?.ref ?? null, replyId: reply?.id ?? null, note: input.note ?? null, ...noticeOf(d, ids, 'Văn bản đến đã xử lý xong') });
  });
}

/** The leader it was submitted to sends it back to the văn thư (not theirs to instruct, papers missing). */
export function returnToClerk(app: AppContext, input: MethodParsed<'incoming.returnToClerk'>): IncomingDetail {
  return act(app, input.id, (d, c, now) => {
    const submitted = flowRepo.lastStep(app.db, d.id, ['submit']);
    const owner = submitted?.toUser?.id ?? null;
    if (!submitted || !openWorkOf(app.db, 'incoming', d.id).some((w) => w.action === 'instruct')) {
      throw new AppError('CONFLICT', `Văn bản ${docName(d)} không ở bước chờ ý kiến chỉ đạo: không có gì để trả lại.`);
    }
    const behalfOf = owner !== c.id && owner !== null && delegationInForce(app.db, owner, c.id, app.today()) ? (userById(app.db, owner) ?? null) : null;
    if (owner !== c.id && !behalfOf) throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo được trình (hoặc người được ủy quyền) trả lại văn bản cho văn thư.');
    const clerk = submitted.actor?.id ?? null;
    flowRepo.insertStep(app.db, { docId: d.id, kind: 'return', at: now, actorId: c.id, onBehalfOf: behalfOf?.id ?? null, toUserId: clerk, note: input.note });
    closeWork(app.db, 'incoming', d.id, now, { actions: ['instruct'] });
    const ids = clerk !== null && clerk !== c.id ? [clerk] : [];
    notify(app.db, ids, { kind: 'incoming.return', entity: 'incoming', entityId: d.id, text: `${docTitle(d)} bị trả lại: ${input.note}` }, now);
    audit(app, 'incoming.return', 'incoming', d.id, { note: input.note, ...behalf(behalfOf), ...noticeOf(d, ids, 'Văn bản đến bị trả lại') });
  });
}
