import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/app/caller';
import { dispatch } from '../../electron/api/dispatch';
import { delayAfter } from '../../electron/auth/throttle';
import { addUser, fixedClock, TEST_PASSWORD, tempApp } from '../helpers/app';

/**
 * Login throttling per (account, client address), the rule of issues 13 and 14: free up to 4 failures, then a wait of
 * 2^(n−5) s after the n-th, at most 60 s; at 10 the address is locked out of that account for 15 minutes, while the
 * same account still logs in from another desk.
 */
describe('login throttling', () => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00Z'));
  let app: Awaited<ReturnType<typeof tempApp>>;
  const from = (address: string): Session => ({ caller: null, address });
  const login = (password: string, s: Session) => dispatch(app, 'auth.login', { username: 'an', password }, s);
  const errorOf = async (password: string, s: Session) => {
    const r = await login(password, s);
    if (r.ok) throw new Error('login unexpectedly succeeded');
    return r.error;
  };

  beforeAll(async () => {
    app = await tempApp({ clock: clock.clock });
    await addUser(app, 'an', ['lanhdao'], 'Nguyễn Văn An');
  });
  afterAll(async () => app?.cleanup());

  it('waits 2^(n−5) s from the 5th failure, at most 60 s', () => {
    expect([1, 4, 5, 6, 7, 9, 11, 20].map(delayAfter)).toEqual([0, 0, 1, 2, 4, 16, 60, 60]);
  });

  it('lets four wrong passwords through at once, then asks to wait; an early attempt is refused without being counted', async () => {
    const desk = from('10.0.0.7');
    for (let i = 1; i <= 4; i++) expect((await errorOf('sai-mat-khau', desk)).code).toBe('UNAUTHENTICATED');
    const fifth = await errorOf('sai-mat-khau', desk);
    expect(fifth.message).toContain('hãy đợi 1 giây');
    const early = await errorOf(TEST_PASSWORD, desk);
    expect(early).toMatchObject({ code: 'RATE_LIMITED', field: 'password' });
    expect(early.message).toContain('Sai mật khẩu 5 lần liên tiếp');
    clock.advance(1000);
    expect((await errorOf('sai-mat-khau', desk)).message).toContain('hãy đợi 2 giây');
    clock.advance(1999);
    expect((await errorOf('sai-mat-khau', desk)).code).toBe('RATE_LIMITED');
    clock.advance(1);
    const ok = await login(TEST_PASSWORD, desk);
    expect(ok.ok).toBe(true);
    // A success clears the count: four more mistakes are free again.
    for (let i = 1; i <= 4; i++) expect((await errorOf('sai-mat-khau', desk)).code).toBe('UNAUTHENTICATED');
    expect((await login(TEST_PASSWORD, desk)).ok).toBe(true);
  });

  it('locks the address out of the account at 10 failures for 15 minutes, while another desk still logs in', async () => {
    const attacker = from('192.0.2.50');
    let last = '';
    for (let n = 1; n <= 10; n++) {
      clock.advance(delayAfter(n - 1) * 1000);
      const e = await errorOf('doan-mo', attacker);
      expect(e.code, `attempt ${n}`).toBe('UNAUTHENTICATED');
      last = e.message;
    }
    expect(last).toContain('tạm khóa 15 phút');
    clock.advance(60_000);
    const locked = await errorOf(TEST_PASSWORD, attacker);
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.message).toContain('tạm bị khóa đến');
    expect((await login(TEST_PASSWORD, from('10.0.0.8'))).ok).toBe(true);
    clock.advance(14 * 60_000 - 1);
    expect((await errorOf(TEST_PASSWORD, attacker)).code).toBe('RATE_LIMITED');
    clock.advance(1);
    expect((await login(TEST_PASSWORD, attacker)).ok).toBe(true);
  });

  it('audits every failure with the address, and the name only when it is an account’s (a password typed as a name stays out)', async () => {
    await errorOf('x', from('198.51.100.9'));
    expect((await dispatch(app, 'auth.login', { username: 'khong-co', password: 'x' }, from('198.51.100.9'))).ok).toBe(false);
    const rows = app.db.prepare("SELECT entity_id AS userId, detail FROM audit_log WHERE action = 'user.login-failed' ORDER BY seq DESC LIMIT 2").all() as { userId: number | null; detail: string }[];
    expect(rows.map((r) => ({ userId: r.userId, ...JSON.parse(r.detail) }))).toEqual([
      { userId: null, username: null, address: '198.51.100.9', failures: 1 },
      { userId: expect.any(Number), username: 'an', address: '198.51.100.9', failures: 1 },
    ]);
    const total = app.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login-failed'").pluck().get();
    expect(total).toBe(4 + 2 + 4 + 10 + 2);
  });

  it('counts attempts sent at the same time: a burst cannot slip past the count while passwords are hashed', async () => {
    const burst = from('203.0.113.4');
    const results = await Promise.all(Array.from({ length: 12 }, () => login('doan-mo', burst)));
    const codes = results.map((r) => (r.ok ? 'OK' : r.error.code));
    // Four are free and checked; the 5th is checked too and sets the wait; the rest are refused unchecked.
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
  });
});
