import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../electron/hosts/http/server';
import { decodeWire } from '../../shared/api/wire';
import { fixedClock, TEST_PASSWORD, tempApp } from '../helpers/app';
import { rawRequest } from '../helpers/http';

/**
 * Browser logins are bounded (issues 13 and 14): one ends after its idle time and after its maximum lifetime, and the
 * host holds a bounded number of sessions, dropping the least recently used. Sessions live in the database: a restart
 * of the host keeps them, an administrator lists and ends them.
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


/** A browser: its cookie and its session's CSRF token. */
interface Browser {
  cookie: string;
  csrf: string;
}

async function post(name: string, body: unknown, b: Browser = { cookie: '', csrf: '' }): Promise<{ value: unknown; browser: Browser }> {
  const headers = { Host: `127.0.0.1:${host.port}`, 'X-Vanphong-Token': host.token, 'Content-Type': 'application/json', 'X-Vanphong-Csrf': b.csrf, ...(b.cookie ? { Cookie: b.cookie } : {}) };
  const r = await rawRequest(host.port, 'POST', `/api/${name}`, headers, JSON.stringify(body));
  const cookie = String(r.headers['set-cookie']?.[0] ?? '').split(';')[0] || b.cookie;
  return { value: decodeWire(r.text), browser: { cookie, csrf: String(r.headers['x-vanphong-csrf'] ?? b.csrf) } };
}

async function login(): Promise<Browser> {
  const r = await post('auth.login', { username: 'tester', password: TEST_PASSWORD });
  expect((r.value as { ok: boolean }).ok).toBe(true);
  return r.browser;
}
const who = async (b: Browser) => ((await post('auth.status', {}, b)).value as { value: { user: { username: string } | null } }).value.user?.username ?? null;

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

  it('are at most 3 here: a fourth login drops the least recently used; requests without a login make none', async () => {
    const a = await login();
    const b = await login();
    const c = await login();
    clock.advance(MIN); // use is recorded to the minute (no write per request)
    expect(await who(a)).toBe('tester'); // a is now the most recently used; b the least
    await login();
    expect(await who(a)).toBe('tester');
    expect(await who(c)).toBe('tester');
    // Requests without a login make no session, so they push out nobody's.
    for (let i = 0; i < 5; i++) expect((await post('auth.status', {})).browser.cookie).toBe('');
    expect(await who(a)).toBe('tester');
    expect(await who(c)).toBe('tester');
    expect(await who(b)).toBeNull();
  });

  it('survive a restart of the host, and end when the administrator ends them', async () => {
    const a = await login();
    await host.close();
    host = await startHttpHost(app, { port: 0, sessions: { idleMs: 30 * MIN, maxLifetimeMs: 8 * 60 * MIN, maxSessions: 3 } });
    // The cookie names the old port: the same token under the new port's cookie name.
    const moved = { cookie: a.cookie.replace(/^vp_session_\d+=/, `vp_session_${host.port}=`), csrf: a.csrf };
    expect(await who(moved)).toBe('tester');
    const list = (await post('sessions.list', {}, moved)).value as { ok: true; value: { id: number; current: boolean; username: string }[] };
    const mine = list.value.find((s) => s.current)!;
    expect(mine.username).toBe('tester');
    // tester is quản trị: from another browser it ends the first one, which is then logged out.
    const other = await login();
    expect(((await post('sessions.end', { id: mine.id }, other)).value as { ok: boolean }).ok).toBe(true);
    expect(await who(moved)).toBeNull();
    expect(await who(other)).toBe('tester');
    const again = (await post('sessions.end', { id: mine.id }, other)).value as { ok: false; error: { code: string } };
    expect(again.error.code).toBe('NOT_FOUND');
  });
});
