import { AppError } from '../../shared/api/result';
import { formatDateTimeVN } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { clearLoginFailures, loginFailures, pruneLoginFailures, saveLoginFailures, type LoginFailures } from './repo';

/**
 * Login throttling, one rule for every host (issues 13 and 14), per account name and client address: from the 5th
 * failure each attempt waits 2^(n−5) s (n failures so far), at most 60 s; at 10 failures that address is locked out
 * of that account for 15 minutes. Never the account everywhere: anyone could then lock the leader out from afar.
 * Kept in the database, so every process and a restart see the same count.
 */
export const THROTTLE = { firstDelayAt: 5, maxDelayS: 60, lockAt: 10, lockMinutes: 15, forgetAfterHours: 24 } as const;

/** Seconds to wait before the next attempt after n failures in a row. */
export function delayAfter(failures: number): number {
  return failures < THROTTLE.firstDelayAt ? 0 : Math.min(2 ** (failures - THROTTLE.firstDelayAt), THROTTLE.maxDelayS);
}

/** The same key for "An", "an" and " an ": folded as the users table compares names (COLLATE NOCASE: ASCII only). */
const keyOf = (username: string) =>
  username
    .normalize('NFC')
    .trim()
    .slice(0, 50)
    .replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Starts an attempt, in one transaction: refuses it while the address is locked out or must still wait (nothing is
 * counted then), else counts it as a failure before the password is even checked — so attempts sent at the same time
 * cannot slip past the count while their passwords are being hashed. A success clears the count (recordSuccess).
 */
export function beginAttempt(app: AppContext, username: string, address: string): LoginFailures {
  return immediate(app.db, () => {
    const key = keyOf(username);
    const now = app.clock().getTime();
    pruneLoginFailures(app.db, now - THROTTLE.forgetAfterHours * 3_600_000);
    const f = loginFailures(app.db, key, address);
    const lockedOut = f?.lockedUntilMs != null && f.lockedUntilMs > now;
    if (f && lockedOut) {
      throw new AppError(
        'RATE_LIMITED',
        `Đăng nhập tài khoản «${username}» từ máy này tạm bị khóa đến ${formatDateTimeVN(new Date(f.lockedUntilMs!).toISOString())} vì sai mật khẩu ${f.failures} lần liên tiếp. Hãy thử lại sau, hoặc nhờ quản trị kiểm tra.`,
        { field: 'password', details: { retryAfterMs: f.lockedUntilMs! - now, locked: true } },
      );
    }
    // A lockout that is over starts the count afresh.
    const before = f && f.lockedUntilMs === null ? f : undefined;
    const waitMs = before ? before.lastAtMs + delayAfter(before.failures) * 1000 - now : 0;
    if (before && waitMs > 0) {
      throw new AppError('RATE_LIMITED', `Sai mật khẩu ${before.failures} lần liên tiếp: hãy đợi ${Math.ceil(waitMs / 1000)} giây rồi thử lại.`, {
        field: 'password',
        details: { retryAfterMs: waitMs, locked: false },
      });
    }
    const failures = (before?.failures ?? 0) + 1;
    const next: LoginFailures = { failures, lastAtMs: now, lockedUntilMs: failures >= THROTTLE.lockAt ? now + THROTTLE.lockMinutes * 60_000 : null };
    saveLoginFailures(app.db, key, address, next);
    return next;
  });
}

/**
 * Audits a failed attempt with its address and count. The name typed is kept only when it is an account's: people
 * type their password into the name field, and the audit log keeps everything for ever.
 */
export function auditFailure(app: AppContext, account: { id: number; username: string } | null, address: string, f: LoginFailures): void {
  immediate(app.db, () =>
    audit(app, 'user.login-failed', 'user', account?.id ?? null, {
      username: account?.username ?? null,
      address,
      failures: f.failures,
      ...(f.lockedUntilMs ? { lockedUntil: new Date(f.lockedUntilMs).toISOString() } : {}),
    }),
  );
}

export function recordSuccess(app: AppContext, username: string, address: string): void {
  immediate(app.db, () => clearLoginFailures(app.db, keyOf(username), address));
}
