import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackup } from '../../electron/backup/backup';
import { restoreBackup } from '../../electron/backup/restore';
import { runScheduledBackup, saveSchedule, storePassphrase, toRotate } from '../../electron/backup/schedule';
import { DEFAULT_SCHEDULE } from '../../shared/backup/schemas';
import { openApp } from '../../electron/hosts/open-app';
import { makePdf } from '../fixtures/make-files';
import { addUser, call, callErr, openDataDb, sampleIncoming, tempApp, tempDir } from '../helpers/app';
import { bundledScript } from '../helpers/bundle';
import { bin, provisionedDataDir, root, run } from '../helpers/cli';

/**
 * Issue 14, backup and restore: an online backup taken while four processes register documents restores every
 * document, file and audit row of its moment; the backup file is authenticated end to end and needs its passphrase; a
 * damaged database is reported in one line naming the last good backup, by `vanphong check` and at a host's start.
 */

const PASS = 'mat-khau-sao-luu-thu';
// The suite writes and opens a few dozen backups: the passphrase's scrypt at 2^14 instead of 2^17 (archive.ts), here and
// in the CLI processes it starts.
process.env.VANPHONG_BACKUP_KDF_LOG2N = '14';
const worker = bundledScript(path.resolve(__dirname, '../helpers/crash-worker.ts'));
const withPass = (args: string[], env: Record<string, string | undefined> = {}, pass = PASS) => run([...args, '--passphrase-stdin'], env, pass);

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});
afterEach(() => vi.restoreAllMocks());

async function seeded(prefix: string): Promise<string> {
  return provisionedDataDir(prefix, async (app, tester) => {
    for (let i = 1; i <= 3; i++) {
      await call(app, 'incoming.register', sampleIncoming({ ref: `${i}/SEED`, attachments: [{ name: `tep-${i}.pdf`, data: makePdf([`Tep so ${i}`]) }] }), tester);
    }
  });
}

/** A writer registering documents until killed; resolves `started` after its first few commits. */
function writer(dataDir: string): { child: ChildProcess; count: () => number; started: Promise<void> } {
  const child = spawn(process.execPath, [worker, dataDir, '100000'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
  let n = 0;
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      n += c.toString().split('\n').length - 1;
      if (n >= 3) resolve();
    });
    child.on('exit', (code, signal) => signal === null && reject(new Error(`writer exited ${code}: ${err}`)));
  });
  return { child, count: () => n, started };
}

function runAsync(args: string[], input: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

const rows = (db: ReturnType<typeof openDataDb>, sql: string) => db.prepare(sql).all() as Record<string, unknown>[];

describe('vanphong backup while four processes write, then restore', () => {
  it('restores into a new folder every document, file and audit row of the backup’s moment, under a new key', async () => {
    const src = await seeded('vanphong-bk-src-');
    const writers = Array.from({ length: 4 }, () => writer(src));
    let file: string;
    try {
      await Promise.all(writers.map((w) => w.started));
      file = path.join(tempDir('vanphong-bk-out-'), 'sao-luu.vpbak');
      const b = await runAsync(['backup', '--out', file, '--data-dir', src, '--passphrase-stdin'], PASS);
      expect(b.code, b.err).toBe(0);
      expect(b.out).toMatch(/Đã sao lưu vào .*văn bản, \d+ tệp đính kèm/);
      expect(b.out).toMatch(/Điểm cuối nhật ký: số \d+, mã băm [0-9a-f]{64}/);
      // The writers go on after the backup: it was taken while they wrote.
      const after = writers.map((w) => w.count());
      await vi.waitFor(() => expect(writers.every((w, i) => w.count() > after[i])).toBe(true), { timeout: 20_000, interval: 50 });
    } finally {
      for (const w of writers) w.child.kill('SIGKILL');
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['sao-luu.vpbak']); // no temporary file left

    const dest = path.join(tempDir('vanphong-bk-dest-'), 'moi');
    const r = withPass(['restore', file, '--data-dir', dest]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/KHÓA KHÔI PHỤC/);
    expect(r.out).toMatch(/Đã khôi phục bản sao lưu/);
    expect(fs.readFileSync(path.join(src, 'vanphong-folder.json'), 'utf8')).not.toBe(fs.readFileSync(path.join(dest, 'vanphong-folder.json'), 'utf8'));

    const a = openDataDb(src);
    const b = openDataDb(dest);
    try {
      const docs = rows(b, 'SELECT * FROM incoming_docs ORDER BY id');
      const total = a.prepare('SELECT count(*) FROM incoming_docs').pluck().get() as number;
      expect(docs.length).toBeGreaterThan(3 + 4 * 3 - 1);
      expect(docs.length).toBeLessThan(total);
      const maxId = docs[docs.length - 1].id as number;
      expect(docs).toEqual(rows(a, `SELECT * FROM incoming_docs WHERE id <= ${maxId} ORDER BY id`));
      // One moment: numbers 1..N without a gap, and the audit log is a whole prefix of the source's.
      expect(docs.map((d) => d.arrival_number)).toEqual(docs.map((_, i) => i + 1));
      const audit = rows(b, 'SELECT * FROM audit_log ORDER BY seq');
      expect(audit).toEqual(rows(a, `SELECT * FROM audit_log WHERE seq <= ${audit.length} ORDER BY seq`));
      expect(rows(b, 'SELECT * FROM incoming_attachments ORDER BY doc_id, sha256')).toEqual(rows(a, `SELECT * FROM incoming_attachments WHERE doc_id <= ${maxId} ORDER BY doc_id, sha256`));
    } finally {
      a.close();
      b.close();
    }
    const [from, to] = [await openApp({ dataDir: src }), await openApp({ dataDir: dest })];
    try {
      const shas = to.db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[];
      expect(shas.length).toBe(4); // three PDFs and the writers' PNG
      for (const sha of shas) expect(Buffer.from(to.blobs.read(sha)).equals(Buffer.from(from.blobs.read(sha))), sha).toBe(true);
      // Sealed under the new folder's own key: the old folder's files do not open in the new one.
      expect(fs.readFileSync(to.blobs.pathOf(shas[0])).equals(fs.readFileSync(from.blobs.pathOf(shas[0])))).toBe(false);
    } finally {
      await from.close();
      await to.close();
    }
    const check = run(['check', '--data-dir', dest]);
    expect(check.code, check.out + check.err).toBe(0);
    expect(check.out).toMatch(/nguyên vẹn.*nhật ký toàn vẹn/);
  }, 60_000);
});

describe('a backup file is checked end to end', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await seeded('vanphong-bk-verify-');
    // The office server's identity travels with the backup, so clients' pinned fingerprints hold after a restore.
    fs.mkdirSync(path.join(dir, 'tls'), { mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'tls', 'server.key'), 'khoa-may-chu', { mode: 0o600 });
    file = path.join(tempDir('vanphong-bk-file-'), 'b.vpbak');
    const b = withPass(['backup', '--out', file, '--data-dir', dir]);
    expect(b.code, b.err).toBe(0);
  });

  it('verify restores it aside and passes; a flipped byte, a cut file or a wrong passphrase are refused in one line', () => {
    const ok = withPass(['backup', 'verify', file]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Bản sao lưu dùng được.*integrity_check.*nhật ký toàn vẹn.*3 tệp đính kèm đủ, đúng mã băm/);

    const bytes = fs.readFileSync(file);
    const flipped = path.join(path.dirname(file), 'lat-bit.vpbak');
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length * 0.6)] ^= 0x01;
    fs.writeFileSync(flipped, copy);
    const bad = withPass(['backup', 'verify', flipped]);
    expect(bad.code).not.toBe(0);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/bị hỏng hoặc đã bị sửa \(đoạn \d+\/\d+\)/);

    const cut = path.join(path.dirname(file), 'cat.vpbak');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    expect(withPass(['backup', 'verify', cut]).err).toMatch(/bị hỏng hoặc đã bị sửa/);

    const wrong = withPass(['backup', 'verify', file], {}, 'khong-phai-mat-khau');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/Sai mật khẩu của bản sao lưu/);
    expect(withPass(['restore', file, '--data-dir', path.join(tempDir(), 'x')], {}, 'khong-phai-mat-khau').code).toBe(2);
  });

  it('restores only into a new or empty folder; --replace keeps the old one aside, not while a host has it open', async () => {
    const busy = withPass(['restore', file, '--data-dir', dir]);
    expect(busy.code).toBe(2);
    expect(busy.err).toMatch(/đã có dữ liệu.*--replace/);
    const parent = path.dirname(dir);
    const before = fs.readdirSync(parent).filter((f) => f.startsWith(path.basename(dir)));
    expect(before).toEqual([path.basename(dir)]); // nothing staged, nothing moved
    const open = await openApp({ dataDir: dir });
    const inUse = withPass(['restore', file, '--data-dir', dir, '--replace']);
    await open.close();
    expect(inUse.code).toBe(1);
    expect(inUse.err).toMatch(/đang được mở/);

    const replaced = withPass(['restore', file, '--data-dir', dir, '--replace']);
    expect(replaced.code, replaced.err).toBe(0);
    const aside = fs.readdirSync(parent).filter((f) => f.startsWith(`${path.basename(dir)}.cu-`));
    expect(aside).toHaveLength(1);
    expect(replaced.out).toContain(aside[0]);
    expect(fs.existsSync(path.join(parent, aside[0], 'vanphong.sqlite'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'tls', 'server.key'), 'utf8')).toBe('khoa-may-chu');
    expect(run(['check', '--data-dir', dir]).code).toBe(0);
  });

  it('says «Ổ đĩa đầy» when the disk fills during backup or restore, and leaves no temporary file', async () => {
    const app = await openApp({ dataDir: dir });
    const outDir = tempDir('vanphong-bk-full-');
    const realWrite = fs.writeSync;
    let budget = 200_000;
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: NodeJS.ArrayBufferView, ...rest: unknown[]) => {
      const len = typeof buf === 'string' ? Buffer.byteLength(buf) : buf.byteLength;
      if ((budget -= len) < 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return (realWrite as (...a: unknown[]) => number)(fd, buf, ...rest);
    }) as typeof fs.writeSync);
    try {
      await expect(createBackup(app, path.join(outDir, 'day.vpbak'), PASS)).rejects.toThrow(/^Ổ đĩa đầy: không ghi được bản sao lưu/);
      budget = 100_000;
      const dest = path.join(outDir, 'khoi-phuc');
      await expect(restoreBackup(file, dest, PASS)).rejects.toThrow(/^Ổ đĩa đầy: không khôi phục được/);
    } finally {
      vi.restoreAllMocks();
      await app.close();
    }
    expect(fs.readdirSync(outDir)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a damaged database', () => {
  it('is reported by vanphong check and at a host’s start in one line naming the last good backup', async () => {
    const dir = await seeded('vanphong-bk-damage-');
    const file = path.join(tempDir('vanphong-bk-good-'), 'tot.vpbak');
    expect(withPass(['backup', '--out', file, '--data-dir', dir]).code).toBe(0);
    // Zeros over a few pages of the encrypted file: the register's own table and pages around the middle.
    const db = openDataDb(dir);
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'incoming_docs'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const dbFile = path.join(dir, 'vanphong.sqlite');
    const pages = fs.statSync(dbFile).size / pageSize;
    const fd = fs.openSync(dbFile, 'r+');
    for (const p of [root, Math.floor(pages / 2), Math.floor(pages / 2) + 1]) fs.writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (p - 1) * pageSize);
    fs.closeSync(fd);

    const check = run(['check', '--data-dir', dir]);
    expect(check.code).toBe(3);
    expect(check.err).toBe('');
    expect(check.out.trim().split('\n')).toHaveLength(1);
    expect(check.out).toMatch(/^Cơ sở dữ liệu «.*» bị hỏng \(.*\); bản sao lưu tốt gần nhất: «.*tot\.vpbak» \(lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\)/);

    // A long-running host runs quick_check as it opens the folder and refuses it in the same one line.
    await expect(openApp({ dataDir: dir, backgroundIndexing: true })).rejects.toThrow(/bị hỏng .*tot\.vpbak/);
    const serve = run(['serve', '--no-open', '--port', '0', '--data-dir', dir]);
    expect(serve.code).toBe(1);
    expect(serve.err.trim().split('\n')).toHaveLength(1);
    expect(serve.err).toMatch(/^Lỗi: Cơ sở dữ liệu .* bị hỏng \(quick_check|SQLITE_CORRUPT.*tot\.vpbak/);
    // A short command says so too, without a stack trace.
    const list = run(['incoming', 'list', '--data-dir', dir, '--user', 'tester'], { VANPHONG_PASSWORD: 'mat-khau-thu-nghiem' });
    expect(list.code).not.toBe(0);
    expect(list.err).toMatch(/bị hỏng/);
    expect(list.err).not.toMatch(/SqliteError|\n\s+at /);
  });
});

describe('scheduled backups', () => {
  it('keeps the newest of each of the last 7 days and of each of the last 4 ISO weeks, and no other file is touched', () => {
    const names: string[] = [];
    for (let d = 0; d < 40; d++) {
      const day = new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10); // 1 March – 9 April 2026
      for (const h of ['02', '14']) names.push(`vanphong-${day}T${h}-00.vpbak`);
    }
    names.push('ghi-chu.txt', 'vanphong-khac.vpbak');
    const gone = new Set(toRotate(names, 7, 4));
    const kept = names.filter((n) => !gone.has(n));
    expect(kept).toEqual(expect.arrayContaining(['ghi-chu.txt', 'vanphong-khac.vpbak']));
    // 3–9 April (daily, the later of each day); weeks: 6–12 Apr and 30 Mar–5 Apr are already in, then 29 and 22 March.
    expect(kept.filter((n) => n.startsWith('vanphong-20')).sort()).toEqual([
      'vanphong-2026-03-22T14-00.vpbak',
      'vanphong-2026-03-29T14-00.vpbak',
      ...[3, 4, 5, 6, 7, 8, 9].map((d) => `vanphong-2026-04-0${d}T14-00.vpbak`),
    ]);
  });

  it('writes a scheduled backup with the passphrase kept on this machine, then rotates the folder', async () => {
    const dir = await seeded('vanphong-bk-sched-');
    const out = tempDir('vanphong-bk-sched-out-');
    for (let d = 1; d <= 9; d++) fs.writeFileSync(path.join(out, `vanphong-2026-03-0${d}T02-00.vpbak`), 'cu');
    const app = await openApp({ dataDir: dir, clock: () => new Date('2026-03-10T03:00:00Z') });
    try {
      saveSchedule(app, { ...DEFAULT_SCHEDULE, enabled: true, dir: out });
      storePassphrase(dir, PASS);
      const rec = await runScheduledBackup(app);
      expect(rec?.file).toBe(path.join(out, 'vanphong-2026-03-10T10-00.vpbak')); // Vietnam time in the name
      // 4–10 March daily, and Sunday 1 March for the week before; 2 and 3 March go.
      expect(fs.readdirSync(out).sort()).toEqual(['01', '04', '05', '06', '07', '08', '09'].map((d) => `vanphong-2026-03-${d}T02-00.vpbak`).concat('vanphong-2026-03-10T10-00.vpbak'));
      expect(withPass(['backup', 'verify', rec!.file]).code).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('the administrator’s screen', () => {
  it('backup.status and backup.run («Sao lưu ngay») for the quản trị only', async () => {
    const app = await tempApp({ withUser: false });
    const admin = await addUser(app, 'qt', ['quantri']);
    const clerk = await addUser(app, 'vt', ['vanthu']);
    try {
      expect(await callErr(app, 'backup.status', {}, clerk)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await callErr(app, 'backup.run', { passphrase: PASS }, clerk)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await callErr(app, 'backup.run', { passphrase: PASS }, admin)).toMatchObject({ code: 'VALIDATION', field: 'dir' });
      const out = tempDir('vanphong-bk-api-');
      saveSchedule(app, { ...DEFAULT_SCHEDULE, dir: out });
      expect(await callErr(app, 'backup.run', {}, admin)).toMatchObject({ code: 'VALIDATION', field: 'passphrase' });
      const rec = await call(app, 'backup.run', { passphrase: PASS }, admin);
      expect(path.dirname(rec.file)).toBe(out);
      const st = await call(app, 'backup.status', {}, admin);
      expect(st).toMatchObject({ encrypted: true, lastBackup: { file: rec.file }, passphraseStored: false, schedule: { dir: out, enabled: false } });
      expect(st.recent.map((r) => r.file)).toEqual([rec.file]);
    } finally {
      await app.cleanup();
    }
  });
});
