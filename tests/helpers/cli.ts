import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { AppContext } from '../../electron/app/context';
import { openApp } from '../../electron/hosts/open-app';
import { anonymousSession, type Session } from '../../electron/app/caller';
import { ROLES } from '../../shared/auth/roles';
import { call, tempDir } from './app';

export const root = path.resolve(__dirname, '../..');
export const bin = path.join(root, 'bin', 'vanphong.cjs');
export const CLI_USER = 'tester';
export const CLI_PASSWORD = 'mat-khau-thu-nghiem';

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export function run(args: string[], env: Record<string, string | undefined> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd: root, input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const provisioned = new Set<string>();

/** Creates the first account (administrator, and every other role) in a data folder once. */
export function provision(dataDir: string): void {
  if (provisioned.has(dataDir)) return;
  const r = run(['users', 'add', CLI_USER, '--role', 'quantri,vanthu,chuyenvien,lanhdao', '--full-name', 'Người Thử Nghiệm', '--password-stdin', '--data-dir', dataDir], {}, CLI_PASSWORD);
  if (r.code !== 0) throw new Error(`users add failed: ${r.err}`);
  provisioned.add(dataDir);
}

/** Opens a CLI data folder in this process, with the system clock as the CLI has, runs `fn`, and closes it again. */
export async function withDataDir<T>(dataDir: string, fn: (app: AppContext) => Promise<T>): Promise<T> {
  const app = await openApp({ dataDir, onNewKey: () => undefined });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/**
 * A new data folder with the test account already made, in this process, through the same API call as the CLI's first
 * `users add` (auth.setup), so that a test spawns the CLI only for what it tests. `seed` may add more through the API.
 */
export async function provisionedDataDir(prefix = 'vanphong-cli-', seed?: (app: AppContext, tester: Session) => Promise<void>): Promise<string> {
  const dir = tempDir(prefix);
  await withDataDir(dir, async (app) => {
    const tester = anonymousSession();
    await call(app, 'auth.setup', { username: CLI_USER, fullName: 'Người Thử Nghiệm', roles: [...ROLES], password: CLI_PASSWORD }, tester);
    await seed?.(app, tester);
  });
  provisioned.add(dir);
  return dir;
}

/** Runs the CLI as the test account of the data folder named by --data-dir (created on first use). */
export function vanphong(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const i = args.indexOf('--data-dir');
  if (i >= 0) provision(args[i + 1]);
  return run(args, { VANPHONG_USER: CLI_USER, VANPHONG_PASSWORD: CLI_PASSWORD, ...env });
}
