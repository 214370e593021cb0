import { AppError } from '../../shared/api/result';
import { hasRole, type Caller } from '../../shared/auth/roles';
import { formatDateVN } from '../../shared/domain/dates';
import { addWorkingDays } from '../../shared/calendar/workdays';
import type { HandlerRef } from '../../shared/tasks/schemas';
import type { AppContext } from '../app/context';
import { requireCaller } from '../app/caller';
import { calendarExceptions } from '../calendar/repo';
import { delegationInForce, delegatorsOf } from '../delegation/repo';
import { resolveHandler } from '../incoming/routing';
import { readsSecrets } from '../scope/secrecy';
import { userById } from '../auth/repo';
import * as repo from './repo';
import { delegatedTaskScope, oneTaskScope, type TaskViewer } from './scope-repo';

/**
 * Who may do what with a task (issue 17): lãnh đạo and văn thư give tasks to anyone, a unit's head to the unit and its
 * members, every account to itself and, inside a task of its own, to the task's handlers; the creator (or the
 * deputy holding the creator's ủy quyền that day) changes, approves and cancels; the handlers report progress and the
 * lead submits the result. A task about a secret document goes only to people named on that document.
 */

export interface Actor {
  caller: Caller;
  leader: boolean;
  clerk: boolean;
  units: { member: number[]; headed: number[] };
}

export function actorOf(app: AppContext): Actor {
  const caller = requireCaller();
  return { caller, leader: hasRole(caller, 'lanhdao'), clerk: hasRole(caller, 'vanthu'), units: repo.unitsOf(app.db, caller.id) };
}

export function viewerFor(app: AppContext, c: Pick<Caller, 'id' | 'roles'>): TaskViewer {
  return { userId: c.id, leader: hasRole(c, 'lanhdao'), secret: readsSecrets(app.db, c) };
}

export type ResolvedHandler = repo.NewTaskHandler;

const key = (h: ResolvedHandler) => (h.userId !== null ? `a${h.userId}` : h.unitId !== null ? `u${h.unitId}` : `t${h.name.toLocaleLowerCase('vi')}`);

function resolveRef(app: AppContext, ref: HandlerRef, role: 'lead' | 'co', field: string): ResolvedHandler {
  if (typeof ref !== 'string' && 'userId' in ref) {
    const u = repo.activeUser(app.db, ref.userId);
    if (!u) throw new AppError('VALIDATION', `Không có tài khoản mã ${ref.userId} (hoặc tài khoản đã khóa).`, { field });
    return { role, userId: u.id, unitId: null, name: u.fullName };
  }
  if (typeof ref !== 'string') {
    const unit = repo.unitPeople(app.db, ref.unitId);
    if (!unit) throw new AppError('VALIDATION', `Không có đơn vị mã ${ref.unitId}.`, { field });
    return { role, userId: null, unitId: ref.unitId, name: unit.name };
  }
  const h = resolveHandler(app, ref, role);
  return { role, userId: h.userId, unitId: h.unitId, name: h.name };
}

/** The lead (an account or a unit of the office) and the co-handlers, each once, the lead not repeated among them. */
export function resolveHandlers(app: AppContext, lead: HandlerRef, co: readonly HandlerRef[]): ResolvedHandler[] {
  const l = resolveRef(app, lead, 'lead', 'lead');
  if (l.userId === null && l.unitId === null) {
    throw new AppError('VALIDATION', `«${l.name}» không phải đơn vị hay tài khoản của cơ quan: chủ trì phải là một đơn vị hoặc một người của cơ quan (cơ quan bên ngoài chỉ ở phần phối hợp).`, {
      field: 'lead',
    });
  }
  const out = [l];
  const seen = new Set([key(l)]);
  co.forEach((c, i) => {
    const h = resolveRef(app, c, 'co', `co.${i}`);
    if (!seen.has(key(h))) (seen.add(key(h)), out.push(h));
  });
  return out;
}

const refuse = (name: string) =>
  new AppError(
    'FORBIDDEN',
    `Bạn không giao việc được cho «${name}»: mỗi người tự giao việc cho mình và giao việc con cho người cùng xử lý việc của mình; trưởng đơn vị giao cho đơn vị và người trong đơn vị; lãnh đạo và văn thư giao cho mọi người.`,
    { field: 'lead' },
  );

/** The handlers of a task reached through the account: by name, or a unit it belongs to or heads. */
export function handlesTask(a: Actor, handlers: readonly { role: string; userId: number | null; unitId: number | null }[], role?: 'lead' | 'co', secret = false): boolean {
  const units = secret ? a.units.headed : [...a.units.member, ...a.units.headed];
  return handlers.some((h) => (!role || h.role === role) && (h.userId === a.caller.id || (h.unitId !== null && units.includes(h.unitId))));
}

/** Whether the actor may name these handlers (on a new task, a sub-task of `parent`, or a changed task). */
export function checkMayAssign(app: AppContext, a: Actor, handlers: readonly ResolvedHandler[], parent: { record: repo.TaskRecord; handlers: repo.NewTaskHandler[] } | null): void {
  if (a.leader || a.clerk) return;
  const headedMembers = new Set(a.units.headed.flatMap((u) => repo.unitPeople(app.db, u)?.members ?? []));
  const parentUnits = parent ? parent.handlers.filter((h) => h.unitId !== null).map((h) => h.unitId!) : [];
  const parentMembers = new Set(parentUnits.flatMap((u) => repo.unitPeople(app.db, u)?.members ?? []));
  for (const h of handlers) {
    if (h.userId === null && h.unitId === null) continue; // an outside organisation, by name
    if (h.userId === a.caller.id) continue;
    if (h.userId !== null && headedMembers.has(h.userId)) continue;
    if (h.unitId !== null && a.units.headed.includes(h.unitId)) continue;
    if (parent && parent.handlers.some((p) => (p.userId !== null && p.userId === h.userId) || (p.unitId !== null && p.unitId === h.unitId))) continue;
    if (parent && h.userId !== null && parentMembers.has(h.userId)) continue;
    throw refuse(h.name);
  }
}

/** A task about a secret document goes only to people named on it (or who read secret documents). */
export function checkSecretHandlers(app: AppContext, docId: number, handlers: readonly ResolvedHandler[]): void {
  handlers.forEach((h, i) => {
    const field = i === 0 ? 'lead' : `co.${i - 1}`;
    if (h.userId !== null) {
      const u = userById(app.db, h.userId);
      if (u && (readsSecrets(app.db, u) || repo.namedOnIncoming(app.db, docId, h.userId))) return;
      throw new AppError('VALIDATION', `«${h.name}» không được xem văn bản mật này: việc từ văn bản mật chỉ giao cho người có tên trên văn bản.`, { field });
    }
    if (h.unitId !== null && !repo.unitNamedOnIncoming(app.db, docId, h.unitId)) {
      throw new AppError('VALIDATION', `Đơn vị «${h.name}» không được xem văn bản mật này: việc từ văn bản mật chỉ giao cho đơn vị, người có tên trên văn bản.`, { field });
    }
  });
}

/** The deadline as entered, or N working days from today by the office's calendar. */
export function deadlineOf(app: AppContext, input: { deadline?: string | null; workingDays?: number }): string | null | undefined {
  if (input.workingDays !== undefined) return addWorkingDays(app.today(), input.workingDays, calendarExceptions(app.db));
  return input.deadline;
}

/** A deadline before the date of the document the task comes from is a typing mistake. */
export function checkDeadline(deadline: string | null, source: { date: string; what: string } | null): void {
  if (!deadline || !source || deadline >= source.date) return;
  throw new AppError('VALIDATION', `Thời hạn ${formatDateVN(deadline)} trước ngày của ${source.what} (${formatDateVN(source.date)}): hãy kiểm tra lại thời hạn.`, { field: 'deadline' });
}

/**
 * The account the caller acts for on a record owned by `ownerId`: the caller itself, or the owner under a delegation
 * in force today (then on_behalf_of = owner). Undefined when neither. Handling (progress, the result) needs any
 * delegation; deciding (approve, return, finish, cancel, change) one of scope 'all' — 'inbox' only sees and handles.
 */
export function actingFor(app: AppContext, a: Actor, ownerId: number, need: 'handle' | 'decide' = 'handle'): { onBehalfOf: number | null } | undefined {
  if (ownerId === a.caller.id) return { onBehalfOf: null };
  const d = delegationInForce(app.db, ownerId, a.caller.id, app.today());
  return d && (need === 'handle' || d.scope === 'all') ? { onBehalfOf: ownerId } : undefined;
}

/** The lead's side: the lead account (or its deputy), or a member or the head of the lead unit. */
export function actingAsLead(app: AppContext, a: Actor, handlers: readonly repo.NewTaskHandler[], secret: boolean): { onBehalfOf: number | null } | undefined {
  if (handlesTask(a, handlers, 'lead', secret)) return { onBehalfOf: null };
  const lead = handlers.find((h) => h.role === 'lead' && h.userId !== null);
  return lead ? actingFor(app, a, lead.userId!) : undefined;
}

export function actingAsHandler(app: AppContext, a: Actor, handlers: readonly repo.NewTaskHandler[], secret: boolean): { onBehalfOf: number | null } | undefined {
  if (handlesTask(a, handlers, undefined, secret)) return { onBehalfOf: null };
  for (const h of handlers) {
    if (h.userId === null) continue;
    const f = actingFor(app, a, h.userId);
    if (f) return f;
  }
  return undefined;
}

/**
 * The task if the caller may see it: by its own read rule, or through an ủy quyền in force today, which shows only
 * the delegators' own tasks (scope-repo.ts delegatedTaskScope), not all they may read. Not found otherwise.
 */
export function visibleTask(app: AppContext, a: Actor, id: number): repo.TaskRecord {
  const t = repo.taskById(app.db, id);
  const viewer = viewerFor(app, a.caller);
  if (t && repo.taskVisibleBy(app.db, id, oneTaskScope(viewer, id))) return t;
  const owners = t ? delegatorsOf(app.db, a.caller.id, app.today()) : [];
  if (t && owners.length > 0 && repo.taskVisibleBy(app.db, id, delegatedTaskScope(viewer, owners))) return t;
  throw new AppError('NOT_FOUND', `Không có công việc mã ${id}.`);
}

/** The accounts a step on the task reaches: the accounts named, and the heads (and, unless secret, the members) of units named. */
export function peopleOf(app: AppContext, handlers: readonly repo.NewTaskHandler[], secret: boolean, role?: 'lead' | 'co'): number[] {
  const out = new Set<number>();
  for (const h of handlers) {
    if (role && h.role !== role) continue;
    if (h.userId !== null) out.add(h.userId);
    if (h.unitId !== null) {
      const u = repo.unitPeople(app.db, h.unitId);
      if (u?.head) out.add(u.head);
      if (u && !secret) for (const m of u.members) out.add(m);
    }
  }
  return [...out];
}
