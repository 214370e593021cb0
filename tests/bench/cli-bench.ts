import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../../electron/hosts/open-app';
import { dispatch } from '../../electron/api/dispatch';
import { organs, pick, rng, subject } from './corpus';
import { benchSession } from './session';
import { median } from './stats';

type Emit = (name: string, value: number, unit: string) => void;

/** bin/vanphong.cjs, two folders up from this file and from dist/bench/bench.mjs alike. */
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'vanphong.cjs');
const RUNS = 7;

/** Wall time of one new process of this Node (the project's, under npm run), in ms; it must exit 0. */
function spawnMs(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/**
 * Issue 12: how long a CLI command takes on top of starting Node itself, each from a new process: `vanphong help`,
 * and `vanphong incoming list --limit 20` with a login on a register of a few hundred documents. Medians of 7 runs,
 * taken in turns with the bare `node -e 0` they are compared to, so a busy moment weighs on all three alike.
 */
export async function benchCli(emit: Emit): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-cli-'));
  try {
    const app = await openApp({ dataDir });
    const session = await benchSession(app);
    const [r, orgs] = [rng(12), organs()];
    const records = Array.from({ length: 300 }, (_, i) => {
      const org = pick(r, orgs);
      const s = subject(r);
      return { arrivalDate: '2026-03-02', docDate: '2026-03-01', sender: org.name, ref: `${i + 1}/${s.abbr || 'CV'}-${org.abbr}`, docType: s.type, subject: s.subject };
    });
    const seeded = await dispatch(app, 'incoming.bulkRegister', { records }, session);
    if (!seeded.ok) throw new Error(`incoming.bulkRegister: ${seeded.error.message}`);
    await app.close();

    const env = { ...process.env, VANPHONG_PASSWORD: 'bench-password' };
    const commands = {
      bare: ['-e', '0'],
      help: [BIN, 'help'],
      list: [BIN, 'incoming', 'list', '--limit', '20', '--data-dir', dataDir, '--user', 'bench'],
    };
    const ms: Record<keyof typeof commands, number[]> = { bare: [], help: [], list: [] };
    for (const args of Object.values(commands)) spawnMs(args, env); // the files in the page cache, as after any first run
    for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(commands)) ms[name as keyof typeof commands].push(spawnMs(args, env));
    const bare = median(ms.bare);
    emit('cli.node_start_ms', bare, 'ms');
    emit('cli.help_cold_ms', median(ms.help) - bare, 'ms');
    emit('cli.list_cold_ms', median(ms.list) - bare, 'ms');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
