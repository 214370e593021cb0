import { stmt, type DB } from '../db/connection';
import type { UnitInfo, UnitMember } from '../../shared/units/schemas';

/** SQL for the office's units and their members. */

interface UnitRow {
  id: number;
  name: string;
  head_user_id: number | null;
  head_username: string | null;
  head_name: string | null;
}

const UNIT_SQL = `SELECT u.id, u.name, u.head_user_id, h.username AS head_username, h.full_name AS head_name
  FROM units u LEFT JOIN users h ON h.id = u.head_user_id`;

function members(db: DB, unitId: number): UnitMember[] {
  return stmt(db, `SELECT us.id, us.username, us.full_name AS fullName FROM unit_members m JOIN users us ON us.id = m.user_id
    WHERE m.unit_id = ? ORDER BY us.full_name, us.id`).all(unitId) as UnitMember[];
}

const toInfo = (db: DB, r: UnitRow): UnitInfo => ({
  id: r.id,
  name: r.name,
  head: r.head_user_id === null ? null : { id: r.head_user_id, username: r.head_username ?? '', fullName: r.head_name ?? '' },
  members: members(db, r.id),
});

// A removed unit (removed_at, migration 018) is no longer listed, found or routed to; its row stays for its records.

export function listUnits(db: DB): UnitInfo[] {
  return (stmt(db, `${UNIT_SQL} WHERE u.removed_at IS NULL ORDER BY u.name COLLATE NOCASE, u.id`).all() as UnitRow[]).map((r) => toInfo(db, r));
}

export function unitById(db: DB, id: number): UnitInfo | undefined {
  const r = stmt(db, `${UNIT_SQL} WHERE u.id = ? AND u.removed_at IS NULL`).get(id) as UnitRow | undefined;
  return r && toInfo(db, r);
}

export function unitByFolded(db: DB, nameFolded: string): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT id, name FROM units WHERE name_folded = ? AND removed_at IS NULL').get(nameFolded) as { id: number; name: string } | undefined;
}

export function insertUnit(db: DB, u: { name: string; nameFolded: string; headId: number | null }, now: string): number {
  return Number(stmt(db, 'INSERT INTO units (name, name_folded, head_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(u.name, u.nameFolded, u.headId, now, now).lastInsertRowid);
}

export function updateUnit(db: DB, id: number, u: { name: string; nameFolded: string; headId: number | null }, now: string): void {
  stmt(db, 'UPDATE units SET name = ?, name_folded = ?, head_user_id = ?, updated_at = ? WHERE id = ?').run(u.name, u.nameFolded, u.headId, now, id);
}

export function setMembers(db: DB, unitId: number, userIds: readonly number[]): void {
  stmt(db, 'DELETE FROM unit_members WHERE unit_id = ?').run(unitId);
  const add = stmt(db, 'INSERT OR IGNORE INTO unit_members (unit_id, user_id) VALUES (?, ?)');
  for (const u of userIds) add.run(unitId, u);
}

/** Routings written as free text before the unit existed are matched to it when the name is the same. */
export function linkTextHandlers(db: DB, unitId: number, nameFolded: string): number {
  return stmt(db, 'UPDATE incoming_handlers SET unit_id = ? WHERE unit_id IS NULL AND user_id IS NULL AND name_folded = ?').run(unitId, nameFolded).changes;
}

/** The open tasks naming the unit as lead or co-handler (a unit is not removed under them). */
export function openTasksOfUnit(db: DB, unitId: number): { id: number; title: string }[] {
  return stmt(db, `SELECT DISTINCT t.id, t.title FROM task_handlers h JOIN tasks t ON t.id = h.task_id
    WHERE h.unit_id = ? AND t.status IN ('dang-lam', 'cho-duyet') ORDER BY t.id`).all(unitId) as { id: number; title: string }[];
}

/** What waits for the unit (open work items: documents to pass on or handle). */
export function openWorkOfUnit(db: DB, unitId: number): number {
  return stmt(db, 'SELECT count(*) FROM work_items WHERE unit_id = ? AND closed_at IS NULL').pluck().get(unitId) as number;
}

/** The open hồ sơ công việc kept by the unit (migration 016); closed and handed-over ones stay with the removed unit. */
export function openHosoOfUnit(db: DB, unitId: number): number {
  return stmt(db, "SELECT count(*) FROM hoso WHERE unit_id = ? AND status = 'mo'").pluck().get(unitId) as number;
}

/**
 * Removes the unit from the office's list: the row stays, marked removed, with its members, its head and every
 * record that names it — closed work items (never deleted), the documents routed to it (its members keep reading them),
 * its routing steps and hồ sơ. Its name is freed for a new unit. Tasks name it as text, as before.
 */
export function removeUnit(db: DB, unitId: number, now: string): void {
  stmt(db, 'UPDATE task_handlers SET unit_id = NULL WHERE unit_id = ?').run(unitId);
  stmt(db, "UPDATE units SET removed_at = ?, name_folded = 'removed:' || id || ':' || name_folded, updated_at = ? WHERE id = ? AND removed_at IS NULL").run(now, now, unitId);
}
