import { stmt, type DB } from '../db/connection';

/**
 * SQL for what waits for whom (migration 015 work_items): one open row per record and account or unit that must
 * act now. Incoming routing and tasks open and close rows here; the inbox reads them (electron/inbox).
 */

export type WorkKind = 'incoming' | 'task';
/** instruct: give the bút phê; assign: the unit's head passes it on; lead / co: handle; review: approve a result. */
export type WorkAction = 'instruct' | 'assign' | 'lead' | 'co' | 'review';

export interface NewWork {
  kind: WorkKind;
  refId: number;
  action: WorkAction;
  userId: number | null;
  unitId: number | null;
  deadline: string | null;
}

export function openWork(db: DB, w: NewWork, at: string): number {
  return Number(
    stmt(db, 'INSERT INTO work_items (kind, ref_id, action, user_id, unit_id, since, deadline) VALUES (?, ?, ?, ?, ?, ?, ?)').run(w.kind, w.refId, w.action, w.userId, w.unitId, at, w.deadline)
      .lastInsertRowid,
  );
}

/** Closes the open rows of a record (all of them, or those of some actions / one account or unit); returns how many. */
export function closeWork(db: DB, kind: WorkKind, refId: number, at: string, only: { actions?: readonly WorkAction[]; userId?: number; unitId?: number } = {}): number {
  const where = ['kind = ?', 'ref_id = ?', 'closed_at IS NULL'];
  const params: unknown[] = [kind, refId];
  if (only.actions) (where.push(`action IN (${only.actions.map(() => '?').join(', ')})`), params.push(...only.actions));
  if (only.userId !== undefined) (where.push('user_id = ?'), params.push(only.userId));
  if (only.unitId !== undefined) (where.push('unit_id = ?'), params.push(only.unitId));
  return stmt(db, `UPDATE work_items SET closed_at = ? WHERE ${where.join(' AND ')}`).run(at, ...params).changes;
}

/** Moves the deadline of a record's open rows (a new bút phê, a changed task). */
export function setWorkDeadline(db: DB, kind: WorkKind, refId: number, deadline: string | null): void {
  stmt(db, 'UPDATE work_items SET deadline = ? WHERE kind = ? AND ref_id = ? AND closed_at IS NULL').run(deadline, kind, refId);
}

export interface OpenWorkRow {
  id: number;
  action: WorkAction;
  userId: number | null;
  unitId: number | null;
  since: string;
  deadline: string | null;
}

export function openWorkOf(db: DB, kind: WorkKind, refId: number): OpenWorkRow[] {
  return stmt(db, 'SELECT id, action, user_id AS userId, unit_id AS unitId, since, deadline FROM work_items WHERE kind = ? AND ref_id = ? AND closed_at IS NULL ORDER BY id').all(kind, refId) as OpenWorkRow[];
}
