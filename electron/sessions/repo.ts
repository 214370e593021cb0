import { stmt, type DB } from '../db/connection';

/** SQL for the HTTP hosts' logins (migration 010). Times are milliseconds of the app's clock. */
export interface SessionRow {
  id: number;
  csrf: string;
  user_id: number;
  stamp: string | null;
  address: string;
  client: string;
  created_ms: number;
  seen_ms: number;
}

export function insertSession(db: DB, s: { tokenSha256: string; csrf: string; userId: number; stamp: string | null; address: string; client: string; nowMs: number }): number {
  return Number(
    stmt(db, 'INSERT INTO sessions (token_sha256, csrf, user_id, stamp, address, client, created_ms, seen_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      s.tokenSha256,
      s.csrf,
      s.userId,
      s.stamp,
      s.address,
      s.client,
      s.nowMs,
      s.nowMs,
    ).lastInsertRowid,
  );
}

export function sessionByToken(db: DB, tokenSha256: string): SessionRow | undefined {
  return stmt(db, 'SELECT id, csrf, user_id, stamp, address, client, created_ms, seen_ms FROM sessions WHERE token_sha256 = ?').get(tokenSha256) as SessionRow | undefined;
}

export function touchSession(db: DB, id: number, nowMs: number): void {
  stmt(db, 'UPDATE sessions SET seen_ms = ? WHERE id = ?').run(nowMs, id);
}

export function setSessionStamp(db: DB, id: number, stamp: string | null): void {
  stmt(db, 'UPDATE sessions SET stamp = ? WHERE id = ?').run(stamp, id);
}

export function sessionTimes(db: DB, id: number): { created_ms: number; seen_ms: number } | undefined {
  return stmt(db, 'SELECT created_ms, seen_ms FROM sessions WHERE id = ?').get(id) as { created_ms: number; seen_ms: number } | undefined;
}

export function deleteSession(db: DB, id: number): boolean {
  return stmt(db, 'DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
}

/** Ends the logins idle since `idleBeforeMs` or made before `createdBeforeMs`. */
export function deleteExpiredSessions(db: DB, idleBeforeMs: number, createdBeforeMs: number): number {
  return stmt(db, 'DELETE FROM sessions WHERE seen_ms < ? OR created_ms < ?').run(idleBeforeMs, createdBeforeMs).changes;
}

export function countSessions(db: DB): number {
  return stmt(db, 'SELECT count(*) FROM sessions').pluck().get() as number;
}

/** Drops the `n` least recently used logins (the host's bound on how many it keeps). */
export function deleteLeastRecentSessions(db: DB, n: number): void {
  stmt(db, 'DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY seen_ms, id LIMIT ?)').run(n);
}

export function listSessions(db: DB): SessionRow[] {
  return stmt(db, 'SELECT id, csrf, user_id, stamp, address, client, created_ms, seen_ms FROM sessions ORDER BY seen_ms DESC, id DESC LIMIT 1000').all() as SessionRow[];
}
