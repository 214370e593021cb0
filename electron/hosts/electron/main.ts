import path from 'node:path';
import { app as electronApp, BrowserWindow, dialog, ipcMain, Notification, protocol, session, shell } from 'electron';
import type { AppContext } from '../../app/context';
import { openApp } from '../open-app';
import { registerIpcHandlers } from './ipc';
import { handleAppRequest } from './protocol';
import { CSP, hardenContents, windowPreferences } from './security';
import { startupPlan } from './startup';

// The Electron host: wiring only. Everything it serves is the same dispatch() the CLI and the HTTP host call.
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
electronApp.setName('Văn phòng điện tử');
electronApp.enableSandbox();

const bundleDir = __dirname; // dist/electron
const rendererRoot = path.resolve(bundleDir, '..', 'renderer');
let context: AppContext | null = null;

if (!electronApp.requestSingleInstanceLock()) electronApp.quit();

electronApp.on('web-contents-created', (_e, contents) => hardenContents(contents, (url) => void shell.openExternal(url)));

electronApp.whenReady().then(async () => {
  const plan = startupPlan(process.argv, process.env);
  try {
    context = await openApp({ dataDir: plan.dataDir, backgroundIndexing: true });
  } catch (e) {
    dialog.showErrorBox('Văn phòng điện tử', (e as Error).message);
    electronApp.quit();
    return;
  }
  protocol.handle('app', (request) => handleAppRequest(rendererRoot, request));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );
  registerIpcHandlers(ipcMain, context, { notify: (title, body) => new Notification({ title, body }).show() });
  context.indexer.kick();
  const win = new BrowserWindow({
    title: 'Văn phòng điện tử',
    width: 1280,
    height: 800,
    show: false,
    webPreferences: windowPreferences(path.join(bundleDir, 'preload.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(plan.url);
});

electronApp.on('window-all-closed', () => electronApp.quit());
electronApp.on('will-quit', () => {
  void context?.close();
});
