import { AppError } from '../../shared/api/result';
import { formatDateTimeVN } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { clearLoginFailures, loginFailures, saveLoginFailures, type LoginFailures } from './repo';

/**
 * Login throttling, one rule for every host (issues 13 and 14), per account name and client address: from the 5th
 * failure each attempt waits 2^(n−5) s (n failures so far), at most 60 s; at 10 failures that address is locked out
 * of that account for 15 minutes. Never the account everywhere: anyone could then lock the leader out from afar.
 * Kept in the database, so every process and a restart see the same count.
 */
export const THROTTLE = { firstDelayAt: 5, maxDelayS: 60, lockAt: 10, lockMinutes: 15 } as const;

/** Seconds to wait before the next attempt after n failures in a row. */
export function delayAfter(failures: number): number {
  return failures < THROTTLE.firstDelayAt ? 0 : Math.min(2 ** (failures - THROTTLE.firstDelayAt), THROTTLE.maxDelayS);
}

/** The same key for "An", "an" and " an ". */
const keyOf = (username: string) => username.normalize('NFC').trim().toLowerCase();

/**
 * Refuses an attempt made while the address is locked out or must still wait; nothing is counted for it. True when
 * failures are on record (a success then clears them; otherwise a login writes nothing).
 */
export function checkThrottle(app: AppContext, username: string, address: string): boolean {
  const f = loginFailures(app.db, keyOf(username), address);
  if (!f) return false;
  const now = app.clock().getTime();
  if (f.lockedUntilMs !== null) {
    if (f.lockedUntilMs > now) {
      throw new AppError(
        'RATE_LIMITED',
        `Đăng nhập tài khoản «${username}» từ máy này tạm bị khóa đến ${formatDateTimeVN(new Date(f.lockedUntilMs).toISOString())} vì sai mật khẩu ${f.failures} lần liên tiếp. Hãy thử lại sau, hoặc nhờ quản trị kiểm tra.`,
        { field: 'password', details: { retryAfterMs: f.lockedUntilMs - now, locked: true } },
      );
    }
    return true; // the lockout is over: recordFailure and recordSuccess start afresh
  }
  const waitMs = f.lastAtMs + delayAfter(f.failures) * 1000 - now;
  if (waitMs > 0) {
    throw new AppError('RATE_LIMITED', `Sai mật khẩu ${f.failures} lần liên tiếp: hãy đợi ${Math.ceil(waitMs / 1000)} giây rồi thử lại.`, {
      field: 'password',
      details: { retryAfterMs: waitMs, locked: false },
    });
  }
  return true;
}

/** Counts a failed attempt (and audits it with the address), locking the address out at the 10th. */
export function recordFailure(app: AppContext, username: string, address: string, userId: number | null): LoginFailures {
  return immediate(app.db, () => {
    const key = keyOf(username);
    const now = app.clock().getTime();
    const before = loginFailures(app.db, key, address);
    const fresh = !before || (before.lockedUntilMs !== null && before.lockedUntilMs <= now);
    const failures = fresh ? 1 : before.failures + 1;
    const next: LoginFailures = {
      failures,
      lastAtMs: now,
      lockedUntilMs: failures >= THROTTLE.lockAt ? now + THROTTLE.lockMinutes * 60_000 : null,
    };
    saveLoginFailures(app.db, key, address, next);
    audit(app, 'user.login-failed', 'user', userId, { username, address, failures, ...(next.lockedUntilMs ? { lockedUntil: new Date(next.lockedUntilMs).toISOString() } : {}) });
    return next;
  });
}

export function recordSuccess(app: AppContext, username: string, address: string): void {
  immediate(app.db, () => clearLoginFailures(app.db, keyOf(username), address));
}
