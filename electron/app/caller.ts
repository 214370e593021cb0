import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../shared/api/result';
import type { Caller } from '../../shared/auth/roles';

/**
 * The caller of the API call in progress, set by the dispatcher for the length of the call, for the record checks of
 * services and the audit log written deep inside a transaction. It lives beside the application context (not in
 * auth) so that audit and every domain can read it without depending on the login service.
 */
const actor = new AsyncLocalStorage<Caller | null>();

export function runAs<T>(caller: Caller | null, fn: () => T): T {
  return actor.run(caller, fn);
}

export function currentActor(): Caller | null {
  return actor.getStore() ?? null;
}

/** The caller, for services whose rules depend on who asks (the dispatcher has already refused anonymous calls). */
export function requireCaller(): Caller {
  const c = currentActor();
  if (!c) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để dùng chức năng này.');
  return c;
}

/**
 * A host's login state: one per browser session (HTTP cookie), per window (Electron), per command (CLI).
 * The dispatcher reads and refreshes it on every call; `auth.login` and `auth.logout` change it.
 */
export interface Session {
  caller: Caller | null;
  /** A digest of the password hash at login: a changed or reset password ends every other session. */
  stamp?: string;
  /** Where the calls come from (the client's IP address, "desktop", "cli"): failed logins count per account and address. */
  address?: string;
  /** The host serving it: the office server (HTTPS), the local browser mode, the desktop window, the command line. */
  via?: 'office' | 'browser' | 'desktop' | 'cli';
  /** The HTTP hosts' session row (electron/sessions), when the login is one. */
  id?: number;
}

export const anonymousSession = (): Session => ({ caller: null });
