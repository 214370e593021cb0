import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Result } from '../../../shared/api/result';
import { AppError } from '../../../shared/api/result';
import { p12KeyInput, tokenKeyInput } from '../../../shared/signing/schemas';
import { toApiError, validationError } from '../../api/dispatch';
import { withKey } from '../../signing/service';
import { probeServer, readDesktopConfig, serverOrigin, writeDesktopConfig, type DesktopConfig } from './desktop-mode';
import { windowCaller, type IpcEventLike, type IpcMainLike } from './ipc';
import { isAppUrl } from './security';

/**
 * The desktop's own channels ('desk:…'): the first-start choice (this computer only, or the office server with its
 * certificate pinned), and signing at the signer's desk — the key (a .p12 file or a USB token) is opened here, in the
 * main process of the signer's computer, signs the data the server prepared, and only the signature value goes back
 * to the page, which sends it to the server. The PIN and the key never leave this computer.
 */
export interface DeskHooks {
  dataDir: string;
  /** The user chose: reload the window in that mode. */
  chosen(c: DesktopConfig): void;
  /** The certificate the server showed when it did not match the pin, if that happened. */
  mismatch(): string | null;
  /** «Chia sẻ cho cơ quan»: this computer's data served to the office on `port` (0: any free port); null stops it. */
  share?(port: number | null): Promise<SharingInfo | null>;
  sharing?(): SharingInfo | null;
  /** The system's folder chooser, on the app's window; null when the person closed it. */
  pickFolder?(title: string): Promise<string | null>;
}

export interface SharingInfo {
  url: string;
  fingerprint: string;
  caFile: string | null;
}

const chooseInput = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({ mode: z.literal('office'), url: z.string().max(500), fingerprint: z.string().regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, { error: 'Dấu vân tay không hợp lệ.' }) }),
]);
const localKey = z.discriminatedUnion('kind', [p12KeyInput, tokenKeyInput], { error: 'Chọn cách ký: tệp .p12/.pfx hoặc USB token trên máy này.' });
/**
 * A PKCS#11 module is native code loaded into this process: only a library file on this computer's own disks
 * (absolute path, no network share), whatever page names it.
 */
function requireLocalModule(key: z.infer<typeof localKey>): void {
  if (key.kind !== 'pkcs11') return;
  const m = key.module;
  const network = /^(\\\\|\/\/)/.test(m);
  let file = false;
  try {
    file = !network && path.isAbsolute(m) && fs.statSync(m).isFile();
  } catch {
    file = false;
  }
  if (!file) throw new AppError('VALIDATION', 'Thư viện PKCS#11 phải là một tệp trên ổ đĩa của máy này (đường dẫn đầy đủ, không qua mạng).', { field: 'module' });
}

const signInput = z.object({ key: localKey, data: z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0 && v.byteLength < 1_000_000, { error: 'Thiếu dữ liệu cần ký.' }) });

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng.' } };

export function registerDeskHandlers(ipcMain: IpcMainLike, hooks: DeskHooks): string[] {
  const topFrame = (e: IpcEventLike) => !!e.senderFrame && (e.senderFrame.parent === null || e.senderFrame.parent === undefined);
  const fromApp = (e: IpcEventLike) => topFrame(e) && isAppUrl(e.senderFrame!.url);
  const fromServer = (e: IpcEventLike) => {
    const c = readDesktopConfig(hooks.dataDir);
    if (!topFrame(e) || c?.mode !== 'office' || !c.server) return false;
    try {
      return new URL(e.senderFrame!.url).origin === new URL(c.server.url).origin;
    } catch {
      return false;
    }
  };
  const run = async <T>(fn: () => Promise<T> | T): Promise<Result<T>> => {
    try {
      return { ok: true, value: await fn() };
    } catch (e) {
      // The dispatcher's own mapping: AppErrors as they are, zod's first field, anything else logged and not shown.
      return { ok: false, error: e instanceof z.ZodError ? validationError(e) : toApiError(e) };
    }
  };
  const parse = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => schema.parse(input);

  const channels: Record<string, { allowed: (e: IpcEventLike) => boolean; fn: (input: unknown) => Promise<Result<unknown>> }> = {
    'desk:status': {
      allowed: (e) => fromApp(e) || fromServer(e),
      fn: () => run(() => ({ config: readDesktopConfig(hooks.dataDir), mismatch: hooks.mismatch() })),
    },
    'desk:probe': {
      allowed: fromApp,
      fn: (input) => run(() => probeServer(parse(z.object({ url: z.string().max(500) }), input).url)),
    },
    'desk:choose': {
      allowed: fromApp,
      fn: (input) =>
        run(() => {
          const c = parse(chooseInput, input);
          const config: DesktopConfig = c.mode === 'local' ? { mode: 'local' } : { mode: 'office', server: { url: serverOrigin(c.url), fingerprint: c.fingerprint.toUpperCase() } };
          writeDesktopConfig(hooks.dataDir, config);
          setTimeout(() => hooks.chosen(config), 0);
          return config;
        }),
    },
    // «Chia sẻ cho cơ quan»: an administrator of this computer's data serves it to the office over HTTPS.
    'desk:share': {
      allowed: (e) => fromApp(e) && !!windowCaller(e)?.roles.includes('quantri'),
      fn: (input) =>
        run(async () => {
          if (!hooks.share) throw new AppError('VALIDATION', 'Chỉ chia sẻ được khi ứng dụng làm việc trên máy này.');
          const port = parse(z.object({ port: z.number({ error: 'Cổng phải là số.' }).int().min(0).max(65535, { error: 'Cổng từ 1 đến 65535.' }).nullable() }), input).port;
          return hooks.share(port);
        }),
    },
    // «Nhập sổ cũ» from a folder of this computer (its register and thousands of scans, read where they lie): only
    // the app's own page working on this computer's data, where the API reads local paths. The page gets the path the
    // person chose in the system's dialog, nothing else of the disk.
    'desk:pickFolder': {
      allowed: (e) => fromApp(e) && readDesktopConfig(hooks.dataDir)?.mode === 'local',
      fn: (input) =>
        run(async () => {
          const { title } = parse(z.object({ title: z.string().max(200).default('Chọn thư mục') }), input ?? {});
          if (!hooks.pickFolder) throw new AppError('VALIDATION', 'Máy này không mở được hộp chọn thư mục.');
          return hooks.pickFolder(title);
        }),
    },
    'desk:sharing': {
      allowed: fromApp,
      fn: () => run(() => hooks.sharing?.() ?? null),
    },
    // Signing at the desk: the certificate to send for preparation, then the signature over what the server prepared.
    'desk:certificate': {
      allowed: (e) => fromApp(e) || fromServer(e),
      fn: (input) =>
        run(() => {
          const { key } = parse(z.object({ key: localKey }), input);
          requireLocalModule(key);
          return withKey(key, async (k) => ({ certificate: k.certificate, chain: k.chain }));
        }),
    },
    'desk:tokens': {
      allowed: (e) => fromApp(e) || fromServer(e),
      fn: (input) =>
        run(async () => {
          const { module } = parse(z.object({ module: z.string().min(1, { error: 'Nhập đường dẫn thư viện PKCS#11 của token.' }).max(1000) }), input);
          requireLocalModule({ kind: 'pkcs11', module, slot: 0, pin: 'x' });
          return (await import('../../signing/pkcs11')).listTokens(module);
        }),
    },
    'desk:sign': {
      allowed: (e) => fromApp(e) || fromServer(e),
      fn: (input) =>
        run(() => {
          const { key, data } = parse(signInput, input);
          requireLocalModule(key);
          return withKey(key, async (k) => ({ signature: await k.sign(data), certificate: k.certificate }));
        }),
    },
  };
  for (const [name, c] of Object.entries(channels)) ipcMain.handle(name, async (event, input) => (c.allowed(event) ? c.fn(input) : FORBIDDEN));
  return Object.keys(channels);
}
