import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../../electron/hosts/open-app';
import { takeNumber } from '../../electron/outgoing/service';
import { findBook } from '../../electron/directory/repo';
import { rowHash, GENESIS } from '../../electron/audit/chain';
import { verifyAuditChain } from '../../electron/audit/repo';
import { setSetting } from '../../electron/app/settings';
import { immediate } from '../../electron/db/connection';
import { runAs } from '../../electron/app/caller';
import { draftSchema } from '../../shared/drafting/model';
import { benchSession } from './session';

type Emit = (name: string, value: number, unit: string) => void;

const model = draftSchema.parse({
  profile: 'state',
  organ: 'Ủy ban nhân dân tỉnh Bắc Ninh',
  organAbbr: 'UBND',
  place: 'Bắc Ninh',
  docType: 'cong-van',
  unitAbbr: 'VP',
  subject: 'Về việc triển khai nhiệm vụ năm 2026',
  signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
});

/** Child mode: take `count` numbers through the issuance transaction, as fast as the database allows. */
export async function issueWorker(dataDir: string, count: number): Promise<void> {
  const app = await openApp({ dataDir, clock: () => new Date('2026-11-22T03:00:00Z') });
  const session = await benchSession(app, 'bench');
  const book = findBook(app.db, 'outgoing', undefined)!;
  await runAs(session.caller, async () => {
    for (let i = 0; i < count; i++) takeNumber(app, { book, date: '2026-11-22', model, draftId: null, status: 'issued', userId: session.caller!.id });
  });
  await app.close();
}

/**
 * Issue 5's figures: 10,000 issuances from 4 concurrent processes on one database (duplicates, gaps, throughput),
 * and `audit verify` over 1,000,000 rows.
 */
export async function benchOutgoing(emit: Emit, opts: { bundle: string; quick: boolean }): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-outgoing-'));
  const app = await openApp({ dataDir });
  await benchSession(app, 'bench');
  await app.close();

  const procs = 4;
  const total = opts.quick ? 2_000 : 10_000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: procs }, () =>
      new Promise<void>((resolve, reject) => {
        const c = spawn(process.execPath, [opts.bundle, '--issue-worker', dataDir, String(total / procs)], { stdio: ['ignore', 'inherit', 'inherit'] });
        c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`issue worker exited ${code}`))));
      }),
    ),
  );
  const ms = performance.now() - t0;
  const check = await openApp({ dataDir });
  const nums = check.db.prepare("SELECT number FROM outgoing_docs WHERE period = '2026' ORDER BY number").pluck().all() as number[];
  const distinct = new Set(nums).size;
  const gaps = nums.length ? nums[nums.length - 1] - distinct : 0;
  emit('outgoing.issue_4_processes_count', nums.length, 'documents');
  emit('outgoing.issue_4_processes_duplicates', nums.length - distinct, 'numbers');
  emit('outgoing.issue_4_processes_gaps', gaps + (nums[0] === 1 || !nums.length ? 0 : nums[0] - 1), 'numbers');
  emit('outgoing.issue_4_processes_rate', nums.length / (ms / 1000), 'documents/s');
  const audit = verifyAuditChain(check.db);
  emit('audit.chain_after_concurrent_issue_ok', audit.ok ? 1 : 0, 'bool');
  await check.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  // 1,000,000 audit rows, chained as the app chains them, then one verification pass.
  const rows = opts.quick ? 100_000 : 1_000_000;
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-audit-'));
  const a = await openApp({ dataDir: dir2 });
  const insert = a.db.prepare('INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let prev = GENESIS;
  const batch = 50_000;
  for (let from = 1; from <= rows; from += batch) {
    immediate(a.db, () => {
      for (let seq = from; seq < from + batch && seq <= rows; seq++) {
        const f = { seq, at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), userId: 1 + (seq % 7), username: `user${seq % 7}`, action: 'incoming.register', entity: 'incoming', entityId: seq, detail: `{"ref":"${seq}/UBND-VP"}`, prevHash: prev };
        prev = rowHash(f);
        insert.run(f.seq, f.at, f.userId, f.username, f.action, f.entity, f.entityId, f.detail, f.prevHash, prev);
      }
      if (from + batch > rows) setSetting(a.db, 'audit.head', `${rows}:${prev}`);
    });
  }
  const t1 = performance.now();
  const r = verifyAuditChain(a.db);
  const verifyMs = performance.now() - t1;
  if (!r.ok || r.rows !== rows) throw new Error(`audit verify failed on the benchmark chain: ${r.message}`);
  emit(`audit.verify_${rows === 1_000_000 ? '1m' : `${rows / 1000}k`}_rows`, verifyMs, 'ms');
  await a.close();
  fs.rmSync(dir2, { recursive: true, force: true });
}
