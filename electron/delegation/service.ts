import type { MethodParsed } from '../../shared/api/contract';
import { AppError } from '../../shared/api/result';
import { hasRole } from '../../shared/auth/roles';
import { formatDateVN } from '../../shared/domain/dates';
import type { Delegation, DelegationState } from '../../shared/delegation/schemas';
import type { AppContext } from '../app/context';
import { requireCaller } from '../app/caller';
import { audit } from '../audit/record';
import { userById } from '../auth/repo';
import { immediate } from '../db/connection';
import * as repo from './repo';

/**
 * Ủy quyền xử lý: a lãnh đạo (or the quản trị on their behalf) names a deputy for a period; the deputy's inbox holds
 * the leader's for those days (electron/inbox) and the incoming and task actions accept the deputy acting for the
 * leader (delegationInForce), each saying so in the record and the audit log.
 */

function stateOf(r: repo.DelegationRow, today: string): DelegationState {
  if (r.revokedAt) return 'da-thu-hoi';
  if (today < r.fromDay) return 'sap-toi';
  return today > r.toDay ? 'het-han' : 'dang-hieu-luc';
}

const toDelegation = (r: repo.DelegationRow, today: string): Delegation => ({
  id: r.id,
  from: { id: r.fromUserId, username: r.fromUsername, fullName: r.fromName },
  to: { id: r.toUserId, username: r.toUsername, fullName: r.toName },
  fromDay: r.fromDay,
  toDay: r.toDay,
  scope: r.scope,
  note: r.note,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
  state: stateOf(r, today),
});

const period = (from: string, to: string) => (from === to ? `ngày ${formatDateVN(from)}` : `từ ${formatDateVN(from)} đến ${formatDateVN(to)}`);

export function list(app: AppContext, input: MethodParsed<'delegations.list'>): Delegation[] {
  const c = requireCaller();
  const everyone = input.all === true && hasRole(c, 'quantri', 'lanhdao');
  const today = app.today();
  return repo.listDelegations(app.db, everyone ? null : c.id).map((r) => toDelegation(r, today));
}

export function create(app: AppContext, input: MethodParsed<'delegations.create'>): Delegation {
  const c = requireCaller();
  const db = app.db;
  const today = app.today();
  const delegatorId = input.delegator ?? c.id;
  if (delegatorId !== c.id && !hasRole(c, 'quantri')) throw new AppError('FORBIDDEN', 'Chỉ quản trị ghi được ủy quyền thay cho lãnh đạo khác.', { field: 'delegator' });
  const delegator = userById(db, delegatorId);
  if (!delegator) throw new AppError('NOT_FOUND', 'Không có tài khoản người ủy quyền.', { field: 'delegator' });
  if (!hasRole(delegator, 'lanhdao')) {
    throw new AppError('VALIDATION', `${delegator.fullName} không phải lãnh đạo: chỉ lãnh đạo ủy quyền xử lý (quản trị chọn lãnh đạo ủy quyền).`, { field: 'delegator' });
  }
  const deputy = userById(db, input.to);
  if (!deputy) throw new AppError('NOT_FOUND', 'Không có tài khoản người được ủy quyền.', { field: 'to' });
  if (deputy.id === delegator.id) throw new AppError('VALIDATION', 'Người được ủy quyền phải là người khác, không phải chính người ủy quyền.', { field: 'to' });
  if (!deputy.active) throw new AppError('VALIDATION', `Tài khoản ${deputy.fullName} đã bị khóa: không nhận ủy quyền được.`, { field: 'to' });
  if (input.until < today) throw new AppError('VALIDATION', `Ngày kết thúc ${formatDateVN(input.until)} đã qua.`, { field: 'until' });
  const now = app.nowIso();
  const id = immediate(db, () => {
    const other = repo.overlappingDelegations(db, delegator.id, input.from, input.until).find((r) => r.toUserId !== deputy.id);
    if (other) {
      throw new AppError(
        'VALIDATION',
        `${delegator.fullName} đã ủy quyền cho ${other.toName} ${period(other.fromDay, other.toDay)}: mỗi lúc chỉ một người được ủy quyền — thu hồi ủy quyền đó hoặc chọn thời gian khác.`,
        { field: 'from' },
      );
    }
    const newId = repo.insertDelegation(db, { fromUserId: delegator.id, toUserId: deputy.id, fromDay: input.from, toDay: input.until, scope: input.scope, note: input.note || null, createdBy: c.id }, now);
    // The deputy is told now (live) and, in the notifications, on the day it takes effect (notifications/sweep.ts).
    const text = `${delegator.fullName} ủy quyền xử lý cho bạn ${period(input.from, input.until)}.`;
    audit(app, 'delegation.create', 'delegation', newId, {
      delegator: delegator.username,
      deputy: deputy.username,
      fromDay: input.from,
      toDay: input.until,
      ...(input.note ? { note: input.note } : {}),
      notify: [deputy.id],
      notice: 'Bạn được ủy quyền xử lý',
      noticeBody: text,
    });
    return newId;
  });
  return toDelegation(repo.delegationById(db, id)!, today);
}

export function revoke(app: AppContext, input: MethodParsed<'delegations.revoke'>): Delegation {
  const c = requireCaller();
  const db = app.db;
  const today = app.today();
  immediate(db, () => {
    const r = repo.delegationById(db, input.id);
    if (!r) throw new AppError('NOT_FOUND', 'Không có ủy quyền này.');
    if (r.fromUserId !== c.id && r.createdById !== c.id && !hasRole(c, 'quantri')) throw new AppError('FORBIDDEN', 'Chỉ người ủy quyền hoặc quản trị thu hồi được ủy quyền này.');
    if (r.revokedAt) throw new AppError('VALIDATION', 'Ủy quyền này đã được thu hồi.');
    if (r.toDay < today) throw new AppError('VALIDATION', 'Ủy quyền này đã hết hạn.');
    repo.revokeDelegation(db, r.id, app.nowIso());
    const text = `${r.fromName} đã thu hồi ủy quyền xử lý ${period(r.fromDay, r.toDay)}.`;
    audit(app, 'delegation.revoke', 'delegation', r.id, { delegator: r.fromUsername, deputy: r.toUsername, notify: [r.toUserId], notice: 'Ủy quyền xử lý đã được thu hồi', noticeBody: text });
  });
  return toDelegation(repo.delegationById(db, input.id)!, today);
}
