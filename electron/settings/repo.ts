import { stmt, type DB } from '../db/connection';
import type { AccountStamp, StampMeta } from '../../shared/settings/schemas';

/** SQL for the office's seal and its accounts' signature images (account_stamps, migration 011). */

interface MetaRow {
  width_mm: number;
  width_px: number;
  height_px: number;
  updated_at: string;
}

const toMeta = (r: MetaRow | undefined): StampMeta | null => (r ? { widthMm: r.width_mm, widthPx: r.width_px, heightPx: r.height_px, updatedAt: r.updated_at } : null);

const ownerWhere = (userId: number | undefined) => (userId === undefined ? "kind = 'seal'" : 'user_id = ?');
const ownerArgs = (userId: number | undefined) => (userId === undefined ? [] : [userId]);

export function stampMeta(db: DB, userId?: number): StampMeta | null {
  return toMeta(stmt(db, `SELECT width_mm, width_px, height_px, updated_at FROM account_stamps WHERE ${ownerWhere(userId)}`).get(...ownerArgs(userId)) as MetaRow | undefined);
}

export function stampPng(db: DB, userId?: number): { png: Uint8Array; widthMm: number } | undefined {
  const r = stmt(db, `SELECT png, width_mm FROM account_stamps WHERE ${ownerWhere(userId)}`).get(...ownerArgs(userId)) as { png: Uint8Array; width_mm: number } | undefined;
  return r && { png: r.png, widthMm: r.width_mm };
}

export function upsertStamp(db: DB, s: { userId?: number; png: Uint8Array; widthPx: number; heightPx: number; widthMm: number }, now: string): void {
  stmt(db, `DELETE FROM account_stamps WHERE ${ownerWhere(s.userId)}`).run(...ownerArgs(s.userId));
  stmt(db, 'INSERT INTO account_stamps (kind, user_id, png, width_px, height_px, width_mm, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.userId === undefined ? 'seal' : 'signature',
    s.userId ?? null,
    s.png,
    s.widthPx,
    s.heightPx,
    s.widthMm,
    now,
  );
}

export function deleteStamp(db: DB, userId?: number): boolean {
  return stmt(db, `DELETE FROM account_stamps WHERE ${ownerWhere(userId)}`).run(...ownerArgs(userId)).changes > 0;
}

interface AccountRow extends Partial<MetaRow> {
  id: number;
  username: string;
  full_name: string;
  title: string;
  roles: string;
}

/** Active accounts with their signature image's size, leaders first (they sign), then by name. */
export function accountStamps(db: DB): AccountStamp[] {
  const rows = stmt(
    db,
    `SELECT u.id, u.username, u.full_name, u.title, u.roles, s.width_mm, s.width_px, s.height_px, s.updated_at
     FROM users u LEFT JOIN account_stamps s ON s.user_id = u.id
     WHERE u.active = 1
     ORDER BY (u.roles NOT LIKE '%lanhdao%'), u.full_name, u.id`,
  ).all() as AccountRow[];
  return rows.map((r) => ({
    userId: r.id,
    username: r.username,
    fullName: r.full_name,
    title: r.title,
    roles: JSON.parse(r.roles) as string[],
    signature: r.width_mm === null || r.width_mm === undefined ? null : toMeta(r as MetaRow),
  }));
}

export function userExists(db: DB, userId: number): boolean {
  return stmt(db, 'SELECT 1 FROM users WHERE id = ?').pluck().get(userId) === 1;
}
