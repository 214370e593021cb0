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
