import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { app as electronApp, BrowserWindow, dialog, ipcMain, Notification, protocol, session, shell } from 'electron';
import type { AppContext } from '../../app/context';
import { openApp } from '../open-app';
import { registerIpcHandlers } from './ipc';
import { registerDeskHandlers, type SharingInfo } from './desk-ipc';
import type { OfficeServer } from '../server/office-server';
import { runOfficeServer } from '../server/run-office';
import { recoverAfterRestart } from '../../outgoing/pending-signing';
import { machineNames, ownIdentity, requiredNames } from '../server/tls-identity';
import { pinnedVerify, readDesktopConfig, writeDesktopConfig, type DesktopConfig } from './desktop-mode';
import { handleAppRequest } from './protocol';
import { allowServerOrigin, CONNECT_URL, CSP, hardenContents, windowPreferences } from './security';
import { startupPlan } from './startup';
import { startBackupScheduler } from '../../backup/schedule';
import { startReminderScheduler } from '../../notifications/schedule';
import { startExchangeScheduler } from '../../exchange/runner';

// The Electron host: wiring only. Everything it serves is the same dispatch() the CLI and the HTTP host call; as a
// client of the office server it shows the server's pages, with the server's certificate pinned.
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
electronApp.setName('Văn phòng điện tử');
electronApp.enableSandbox();

const bundleDir = __dirname; // dist/electron
const rendererRoot = path.resolve(bundleDir, '..', 'renderer');
let context: AppContext | null = null;
let shared: { server: OfficeServer; info: SharingInfo } | null = null;

if (!electronApp.requestSingleInstanceLock()) electronApp.quit();

electronApp.on('web-contents-created', (_e, contents) => hardenContents(contents, (url) => void shell.openExternal(url)));

electronApp.whenReady().then(async () => {
  const plan = startupPlan(process.argv, process.env);
  let config = readDesktopConfig(plan.dataDir);
  // A data folder that already holds a database was used on this computer: keep working here without asking.
  if (!config && fs.existsSync(path.join(plan.dataDir, 'vanphong.sqlite'))) writeDesktopConfig(plan.dataDir, (config = { mode: 'local' }));

  protocol.handle('app', (request) => handleAppRequest(rendererRoot, request));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );
  // The office server's certificate must be the one the user accepted (pinned by its SHA-256 fingerprint).
  let mismatch: string | null = null;
  session.defaultSession.setCertificateVerifyProc((request, callback) => {
    const c = readDesktopConfig(plan.dataDir);
    const verdict = c ? pinnedVerify(c, request) : -3;
    if (verdict === -2) {
      try {
        mismatch = new crypto.X509Certificate(request.certificate.data).fingerprint256;
      } catch {
        mismatch = request.certificate.fingerprint;
      }
    }
    callback(verdict);
  });

  const win = new BrowserWindow({
    title: 'Văn phòng điện tử',
    width: 1280,
    height: 800,
    show: false,
    webPreferences: windowPreferences(path.join(bundleDir, 'preload.cjs')),
  });
  win.once('ready-to-show', () => win.show());

  async function open(c: DesktopConfig | null): Promise<void> {
    if (!c) return void (await win.loadURL(CONNECT_URL));
    if (c.mode === 'local') {
      if (!context) {
        try {
          // A new folder's recovery key is shown once; scheduled backups run while the app is open.
          context = await openApp({ dataDir: plan.dataDir, backgroundIndexing: true, onNewKey: showRecoveryKey });
          startBackupScheduler(context);
          startReminderScheduler(context);
          startExchangeScheduler(context);
        } catch (e) {
          dialog.showErrorBox('Văn phòng điện tử', (e as Error).message);
          electronApp.quit();
          return;
        }
        registerIpcHandlers(ipcMain, context, { notify: (title, body) => new Notification({ title, body }).show() });
        context.indexer.kick();
      }
      return void (await win.loadURL(plan.url));
    }
    allowServerOrigin(new URL(c.server!.url).origin);
    mismatch = null;
    try {
      await win.loadURL(c.server!.url);
    } catch {
      // Unreachable, or a certificate other than the pinned one: back to the connection screen, which says which.
      await win.loadURL(`${CONNECT_URL}?problem=${mismatch ? 'certificate' : 'unreachable'}`);
    }
  }

  // «Chia sẻ cho cơ quan»: a small office's server is this PC, serving its own data folder over HTTPS.
  async function share(port: number | null): Promise<SharingInfo | null> {
    if (shared) await shared.server.close();
    shared = null;
    if (port === null || !context) return null;
    // This PC becomes the office's server: an issuance left half-done by an earlier run is cancelled with its reason.
    recoverAfterRestart(context);
    const identity = ownIdentity(plan.dataDir, machineNames('0.0.0.0'), requiredNames('0.0.0.0'));
    const server = await runOfficeServer(context, { host: '0.0.0.0', port, identity, staticRoot: rendererRoot });
    shared = { server, info: { url: server.url, fingerprint: server.fingerprint, caFile: identity.caFile } };
    return shared.info;
  }
  async function pickFolder(title: string): Promise<string | null> {
    const r = await dialog.showOpenDialog(win, { title, buttonLabel: 'Chọn thư mục này', properties: ['openDirectory'] });
    return r.canceled || !r.filePaths.length ? null : r.filePaths[0];
  }
  registerDeskHandlers(ipcMain, { dataDir: plan.dataDir, chosen: (c) => void open(c), mismatch: () => mismatch, share, sharing: () => shared?.info ?? null, pickFolder });
  await open(config);
});

/** A new data folder's recovery key, once: in a message box (Electron's own; our typed subset of the API lacks it) and on stderr. */
function showRecoveryKey(notice: string): void {
  process.stderr.write(`${notice}\n`);
  const box = (dialog as unknown as { showMessageBox?: (o: { type: string; title: string; message: string }) => Promise<unknown> }).showMessageBox;
  void box?.call(dialog, { type: 'info', title: 'Văn phòng điện tử — khóa khôi phục', message: notice });
}

electronApp.on('window-all-closed', () => electronApp.quit());
electronApp.on('will-quit', () => {
  void (shared?.server.close() ?? Promise.resolve()).finally(() => context?.close());
});
