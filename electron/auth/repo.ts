import crypto from 'node:crypto';
import { stmt, type DB } from '../db/connection';
import type { Caller, Role } from '../../shared/auth/roles';
import type { UserInfo } from '../../shared/auth/schemas';

/** SQL for local accounts. */
interface UserRow {
  id: number;
  username: string;
  full_name: string;
  title: string;
  unit: string;
  roles: string;
  password_hash: string;
  active: number;
  created_at: string;
}

const toUser = (r: UserRow): UserInfo => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  title: r.title,
  unit: r.unit,
  roles: JSON.parse(r.roles) as Role[],
  active: r.active === 1,
  createdAt: r.created_at,
});

export const toCaller = (u: UserInfo): Caller => ({ id: u.id, username: u.username, fullName: u.fullName, title: u.title, unit: u.unit, roles: u.roles });

const stampOf = (hash: string) => crypto.createHash('sha256').update(hash).digest('base64url').slice(0, 22);

/** A digest of an account's password hash, kept in its sessions (never the hash itself). */
export function passwordStamp(db: DB, id: number): string | undefined {
  const h = stmt(db, 'SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string | undefined;
  return h === undefined ? undefined : stampOf(h);
}

/** An account and its password stamp in one read: the dispatcher's check on every call. */
export function userWithStamp(db: DB, id: number): (UserInfo & { stamp: string }) | undefined {
  const r = stmt(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r && { ...toUser(r), stamp: stampOf(r.password_hash) };
}

export function countUsers(db: DB): number {
  return stmt(db, 'SELECT COUNT(*) FROM users').pluck().get() as number;
}

export function userByName(db: DB, username: string): (UserInfo & { passwordHash: string }) | undefined {
  const r = stmt(db, 'SELECT * FROM users WHERE username = ?').get(username.normalize('NFC')) as UserRow | undefined;
  return r && { ...toUser(r), passwordHash: r.password_hash };
}

export function userById(db: DB, id: number): UserInfo | undefined {
  const r = stmt(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r && toUser(r);
}

export function listUsers(db: DB): UserInfo[] {
  return (stmt(db, 'SELECT * FROM users ORDER BY active DESC, full_name, id').all() as UserRow[]).map(toUser);
}

export function insertUser(
  db: DB,
  u: { username: string; fullName: string; title?: string; unit?: string; roles: Role[]; passwordHash: string },
  now: string,
): UserInfo {
  const info = stmt(db, `INSERT INTO users (username, full_name, title, unit, roles, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(u.username, u.fullName, u.title ?? '', u.unit ?? '', JSON.stringify(u.roles), u.passwordHash, now, now);
  return userById(db, Number(info.lastInsertRowid))!;
}

export function updateUser(
  db: DB,
  id: number,
  u: { fullName?: string; title?: string; unit?: string; roles?: Role[]; active?: boolean; passwordHash?: string },
  now: string,
): void {
  stmt(db,
    `UPDATE users SET full_name = coalesce(?, full_name), title = coalesce(?, title), unit = coalesce(?, unit), roles = coalesce(?, roles),
       active = coalesce(?, active), password_hash = coalesce(?, password_hash), updated_at = ? WHERE id = ?`,
  ).run(
    u.fullName ?? null,
    u.title ?? null,
    u.unit ?? null,
    u.roles ? JSON.stringify(u.roles) : null,
    u.active === undefined ? null : u.active ? 1 : 0,
    u.passwordHash ?? null,
    now,
    id,
  );
}

/** Active accounts that hold a role (the leaders a draft can be submitted to). */
export function countActiveWithRole(db: DB, role: Role): number {
  return stmt(db, `SELECT COUNT(*) FROM users WHERE active = 1 AND EXISTS (SELECT 1 FROM json_each(roles) WHERE value = ?)`).pluck().get(role) as number;
}

// ---- failed logins per (account, client address) ----

export interface LoginFailures {
  failures: number;
  lastAtMs: number;
  lockedUntilMs: number | null;
}

export function loginFailures(db: DB, usernameKey: string, address: string): LoginFailures | undefined {
  const r = stmt(db, 'SELECT failures, last_at_ms, locked_until_ms FROM login_failures WHERE username_folded = ? AND address = ?').get(usernameKey, address) as
    | { failures: number; last_at_ms: number; locked_until_ms: number | null }
    | undefined;
  return r && { failures: r.failures, lastAtMs: r.last_at_ms, lockedUntilMs: r.locked_until_ms };
}

export function saveLoginFailures(db: DB, usernameKey: string, address: string, f: LoginFailures): void {
  stmt(db,
    `INSERT INTO login_failures (username_folded, address, failures, last_at_ms, locked_until_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (username_folded, address) DO UPDATE SET failures = excluded.failures, last_at_ms = excluded.last_at_ms, locked_until_ms = excluded.locked_until_ms`,
  ).run(usernameKey, address, f.failures, f.lastAtMs, f.lockedUntilMs);
}

export function clearLoginFailures(db: DB, usernameKey: string, address: string): void {
  stmt(db, 'DELETE FROM login_failures WHERE username_folded = ? AND address = ?').run(usernameKey, address);
}

/** Forgets failures older than the cut-off that hold no lockout still running. */
export function pruneLoginFailures(db: DB, beforeMs: number): void {
  stmt(db, 'DELETE FROM login_failures WHERE last_at_ms < ? AND (locked_until_ms IS NULL OR locked_until_ms < ?)').run(beforeMs, beforeMs);
}
