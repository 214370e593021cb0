import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../electron/hosts/http/server';
import { resolveStatic } from '../../electron/hosts/http/static-files';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { sampleIncoming, TEST_PASSWORD, tempApp, tempDir } from '../helpers/app';
import type { AppContext } from '../../electron/app/context';
import { makePdf } from '../fixtures/make-files';
import { rawRequest } from '../helpers/http';

let app: AppContext & { cleanup(): Promise<void> };
let host: HttpHost;
const staticRoot = tempDir('vanphong-static-');

beforeAll(async () => {
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>Văn phòng điện tử</title>');
  fs.mkdirSync(path.join(staticRoot, 'assets'));
  fs.writeFileSync(path.join(staticRoot, 'assets', 'app.js'), 'console.log(1)');
  app = await tempApp();
  host = await startHttpHost(app, { staticRoot });
  const login = await request('POST', '/api/auth.login', good(), JSON.stringify({ username: 'tester', password: TEST_PASSWORD }));
  expect((decodeWire(login.text) as { ok: boolean }).ok).toBe(true);
  loginCookieHeader = String(login.headers['set-cookie']?.[0] ?? '');
  cookie = loginCookieHeader.split(';')[0];
  csrf = String(login.headers['x-vanphong-csrf'] ?? '');
});
afterAll(async () => {
  await host.close();
  await app.cleanup();
});

const request = (method: string, p: string, headers: Record<string, string>, body?: string) => rawRequest(host.port, method, p, headers, body);

let cookie = '';
let csrf = '';
let loginCookieHeader = '';
const good = () => ({ Host: `127.0.0.1:${host.port}`, 'X-Vanphong-Token': host.token, 'Content-Type': 'application/json', 'X-Vanphong-Csrf': csrf, ...(cookie ? { Cookie: cookie } : {}) });

describe('browser-mode HTTP host', () => {
  it('binds to 127.0.0.1 only and prints a URL with a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the API to a caller with the token, carrying bytes both ways', async () => {
    const pdf = makePdf(['Hello']);
    const body = encodeWire({ ...sampleIncoming(), attachments: [{ name: 'a.pdf', data: pdf }] });
    const r = await request('POST', '/api/incoming.register', good(), body);
    expect(r.status).toBe(200);
    const res = decodeWire(r.text) as { ok: true; value: { arrivalNumber: number; attachments: { sha256: string }[] } };
    expect(res.ok).toBe(true);
    expect(res.value.arrivalNumber).toBe(1);
    const c = await request('POST', '/api/attachments.content', good(), encodeWire({ sha256: res.value.attachments[0].sha256 }));
    const bytes = (decodeWire(c.text) as { value: Uint8Array }).value;
    expect(Buffer.from(bytes).equals(Buffer.from(pdf))).toBe(true);
  });

  it('returns validation errors as values with the field', async () => {
    const r = await request('POST', '/api/incoming.register', good(), JSON.stringify({ sender: 'A', ref: '1/A', docDate: '2026-13-01', subject: 'x' }));
    const res = JSON.parse(r.text);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'docDate' } });
  });

  it('keeps the login in an HttpOnly, SameSite=Strict cookie; without it the API answers UNAUTHENTICATED', async () => {
    const r = await request('POST', '/api/books.list', { ...good(), Cookie: '' }, '{}');
    expect((decodeWire(r.text) as { ok: false; error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    // Only a login makes a session: a caller without one gets no cookie to collect.
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(loginCookieHeader).toMatch(new RegExp(`^vp_session_${host.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(csrf).toMatch(/^[\w-]{32}$/);
    const wrong = await request('POST', '/api/auth.login', { ...good(), Cookie: '' }, JSON.stringify({ username: 'tester', password: 'sai-mat-khau' }));
    expect((decodeWire(wrong.text) as { ok: false; error: { code: string; message: string } }).error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Sai tên đăng nhập hoặc mật khẩu.' });
    expect((decodeWire((await request('POST', '/api/books.list', good(), '{}')).text) as { ok: boolean }).ok).toBe(true);
  });

  it('refuses a call of a logged-in session without its CSRF token, or with another session\'s', async () => {
    for (const bad of ['', 'x'.repeat(32), csrf.slice(1)]) {
      const r = await request('POST', '/api/books.list', { ...good(), 'X-Vanphong-Csrf': bad }, '{}');
      expect(r.status).toBe(403);
      expect((decodeWire(r.text) as { ok: false; error: { code: string } }).error.code).toBe('CSRF');
    }
    // A second login's token does not work for the first session (no replay across sessions).
    const other = await request('POST', '/api/auth.login', { ...good(), Cookie: '', 'X-Vanphong-Csrf': '' }, JSON.stringify({ username: 'tester', password: TEST_PASSWORD }));
    const otherCsrf = String(other.headers['x-vanphong-csrf']);
    expect(otherCsrf).not.toBe(csrf);
    expect((await request('POST', '/api/books.list', { ...good(), 'X-Vanphong-Csrf': otherCsrf }, '{}')).status).toBe(403);
    // GET /session gives a page of our own origin its session's token (a new tab).
    const s = await request('GET', '/session', { Host: `127.0.0.1:${host.port}`, Cookie: cookie });
    expect(JSON.parse(s.text)).toEqual({ csrf, mode: 'browser' });
  });

  it('refuses a missing or wrong token', async () => {
    const { 'X-Vanphong-Token': _t, ...noToken } = good();
    expect((await request('POST', '/api/books.list', noToken, '{}')).status).toBe(401);
    expect((await request('POST', '/api/books.list', { ...good(), 'X-Vanphong-Token': 'x'.repeat(43) }, '{}')).status).toBe(401);
  });

  it('opens the browser with a one-time code, exchanged once by our own page for the token, never the token itself', async () => {
    const code = host.launchCode();
    expect(code).not.toContain(host.token);
    const own = { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${host.port}` };
    expect((await request('POST', '/launch', { ...own, Origin: 'https://evil.example' }, JSON.stringify({ code }))).status).toBe(403);
    const { Origin: _o, ...noOrigin } = own;
    expect((await request('POST', '/launch', noOrigin, JSON.stringify({ code }))).status).toBe(403);
    const first = await request('POST', '/launch', own, JSON.stringify({ code }));
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toEqual({ token: host.token });
    const again = await request('POST', '/launch', own, JSON.stringify({ code }));
    expect(again.status).toBe(401);
    expect(again.text).toContain('đã dùng hoặc đã hết hạn');
    expect((await request('POST', '/launch', own, JSON.stringify({ code: 'x'.repeat(32) }))).status).toBe(401);
    expect((await request('GET', '/launch', own)).status).toBe(405);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const r = await request('POST', '/api/books.list', { ...good(), Host: `evil.example:${host.port}` }, '{}');
    expect(r.status).toBe(421);
    const s = await request('GET', '/', { Host: 'evil.example' });
    expect(s.status).toBe(421);
  });

  it('refuses a foreign Origin (CSRF) and accepts its own', async () => {
    expect((await request('POST', '/api/books.list', { ...good(), Origin: 'https://evil.example' }, '{}')).status).toBe(403);
    expect((await request('POST', '/api/books.list', { ...good(), Origin: `http://127.0.0.1:${host.port}` }, '{}')).status).toBe(200);
  });

  it('refuses GET on the API and unknown methods', async () => {
    expect((await request('GET', '/api/books.list', good())).status).toBe(405);
    const r = await request('POST', '/api/nope.nothing', good(), '{}');
    expect(JSON.parse(r.text).error.code).toBe('UNKNOWN_METHOD');
  });

  it('keeps the session its user changed the password from (and only that one)', async () => {
    const other = await request('POST', '/api/auth.login', { ...good(), Cookie: '', 'X-Vanphong-Csrf': '' }, JSON.stringify({ username: 'tester', password: TEST_PASSWORD }));
    const otherCookie = String(other.headers['set-cookie']).split(';')[0];
    const otherCsrf = String(other.headers['x-vanphong-csrf']);
    const changed = await request('POST', '/api/auth.changePassword', good(), JSON.stringify({ current: TEST_PASSWORD, password: 'mat-khau-moi-dai-du' }));
    expect((decodeWire(changed.text) as { ok: boolean }).ok).toBe(true);
    expect((decodeWire((await request('POST', '/api/books.list', good(), '{}')).text) as { ok: boolean }).ok).toBe(true);
    const ended = await request('POST', '/api/books.list', { ...good(), Cookie: otherCookie, 'X-Vanphong-Csrf': otherCsrf }, '{}');
    expect((decodeWire(ended.text) as { ok: false; error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    await request('POST', '/api/auth.changePassword', good(), JSON.stringify({ current: 'mat-khau-moi-dai-du', password: TEST_PASSWORD }));
  });

  it('serves the renderer with a CSP without unsafe-eval, and no file outside its root', async () => {
    const r = await request('GET', '/', { Host: `127.0.0.1:${host.port}` });
    expect(r.status).toBe(200);
    expect(r.text).toContain('Văn phòng điện tử');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect((await request('GET', '/assets/app.js', { Host: `127.0.0.1:${host.port}` })).headers['content-type']).toMatch(/javascript/);
    for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/..%5c..%5cwin.ini'])
      expect((await request('GET', p, { Host: `127.0.0.1:${host.port}` })).text).not.toMatch(/root:/);
    expect(resolveStatic(staticRoot, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStatic(staticRoot, '/incoming/42')).toBe(path.join(staticRoot, 'index.html'));
    expect(resolveStatic(staticRoot, '/missing.js')).toBeNull();
  });
});
