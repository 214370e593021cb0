import { stmt, type DB } from '../db/connection';
import type { AppNotification } from '../../shared/notifications/schemas';

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

/** A notification as stored: the screens' shape without the link, which the service derives. */
export type NotificationRow = Omit<AppNotification, 'href'>;

const COLS = 'id, kind, entity, entity_id AS entityId, text, created_at AS createdAt, read_at AS readAt';

/** An account's notifications, newest first, from an index (the unread ones through their partial index). */
export function listNotifications(db: DB, userId: number, unreadOnly: boolean, limit: number): NotificationRow[] {
  const sql = unreadOnly
    ? `SELECT ${COLS} FROM notifications INDEXED BY notifications_unread WHERE user_id = ? AND read_at IS NULL ORDER BY id DESC LIMIT ?`
    : `SELECT ${COLS} FROM notifications INDEXED BY notifications_by_user WHERE user_id = ? ORDER BY id DESC LIMIT ?`;
  return stmt(db, sql).all(userId, limit) as NotificationRow[];
}

export function countUnread(db: DB, userId: number): number {
  return stmt(db, 'SELECT COUNT(*) FROM notifications INDEXED BY notifications_unread WHERE user_id = ? AND read_at IS NULL').pluck().get(userId) as number;
}

/** Marks an account's own notifications read (some, or all of them); returns how many changed. */
export function markRead(db: DB, userId: number, ids: readonly number[] | 'all', at: string): number {
  if (ids === 'all') return stmt(db, 'UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(at, userId).changes;
  if (!ids.length) return 0;
  return stmt(db, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (${ids.map(() => '?').join(', ')})`).run(at, userId, ...ids).changes;
}

export interface DueWork {
  kind: 'incoming' | 'task';
  refId: number;
  userId: number | null;
  unitId: number | null;
  deadline: string;
}

/**
 * Open work items whose deadline falls between two days (both included), read per account and per unit through the
 * partial indexes (a few hundred range scans, never the table).
 */
export function dueWork(db: DB, from: string, to: string): DueWork[] {
  return stmt(
    db,
    `SELECT w.kind, w.ref_id AS refId, w.user_id AS userId, NULL AS unitId, w.deadline FROM users u
       JOIN work_items w INDEXED BY work_open_by_user ON w.user_id = u.id AND w.closed_at IS NULL AND w.deadline >= ? AND w.deadline <= ?
     UNION ALL
     SELECT w.kind, w.ref_id, NULL, w.unit_id, w.deadline FROM units n
       JOIN work_items w INDEXED BY work_open_by_unit ON w.unit_id = n.id AND w.closed_at IS NULL AND w.deadline >= ? AND w.deadline <= ?
     ORDER BY 5, 1, 2`,
  ).all(from, to, from, to) as DueWork[];
}
