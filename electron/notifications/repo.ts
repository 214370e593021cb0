import { stmt, type DB } from '../db/connection';

/** SQL for in-app notifications (migration 015): what reached a person, read or not. */

export interface NewNotification {
  kind: string;
  /** The record it is about, as the audit log names entities ('incoming', 'task', 'draft', 'hoso'). */
  entity: string;
  entityId: number | null;
  text: string;
  /** A reminder is sent once per key per person (e.g. `task:12:due:2026-12-10`). */
  dedupe?: string;
}

/** Notifies each account once (a repeated id or an already-sent dedupe key adds nothing); returns how many were added. */
export function notify(db: DB, userIds: Iterable<number>, n: NewNotification, at: string): number {
  const add = stmt(db, 'INSERT OR IGNORE INTO notifications (user_id, kind, entity, entity_id, text, dedupe, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let added = 0;
  for (const id of new Set(userIds)) added += add.run(id, n.kind, n.entity, n.entityId, n.text, n.dedupe ?? null, at).changes;
  return added;
}
