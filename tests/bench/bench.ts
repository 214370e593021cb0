// npm run bench [-- --quick]: one JSON line per figure, {"name","value","unit"}.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../electron/app/context';
import { openApp } from '../../electron/hosts/open-app';
import { dispatch } from '../../electron/api/dispatch';
import { foldVietnamese, searchTokens } from '../../shared/text/fold';
import { likeScanIds } from '../../electron/search/repo';
import { organs, pick, queries, rareOrCommon, rng, selectiveQueries, subject } from './corpus';
import { benchDrafting } from './drafting-bench';
import { percentile } from './stats';
import { benchSigning } from './signing-bench';
import { benchSession } from './session';
import { benchOutgoing, issueWorker } from './outgoing-bench';
import { benchMeetings } from './meetings-bench';
import { benchCli } from './cli-bench';
import { benchOfficeServer, loadWorker } from './office-server-bench';
import { benchBackup, benchKeyStore } from './backup-bench';
import { benchHostile } from './hostile-bench';
import { benchRegisterPaging } from './register-bench';
import { benchIntake } from './intake-roundtrip';
import { benchOcr } from './ocr';
import { benchWork } from './work-bench';
import { benchExchange } from './exchange-bench';
import { benchImport, importChild } from './import-bench';
import { benchTransport } from './transport-bench';

const args = process.argv.slice(2);

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit }) + '\n');
}

async function ok<T>(app: AppContext, name: string, input: unknown): Promise<T> {
  const r = await dispatch(app, name, input, await benchSession(app));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/** Child mode: open the seeded database as the host would and report its RSS. */
async function rssProbe(dataDir: string): Promise<void> {
  const app = await openApp({ dataDir });
  await ok(app, 'incoming.list', { year: 2026, limit: 100 });
  await ok(app, 'search.query', { query: 'ke hoach' });
  await ok(app, 'dashboard.summary', {});
  process.stdout.write(String(process.memoryUsage().rss));
  await app.close();
}

async function main(): Promise<void> {
  benchKeyStore(args.includes('--keep')); // the throw-away folders' keys stay out of the user's key store
  const probe = args.indexOf('--rss-probe');
  if (probe >= 0) return rssProbe(args[probe + 1]);
  const worker = args.indexOf('--issue-worker');
  if (worker >= 0) return issueWorker(args[worker + 1], Number(args[worker + 2]));
  const load = args.indexOf('--load-worker');
  if (load >= 0) return loadWorker(args[load + 1]);
  if (args.includes('--server-only')) return benchOfficeServer(emit, { bundle: fileURLToPath(import.meta.url), quick: args.includes('--quick'), keep: args.includes('--keep') });
  if (args.includes('--outgoing-only')) return benchOutgoing(emit, { bundle: fileURLToPath(import.meta.url), quick: args.includes('--quick') });
  if (args.includes('--meetings-only')) return benchMeetings(emit, { quick: args.includes('--quick') });
  if (args.includes('--cli-only')) return benchCli(emit);
  if (args.includes('--hostile-only')) return benchHostile(emit);
  if (args.includes('--intake-only')) return benchIntake(emit);
  if (args.includes('--ocr-only')) return benchOcr(emit);
  // --exchange-only: edXML export and import of a 10-page signed plan with 3 attachments (issue 18).
  if (args.includes('--exchange-only')) return benchExchange(emit);
  if (args.includes('--work-only')) {
    const at = args.indexOf('--records');
    const records = at >= 0 ? Number(args[at + 1]) : args.includes('--quick') ? 100_000 : 1_000_000;
    return benchWork(emit, { records, tasks: Math.round(records * 0.3) });
  }
  const importing = args.indexOf('--import-child');
  if (importing >= 0) return importChild(args[importing + 1], args[importing + 2]);
  // --import-only [--records N]: an old register of N rows with N PDFs (default 10,000).
  const importRecords = args.includes('--records') ? Number(args[args.indexOf('--records') + 1]) : 10_000;
  if (args.includes('--import-only')) return benchImport(emit, { bundle: fileURLToPath(import.meta.url), records: importRecords });
  // --transport-only: 1,000 small packages through the exchange's folder transport (issue 18).
  if (args.includes('--transport-only')) return benchTransport(emit);
  if (args.includes('--backup-only')) return benchBackup(emit, { quick: args.includes('--quick'), keep: args.includes('--keep') });
  // --incoming-only [--records N]: only the register figures below, e.g. at a smaller N while developing.
  if (!args.includes('--incoming-only')) {
    await benchCli(emit);
    await benchHostile(emit);
    await benchOcr(emit);
    await benchMeetings(emit, { quick: args.includes('--quick') });
    await benchDrafting(emit);
    await benchIntake(emit);
    await benchSigning(emit);
    await benchOutgoing(emit, { bundle: fileURLToPath(import.meta.url), quick: args.includes('--quick') });
    await benchExchange(emit, { runs: args.includes('--quick') ? 5 : 10 });
    if (args.includes('--drafting-only')) return;
    await benchOfficeServer(emit, { bundle: fileURLToPath(import.meta.url), quick: args.includes('--quick') });
    await benchBackup(emit, { quick: args.includes('--quick') });
    await benchImport(emit, { bundle: fileURLToPath(import.meta.url), records: args.includes('--quick') ? 1_000 : 10_000 });
    await benchTransport(emit);
    await benchWork(emit, { records: args.includes('--quick') ? 100_000 : 1_000_000, tasks: args.includes('--quick') ? 30_000 : 300_000 });
  }
  const records = args.indexOf('--records');
  const total = records >= 0 ? Number(args[records + 1]) : args.includes('--quick') ? 100_000 : 1_000_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-'));
  const app = await openApp({ dataDir, clock: () => new Date('2026-11-22T03:00:00Z') });
  const r = rng(20261122);
  const orgs = organs();

  // 1. Bulk registration with numbering: batches of 5,000 through the API (zod + one transaction each).
  const batch = 5_000;
  const start = Date.parse('2021-01-04');
  const span = Date.parse('2026-11-21') - start;
  let registerMs = 0;
  const sampledRefs: string[] = []; // a số, ký hiệu every 1/20 of the corpus, for the selective queries
  for (let done = 0; done < total; done += batch) {
    const records = [];
    for (let i = 0; i < batch && done + i < total; i++) {
      const k = done + i;
      const arrival = new Date(start + Math.floor((k / total) * span)).toISOString().slice(0, 10);
      const [org, s] = rareOrCommon(k, total, pick(r, orgs), subject(r));
      const n = 1 + Math.floor(r() * 900);
      records.push({
        arrivalDate: arrival,
        docDate: arrival,
        sender: org.name,
        ref: s.abbr ? `${n}/${s.abbr}-${org.abbr}` : `${n}/${org.abbr}-VP`,
        docType: s.type,
        subject: s.subject,
        urgency: r() < 0.1 ? 'khan' : 'thuong',
      });
    }
    if ((done / batch) % Math.max(1, Math.floor(total / batch / 20)) === 0) sampledRefs.push(records[123 % records.length].ref);
    const t0 = performance.now();
    await ok(app, 'incoming.bulkRegister', { records });
    registerMs += performance.now() - t0;
    if ((done / batch) % 40 === 0) process.stderr.write(`seeded ${done + records.length}/${total}\n`);
  }
  emit('incoming.bulk_register_rate', total / (registerMs / 1000), 'records/s');

  // Route and finish a share of the documents so that status filters mean something.
  app.db.exec(`UPDATE incoming_docs SET status = 'hoan-thanh' WHERE id % 3 = 0`);
  app.db.exec(`UPDATE incoming_docs SET status = 'dang-xu-ly', deadline = arrival_date WHERE id % 3 = 1 AND id % 5 = 0`);
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  app.db.exec('ANALYZE');

  // 2. Search: 200 mixed queries, half typed without diacritics, newest first, top 50; and the LIKE baseline.
  const qs = queries(rng(7), 200).map((q, i) => (i % 2 ? foldVietnamese(q) : q));
  for (const q of qs.slice(0, 20)) await ok(app, 'search.query', { query: q, limit: 50 }); // warm
  const searchMs: number[] = [];
  let hits = 0;
  for (const q of qs) {
    const t0 = performance.now();
    const res = await ok<unknown[]>(app, 'search.query', { query: q, limit: 50 });
    searchMs.push(performance.now() - t0);
    hits += res.length;
  }
  emit('search.fts_p50', percentile(searchMs, 50), 'ms');
  emit('search.fts_p95', percentile(searchMs, 95), 'ms');
  emit('search.avg_hits', hits / qs.length, 'hits');
  const likeMs: number[] = [];
  for (const q of qs) {
    const t0 = performance.now();
    likeScanIds(app.db, searchTokens(q), 50);
    likeMs.push(performance.now() - t0);
  }
  emit('like_scan.p50', percentile(likeMs, 50), 'ms');
  emit('like_scan.p95', percentile(likeMs, 95), 'ms');

  // 2b. Selective queries (each under 50 hits): a số, ký hiệu of the corpus, a rare organ, a three-word phrase; half
  // typed without diacritics. Hit counts from the results page (its total), outside the timings.
  const sel = selectiveQueries(sampledRefs, 60).map((q, i) => (i % 2 ? foldVietnamese(q) : q));
  for (const q of sel) await ok(app, 'search.query', { query: q, limit: 50 }); // warm
  const selMs: number[] = [];
  const selLikeMs: number[] = [];
  const selHits: number[] = [];
  for (const q of sel) {
    const t0 = performance.now();
    await ok<unknown[]>(app, 'search.query', { query: q, limit: 50 });
    selMs.push(performance.now() - t0);
    const t1 = performance.now();
    likeScanIds(app.db, searchTokens(q), 50);
    selLikeMs.push(performance.now() - t1);
    selHits.push((await ok<{ total: number }>(app, 'search.results', { query: q, limit: 1 })).total);
  }
  emit('search.selective_p50', percentile(selMs, 50), 'ms');
  emit('search.selective_p95', percentile(selMs, 95), 'ms');
  emit('search.selective_avg_hits', selHits.reduce((a, b) => a + b, 0) / sel.length, 'hits');
  emit('search.selective_max_hits', Math.max(...selHits), 'hits');
  emit('like_scan.selective_p95', percentile(selLikeMs, 95), 'ms');

  // 3. The register view's first page, filtered and sorted by date.
  const views: [string, unknown][] = [
    ['register_view.first_page_year_sorted_by_date', { year: 2026, sort: 'arrivalDate', order: 'desc', limit: 100, withTotal: false }],
    ['register_view.first_page_status_filter', { year: 2026, status: 'dang-xu-ly', sort: 'arrivalDate', order: 'desc', limit: 100, withTotal: false }],
    ['register_view.first_page_with_total', { year: 2026, sort: 'arrivalDate', order: 'desc', limit: 100, withTotal: true }],
    ['register_view.deep_page_offset_500k', { sort: 'arrivalDate', order: 'desc', offset: Math.floor(total / 2), limit: 100, withTotal: false }],
  ];
  for (const [name, input] of views) {
    await ok(app, 'incoming.list', input);
    const ms: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await ok(app, 'incoming.list', input);
      ms.push(performance.now() - t0);
    }
    emit(`${name}_p50`, percentile(ms, 50), 'ms');
  }
  {
    const t0 = performance.now();
    await ok(app, 'dashboard.summary', {});
    emit('dashboard.summary', performance.now() - t0, 'ms');
  }
  await benchRegisterPaging(app, emit, total);

  // 4. Size per 1,000 documents and the host's RSS after opening the database.
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  await app.close();
  const size = fs.statSync(path.join(dataDir, 'vanphong.sqlite')).size;
  emit('db.size_per_1000_docs', size / (total / 1000) / 1024, 'KiB');
  emit('db.size_total', size / 1024 / 1024, 'MiB');
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [self, '--rss-probe', dataDir], { encoding: 'utf8' });
  emit('host.rss_after_open', Number(child.stdout) / 1024 / 1024, 'MiB');
  emit('bench.records', total, 'records');
  if (args.includes('--keep')) process.stderr.write(`kept ${dataDir}\n`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
