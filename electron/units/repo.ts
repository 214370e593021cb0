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

export function listUnits(db: DB): UnitInfo[] {
  return (stmt(db, `${UNIT_SQL} ORDER BY u.name COLLATE NOCASE, u.id`).all() as UnitRow[]).map((r) => toInfo(db, r));
}

export function unitById(db: DB, id: number): UnitInfo | undefined {
  const r = stmt(db, `${UNIT_SQL} WHERE u.id = ?`).get(id) as UnitRow | undefined;
  return r && toInfo(db, r);
}

export function unitByFolded(db: DB, nameFolded: string): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT id, name FROM units WHERE name_folded = ?').get(nameFolded) as { id: number; name: string } | undefined;
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
