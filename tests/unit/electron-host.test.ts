import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAME_LIST } from '../../shared/api/permissions';
import { methods } from '../../shared/api/contract';
import { registerIpcHandlers, type IpcEventLike } from '../../electron/hosts/electron/ipc';
import { CSP, hardenContents, windowPreferences } from '../../electron/hosts/electron/security';
import { handleAppRequest, resolveAppPath } from '../../electron/hosts/electron/protocol';
import { startupPlan } from '../../electron/hosts/electron/startup';
import { resolveDataDir } from '../../electron/app/data-dir';
import { rowsCount, tempApp, tempDir, TEST_PASSWORD } from '../helpers/app';

/** A hand-written stand-in for the `electron` module: the binary cannot run on our build machines. */
const fake = vi.hoisted(() => {
  const state = {
    handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    windows: [] as { opts: Record<string, unknown>; loaded: string[] }[],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    exposed: new Map<string, unknown>(),
    invoked: [] as unknown[][],
    contentsHooks: [] as ((e: unknown, c: unknown) => void)[],
    ready: null as null | Promise<void>,
    readyResolve: () => {},
    errors: [] as string[],
    notified: [] as { title: string; body: string }[],
    pickedFolder: null as string | null,
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
      on: (event: string, fn: (e: unknown, c: unknown) => void) => {
        if (event === 'web-contents-created') state.contentsHooks.push(fn);
      },
    },
    BrowserWindow: class {
      loaded: string[] = [];
      webContents = {};
      constructor(public opts: Record<string, unknown>) {
        state.windows.push(this);
      }
      once() {}
      show() {}
      async loadURL(url: string) {
        this.loaded.push(url);
        state.readyResolve();
      }
    },
    dialog: {
      showErrorBox: (_t: string, m: string) => state.errors.push(m),
      // The system's folder chooser: what the person picks, set by a test.
      showOpenDialog: async () => (state.pickedFolder ? { canceled: false, filePaths: [state.pickedFolder] } : { canceled: true, filePaths: [] }),
    },
    Notification: class {
      constructor(private opts: { title: string; body: string }) {}
      show() {
        state.notified.push(this.opts);
      }
    },
    ipcMain: { handle: (ch: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => state.handlers.set(ch, fn) },
    ipcRenderer: { invoke: async (...args: unknown[]) => (state.invoked.push(args), { ok: true, value: null }) },
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => state.exposed.set(k, v) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => state.schemes.push(...s),
      handle: (scheme: string, fn: (req: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, fn),
    },
    session: { defaultSession: { webRequest: { onHeadersReceived: () => undefined }, setPermissionRequestHandler: () => undefined, setCertificateVerifyProc: () => undefined } },
    shell: { openExternal: async () => undefined },
  };
  return { state, module };
});
vi.mock('electron', () => fake.module);

const rendererRoot = tempDir('vanphong-renderer-');
beforeAll(() => {
  fs.writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Văn phòng điện tử</title>');
});

describe('API method list used by the preload', () => {
  it('equals the contract', () => {
    expect([...METHOD_NAME_LIST].sort()).toEqual(Object.keys(methods).sort());
  });
});

describe('window security', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    const p = windowPreferences('/x/preload.cjs');
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/x/preload.cjs',
    });
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).toContain("script-src 'self'");
  });

  it('denies navigation away from app://vanphong, new windows, webviews and permissions but notifications', () => {
    const hooks: Record<string, (...a: unknown[]) => void> = {};
    let openHandler: (d: { url: string }) => { action: string } = () => ({ action: 'allow' });
    let permission: (wc: unknown, p: string, cb: (ok: boolean) => void) => void = () => undefined;
    let check: (wc: unknown, p: string) => boolean = () => true;
    const opened: string[] = [];
    hardenContents(
      {
        on: ((ev: string, fn: (...a: unknown[]) => void) => (hooks[ev] = fn)) as never,
        setWindowOpenHandler: (fn) => (openHandler = fn),
        session: { setPermissionRequestHandler: (fn) => (permission = fn), setPermissionCheckHandler: (fn) => (check = fn) },
      },
      (u) => opened.push(u),
    );
    const nav = (url: string) => {
      let prevented = false;
      hooks['will-navigate']({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(nav('app://vanphong/index.html#/incoming')).toBe(false);
    expect(openHandler({ url: 'https://thuvienphapluat.vn/' }).action).toBe('deny');
    expect(opened).toEqual(['https://thuvienphapluat.vn/']);
    expect(openHandler({ url: 'javascript:alert(1)' }).action).toBe('deny');
    expect(opened).toHaveLength(1);
    let webview = false;
    hooks['will-attach-webview']({ preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
    const answers: boolean[] = [];
    permission(null, 'media', (ok) => answers.push(ok));
    permission(null, 'notifications', (ok) => answers.push(ok));
    expect(answers).toEqual([false, true]);
    expect([check(null, 'clipboard-read'), check(null, 'media'), check(null, 'notifications')]).toEqual([false, false, true]);
  });
});

describe('app:// protocol', () => {
  it('refuses path traversal in every spelling', () => {
    for (const url of [
      'app://vanphong/../../etc/passwd',
      'app://vanphong/%2e%2e/%2e%2e/etc/passwd',
      'app://vanphong/..%2f..%2fetc/passwd',
      'app://vanphong/assets/%2E%2E/%2E%2E/x',
      'app://vanphong/..\\..\\x',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://vanphong/a%00b',
    ])
      expect(resolveAppPath(rendererRoot, url), url).toBeNull();
    expect(resolveAppPath(rendererRoot, 'app://vanphong/')).toBe(path.join(rendererRoot, 'index.html'));
    expect(resolveAppPath(rendererRoot, 'app://vanphong/incoming')).toBe(path.join(rendererRoot, 'index.html'));
  });

  it('serves files with the CSP and 404s the rest', async () => {
    const ok = await handleAppRequest(rendererRoot, { url: 'app://vanphong/index.html' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CSP);
    expect(await ok.text()).toContain('Văn phòng điện tử');
    expect((await handleAppRequest(rendererRoot, { url: 'app://vanphong/%2e%2e/secret' })).status).toBe(404);
  });
});

describe('IPC handlers', () => {
  it('registers one handler per API method and checks senderFrame on each', async () => {
    const app = await tempApp();
    const handlers = new Map<string, (e: IpcEventLike, input: unknown) => Promise<unknown>>();
    const channels = registerIpcHandlers({ handle: (ch, fn) => handlers.set(ch, fn) }, app);
    expect(channels).toHaveLength(METHOD_NAME_LIST.length);
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAME_LIST.map((m) => `api:${m}`).sort());

    const create = handlers.get('api:organizations.create')!;
    const input = { name: 'Sở Tư pháp' };
    const foreign = [null, { url: 'https://evil.example/', parent: null }, { url: 'app://vanphong/index.html', parent: {} }, { url: 'app://evil/index.html', parent: null }];
    for (const [channel, handler] of handlers) {
      for (const frame of foreign) {
        const r = (await handler({ senderFrame: frame }, input)) as { ok: boolean; error: { code: string } };
        expect(r.ok, `${channel} from ${JSON.stringify(frame)}`).toBe(false);
        expect(r.error.code, channel).toBe('FORBIDDEN');
      }
    }
    expect(rowsCount(app, 'organizations')).toBe(0);

    const own = { senderFrame: { url: 'app://vanphong/index.html', parent: null }, sender: { id: 1 } };
    const before = (await handlers.get('api:books.list')!(own, {})) as { ok: boolean; error: { code: string } };
    expect(before.error.code).toBe('UNAUTHENTICATED');
    const login = (await handlers.get('api:auth.login')!(own, { username: 'tester', password: TEST_PASSWORD })) as { ok: boolean };
    expect(login.ok).toBe(true);
    // The login belongs to that window only.
    const other = (await handlers.get('api:books.list')!({ ...own, sender: { id: 2 } }, {})) as { ok: boolean; error: { code: string } };
    expect(other.error.code).toBe('UNAUTHENTICATED');
    const books = (await handlers.get('api:books.list')!(own, {})) as { ok: true; value: { name: string }[] };
    expect(books.value.map((b) => b.name)).toContain('Sổ văn bản đến');
    const made = (await create(own, input)) as { ok: boolean };
    expect(made.ok).toBe(true);
    expect(rowsCount(app, 'organizations')).toBe(1);
    await app.cleanup();
  });
});

describe('start-up', () => {
  it('picks --data-dir, then VANPHONG_DATA_DIR, then the folder the CLI and browser mode use', () => {
    expect(startupPlan(['electron', 'main.cjs', '--data-dir', '/d1'], { VANPHONG_DATA_DIR: '/d2' }).dataDir).toBe(path.resolve('/d1'));
    expect(startupPlan(['electron', '--data-dir=/d3'], {}).dataDir).toBe(path.resolve('/d3'));
    expect(startupPlan(['electron'], { VANPHONG_DATA_DIR: '/d2' }).dataDir).toBe(path.resolve('/d2'));
    expect(startupPlan(['electron'], {})).toEqual({ dataDir: resolveDataDir(undefined, {}), url: 'app://vanphong/index.html' });
    expect(resolveDataDir(undefined, {})).toMatch(/vanphong$/);
  });
});

describe('main process against a stub electron module', () => {
  const dataDir = tempDir('vanphong-electron-main-');
  const argv = process.argv;
  beforeAll(async () => {
    process.argv = [...argv, '--data-dir', dataDir];
    // This computer only was chosen at first start (tests/unit/electron-desktop-client.test.ts covers the choice).
    fs.writeFileSync(path.join(dataDir, 'desktop.json'), JSON.stringify({ mode: 'local' }));
    await import('../../electron/hosts/electron/main');
    await fake.state.ready;
  });
  afterAll(() => {
    process.argv = argv;
  });

  it('registers the app scheme as privileged before ready and serves it', () => {
    expect(fake.state.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(fake.state.protocolHandlers.has('app')).toBe(true);
  });

  it('opens the database from --data-dir and loads app://vanphong/index.html in a sandboxed window', () => {
    expect(fs.existsSync(path.join(dataDir, 'vanphong.sqlite'))).toBe(true);
    expect(fake.state.windows).toHaveLength(1);
    const w = fake.state.windows[0];
    expect(w.loaded).toEqual(['app://vanphong/index.html']);
    expect(w.opts.title).toBe('Văn phòng điện tử');
    expect(w.opts.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((w.opts.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(fake.state.handlers.size).toBe(METHOD_NAME_LIST.length + 1 + 9); // + native:notify + the desk's nine
    expect(fake.state.contentsHooks).toHaveLength(1);
    expect(fake.state.errors).toEqual([]);
  });

  it('answers IPC end to end through the registered handlers', async () => {
    const r = (await fake.state.handlers.get('api:app.info')!({ senderFrame: { url: 'app://vanphong/index.html', parent: null } }, {})) as {
      ok: boolean;
      value: { dataDir: string };
    };
    expect(r.ok).toBe(true);
    expect(r.value.dataDir).toBe(dataDir);
  });

  it('shows meeting reminders as desktop notifications, for the app’s own frame only', async () => {
    const notify = fake.state.handlers.get('native:notify')!;
    const refused = (await notify({ senderFrame: { url: 'https://evil.example/', parent: null } }, { title: 'x', body: 'y' })) as { ok: boolean };
    expect(refused.ok).toBe(false);
    const bad = (await notify({ senderFrame: { url: 'app://vanphong/index.html', parent: null } }, { title: 1 })) as { ok: boolean };
    expect(bad.ok).toBe(false);
    const ok = (await notify({ senderFrame: { url: 'app://vanphong/index.html', parent: null } }, { title: 'Giao ban tuần', body: '08:00 tại Phòng họp số 1' })) as { ok: boolean };
    expect(ok.ok).toBe(true);
    expect(fake.state.notified).toEqual([{ title: 'Giao ban tuần', body: '08:00 tại Phòng họp số 1' }]);
  });

  it('shares this computer\'s data with the office over HTTPS when an administrator asks («Chia sẻ cho cơ quan»), and stops', async () => {
    const win = { senderFrame: { url: 'app://vanphong/index.html', parent: null }, sender: { id: 7 } };
    const share = fake.state.handlers.get('desk:share')!;
    // Nobody logged in in that window: refused.
    expect(((await share(win, { port: null })) as { ok: boolean; error: { code: string } }).error.code).toBe('FORBIDDEN');
    const setup = (await fake.state.handlers.get('api:auth.setup')!(win, { username: 'quantri', fullName: 'Quản Trị', roles: ['quantri'], password: 'mat-khau-du-dai' })) as { ok: boolean };
    expect(setup.ok).toBe(true);
    const started = (await share(win, { port: 0 })) as { ok: boolean; value: { url: string; fingerprint: string; caFile: string } };
    expect(started.ok).toBe(true);
    expect(started.value.url).toMatch(/^https:\/\//);
    const port = Number(new URL(started.value.url).port);
    const { default: https } = await import('node:https');
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port, path: '/session', ca: fs.readFileSync(started.value.caFile), servername: 'localhost', headers: { Host: `127.0.0.1:${port}` } }, (res) => {
          let t = '';
          res.on('data', (c) => (t += c));
          res.on('end', () => resolve(t));
        })
        .on('error', reject);
    });
    expect(JSON.parse(body)).toEqual({ csrf: null, mode: 'office' });
    const status = (await fake.state.handlers.get('desk:sharing')!(win, {})) as { value: { fingerprint: string } };
    expect(status.value.fingerprint).toBe(started.value.fingerprint);
    const stopped = (await share(win, { port: null })) as { ok: boolean; value: null };
    expect(stopped).toEqual({ ok: true, value: null });
  });

  it('lets the app\'s own page pick a folder of this computer for «Nhập sổ cũ», which the API then reads where it lies', async () => {
    const pick = fake.state.handlers.get('desk:pickFolder')!;
    const app = { senderFrame: { url: 'app://vanphong/index.html', parent: null }, sender: { id: 9 } };
    expect(((await pick({ senderFrame: { url: 'https://evil.example/', parent: null } }, { title: 'x' })) as { ok: boolean; error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect(await pick(app, { title: 'Chọn thư mục sổ cũ' })).toEqual({ ok: true, value: null }); // closed without choosing
    const folder = tempDir('vanphong-so-cu-');
    fs.writeFileSync(path.join(folder, 'so-den.csv'), 'Số đến;Ngày đến;Tác giả;Số ký hiệu;Ngày văn bản;Trích yếu\n7;02/03/2025;Sở Tư pháp;7/STP;01/03/2025;Về việc rà soát\n');
    fake.state.pickedFolder = folder;
    const chosen = (await pick(app, { title: 'Chọn thư mục sổ cũ' })) as { ok: boolean; value: string };
    expect(chosen).toEqual({ ok: true, value: folder });
    // A văn thư of this computer's data (the quản trị of the test before makes one) reads it.
    const admin = { senderFrame: { url: 'app://vanphong/index.html', parent: null }, sender: { id: 7 } };
    await fake.state.handlers.get('api:users.create')!(admin, { username: 'vanthu', fullName: 'Văn Thư', roles: ['vanthu'], password: 'mat-khau-van-thu' });
    expect(((await fake.state.handlers.get('api:auth.login')!(app, { username: 'vanthu', password: 'mat-khau-van-thu' })) as { ok: boolean }).ok).toBe(true);
    const preview = (await fake.state.handlers.get('api:imports.preview')!(app, { source: { path: chosen.value } })) as { ok: boolean; value: { register: string; total: number } };
    expect(preview).toMatchObject({ ok: true, value: { register: 'so-den.csv', total: 1 } });
  });
});

describe('preload', () => {
  it('exposes exactly one object whose functions invoke api:<method>', async () => {
    // The app's own page (app://): the local API. On the office server's pages it is not exposed (they use HTTPS).
    vi.stubGlobal('location', { protocol: 'app:' });
    await import('../../electron/hosts/electron/preload');
    vi.unstubAllGlobals();
    expect([...fake.state.exposed.keys()]).toEqual(['vanphong', 'vanphongNative', 'vanphongDesk']);
    expect(Object.keys(fake.state.exposed.get('vanphongDesk') as object).sort()).toEqual(['certificate', 'choose', 'pickFolder', 'probe', 'share', 'sharing', 'sign', 'status', 'tokens']);
    const api = fake.state.exposed.get('vanphong') as Record<string, (i: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAME_LIST].sort());
    await api['incoming.list']({ limit: 5 });
    expect(fake.state.invoked).toEqual([['api:incoming.list', { limit: 5 }]]);
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    expect('ipcRenderer' in api || 'invoke' in api).toBe(false);
    const native = fake.state.exposed.get('vanphongNative') as { notify(t: string, b: string): Promise<unknown> };
    expect(Object.keys(native)).toEqual(['notify']);
    await native.notify('Giao ban', '08:00');
    expect(fake.state.invoked.at(-1)).toEqual(['native:notify', { title: 'Giao ban', body: '08:00' }]);
  });
});
