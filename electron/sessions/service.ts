import crypto from 'node:crypto';
import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { DEFAULT_SESSION_SETTINGS, type ServerInfo, type SessionInfo, type SessionSettings } from '../../shared/sessions/schemas';
import type { AppContext } from '../app/context';
import type { Session } from '../app/caller';
import { getSetting, setSetting } from '../app/settings';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { passwordStamp, toCaller, userById } from '../auth/repo';
import * as repo from './repo';

/**
 * Logins through the HTTP hosts (issue 13): the browser holds a random token in an HttpOnly cookie, the database holds
 * its SHA-256, the user, a per-session CSRF token and the times. The host resumes a session per request and ends it at
 * logout, after the idle time, after the maximum lifetime (both settings of the administrator), or when the
 * administrator ends it.
 */

const SETTINGS_KEY = 'sessions.limits';

export interface SessionLimits {
  idleMs: number;
  maxLifetimeMs: number;
  /** The most logins kept; beyond it the least recently used end. */
  maxSessions: number;
}

export const MAX_SESSIONS = 10_000;

export function sessionSettings(app: AppContext): SessionSettings {
  const raw = getSetting(app.db, SETTINGS_KEY);
  if (!raw) return { ...DEFAULT_SESSION_SETTINGS };
  try {
    return { ...DEFAULT_SESSION_SETTINGS, ...(JSON.parse(raw) as Partial<SessionSettings>) };
  } catch {
    return { ...DEFAULT_SESSION_SETTINGS };
  }
}

export function saveSessionSettings(app: AppContext, input: MethodParsed<'sessions.saveSettings'>): SessionSettings {
  immediate(app.db, () => {
    setSetting(app.db, SETTINGS_KEY, JSON.stringify(input));
    audit(app, 'settings.sessions', 'settings', null, { ...input });
  });
  return sessionSettings(app);
}

export function limitsOf(app: AppContext, override: Partial<SessionLimits> = {}): SessionLimits {
  const s = sessionSettings(app);
  return { idleMs: s.idleMinutes * 60_000, maxLifetimeMs: s.maxHours * 3_600_000, maxSessions: MAX_SESSIONS, ...override };
}

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export interface HostSession {
  /** The cookie's value (only ever in the cookie). */
  token: string;
  csrf: string;
  id: number;
}

/** After a login: a new session row (a new token: no fixation), the bound on their number kept. */
export function openSession(app: AppContext, session: Session, client: { address: string; userAgent: string }, limits: SessionLimits): HostSession {
  const caller = session.caller;
  if (!caller) throw new AppError('UNAUTHENTICATED', 'Chưa đăng nhập.');
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(24).toString('base64url');
  const now = app.clock().getTime();
  const id = immediate(app.db, () => {
    repo.deleteExpiredSessions(app.db, now - limits.idleMs, now - limits.maxLifetimeMs);
    const over = repo.countSessions(app.db) - limits.maxSessions + 1;
    if (over > 0) repo.deleteLeastRecentSessions(app.db, over);
    return repo.insertSession(app.db, {
      tokenSha256: sha256(token),
      csrf,
      userId: caller.id,
      stamp: session.stamp ?? passwordStamp(app.db, caller.id) ?? null,
      address: client.address.slice(0, 100),
      client: client.userAgent.slice(0, 200),
      nowMs: now,
    });
  });
  session.id = id;
  return { token, csrf, id };
}

/** The session a cookie names, if it is still valid; an expired one is deleted. Touches it at most once a minute. */
export function resumeSession(app: AppContext, token: string, client: { address: string; via: Session['via'] }, limits: SessionLimits): { session: Session; csrf: string; id: number } | null {
  const { address, via } = client;
  const row = repo.sessionByToken(app.db, sha256(token));
  if (!row) return null;
  const now = app.clock().getTime();
  if (now - row.seen_ms > limits.idleMs || now - row.created_ms > limits.maxLifetimeMs) {
    repo.deleteSession(app.db, row.id);
    return null;
  }
  const user = userById(app.db, row.user_id);
  if (!user) {
    repo.deleteSession(app.db, row.id);
    return null;
  }
  if (now - row.seen_ms >= 60_000 || now < row.seen_ms) repo.touchSession(app.db, row.id, now);
  return { session: { caller: toCaller(user), stamp: row.stamp ?? undefined, address, id: row.id, via }, csrf: row.csrf, id: row.id };
}

/** After the caller changed their own password, the session they did it from carries the new stamp. */
export function keepSessionStamp(app: AppContext, id: number, stamp: string | null): void {
  repo.setSessionStamp(app.db, id, stamp);
}

/** Whether a session still stands (not ended, not past its idle time or lifetime): a live stream ends with it. */
export function sessionAlive(app: AppContext, id: number, limits: SessionLimits): boolean {
  const t = repo.sessionTimes(app.db, id);
  const now = app.clock().getTime();
  return !!t && now - t.seen_ms <= limits.idleMs && now - t.created_ms <= limits.maxLifetimeMs;
}

export function endSession(app: AppContext, id: number): void {
  repo.deleteSession(app.db, id);
}

export function listSessions(app: AppContext, session: Session): SessionInfo[] {
  const users = new Map<number, ReturnType<typeof userById>>();
  return repo.listSessions(app.db).map((r) => {
    if (!users.has(r.user_id)) users.set(r.user_id, userById(app.db, r.user_id));
    const u = users.get(r.user_id);
    return {
      id: r.id,
      userId: r.user_id,
      username: u?.username ?? '?',
      fullName: u?.fullName ?? '?',
      address: r.address,
      client: r.client,
      createdAt: new Date(r.created_ms).toISOString(),
      seenAt: new Date(r.seen_ms).toISOString(),
      current: r.id === session.id,
    };
  });
}

export function endSessionByAdmin(app: AppContext, id: number): { ended: true } {
  immediate(app.db, () => {
    const row = repo.listSessions(app.db).find((r) => r.id === id);
    if (!row || !repo.deleteSession(app.db, id)) throw new AppError('NOT_FOUND', 'Phiên đăng nhập này đã kết thúc.');
    audit(app, 'session.end', 'user', row.user_id, { address: row.address });
  });
  return { ended: true };
}

// ——— what the office server says about itself ———

const SERVER_KEY = 'server.info';

/** Written by `vanphong server` at start: what clients connect to and the fingerprint they compare. */
export function recordServerStart(app: AppContext, info: Omit<ServerInfo, 'mode' | 'startedAt'>): void {
  setSetting(app.db, SERVER_KEY, JSON.stringify({ ...info, startedAt: app.nowIso() }));
}

export function serverInfo(app: AppContext, session: Session): ServerInfo {
  const raw = getSetting(app.db, SERVER_KEY);
  if (!raw || session.via !== 'office') return { mode: 'local', url: null, fingerprint: null, names: [], startedAt: null };
  const saved = JSON.parse(raw) as Omit<ServerInfo, 'mode'>;
  return { mode: 'office', ...saved };
}
