import { AppError } from '../../shared/api/result';
import { hasRole, type Caller } from '../../shared/auth/roles';
import type { UserInfo } from '../../shared/auth/schemas';
import { formatDateVN } from '../../shared/domain/dates';
import type { AssignableUnit, FlowInfo, HandlerRef } from '../../shared/incoming/flow';
import type { AppContext } from '../app/context';
import { listUsers, userById, userByName } from '../auth/repo';
import { folded } from '../directory/repo';
import { delegationInForce, delegatorsOf } from '../delegation/repo';
import { notify } from '../notifications/repo';
import { incomingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { readsSecrets } from '../scope/secrecy';
import { unitById } from '../units/repo';
import { closeWork, openWork, openWorkOf } from '../workitems/repo';
import * as flowRepo from './flow-repo';
import type { NewHandler } from './handlers-repo';
import * as repo from './repo';
import { resolveHandler } from './routing';

/**
 * The rules of the incoming flow that several actions share: who an account or handler named is, who may act on a
 * document and in whose name (ủy quyền), what a secret document allows, and what reaches whose inbox.
 */

export type DocRow = repo.IncomingDbRow;

export const docName = (d: Pick<DocRow, 'arrival_number' | 'year'>) => `số đến ${d.arrival_number}/${d.year}`;
/** How a notification names the document: "Văn bản đến số 12/2026". */
export const docTitle = (d: Pick<DocRow, 'arrival_number' | 'year'>) => `Văn bản đến số ${d.arrival_number}/${d.year}`;
export const isSecret = (d: Pick<DocRow, 'secrecy'>) => d.secrecy !== 'thuong';
const isOpen = (d: Pick<DocRow, 'status'>) => d.status === 'cho-xu-ly' || d.status === 'dang-xu-ly';

const notFound = (id: number) => new AppError('NOT_FOUND', `Không tìm thấy văn bản đến có mã ${id}.`, { field: 'id' });

/**
 * Beyond the read rule (scope/repo.ts), the flow lets read a document: the deputy of an account it waits for today
 * (ủy quyền: the deputy works from the leader's inbox), and whoever took a step on it under ủy quyền. Not a secret
 * one: ủy quyền does not pass on the right to read secrets, so a deputy reads it only as a reader of every secret
 * document or as someone named on it (both already pass the read rule).
 */
export function readableInFlow(app: AppContext, id: number, c: Caller): boolean {
  if (incomingVisible(app.db, id, viewerOf(app))) return true;
  const row = repo.getRow(app.db, id);
  if (!row || (isSecret(row) && !readsSecrets(app.db, c))) return false;
  return flowRepo.waitsForAny(app.db, id, delegatorsOf(app.db, c.id, app.today())) || flowRepo.actedForOthers(app.db, id, c.id);
}

/** The document an action is about: one the caller may read (readableInFlow); anything else is not found. */
export function docForAction(app: AppContext, id: number, c: Caller): DocRow {
  const row = repo.getRow(app.db, id);
  if (!row || !readableInFlow(app, id, c)) throw notFound(id);
  return row;
}

/** Cancelled and finished documents are not acted on (the văn thư reopens a finished one by its status). */
export function requireActive(d: DocRow): void {
  if (d.status === 'da-huy') throw new AppError('CONFLICT', `Văn bản ${docName(d)} đã bị hủy: không thể xử lý tiếp.`);
  if (d.status === 'hoan-thanh') {
    throw new AppError('CONFLICT', `Văn bản ${docName(d)} đã hoàn thành xử lý: muốn xử lý tiếp, văn thư chuyển lại trạng thái «Đang xử lý» trước.`);
  }
}

/** An active account by id, login name, or a full name that only one active account has. */
export function resolveAccount(app: AppContext, ref: number | string, field: string): UserInfo {
  if (typeof ref === 'number') {
    const u = userById(app.db, ref);
    if (!u?.active) throw new AppError('VALIDATION', `Không có tài khoản đang hoạt động có mã ${ref}.`, { field });
    return u;
  }
  const login = userByName(app.db, ref.trim());
  if (login?.active) return login;
  const byName = listUsers(app.db).filter((u) => u.active && folded(u.fullName) === folded(ref));
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw new AppError('VALIDATION', `Có ${byName.length} tài khoản tên «${ref}»: chọn theo tên đăng nhập.`, { field });
  throw new AppError('VALIDATION', `Không có tài khoản đang hoạt động nào tên «${ref}».`, { field });
}

/** A handler named by id or by name: a unit of the office, an account, or (as text) an outside organisation. */
export function resolveRef(app: AppContext, ref: HandlerRef, role: NewHandler['role'], field: string): NewHandler {
  if (typeof ref === 'string') return resolveHandler(app, ref, role);
  if ('unitId' in ref) {
    const u = unitById(app.db, ref.unitId);
    if (!u) throw new AppError('VALIDATION', `Không có đơn vị có mã ${ref.unitId}.`, { field });
    return { role, unitId: u.id, userId: null, name: u.name, nameFolded: folded(u.name) };
  }
  const u = userById(app.db, ref.userId);
  if (!u?.active) throw new AppError('VALIDATION', `Không có tài khoản đang hoạt động có mã ${ref.userId}.`, { field });
  return { role, unitId: null, userId: u.id, name: u.fullName, nameFolded: folded(u.fullName) };
}

/** A deadline is a day on or after the document's date and its arrival (and, for a new instruction, not past). */
export function checkDeadline(d: DocRow, deadline: string, opts: { today?: string; field?: string; notAfter?: string | null } = {}): void {
  const field = opts.field ?? 'deadline';
  const vn = formatDateVN;
  if (deadline < d.doc_date) throw new AppError('VALIDATION', `Hạn giải quyết ${vn(deadline)} ở trước ngày của văn bản (${vn(d.doc_date)}).`, { field });
  if (deadline < d.arrival_date) throw new AppError('VALIDATION', `Hạn giải quyết ${vn(deadline)} ở trước ngày đến của văn bản (${vn(d.arrival_date)}).`, { field });
  if (opts.today && deadline < opts.today) throw new AppError('VALIDATION', `Hạn giải quyết ${vn(deadline)} đã qua (hôm nay là ${vn(opts.today)}).`, { field });
  if (opts.notAfter && deadline > opts.notAfter) {
    throw new AppError('VALIDATION', `Hạn giải quyết ${vn(deadline)} ở sau hạn lãnh đạo giao cho văn bản (${vn(opts.notAfter)}).`, { field });
  }
}

/** The leader the document was last submitted to (null when it never was). */
export function submittedTo(app: AppContext, docId: number): number | null {
  return flowRepo.lastStep(app.db, docId, ['submit'])?.toUser?.id ?? null;
}

/**
 * In whose name the caller gives the bút phê: their own (the leader it was submitted to, or any lãnh đạo), or the
 * name of the leader it was submitted to, under a delegation in force today whose scope is «Xử lý và duyệt thay»
 * ('all'). A delegation of the inbox only ('inbox') lets the deputy see what waits for the leader, pass it on to a
 * unit's people (phân công) and send it back to the văn thư, not instruct. Undefined: the caller may not.
 */
export function instructAs(app: AppContext, c: Caller | null, owner: number | null): { onBehalfOf: UserInfo | null } | undefined {
  if (!c) return undefined;
  if (owner === c.id) return { onBehalfOf: null };
  if (owner !== null && delegationInForce(app.db, owner, c.id, app.today())?.scope === 'all') {
    const u = userById(app.db, owner);
    if (u) return { onBehalfOf: u };
  }
  return hasRole(c, 'lanhdao') ? { onBehalfOf: null } : undefined;
}

/**
 * Who may name people on a secret document (i17 contract): a reader of every secret document, the leader it was
 * submitted to, whoever gave its bút phê — in their own name or for them under ủy quyền.
 */
export function namesOnSecret(app: AppContext, c: Caller, docId: number, onBehalfOf: number | null = null): boolean {
  if (readsSecrets(app.db, c)) return true;
  const leaders = new Set<number>();
  const owner = submittedTo(app, docId);
  if (owner !== null) leaders.add(owner);
  for (const s of flowRepo.stepsOf(app.db, docId)) {
    if (s.kind === 'instruct' || s.kind === 'paper') {
      if (s.onBehalfOf) leaders.add(s.onBehalfOf.id);
      else if (s.actor) leaders.add(s.actor.id);
    }
  }
  return leaders.has(c.id) || (onBehalfOf !== null && leaders.has(onBehalfOf));
}

/** Who may finish a document (or reopen a finished one): the văn thư, a lãnh đạo, or whoever leads its handling. */
export function mayFinish(app: AppContext, docId: number, c: Caller, role = () => handlerRoleOf(app, docId, c.id)): boolean {
  return hasRole(c, 'vanthu', 'lanhdao') || role() === 'lead';
}

/** The caller's part in handling the document: chủ trì, phối hợp (as the account, a member or the head of a unit named), or none. */
export function handlerRoleOf(app: AppContext, docId: number, userId: number): 'lead' | 'co' | null {
  let best: 'lead' | 'co' | null = null;
  for (const h of flowRepo.handlerRows(app.db, docId)) {
    if (h.role === 'info') continue;
    const mine = h.userId === userId || (h.unitId !== null && flowRepo.inUnit(app.db, h.unitId, userId));
    if (mine && (h.role === 'lead' || best === null)) best = h.role;
  }
  return best;
}

/**
 * The units named on the document (chủ trì, phối hợp) that the caller may pass on: as their head, for their head under
 * ủy quyền, or as a lãnh đạo. On a secret document, someone who may not name people passes it only to those named.
 */
export function assignableUnits(app: AppContext, d: DocRow, c: Caller): (AssignableUnit & { onBehalfOf: number | null })[] {
  const out: (AssignableUnit & { onBehalfOf: number | null })[] = [];
  const rows = flowRepo.handlerRows(app.db, d.id);
  const named = new Set(rows.filter((h) => h.userId !== null).map((h) => h.userId!));
  const today = app.today();
  let mayName: boolean | undefined;
  for (const h of rows) {
    if (h.unitId === null || h.role === 'info' || out.some((u) => u.unitId === h.unitId)) continue;
    const unit = unitById(app.db, h.unitId);
    if (!unit) continue;
    const head = unit.head?.id ?? null;
    let onBehalfOf: number | null = null;
    if (head === c.id || hasRole(c, 'lanhdao')) onBehalfOf = null;
    else if (head !== null && delegationInForce(app.db, head, c.id, today)) onBehalfOf = head;
    else continue;
    mayName ??= !isSecret(d) || namesOnSecret(app, c, d.id, onBehalfOf);
    const members = unit.members.filter((m) => mayName || named.has(m.id)).map((m) => ({ id: m.id, name: m.fullName }));
    out.push({ unitId: unit.id, unitName: unit.name, role: h.role, members, onBehalfOf });
  }
  return out;
}

/**
 * A secret document reaches a unit's head only: a unit without one cannot be given it (as chủ trì or phối hợp), whether
 * by the bút phê or by the văn thư recording one given on paper.
 */
export function requireHeadForSecret(app: AppContext, d: Pick<DocRow, 'secrecy'>, h: Pick<NewHandler, 'role' | 'unitId' | 'name'>, field: string): void {
  if (isSecret(d) && h.unitId !== null && h.role !== 'info' && flowRepo.unitHeadOf(app.db, h.unitId) === null) {
    throw new AppError('VALIDATION', `Đơn vị «${h.name}» chưa có trưởng đơn vị: văn bản mật chỉ đến tay trưởng đơn vị, nên hãy giao cho người cụ thể.`, { field });
  }
}

/** Whom a handler reaches: the account; a unit's head and members (a secret document: its head only). */
export function peopleOf(app: AppContext, h: Pick<NewHandler, 'unitId' | 'userId'>, secret: boolean): number[] {
  if (h.userId !== null) return [h.userId];
  if (h.unitId !== null) return flowRepo.unitPeople(app.db, h.unitId, secret);
  return [];
}

/**
 * Opens what waits for the handlers named (chủ trì, phối hợp): a row for each account, and for each unit (its head and
 * members see it until the head passes it on). A secret document waits for a unit's head in person, as only the head
 * reads it. Outside organisations wait for nobody here.
 */
export function openForHandlers(app: AppContext, d: DocRow, handlers: readonly Pick<NewHandler, 'role' | 'unitId' | 'userId'>[], deadline: string | null, at: string): void {
  for (const h of handlers) {
    if (h.role === 'info') continue;
    if (h.userId !== null) openWork(app.db, { kind: 'incoming', refId: d.id, action: h.role, userId: h.userId, unitId: null, deadline }, at);
    else if (h.unitId !== null) {
      const head = isSecret(d) ? flowRepo.unitHeadOf(app.db, h.unitId) : null;
      if (isSecret(d) && head === null) continue;
      openWork(app.db, { kind: 'incoming', refId: d.id, action: h.role, userId: head, unitId: head === null ? h.unitId : null, deadline }, at);
    }
  }
}

/**
 * The people a unit passed the document on to since its latest bút phê (phân công steps), by the unit, each with the
 * deadline they were given; only those still named on it.
 */
function passedOn(app: AppContext, docId: number): { units: Set<number>; deadlines: Map<number, string | null> } {
  const named = new Set(flowRepo.handlerRows(app.db, docId).filter((h) => h.userId !== null && h.role !== 'info').map((h) => h.userId!));
  const since = flowRepo.lastStep(app.db, docId, ['instruct', 'paper'])?.id ?? 0;
  const units = new Set<number>();
  const deadlines = new Map<number, string | null>();
  for (const s of flowRepo.stepsOf(app.db, docId)) {
    if (s.kind !== 'assign' || s.id <= since || !s.toUser || !named.has(s.toUser.id)) continue;
    if (s.toUnit) units.add(s.toUnit.id);
    deadlines.set(s.toUser.id, s.deadline);
  }
  return { units, deadlines };
}

/**
 * A finished document reopened: what still waited closes, then it waits again for the handlers named: each account in
 * person (with the deadline it was given), and each unit whose head has not passed it on yet. A unit that did pass it
 * on does not wait again: its people named wait instead, and its members do not see it again.
 */
export function reopenForHandlers(app: AppContext, d: DocRow, at: string): void {
  closeWork(app.db, 'incoming', d.id, at);
  const { units, deadlines } = passedOn(app, d.id);
  for (const h of flowRepo.handlerRows(app.db, d.id)) {
    if (h.unitId !== null && units.has(h.unitId)) continue;
    openForHandlers(app, d, [h], (h.userId !== null ? deadlines.get(h.userId) : undefined) ?? d.deadline, at);
  }
}

/**
 * Who gives up the chủ trì when a unit's head passes it to someone else as chủ trì: the people the unit passed it to
 * as chủ trì before, since the latest bút phê, unless that bút phê named them chủ trì in person.
 */
export function replacedLeads(app: AppContext, docId: number, unitId: number, newLead: number): flowRepo.HandlerRow[] {
  const instructed = flowRepo.lastStep(app.db, docId, ['instruct', 'paper']);
  const since = instructed?.id ?? 0;
  const fromUnit = new Set(
    flowRepo
      .stepsOf(app.db, docId)
      .filter((s) => s.kind === 'assign' && s.id > since && s.toUnit?.id === unitId && s.toUser)
      .map((s) => s.toUser!.id),
  );
  return flowRepo
    .handlerRows(app.db, docId)
    .filter((h) => h.role === 'lead' && h.userId !== null && h.userId !== newLead && fromUnit.has(h.userId) && instructed?.toUser?.id !== h.userId);
}

const ROLE_TEXT = { lead: 'chủ trì xử lý', co: 'phối hợp xử lý', info: 'để biết' } as const;

/** Notifies the people the handlers reach (not the caller); returns who was notified, for the live notice. */
export function notifyHandlers(app: AppContext, d: DocRow, handlers: readonly NewHandler[], deadline: string | null, at: string, kind: string, except: number): number[] {
  const reached = new Set<number>();
  for (const role of ['lead', 'co', 'info'] as const) {
    const ids = handlers.filter((h) => h.role === role).flatMap((h) => peopleOf(app, h, isSecret(d))).filter((id) => id !== except && !reached.has(id));
    if (!ids.length) continue;
    const due = deadline && role !== 'info' ? `, hạn ${formatDateVN(deadline)}` : '';
    notify(app.db, ids, { kind, entity: 'incoming', entityId: d.id, text: `${docTitle(d)} giao bạn ${ROLE_TEXT[role]}${due}: ${d.subject}` }, at);
    for (const id of ids) reached.add(id);
  }
  return [...reached];
}

/** What the caller may do with the document now (the detail's buttons); the actions check again when called. */
export function flowInfo(app: AppContext, d: DocRow, c: Caller | null): FlowInfo {
  const submitted = flowRepo.lastStep(app.db, d.id, ['submit']);
  const owner = submitted?.toUser?.id ?? null;
  const awaiting = openWorkOf(app.db, 'incoming', d.id).some((w) => w.action === 'instruct');
  const open = isOpen(d);
  const as = open ? instructAs(app, c, owner) : undefined;
  const assignable = open && c ? assignableUnits(app, d, c) : [];
  const role = open && c ? handlerRoleOf(app, d.id, c.id) : null;
  const lastProgress = flowRepo.lastStep(app.db, d.id, ['progress']);
  const finished = flowRepo.lastStep(app.db, d.id, ['finish']);
  const own = c !== null && (owner === c.id || (owner !== null && delegationInForce(app.db, owner, c.id, app.today()) !== undefined));
  return {
    submittedTo: submitted?.toUser ?? null,
    awaitingInstruction: awaiting,
    can: {
      submit: open && hasRole(c, 'vanthu'),
      instruct: as !== undefined && (!isSecret(d) || (c !== null && namesOnSecret(app, c, d.id, as.onBehalfOf?.id ?? null))),
      assign: assignable.some((u) => u.members.length > 0),
      progress: role !== null,
      finish: open && c !== null && mayFinish(app, d.id, c, () => role),
      returnToClerk: open && awaiting && own,
    },
    onBehalfOf: as?.onBehalfOf ? { id: as.onBehalfOf.id, name: as.onBehalfOf.fullName } : null,
    assignable: assignable.map(({ onBehalfOf: _, ...u }) => u),
    progress: lastProgress?.progress ?? null,
    reply: d.status === 'hoan-thanh' ? (finished?.reply ?? null) : null,
  };
}
