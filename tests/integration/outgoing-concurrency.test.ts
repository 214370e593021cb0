import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempApp } from '../helpers/app';
import { bundledScript } from '../helpers/bundle';
import { verifyAuditChain } from '../../electron/audit/repo';

const worker = bundledScript(path.resolve(__dirname, '../helpers/issue-worker.ts'));

function run(dataDir: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir, String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`issue worker exited ${code}: ${err}`))));
  });
}

describe('outgoing numbers under concurrency', () => {
  it('three processes issuing at once on one database: every number once, no gap, one unbroken audit chain', async () => {
    const app = await tempApp();
    const dir = app.dataDir;
    await Promise.all([run(dir, 120), run(dir, 120), run(dir, 120)]);
    const nums = app.db.prepare("SELECT number FROM outgoing_docs WHERE period = '2026' ORDER BY number").pluck().all() as number[];
    expect(nums).toEqual(Array.from({ length: 360 }, (_, i) => i + 1));
    const refs = app.db.prepare('SELECT COUNT(DISTINCT ref) FROM outgoing_docs').pluck().get();
    expect(refs).toBe(360);
    expect(verifyAuditChain(app.db)).toMatchObject({ ok: true, rows: 360 });
    await app.cleanup();
  }, 60_000);
});
