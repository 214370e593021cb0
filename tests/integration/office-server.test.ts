import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfficeServer, type OfficeServer } from '../../electron/hosts/server/office-server';
import { givenIdentity, ownIdentity, type TlsIdentity } from '../../electron/hosts/server/tls-identity';
import { RemoteApp } from '../../electron/hosts/cli/remote';
import { AppError } from '../../shared/api/result';
import { decodeWire } from '../../shared/api/wire';
import type { LiveEvent } from '../../shared/live/events';
import { addUser, fixedClock, rowsCount, sampleIncoming, TEST_PASSWORD, tempApp, tempDir } from '../helpers/app';
import { makePdf } from '../fixtures/make-files';

/**
 * The office server (issue 13) over real HTTPS on loopback: trust by CA or pinned fingerprint, Secure cookies with a
 * CSRF token, Host/Origin checks, no API over plain HTTP, live events resumed with Last-Event-ID, and the login
 * throttle per client address (tests play several desks from 127.0.0.2, 127.0.0.3…).
 */
let app: Awaited<ReturnType<typeof tempApp>>;
let server: OfficeServer;
let identity: TlsIdentity;
const dataDir = tempDir('vanphong-office-');
const clock = fixedClock(new Date());

beforeAll(async () => {
  app = await tempApp({ clock: clock.clock });
  await addUser(app, 'lanhdao', ['lanhdao'], 'Trần Thị Lãnh Đạo');
  identity = ownIdentity(dataDir, ['localhost', '127.0.0.1']);
  server = await startOfficeServer(app, { host: '127.0.0.1', port: 0, identity });
});
afterAll(async () => {
  await server?.close();
  await app?.cleanup();
});

const ca = () => fs.readFileSync(identity.caFile!);

function request(o: { method?: string; path: string; headers?: Record<string, string>; body?: string; localAddress?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', servername: 'localhost', port: server.port, method: o.method ?? 'GET', path: o.path, ca: ca(), headers: { Host: `127.0.0.1:${server.port}`, ...o.headers }, localAddress: o.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('the office server', () => {
  it('makes its own CA once and a server certificate for the machine, keys private, fingerprint stable across starts', () => {
    expect(server.url).toBe(`https://127.0.0.1:${server.port}/`);
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(identity.names).toEqual(expect.arrayContaining(['localhost', '127.0.0.1']));
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(dataDir, 'tls', 'ca.key')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dataDir, 'tls', 'server.key')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dataDir, 'tls')).mode & 0o777).toBe(0o700);
    }
    const again = ownIdentity(dataDir, ['localhost', '127.0.0.1']);
    expect(again.fingerprint).toBe(identity.fingerprint);
    // An interface address that comes and goes is written into a new certificate but does not make one by itself:
    // clients pinning this one keep working.
    expect(ownIdentity(dataDir, ['localhost', '127.0.0.1', '10.9.8.7'], ['localhost', '127.0.0.1']).fingerprint).toBe(identity.fingerprint);
    // A new name for the machine: a new server certificate from the same CA.
    const renamed = ownIdentity(tempDirCopy(dataDir), ['localhost', '127.0.0.1', 'vanphong.coquan.local']);
    expect(renamed.names).toContain('vanphong.coquan.local');
  });

  it('takes the office\'s own certificate, and refuses a key that is not its', () => {
    const own = givenIdentity({ cert: path.join(dataDir, 'tls', 'server.pem'), key: path.join(dataDir, 'tls', 'server.key') });
    expect(own.fingerprint).toBe(identity.fingerprint);
    expect(() => givenIdentity({ cert: path.join(dataDir, 'tls', 'server.pem'), key: path.join(dataDir, 'tls', 'ca.key') })).toThrow(/không khớp/);
    expect(() => givenIdentity({ pfx: path.join(dataDir, 'tls', 'server.pem'), password: 'x' })).toThrow(/PFX/);
  });

  it('serves the CLI client that trusts its CA, or pins its fingerprint; another fingerprint gets nothing', async () => {
    const byCa = new RemoteApp({ url: server.url, caFile: identity.caFile! });
    await byCa.login('tester', TEST_PASSWORD);
    const rec = await byCa.call('incoming.register', sampleIncoming({ subject: 'Qua máy chủ cơ quan' }));
    expect(rec.arrivalNumber).toBe(1);
    await byCa.close();

    const pinned = new RemoteApp({ url: server.url, fingerprint: server.fingerprint.toLowerCase().replace(/:/g, '') });
    await pinned.login('tester', TEST_PASSWORD);
    expect((await pinned.call('incoming.list', {})).rows.map((r) => r.subject)).toContain('Qua máy chủ cơ quan');
    await pinned.close();

    const failuresBefore = rowsCount(app, 'login_failures');
    const auditBefore = rowsCount(app, 'audit_log');
    const wrong = new RemoteApp({ url: server.url, fingerprint: 'AB'.repeat(32) });
    const e = await wrong.login('tester', 'sai').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toContain(server.fingerprint);
    expect((e as AppError).message).toMatch(/khác dấu vân tay đã ghim/);
    // Nothing reached the server: no failed login counted, nothing logged.
    expect(rowsCount(app, 'login_failures')).toBe(failuresBefore);
    expect(rowsCount(app, 'audit_log')).toBe(auditBefore);
    await wrong.close();

    const untrusted = new RemoteApp({ url: server.url });
    await expect(untrusted.login('tester', TEST_PASSWORD)).rejects.toThrow(/--ca|--fingerprint/);
    await untrusted.close();
  });

  it('refuses over the network what only the server machine or the signer\'s desk may do: the first account, a key, the server\'s tokens', async () => {
    const c = new RemoteApp({ url: server.url, caFile: identity.caFile! });
    const setup = await c.call('auth.setup', { username: 'ke-la', fullName: 'Kẻ Lạ', roles: ['quantri'], password: 'mat-khau-du-dai' }).catch((e: unknown) => e);
    expect(setup).toMatchObject({ code: 'FORBIDDEN' });
    await c.login('tester', TEST_PASSWORD);
    const tokens = await c.call('signing.tokens', { module: '/usr/lib/softhsm/libsofthsm2.so' }).catch((e: unknown) => e);
    expect(tokens).toMatchObject({ code: 'FORBIDDEN', field: 'module' });
    const key = await c.call('signing.sign', { pdf: new Uint8Array([37, 80, 68, 70]), role: 'signer', key: { kind: 'pkcs11', module: '\\\\attacker\\share\\x.dll', pin: '1234', slot: 0 } }).catch((e: unknown) => e);
    expect(key).toMatchObject({ code: 'FORBIDDEN', field: 'key' });
    await c.close();
  });

  it('gives plain HTTP on its port a refusal and no API', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const s = net.connect(server.port, '127.0.0.1', () => s.write(`POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`));
      let got = '';
      s.on('data', (d) => (got += d.toString('utf8')));
      s.on('end', () => resolve(got));
      s.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(text).toContain('chỉ nhận kết nối HTTPS');
    expect(text).not.toContain('"ok"');
  });

  it('sets Secure __Host- cookies with a CSRF token, HSTS, and checks Host and Origin', async () => {
    const login = await request({ method: 'POST', path: '/api/auth.login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'tester', password: TEST_PASSWORD }) });
    expect(String(login.headers['set-cookie'])).toMatch(/^__Host-vp_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Secure$/);
    expect(login.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(login.headers['x-content-type-options']).toBe('nosniff');
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const csrf = String(login.headers['x-vanphong-csrf']);
    const ok = await request({ method: 'POST', path: '/api/books.list', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-Vanphong-Csrf': csrf, Origin: `https://127.0.0.1:${server.port}` }, body: '{}' });
    expect((decodeWire(ok.text) as { ok: boolean }).ok).toBe(true);
    const forged = await request({ method: 'POST', path: '/api/books.list', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-Vanphong-Csrf': csrf, Origin: 'https://evil.example' }, body: '{}' });
    expect(forged.status).toBe(403);
    const noCsrf = await request({ method: 'POST', path: '/api/books.list', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
    expect(noCsrf.status).toBe(403);
    const rebound = await request({ method: 'POST', path: '/api/books.list', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-Vanphong-Csrf': csrf, Host: `evil.example:${server.port}` }, body: '{}' });
    expect(rebound.status).toBe(421);
    // Without a session, only a small body: a large anonymous request is refused before it is read.
    const anonBig = await request({ method: 'POST', path: '/api/auth.login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'x', password: 'y'.repeat(100_000) }) }).catch(() => ({ status: 413 }));
    expect(anonBig.status).toBe(413);
    // Over the body limit: refused before reading, nothing dispatched.
    const big = await request({ method: 'POST', path: '/api/incoming.register', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-Vanphong-Csrf': csrf, 'Content-Length': String(2 ** 40) } }).catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
  });

  it('streams a stored file to a logged-in caller as a sandboxed download; nobody else, nothing unreferenced', async () => {
    const c = new RemoteApp({ url: server.url, caFile: identity.caFile! });
    await c.login('tester', TEST_PASSWORD);
    const pdf = makePdf(['Tệp tải về qua máy chủ']);
    const rec = await c.call('incoming.register', sampleIncoming({ ref: '90/UBND', attachments: [{ name: 'a.pdf', data: pdf }] }));
    const sha = rec.attachments[0].sha256;
    const out = path.join(tempDir('vanphong-download-'), 'a.pdf');
    expect(await c.download(sha, out)).toBe(pdf.byteLength);
    expect(Buffer.from(fs.readFileSync(out)).equals(Buffer.from(pdf))).toBe(true);
    await expect(c.download('0'.repeat(64), out)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(c.download('../../etc/passwd', out)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await c.close();
    const anon = await request({ path: `/files/${sha}` });
    expect(anon.status).toBe(401);
    const login = await request({ method: 'POST', path: '/api/auth.login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'tester', password: TEST_PASSWORD }) });
    const got = await request({ path: `/files/${sha}`, headers: { Cookie: String(login.headers['set-cookie']).split(';')[0] } });
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
    expect(got.headers['content-security-policy']).toContain('sandbox');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
  });

  it('writes nothing for a client killed mid-upload', async () => {
    const c = new RemoteApp({ url: server.url, caFile: identity.caFile! });
    await c.login('tester', TEST_PASSWORD);
    const before = rowsCount(app, 'incoming_docs');
    const login = await request({ method: 'POST', path: '/api/auth.login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'tester', password: TEST_PASSWORD }) });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const csrf = String(login.headers['x-vanphong-csrf']);
    const auditAfterLogin = rowsCount(app, 'audit_log');
    await new Promise<void>((resolve) => {
      const req = https.request({ host: '127.0.0.1', servername: 'localhost', port: server.port, method: 'POST', path: '/api/incoming.register', ca: ca(), headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', Cookie: cookie, 'X-Vanphong-Csrf': csrf, 'Content-Length': '1000000' } });
      req.on('error', () => resolve());
      req.write(JSON.stringify(sampleIncoming()).slice(0, 40));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(rowsCount(app, 'incoming_docs')).toBe(before);
    expect(rowsCount(app, 'audit_log')).toBe(auditAfterLogin);
    // The server goes on serving.
    expect((await c.call('incoming.list', { limit: 500 })).rows.length).toBe(before);
    await c.close();
  });

  it('locks out one address after 10 wrong passwords for that account, while the same account logs in from another desk', async () => {
    const attempt = (address: string, password: string) =>
      request({ method: 'POST', path: '/api/auth.login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'lanhdao', password }), localAddress: address }).then(
        (r) => decodeWire(r.text) as { ok: boolean; error?: { code: string; message: string } },
      );
    // The waits from the 5th failure on run on the app's clock: each attempt comes a minute after the last.
    for (let i = 0; i < 10; i++) {
      const r = await attempt('127.0.0.2', `sai-${i}`);
      expect(r.error?.code, `attempt ${i + 1}`).toBe('UNAUTHENTICATED');
      clock.advance(61_000);
    }
    const locked = await attempt('127.0.0.2', TEST_PASSWORD);
    expect(locked.error?.code).toBe('RATE_LIMITED');
    expect(locked.error?.message).toMatch(/tạm bị khóa đến .* sai mật khẩu 10 lần/);
    // The leader at another desk is not locked out.
    expect((await attempt('127.0.0.3', TEST_PASSWORD)).ok).toBe(true);
    // Fifteen minutes on, the first desk may try again.
    clock.advance(15 * 60_000);
    expect((await attempt('127.0.0.2', TEST_PASSWORD)).ok).toBe(true);
  });

  it('pushes changes as live events numbered by the audit log; a client resuming with Last-Event-ID misses none and sees none twice', async () => {
    const leader = new RemoteApp({ url: server.url, caFile: identity.caFile! });
    await leader.login('tester', TEST_PASSWORD);
    const login = await request({ method: 'POST', path: '/api/auth.login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'tester', password: TEST_PASSWORD }) });
    const cookie = String(login.headers['set-cookie']).split(';')[0];

    const stream = openEvents(cookie);
    await stream.opened;
    await leader.call('incoming.register', sampleIncoming({ ref: '77/UBND', subject: 'Sự kiện trực tiếp' }));
    const first = await stream.next((e) => e.topic === 'incoming');
    expect(first.action).toBe('incoming.register');
    stream.close();

    // Away: two more changes.
    await leader.call('incoming.register', sampleIncoming({ ref: '78/UBND', subject: 'Khi vắng 1' }));
    await leader.call('incoming.register', sampleIncoming({ ref: '79/UBND', subject: 'Khi vắng 2' }));
    const resumed = openEvents(cookie, first.seq);
    const a = await resumed.next((e) => e.topic === 'incoming');
    const b = await resumed.next((e) => e.topic === 'incoming');
    expect([a.seq, b.seq].every((s) => s > first.seq)).toBe(true);
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(resumed.seen.filter((e) => e.seq === first.seq)).toHaveLength(0);
    resumed.close();
    await leader.close();

    // Without a login: no stream.
    const anon = await request({ path: '/events' });
    expect(anon.status).toBe(401);
  });

  it('keeps accounts and sign-ins to administrators, and ends a stream with its session', async () => {
    const admin = new RemoteApp({ url: server.url, caFile: identity.caFile! });
    await admin.login('tester', TEST_PASSWORD);
    const login = await request({ method: 'POST', path: '/api/auth.login', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'lanhdao', password: TEST_PASSWORD }) });
    expect((decodeWire(login.text) as { ok: boolean }).ok).toBe(true);
    const stream = openEvents(String(login.headers['set-cookie']).split(';')[0]);
    await stream.opened;
    await admin.call('users.create', { username: 'moi', fullName: 'Người Mới', roles: ['chuyenvien'], password: 'mat-khau-du-dai' });
    await admin.call('incoming.register', sampleIncoming({ ref: '80/UBND', subject: 'Sau khi tạo tài khoản' }));
    const seen = await stream.next((e) => e.topic === 'incoming');
    expect(stream.seen.filter((e) => e.topic === 'users')).toEqual([]);
    // The administrator ends the leader's session: the stream ends with it.
    const mine = (await admin.call('sessions.list', {})).find((s) => s.username === 'lanhdao')!;
    await admin.call('sessions.end', { id: mine.id });
    await admin.call('incoming.register', sampleIncoming({ ref: '81/UBND', subject: 'Sau khi kết thúc phiên' }));
    await expect(stream.ended).resolves.toBe(true);
    expect(stream.seen.filter((e) => e.seq > seen.seq && e.topic === 'incoming')).toEqual([]);
    await admin.close();
  });
});

function tempDirCopy(dir: string): string {
  const copy = tempDir('vanphong-office-copy-');
  fs.cpSync(path.join(dir, 'tls'), path.join(copy, 'tls'), { recursive: true });
  return copy;
}

function openEvents(cookie: string, lastEventId?: number) {
  const seen: LiveEvent[] = [];
  const waiters: { test: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];
  let cursor = 0;
  let req: http.ClientRequest;
  let endedResolve: (v: boolean) => void = () => undefined;
  const ended = new Promise<boolean>((r) => (endedResolve = r));
  const opened = new Promise<void>((resolve, reject) => {
    req = https.request(
      { host: '127.0.0.1', port: server.port, path: '/events', ca: ca(), headers: { Host: `127.0.0.1:${server.port}`, Cookie: cookie, ...(lastEventId !== undefined ? { 'Last-Event-ID': String(lastEventId) } : {}) } },
      (res) => {
        expect(res.statusCode).toBe(200);
        let buf = '';
        res.on('end', () => endedResolve(true));
        res.on('data', (d: Buffer) => {
          buf += d.toString('utf8');
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (!data || data === 'data: {}') continue;
            seen.push(JSON.parse(data.slice(6)) as LiveEvent);
            flush();
          }
        });
        resolve();
      },
    );
    req.on('error', reject);
    req.end();
  });
  const flush = () => {
    for (const w of [...waiters]) {
      const idx = seen.findIndex((e, k) => k >= cursor && w.test(e));
      if (idx >= 0) {
        cursor = idx + 1;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(seen[idx]);
      }
    }
  };
  return {
    opened,
    ended,
    seen,
    next: (test: (e: LiveEvent) => boolean) =>
      new Promise<LiveEvent>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no event; seen ${JSON.stringify(seen)}`)), 5000);
        waiters.push({ test, resolve: (e) => (clearTimeout(t), resolve(e)) });
        flush();
      }),
    close: () => req.destroy(),
  };
}
