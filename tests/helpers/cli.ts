import { spawnSync } from 'node:child_process';
import path from 'node:path';

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

/** Runs the CLI as the test account of the data folder named by --data-dir (created on first use). */
export function vanphong(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const i = args.indexOf('--data-dir');
  if (i >= 0) provision(args[i + 1]);
  return run(args, { VANPHONG_USER: CLI_USER, VANPHONG_PASSWORD: CLI_PASSWORD, ...env });
}
