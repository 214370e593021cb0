/**
 * The Electron security baseline (Electron docs, security checklist): isolated, sandboxed renderer without Node,
 * a CSP without unsafe-eval, no navigation away from the app, no new windows, no webviews, no permissions
 * but notifications. Written against a minimal interface so tests can pass a fake.
 */
export const APP_ORIGIN = 'app://vanphong';
export const APP_URL = `${APP_ORIGIN}/index.html`;
/** The desktop's first-start screen: this computer only, or the office server. */
export const CONNECT_URL = `${APP_ORIGIN}/connect`;

/** The office server the desktop connects to (its pages may be navigated to, nothing else). */
const serverOrigins = new Set<string>();
export function allowServerOrigin(origin: string): void {
  serverOrigins.clear();
  serverOrigins.add(origin);
}

function isServerUrl(url: string): boolean {
  try {
    return serverOrigins.has(new URL(url).origin);
  } catch {
    return false;
  }
}

export { CSP } from '../csp';

export function windowPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  } as const;
}

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'vanphong';
  } catch {
    return false;
  }
}

interface EventLike {
  preventDefault(): void;
}
export interface ContentsLike {
  on(event: 'will-navigate' | 'will-redirect', fn: (e: EventLike, url: string) => void): unknown;
  on(event: 'will-attach-webview', fn: (e: EventLike) => void): unknown;
  setWindowOpenHandler(fn: (d: { url: string }) => { action: 'deny' | 'allow' }): void;
  session?: {
    setPermissionRequestHandler(fn: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void): void;
    setPermissionCheckHandler?(fn: (wc: unknown, permission: string) => boolean): void;
  };
}

/** Applied to every web contents the app creates. */
export function hardenContents(contents: ContentsLike, openExternal?: (url: string) => void): void {
  const guard = (e: EventLike, url: string) => {
    if (!isAppUrl(url) && !isServerUrl(url)) e.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (openExternal && /^https:\/\//i.test(url)) openExternal(url);
    return { action: 'deny' };
  });
  // Asked (request) and checked without asking (check, e.g. navigator.permissions, clipboard reads): the same answer.
  contents.session?.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'notifications'));
  contents.session?.setPermissionCheckHandler?.((_wc, permission) => permission === 'notifications');
}
