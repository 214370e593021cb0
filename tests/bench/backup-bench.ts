import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../electron/app/context';
import { dispatch } from '../../electron/api/dispatch';
import { createBackup } from '../../electron/backup/backup';
import { restoreBackup, verifyBackup } from '../../electron/backup/restore';
import { openConnection } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrate';
import { openApp } from '../../electron/hosts/open-app';
import { foldVietnamese } from '../../shared/text/fold';
import { organs, pick, rng, subject } from './corpus';
import { benchSession } from './session';
import { median } from './stats';

type Emit = (name: string, value: number, unit: string) => void;

/**
 * Issue 14 figures:
 * - backup.1m_docs_s: `createBackup` of a register of 1,000,000 documents and 10,000 attachments (32 KiB each, random
 *   so incompressible), seeded with direct SQL; goal ≤ 60 s;
 * - restore.verify_1m_s: `backup verify` of that file (restore aside, integrity_check, audit chain, every file's hash);
 * - restore.1m_s: a restore into a new folder, re-keyed;
 * - crypto.overhead_pct: the same register bench (bulk registration, register-view pages, searches) on an encrypted
 *   and on a plaintext folder, medians of rounds taken in turns; goal ≤ 15 %. crypto.single_register_overhead_pct: the
 *   same for registrations one command (one commit) each, where the encryption of every page written shows most.
 * --quick: 100,000 documents and 1,000 attachments.
 */

/** Keys of the bench's throw-away folders go to a throw-away key store, not the user's (kept with --keep). */
export function benchKeyStore(keep: boolean): void {
  if (process.env.VANPHONG_KEY_DIR) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-keys-'));
  process.env.VANPHONG_KEY_DIR = dir;
  if (keep) process.stderr.write(`keys of kept folders: VANPHONG_KEY_DIR=${dir}\n`);
  else process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}

const PASS = 'bench-passphrase';

/** Direct SQL, in large transactions: the figure is the backup's, not the registration's. */
function seed(app: AppContext, docs: number, files: number): void {
  const db = app.db;
  const r = rng(20260315);
  const orgs = organs();
  const now = app.nowIso();
  const orgIds = db.transaction(() =>
    orgs.map((o) => Number(db.prepare('INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES (?, ?, ?, ?)').run(o.name, foldVietnamese(o.name), foldVietnamese(o.name), now).lastInsertRowid)),
  )();
  const book = db.prepare("SELECT id FROM register_books WHERE kind = 'incoming' AND is_default = 1").pluck().get() as number;
  const doc = db.prepare(
    `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, doc_type, subject, urgency, secrecy,
       status, created_at, updated_at, sender_sort, subject_sort)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'thuong', 'thuong', 'cho-xu-ly', ?, ?, '', vn_sort_key(?))`,
  );
  const fts = db.prepare('INSERT INTO incoming_fts (rowid, meta, attachments) VALUES (?, ?, ?)');
  const blob = db.prepare("INSERT INTO blobs (sha256, size, mime, page_count, text_status, created_at) VALUES (?, ?, 'application/pdf', 1, 'none', ?)");
  const att = db.prepare('INSERT INTO incoming_attachments (doc_id, sha256, name, added_at) VALUES (?, ?, ?, ?)');
  const perYear = new Map<number, number>();
  const every = Math.floor(docs / files);
  const batch = 20_000;
  for (let done = 0; done < docs; done += batch) {
    db.transaction(() => {
      for (let i = done; i < Math.min(docs, done + batch); i++) {
        const day = new Date(Date.UTC(2021, 0, 4) + Math.floor((i / docs) * 6 * 365) * 86400000).toISOString().slice(0, 10);
        const year = Number(day.slice(0, 4));
        const n = (perYear.get(year) ?? 0) + 1;
        perYear.set(year, n);
        const s = subject(r);
        const ref = `${n}/${s.abbr || 'CV'}`;
        const id = Number(doc.run(book, year, n, day, pick(r, orgIds), ref, foldVietnamese(ref), day, s.type, s.subject, now, now, s.subject).lastInsertRowid);
        fts.run(id, foldVietnamese(`${ref} ${s.subject}`), '');
        if (i % every === 0 && i / every < files) {
          const sha = app.blobs.put(crypto.randomBytes(32 * 1024));
          blob.run(sha, 32 * 1024, now);
          att.run(id, sha, `tep-${i}.pdf`, now);
        }
      }
    })();
    if ((done / batch) % 10 === 0) process.stderr.write(`backup bench: seeded ${Math.min(docs, done + batch)}/${docs}\n`);
  }
  const series = db.prepare('INSERT INTO number_series (book_id, period, last_number) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const [year, last] of perYear) series.run(book, String(year), last);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, (performance.now() - t0) / 1000];
}

/**
 * The register bench of crypto.overhead_pct, on one folder: `n` documents registered through incoming.bulkRegister in
 * batches of 2,000, then 200 register-view pages and 100 searches; and, apart, `singles` registrations one command
 * (one commit, one fsync) each, the văn thư's own path. Seconds for each.
 */
async function registerBench(dataDir: string, n: number, singles: number): Promise<{ bench: number; singles: number; benchCpu: number; singlesCpu: number }> {
  const app = await openApp({ dataDir, clock: () => new Date('2026-03-15T03:00:00Z'), onNewKey: () => undefined });
  try {
    const session = await benchSession(app);
    const r = rng(99);
    const orgs = organs();
    const ok = async (name: string, input: unknown) => {
      const res = await dispatch(app, name, input, session);
      if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
    };
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    let t0 = performance.now();
    let c0 = cpu();
    for (let done = 0; done < n; done += 2000) {
      const records = Array.from({ length: Math.min(2000, n - done) }, (_, i) => {
        const org = pick(r, orgs);
        const s = subject(r);
        return { arrivalDate: '2026-03-02', docDate: '2026-03-01', sender: org.name, ref: `${done + i + 1}/${org.abbr}`, docType: s.type, subject: s.subject };
      });
      await ok('incoming.bulkRegister', { records });
    }
    for (let i = 0; i < 200; i++) await ok('incoming.list', { year: 2026, limit: 100, offset: (i * 997) % Math.max(1, n - 100) });
    for (let i = 0; i < 100; i++) await ok('search.query', { query: i % 2 ? 'ke hoach' : 'bao cao', limit: 50 });
    const bench = (performance.now() - t0) / 1000;
    const benchCpu = cpu() - c0;
    t0 = performance.now();
    c0 = cpu();
    for (let i = 0; i < singles; i++) {
      const org = pick(r, orgs);
      const s = subject(r);
      await ok('incoming.register', { sender: org.name, ref: `S${i + 1}/${org.abbr}`, docDate: '2026-03-10', docType: s.type, subject: s.subject });
    }
    return { bench, singles: (performance.now() - t0) / 1000, benchCpu, singlesCpu: cpu() - c0 };
  } finally {
    await app.close();
  }
}

export async function cryptoOverhead(emit: Emit, quick: boolean): Promise<void> {
  const [n, singles, rounds] = quick ? [5_000, 100, 3] : [20_000, 300, 5];
  const enc = { bench: [] as number[], singles: [] as number[], benchCpu: [] as number[], singlesCpu: [] as number[] };
  const plain = { bench: [] as number[], singles: [] as number[], benchCpu: [] as number[], singlesCpu: [] as number[] };
  // A warm-up run first (JIT, page cache of the code): else the first measured run pays for it.
  const warm = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-warm-'));
  await registerBench(warm, Math.min(n, 4_000), 30);
  fs.rmSync(warm, { recursive: true, force: true });
  for (let round = 0; round < rounds; round++) {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-enc-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-plain-'));
    try {
      // A folder as before encryption: a plaintext database made first, which openApp keeps as it is; the encrypted
      // one made and migrated first too, so neither run pays for creating its folder.
      const legacy = openConnection(path.join(b, 'vanphong.sqlite'));
      await migrate(legacy);
      legacy.close();
      await (await openApp({ dataDir: a, onNewKey: () => undefined })).close();
      // In turns, so a busy moment of the machine weighs on both alike.
      const order: [string, typeof enc][] = round % 2 ? [[b, plain], [a, enc]] : [[a, enc], [b, plain]];
      for (const [dir, into] of order) {
        const t = await registerBench(dir, n, singles);
        for (const k of ['bench', 'singles', 'benchCpu', 'singlesCpu'] as const) into[k].push(t[k]);
      }
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  }
  emit('crypto.register_bench_encrypted_s', median(enc.bench), 's');
  emit('crypto.register_bench_plain_s', median(plain.bench), 's');
  emit('crypto.overhead_pct', (median(enc.bench) / median(plain.bench) - 1) * 100, '%');
  emit('crypto.single_register_overhead_pct', (median(enc.singles) / median(plain.singles) - 1) * 100, '%');
  // CPU time of the process: the encryption's own cost, less swayed than wall time by other work on the machine.
  emit('crypto.overhead_cpu_pct', (median(enc.benchCpu) / median(plain.benchCpu) - 1) * 100, '%');
  emit('crypto.single_register_overhead_cpu_pct', (median(enc.singlesCpu) / median(plain.singlesCpu) - 1) * 100, '%');
}

export async function benchBackup(emit: Emit, opts: { quick: boolean; keep?: boolean }): Promise<void> {
  benchKeyStore(!!opts.keep);
  await cryptoOverhead(emit, opts.quick);
  const docs = opts.quick ? 100_000 : 1_000_000;
  const files = opts.quick ? 1_000 : 10_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-backup-'));
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-backup-out-'));
  const restored = path.join(outDir, 'restored');
  try {
    const app = await openApp({ dataDir, onNewKey: () => undefined });
    let out: string;
    try {
      seed(app, docs, files);
      emit('backup.db_size', fs.statSync(app.dbFile).size / 1048576, 'MiB');
      out = path.join(outDir, 'bench.vpbak');
      const [rec, s] = await timed(() => createBackup(app, out, PASS));
      if (rec.documents !== docs || rec.files !== files) throw new Error(`backup holds ${rec.documents} documents, ${rec.files} files`);
      emit(opts.quick ? 'backup.100k_docs_s' : 'backup.1m_docs_s', s, 's');
      emit('backup.file_size', rec.bytes / 1048576, 'MiB');
    } finally {
      await app.close();
    }
    const [v, vs] = await timed(() => verifyBackup(out, PASS, { tmpDir: outDir }));
    if (!v.ok) throw new Error(`verify: ${v.line}`);
    emit(opts.quick ? 'restore.verify_100k_s' : 'restore.verify_1m_s', vs, 's');
    const [, rs] = await timed(() => restoreBackup(out, restored, PASS));
    emit(opts.quick ? 'restore.100k_s' : 'restore.1m_s', rs, 's');
  } finally {
    if (opts.keep) process.stderr.write(`kept ${dataDir} and ${outDir}\n`);
    else {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }
}
