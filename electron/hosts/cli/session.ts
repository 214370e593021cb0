import { AppError, type Result } from '../../../shared/api/result';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { configuredMaxFileBytes, type AppContext } from '../../app/context';
import { openApp } from '../open-app';
import { resolveDataDir } from '../../app/data-dir';
import { authenticate } from '../../auth/service';
import { countUsers, passwordStamp, toCaller } from '../../auth/repo';
import { anonymousSession, type Session } from '../../app/caller';
import { str } from './args';
import { readSecret } from './secrets';
import { RemoteApp } from './remote';

/*
 * The CLI logs in once per command: --user NAME (a global option, or VANPHONG_USER) with the password from
 * VANPHONG_PASSWORD, else typed at a prompt. Every call then goes through the same dispatcher and role checks as the UI.
 */

const sessions = new WeakMap<AppContext, Session>();

/**
 * The dispatcher and every service behind it, loaded once per process; withApp starts loading them while the password
 * is checked (scrypt runs on another thread), so a command pays for the larger of the two, not their sum.
 */
let dispatcher: Promise<typeof import('../../api/dispatch')> | undefined;
const loadDispatcher = () => (dispatcher ??= import('../../api/dispatch'));

/** What a command works on: the local data folder, or the office server (--server). */
export type CliApp = AppContext | RemoteApp;

export async function call<K extends MethodName>(app: CliApp, name: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  if (app instanceof RemoteApp) return app.call(name, input);
  const { dispatch } = await loadDispatcher();
  const r = (await dispatch(app, name, input, sessionOf(app))) as Result<MethodOutput<K>>;
  if (!r.ok) throw new AppError(r.error.code, r.error.message, { field: r.error.field });
  return r.value;
}

async function login(app: AppContext, values: Record<string, unknown>): Promise<Session> {
  const username = str(values.user) ?? process.env.VANPHONG_USER;
  if (!username) {
    const hint = countUsers(app.db) === 0 ? ' Chưa có tài khoản nào: tạo tài khoản quản trị đầu tiên bằng «vanphong users add TÊN --role quantri --password-stdin».' : '';
    throw new AppError('UNAUTHENTICATED', `Lệnh này cần đăng nhập: thêm --user TÊN (mật khẩu trong biến VANPHONG_PASSWORD).${hint}`, { field: 'user' });
  }
  const password = process.env.VANPHONG_PASSWORD ?? (await readSecret(`Mật khẩu của ${username}: `));
  // Failed logins from the command line count against the address "cli" (auth/throttle.ts).
  const user = await authenticate(app, username, password, 'cli');
  return { caller: toCaller(user), stamp: passwordStamp(app.db, user.id), address: 'cli' };
}

/**
 * Opens the database, logs in (unless anonymous), runs one command, closes. With --server URL the command runs against
 * the office server instead, logged in as --user.
 */
export async function withApp<T>(
  values: Record<string, unknown>,
  fn: (app: CliApp) => Promise<T>,
  /** anonymous: no login; 'first-account': no login only while the database has no account yet. */
  opts: { background?: boolean; anonymous?: boolean | 'first-account' } = {},
): Promise<T> {
  const server = str(values.server);
  if (server !== undefined) return withServer(values, server, fn);
  // A failure to load shows at the first call(), which awaits the same promise.
  loadDispatcher().catch(() => undefined);
  const app = await openApp({ dataDir: resolveDataDir(str(values['data-dir'])), backgroundIndexing: opts.background ?? false, maxFileBytes: configuredMaxFileBytes() });
  try {
    const anonymous = opts.anonymous === 'first-account' ? countUsers(app.db) === 0 : !!opts.anonymous;
    if (!anonymous) sessions.set(app, await login(app, values));
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function withServer<T>(values: Record<string, unknown>, url: string, fn: (app: CliApp) => Promise<T>): Promise<T> {
  const remote = new RemoteApp({ url, caFile: str(values.ca), fingerprint: str(values.fingerprint), localAddress: process.env.VANPHONG_LOCAL_ADDRESS });
  const username = str(values.user) ?? process.env.VANPHONG_USER;
  if (!username) throw new AppError('UNAUTHENTICATED', 'Làm việc qua máy chủ cần đăng nhập: thêm --user TÊN (mật khẩu trong biến VANPHONG_PASSWORD).', { field: 'user' });
  const password = process.env.VANPHONG_PASSWORD ?? (await readSecret(`Mật khẩu của ${username} trên ${remote.url.origin}: `));
  try {
    await remote.login(username, password);
    return await fn(remote);
  } finally {
    await remote.close();
  }
}

/** The local data folder, for the few steps that need it; refused with --server. */
export function localApp(app: CliApp, what: string): AppContext {
  if (app instanceof RemoteApp) throw new AppError('VALIDATION', `${what} chỉ làm được trên máy có thư mục dữ liệu, không qua --server.`, { field: 'server' });
  return app;
}

export function sessionOf(app: AppContext): Session {
  let s = sessions.get(app);
  if (!s) sessions.set(app, (s = anonymousSession()));
  return s;
}
