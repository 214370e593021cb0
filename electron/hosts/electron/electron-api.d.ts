// The slice of Electron's API this host uses. Electron is an optionalDependency that cannot be installed on our
// build machines, so type-checking must not depend on its package: tsconfig maps 'electron' here.
declare module 'electron' {
  interface PreventableEvent {
    preventDefault(): void;
  }
  interface Session {
    webRequest: {
      onHeadersReceived(
        fn: (
          details: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void,
      ): void;
    };
    setPermissionRequestHandler(fn: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void): void;
    setPermissionCheckHandler(fn: (wc: unknown, permission: string) => boolean): void;
    /** 0 accepts, -2 refuses, -3 leaves the decision to Chromium. certificate.data is PEM; fingerprint "sha256/…". */
    setCertificateVerifyProc(
      fn: (request: { hostname: string; certificate: { data: string; fingerprint: string }; errorCode: number }, callback: (verdict: number) => void) => void,
    ): void;
  }
  interface WebContents {
    on(event: 'will-navigate' | 'will-redirect', fn: (e: PreventableEvent, url: string) => void): this;
    on(event: 'will-attach-webview', fn: (e: PreventableEvent) => void): this;
    setWindowOpenHandler(fn: (d: { url: string }) => { action: 'deny' | 'allow' }): void;
    session: Session;
  }
  interface IpcMainInvokeEvent {
    senderFrame: { url: string; parent: unknown } | null;
  }
  export const app: {
    setName(name: string): void;
    enableSandbox(): void;
    requestSingleInstanceLock(): boolean;
    quit(): void;
    whenReady(): Promise<void>;
    getPath(name: 'userData'): string;
    on(event: 'web-contents-created', fn: (e: unknown, contents: WebContents) => void): void;
    on(event: 'window-all-closed' | 'will-quit', fn: () => void): void;
  };
  export class BrowserWindow {
    constructor(opts: { title: string; width: number; height: number; show: boolean; webPreferences: Record<string, unknown> });
    once(event: 'ready-to-show', fn: () => void): void;
    show(): void;
    loadURL(url: string): Promise<void>;
    webContents: WebContents;
  }
  export const dialog: {
    showErrorBox(title: string, content: string): void;
    showOpenDialog(window: BrowserWindow, options: { title?: string; buttonLabel?: string; properties: ('openDirectory' | 'openFile')[] }): Promise<{ canceled: boolean; filePaths: string[] }>;
  };
  export class Notification {
    constructor(opts: { title: string; body: string });
    show(): void;
  }
  export const ipcMain: { handle(channel: string, fn: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>): void };
  export const ipcRenderer: { invoke(channel: string, ...args: unknown[]): Promise<unknown> };
  export const contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  export const protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
    handle(scheme: string, fn: (request: Request) => Promise<Response>): void;
  };
  export const session: { defaultSession: Session };
  export const shell: { openExternal(url: string): Promise<void> };
}
