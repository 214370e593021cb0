import { stmt, type DB } from '../db/connection';

/** SQL for ủy quyền xử lý (migration 015): who acts for whom on a given day. */

/** The accounts whose inbox `userId` holds on `day` by a delegation in force (not revoked, day within its period). */
export function delegatorsOf(db: DB, userId: number, day: string): number[] {
  return stmt(db, 'SELECT DISTINCT from_user_id FROM delegations WHERE to_user_id = ? AND revoked_at IS NULL AND from_day <= ? AND to_day >= ? ORDER BY from_user_id')
    .pluck()
    .all(userId, day, day) as number[];
}

/** The delegation in force on `day` by which `actorId` acts for `ownerId`, if any. */
export function delegationInForce(db: DB, ownerId: number, actorId: number, day: string): { id: number; scope: 'inbox' | 'all' } | undefined {
  return stmt(db, 'SELECT id, scope FROM delegations WHERE from_user_id = ? AND to_user_id = ? AND revoked_at IS NULL AND from_day <= ? AND to_day >= ? ORDER BY id DESC LIMIT 1').get(
    ownerId,
    actorId,
    day,
    day,
  ) as { id: number; scope: 'inbox' | 'all' } | undefined;
}

export interface DelegationRow {
  id: number;
  fromUserId: number;
  fromUsername: string;
  fromName: string;
  toUserId: number;
  toUsername: string;
  toName: string;
  fromDay: string;
  toDay: string;
  scope: 'inbox' | 'all';
  note: string | null;
  createdById: number;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

const ROW_SQL = `SELECT g.id, g.from_user_id AS fromUserId, f.username AS fromUsername, f.full_name AS fromName,
    g.to_user_id AS toUserId, t.username AS toUsername, t.full_name AS toName, g.from_day AS fromDay, g.to_day AS toDay,
    g.scope, g.note, g.created_by AS createdById, c.full_name AS createdBy, g.created_at AS createdAt, g.revoked_at AS revokedAt
  FROM delegations g JOIN users f ON f.id = g.from_user_id JOIN users t ON t.id = g.to_user_id JOIN users c ON c.id = g.created_by`;

/** Delegations given or received by an account (every one when null), those in force or to come first. */
export function listDelegations(db: DB, userId: number | null, limit = 200): DelegationRow[] {
  const where = userId === null ? '' : 'WHERE g.from_user_id = ? OR g.to_user_id = ?';
  return stmt(db, `${ROW_SQL} ${where} ORDER BY g.revoked_at IS NOT NULL, g.to_day DESC, g.id DESC LIMIT ?`).all(...(userId === null ? [] : [userId, userId]), limit) as DelegationRow[];
}

export function delegationById(db: DB, id: number): DelegationRow | undefined {
  return stmt(db, `${ROW_SQL} WHERE g.id = ?`).get(id) as DelegationRow | undefined;
}

/** The delegator's delegations not revoked whose period meets [fromDay, toDay]. */
export function overlappingDelegations(db: DB, fromUserId: number, fromDay: string, toDay: string): DelegationRow[] {
  return stmt(db, `${ROW_SQL} WHERE g.from_user_id = ? AND g.revoked_at IS NULL AND g.from_day <= ? AND g.to_day >= ? ORDER BY g.from_day`).all(fromUserId, toDay, fromDay) as DelegationRow[];
}

export function insertDelegation(
  db: DB,
  d: { fromUserId: number; toUserId: number; fromDay: string; toDay: string; scope: 'inbox' | 'all'; note: string | null; createdBy: number },
  now: string,
): number {
  return Number(
    stmt(db, 'INSERT INTO delegations (from_user_id, to_user_id, from_day, to_day, scope, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      d.fromUserId,
      d.toUserId,
      d.fromDay,
      d.toDay,
      d.scope,
      d.note,
      d.createdBy,
      now,
    ).lastInsertRowid,
  );
}

export function revokeDelegation(db: DB, id: number, now: string): boolean {
  return stmt(db, 'UPDATE delegations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes === 1;
}

/** Delegations in force on `day` (the sweep tells their deputies on the first day). */
export function delegationsInForce(db: DB, day: string): DelegationRow[] {
  return stmt(db, `${ROW_SQL} WHERE g.revoked_at IS NULL AND g.from_day <= ? AND g.to_day >= ? ORDER BY g.id`).all(day, day) as DelegationRow[];
}
