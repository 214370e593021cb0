import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../electron/hosts/http/server';
import { decodeWire } from '../../shared/api/wire';
import { fixedClock, TEST_PASSWORD, tempApp } from '../helpers/app';
import { rawRequest } from '../helpers/http';

/**
 * Browser logins are bounded (issues 13 and 14): one ends after its idle time and after its maximum lifetime, and the
 * host holds a bounded number of sessions, dropping the least recently used.
 */
const MIN = 60_000;
const clock = fixedClock(new Date('2026-12-01T01:00:00Z'));
let app: Awaited<ReturnType<typeof tempApp>>;
let host: HttpHost;

beforeAll(async () => {
  app = await tempApp({ clock: clock.clock });
  host = await startHttpHost(app, { sessions: { idleMs: 30 * MIN, maxLifetimeMs: 8 * 60 * MIN, maxSessions: 3 } });
});
afterAll(async () => {
  await host?.close();
  await app?.cleanup();
});


async function post(name: string, body: unknown, cookie = ''): Promise<{ value: unknown; cookie: string }> {
  const headers = { Host: `127.0.0.1:${host.port}`, 'X-Vanphong-Token': host.token, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) };
  const r = await rawRequest(host.port, 'POST', `/api/${name}`, headers, JSON.stringify(body));
  return { value: decodeWire(r.text), cookie: String(r.headers['set-cookie']?.[0] ?? '').split(';')[0] || cookie };
}

async function login(): Promise<string> {
  const r = await post('auth.login', { username: 'tester', password: TEST_PASSWORD });
  expect((r.value as { ok: boolean }).ok).toBe(true);
  return r.cookie;
}
const who = async (cookie: string) => ((await post('auth.status', {}, cookie)).value as { value: { user: { username: string } | null } }).value.user?.username ?? null;

describe('browser sessions', () => {
  it('stay while used, and end after 30 minutes without a call', async () => {
    const cookie = await login();
    clock.advance(29 * MIN);
    expect(await who(cookie)).toBe('tester');
    clock.advance(29 * MIN);
    expect(await who(cookie)).toBe('tester');
    clock.advance(31 * MIN);
    expect(await who(cookie)).toBeNull();
  });

  it('end after 8 hours however busy', async () => {
    const cookie = await login();
    for (let h = 0; h < 16; h++) {
      clock.advance(29 * MIN);
      expect(await who(cookie), `after ${(h + 1) * 29} minutes`).toBe('tester');
    }
    clock.advance(30 * MIN); // 8 h 14 min since login
    expect(await who(cookie)).toBeNull();
  });

  it('are at most 3 here: a fourth login drops the least recently used, after any nobody is logged in to', async () => {
    const a = await login();
    const b = await login();
    const c = await login();
    expect(await who(a)).toBe('tester'); // a is now the most recently used; b the least
    await login();
    expect(await who(a)).toBe('tester');
    expect(await who(c)).toBe('tester');
    // Requests without a login (each gets an anonymous session) push out other anonymous ones, not the logins.
    for (let i = 0; i < 5; i++) await post('auth.status', {});
    expect(await who(a)).toBe('tester');
    expect(await who(c)).toBe('tester');
    expect(await who(b)).toBeNull();
  });
});
