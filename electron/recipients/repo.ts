import { stmt, type DB } from '../db/connection';
import type { ListEntry, RecipientGroup, RecipientList } from '../../shared/recipients/schemas';
import { folded } from '../directory/repo';

/** SQL of the recipients directory: groups of organisations and saved Nơi nhận lists. */

export function listGroups(db: DB): RecipientGroup[] {
  const groups = stmt(db, 'SELECT id, name FROM recipient_groups ORDER BY name').all() as { id: number; name: string }[];
  const members = stmt(db,
    `SELECT m.group_id, o.id, o.name FROM recipient_group_members m JOIN organizations o ON o.id = m.organization_id ORDER BY o.sort_key`,
  ).all() as { group_id: number; id: number; name: string }[];
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.group_id === g.id).map((m) => ({ id: m.id, name: m.name })) }));
}

export function groupById(db: DB, id: number): RecipientGroup | undefined {
  return listGroups(db).find((g) => g.id === id);
}

export function groupIdByName(db: DB, name: string): number | undefined {
  return stmt(db, 'SELECT id FROM recipient_groups WHERE name_folded = ?').pluck().get(folded(name)) as number | undefined;
}

export function upsertGroup(db: DB, g: { id?: number; name: string }, now: string): number {
  if (g.id !== undefined) {
    stmt(db, 'UPDATE recipient_groups SET name = ?, name_folded = ? WHERE id = ?').run(g.name, folded(g.name), g.id);
    return g.id;
  }
  return Number(stmt(db, 'INSERT INTO recipient_groups (name, name_folded, created_at) VALUES (?, ?, ?)').run(g.name, folded(g.name), now).lastInsertRowid);
}

export function setGroupMembers(db: DB, groupId: number, organizationIds: number[]): void {
  stmt(db, 'DELETE FROM recipient_group_members WHERE group_id = ?').run(groupId);
  for (const id of organizationIds) stmt(db, 'INSERT OR IGNORE INTO recipient_group_members (group_id, organization_id) VALUES (?, ?)').run(groupId, id);
}

export function addGroupMember(db: DB, groupId: number, organizationId: number): void {
  stmt(db, 'INSERT OR IGNORE INTO recipient_group_members (group_id, organization_id) VALUES (?, ?)').run(groupId, organizationId);
}

interface ListRow {
  id: number;
  name: string;
  entries: string;
  created_by: number | null;
  updated_at: string;
}
const toList = (r: ListRow): RecipientList => ({ id: r.id, name: r.name, entries: JSON.parse(r.entries) as ListEntry[], createdBy: r.created_by, updatedAt: r.updated_at });

export function listLists(db: DB): RecipientList[] {
  return (stmt(db, 'SELECT * FROM recipient_lists ORDER BY name').all() as ListRow[]).map(toList);
}

export function listById(db: DB, id: number): RecipientList | undefined {
  const r = stmt(db, 'SELECT * FROM recipient_lists WHERE id = ?').get(id) as ListRow | undefined;
  return r && toList(r);
}

export function listIdByName(db: DB, name: string): number | undefined {
  return stmt(db, 'SELECT id FROM recipient_lists WHERE name_folded = ?').pluck().get(folded(name)) as number | undefined;
}

export function upsertList(db: DB, l: { id?: number; name: string; entries: ListEntry[] }, userId: number | null, now: string): number {
  if (l.id !== undefined) {
    stmt(db, 'UPDATE recipient_lists SET name = ?, name_folded = ?, entries = ?, updated_at = ? WHERE id = ?').run(l.name, folded(l.name), JSON.stringify(l.entries), now, l.id);
    return l.id;
  }
  return Number(
    stmt(db, 'INSERT INTO recipient_lists (name, name_folded, entries, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(l.name, folded(l.name), JSON.stringify(l.entries), userId, now, now).lastInsertRowid,
  );
}

export function deleteList(db: DB, id: number): boolean {
  return stmt(db, 'DELETE FROM recipient_lists WHERE id = ?').run(id).changes === 1;
}
