import { stmt, type DB } from '../db/connection';
import type { HandlerInfo } from '../../shared/incoming/schemas';

/** SQL for who handles an incoming document now (its latest routing), as accounts, units or outside names. */

export interface NewHandler {
  role: HandlerInfo['role'];
  unitId: number | null;
  userId: number | null;
  name: string;
  nameFolded: string;
}

export function replaceHandlers(db: DB, docId: number, hs: readonly NewHandler[]): void {
  stmt(db, 'DELETE FROM incoming_handlers WHERE doc_id = ?').run(docId);
  const add = stmt(db, 'INSERT INTO incoming_handlers (doc_id, role, unit_id, user_id, name, name_folded) VALUES (?, ?, ?, ?, ?, ?)');
  for (const h of hs) add.run(docId, h.role, h.unitId, h.userId, h.name, h.nameFolded);
}

export function handlersOf(db: DB, docId: number): HandlerInfo[] {
  const rows = stmt(db,
    `SELECT h.role, h.unit_id, h.user_id, coalesce(u.name, us.full_name, h.name) AS name FROM incoming_handlers h
     LEFT JOIN units u ON u.id = h.unit_id LEFT JOIN users us ON us.id = h.user_id WHERE h.doc_id = ? ORDER BY h.id`,
  ).all(docId) as { role: HandlerInfo['role']; unit_id: number | null; user_id: number | null; name: string }[];
  return rows.map((r) => ({
    role: r.role,
    kind: r.unit_id !== null ? 'unit' : r.user_id !== null ? 'user' : 'text',
    id: r.unit_id ?? r.user_id,
    name: r.name,
  }));
}
