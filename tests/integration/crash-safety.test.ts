import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledScript } from '../helpers/bundle';
import { openDataDb, tempDir } from '../helpers/app';

const worker = bundledScript(path.resolve(__dirname, '../helpers/crash-worker.ts'));

/** Runs the worker until it has printed `killAfter` numbers, then SIGKILLs it. Returns the numbers it saw committed. */
function runAndKill(dataDir: string, total: number, killAfter: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir, String(total)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seen: number[] = [];
    let buf = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) if (l) seen.push(Number(l));
      if (seen.length >= killAfter && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`worker exited ${code}: ${err}`));
      else resolve(seen);
    });
  });
}

describe('killing the process in the middle of 1,000 registrations', () => {
  it('loses no committed registration and leaves no gap or duplicate', async () => {
    const dir = tempDir('vanphong-crash-');
    const target = 1000;
    let acknowledged: number[] = [];
    // Random kill points; the seed is printed so that a failure can be replayed.
    const seed = Date.now() % 100_000;
    let x = seed;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
    for (let round = 0; round < 6; round++) {
      const killAfter = 20 + Math.floor(rand() * 150);
      acknowledged = acknowledged.concat(await runAndKill(dir, target, killAfter));
    }
    const rest = await runAndKill(dir, target - acknowledged.length, Number.MAX_SAFE_INTEGER);
    acknowledged = acknowledged.concat(rest);

    const db = openDataDb(dir);
    expect(db.pragma('integrity_check', { simple: true }), `seed ${seed}`).toBe('ok');
    const numbers = db.prepare('SELECT arrival_number FROM incoming_docs WHERE year = 2026 ORDER BY arrival_number').pluck().all() as number[];
    expect(numbers.length, `seed ${seed}`).toBeGreaterThanOrEqual(target);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1)); // 1..N, no gap, no duplicate
    for (const n of acknowledged) expect(numbers).toContain(n); // every acknowledged commit survived
    const series = db.prepare('SELECT last_number FROM number_series').pluck().get();
    expect(series).toBe(numbers.length);
    const fts = db.prepare('SELECT COUNT(*) FROM incoming_fts').pluck().get();
    expect(fts).toBe(numbers.length);
    db.close();
  }, 180_000);
});
