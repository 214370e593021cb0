import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pinnedVerify, readDesktopConfig, serverOrigin } from '../../electron/hosts/electron/desktop-mode';
import { startOfficeServer, type OfficeServer } from '../../electron/hosts/server/office-server';
import { ownIdentity } from '../../electron/hosts/server/tls-identity';
import { tempApp, tempDir } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';

/**
 * The desktop app as a client of the office server (issue 13), against a hand-written stand-in for the `electron`
 * module (the binary cannot run here): the first start asks where to work and opens no database until told; the
 * office server's certificate is pinned by the fingerprint the user accepted and another one is refused; the desk's
 * channels answer only the app's own page or the pinned server's; a key of this computer signs what the server
 * prepared without leaving the main process.
 */
const fake = vi.hoisted(() => {
  const state = {
    handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    windows: [] as { loaded: string[] }[],
    verify: null as null | ((req: { hostname: string; certificate: { data: string; fingerprint: string }; errorCode: number }, cb: (v: number) => void) => void),
    loads: [] as string[],
    ready: null as null | Promise<void>,
    readyResolve: () => {},
  };
  state.ready = new Promise<void>((r) => (state.readyResolve = r));
  const module = {
    app: {
      setName: () => undefined,
      enableSandbox: () => undefined,
      requestSingleInstanceLock: () => true,
      quit: () => undefined,
      whenReady: () => Promise.resolve(),
      getPath: () => '/nonexistent/userData',
      on: () => undefined,
    },
    BrowserWindow: class {
      loaded: string[] = [];
      webContents = {};
      constructor() {
        state.windows.push(this);
      }
      once() {}
      show() {}
      async loadURL(url: string) {
        this.loaded.push(url);
        state.loads.push(url);
        state.readyResolve();
      }
    },
    dialog: { showErrorBox: () => undefined },
    Notification: class {
      show() {}
    },
    ipcMain: { handle: (ch: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => state.handlers.set(ch, fn) },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => undefined },
        setPermissionRequestHandler: () => undefined,
        setCertificateVerifyProc: (fn: typeof state.verify) => (state.verify = fn),
      },
    },
    shell: { openExternal: async () => undefined },
  };
  return { state, module };
});
vi.mock('electron', () => fake.module);

const haveOpenssl = has('openssl', ['version']);
const dataDir = tempDir('vanphong-desktop-');
const argv = process.argv;
let server: OfficeServer;
let app: Awaited<ReturnType<typeof tempApp>>;
const serverDir = tempDir('vanphong-desktop-server-');
const other = tempDir('vanphong-desktop-other-');

const appFrame = { senderFrame: { url: 'app://vanphong/connect', parent: null } };
const invoke = async <T,>(ch: string, event: unknown, input: unknown) => (await fake.state.handlers.get(ch)!(event, input)) as { ok: boolean; value: T; error: { code: string; message: string } };

beforeAll(async () => {
  app = await tempApp();
  server = await startOfficeServer(app, { host: '127.0.0.1', port: 0, identity: ownIdentity(serverDir, ['localhost', '127.0.0.1']) });
  process.argv = [...argv, '--data-dir', dataDir];
  await import('../../electron/hosts/electron/main');
  await fake.state.ready;
});
afterAll(async () => {
  process.argv = argv;
  await server?.close();
  await app?.cleanup();
});

describe('the desktop app’s first start', () => {
  it('asks where to work, and opens no database before the answer', () => {
    expect(fake.state.windows[0].loaded).toEqual(['app://vanphong/connect']);
    expect(fs.existsSync(path.join(dataDir, 'vanphong.sqlite'))).toBe(false);
    expect(readDesktopConfig(dataDir)).toBeNull();
  });

  it('reads the office server’s fingerprint for the user to compare; a bad address gets a clear message', async () => {
    const probe = await invoke<{ fingerprint: string; url: string }>('desk:probe', appFrame, { url: server.url });
    expect(probe.ok).toBe(true);
    expect(probe.value.fingerprint).toBe(server.fingerprint);
    const http = await invoke('desk:probe', appFrame, { url: 'http://127.0.0.1:1/' });
    expect(http.error.message).toContain('chỉ nhận HTTPS');
    expect(() => serverOrigin('ftp://x')).toThrow(/HTTPS/);
    expect(serverOrigin('may-chu.local:8443')).toBe('https://may-chu.local:8443/');
    // Only the app's own page may ask.
    expect((await invoke('desk:probe', { senderFrame: { url: 'https://evil.example/', parent: null } }, { url: server.url })).error.code).toBe('FORBIDDEN');
  });

  it('pins the accepted fingerprint, loads the server, and refuses another certificate from that host', async () => {
    const chosen = await invoke('desk:choose', appFrame, { mode: 'office', url: server.url, fingerprint: server.fingerprint });
    expect(chosen.ok).toBe(true);
    await vi.waitFor(() => expect(fake.state.loads.at(-1)).toBe(server.url));
    expect(readDesktopConfig(dataDir)).toEqual({ mode: 'office', server: { url: server.url, fingerprint: server.fingerprint } });
    // Still no local database: the office's data is on the server.
    expect(fs.existsSync(path.join(dataDir, 'vanphong.sqlite'))).toBe(false);

    const ours = fs.readFileSync(path.join(serverDir, 'tls', 'server.pem'), 'utf8');
    const theirs = ownIdentity(other, ['127.0.0.1']).cert.split(/(?=-----BEGIN CERTIFICATE-----)/)[0];
    const verdict = (hostname: string, pem: string) => new Promise<number>((r) => fake.state.verify!({ hostname, certificate: { data: pem, fingerprint: '' }, errorCode: -202 }, r));
    expect(await verdict('127.0.0.1', ours)).toBe(0);
    expect(await verdict('127.0.0.1', theirs)).toBe(-2);
    expect(await verdict('example.org', theirs)).toBe(-3);
    expect(pinnedVerify({ mode: 'local' }, { hostname: '127.0.0.1', certificate: { data: theirs } })).toBe(-3);
    // After the refusal the connection screen can say which certificate was shown.
    const status = await invoke<{ mismatch: string | null }>('desk:status', appFrame, {});
    expect(status.value.mismatch).toBe(new crypto.X509Certificate(theirs).fingerprint256);
  });

  it.skipIf(!haveOpenssl)('signs at the desk for the pinned server’s page only; the signature verifies with the certificate it reports', async () => {
    const pki = makeTestPki();
    const key = { kind: 'p12', data: new Uint8Array(fs.readFileSync(pki.p12('Nguyễn Văn An'))), password: '123456' };
    const data = new Uint8Array(Buffer.from('dữ liệu cần ký do máy chủ chuẩn bị'));
    const fromServer = { senderFrame: { url: `${server.url}drafting/1`, parent: null } };
    const signed = await invoke<{ signature: Uint8Array; certificate: Uint8Array }>('desk:sign', fromServer, { key, data });
    expect(signed.ok).toBe(true);
    const cert = new crypto.X509Certificate(signed.value.certificate);
    expect(crypto.verify('sha256', data, cert.publicKey, signed.value.signature)).toBe(true);
    const foreign = await invoke('desk:sign', { senderFrame: { url: 'https://evil.example/', parent: null } }, { key, data });
    expect(foreign.error.code).toBe('FORBIDDEN');
    const wrongPassword = await invoke('desk:sign', fromServer, { key: { ...key, password: 'sai' }, data });
    expect(wrongPassword.ok).toBe(false);
  });

  it('switches back to this computer only: the local database opens then', async () => {
    const chosen = await invoke('desk:choose', appFrame, { mode: 'local' });
    expect(chosen.ok).toBe(true);
    await vi.waitFor(() => expect(fake.state.loads.at(-1)).toBe('app://vanphong/index.html'));
    expect(fs.existsSync(path.join(dataDir, 'vanphong.sqlite'))).toBe(true);
    expect(fake.state.handlers.has('api:auth.login')).toBe(true);
  });
});

