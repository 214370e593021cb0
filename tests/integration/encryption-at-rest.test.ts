import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import PlainSqlite from 'better-sqlite3';
import { openConnection } from '../../electron/db/connection';
import { keyStoreDir, readFolderIdentity } from '../../electron/db/keys';
import { migrate } from '../../electron/db/migrate';
import { openApp } from '../../electron/hosts/open-app';
import { makePdf } from '../fixtures/make-files';
import { call, openDataDb, sampleIncoming, tempApp, tempDir } from '../helpers/app';
import { provisionedDataDir, root, run, vanphong } from '../helpers/cli';

/**
 * Issue 14, encryption at rest: the database (SQLCipher pages under the raw installation key) and the stored files
 * (AES-256-GCM chunks under a key derived from it) are unreadable without the key, which lives outside the data folder
 * in the per-user key store (here VANPHONG_KEY_DIR, a temporary folder: tests/helpers/app.ts).
 */

const SECRET = 'ZEBRAQUARTZ-bi-mat-7731';
const dbFile = (dir: string) => path.join(dir, 'vanphong.sqlite');
const mode = (p: string) => fs.statSync(p).mode & 0o777;

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

describe('a new data folder is encrypted from the start', () => {
  let app: Awaited<ReturnType<typeof tempApp>>;
  let pdf: Uint8Array;
  let sha: string;

  beforeAll(async () => {
    app = await tempApp();
    pdf = makePdf([`Ke hoach ${SECRET}`]);
    const rec = await call(app, 'incoming.register', sampleIncoming({ subject: `Kế hoạch Đảng ủy ${SECRET}`, attachments: [{ name: 'ke-hoach.pdf', data: pdf }] }));
    sha = rec.attachments[0].sha256;
  });
  afterAll(() => app.cleanup());

  it('writes no plaintext to the database, its WAL or the stored files; without the key the file is not a database', () => {
    app.db.pragma('wal_checkpoint(PASSIVE)');
    const head = fs.readFileSync(dbFile(app.dataDir)).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
    for (const f of allFiles(app.dataDir)) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(SECRET)), f).toBe(false);
      expect(bytes.includes(Buffer.from('Helvetica')), f).toBe(false); // the PDF's own bytes
    }
    for (const Lib of [Sqlite, PlainSqlite]) {
      const bare = new Lib(dbFile(app.dataDir), { readonly: true });
      expect(() => bare.prepare('SELECT count(*) FROM incoming_docs').get()).toThrow(/file is not a database/);
      bare.close();
    }
    expect(() => openConnection(dbFile(app.dataDir), { readonly: true, key: crypto.randomBytes(32) })).toThrow(/file is not a database/);
    const keyed = openDataDb(app.dataDir);
    expect(keyed.prepare('SELECT subject FROM incoming_docs').pluck().get()).toContain(SECRET);
    keyed.close();
  });

  it('reads, streams and ranges the stored file back; a sealed file moved under another name does not open', async () => {
    expect(Buffer.from(await call(app, 'attachments.content', { sha256: sha })).equals(Buffer.from(pdf))).toBe(true);
    expect(fs.statSync(app.blobs.pathOf(sha)).size).toBeGreaterThan(pdf.byteLength); // header and tag
    // A file of several 64 KiB chunks, read whole, streamed, and by ranges across chunk borders.
    const big = crypto.randomBytes(200_000);
    const bigSha = app.blobs.put(big);
    expect(app.blobs.size(bigSha)).toBe(big.length);
    const collect = async (s: AsyncIterable<Buffer>) => {
      const parts: Buffer[] = [];
      for await (const p of s) parts.push(p);
      return Buffer.concat(parts);
    };
    expect((await collect(app.blobs.stream(bigSha))).equals(big)).toBe(true);
    for (const [start, end] of [[0, 0], [65_530, 65_545], [131_071, 199_999], [70_000, 70_000]]) {
      expect((await collect(app.blobs.stream(bigSha, { start, end }))).equals(big.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
    const target = app.blobs.pathOf(sha);
    fs.chmodSync(target, 0o600);
    fs.copyFileSync(app.blobs.pathOf(bigSha), target);
    expect(() => app.blobs.read(sha)).toThrow(/bị hỏng/);
  });

  it('finds Vietnamese text through the full-text index as before', async () => {
    const hits = await call(app, 'search.query', { query: 'dang uy' });
    expect(hits.map((h) => h.kind)).toEqual(['incoming']);
  });

  it('keeps the key outside the data folder, 0600 in a 0700 store, under the folder id', () => {
    const id = readFolderIdentity(app.dataDir)!.id;
    const keyFile = path.join(keyStoreDir(), `${id}.key`);
    expect(fs.existsSync(keyFile)).toBe(true);
    if (process.platform !== 'win32') {
      expect(mode(keyFile)).toBe(0o600);
      expect(mode(path.dirname(keyFile))).toBe(0o700);
    }
    const hex = fs.readFileSync(keyFile, 'utf8').trim();
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    for (const f of allFiles(app.dataDir)) expect(fs.readFileSync(f).includes(Buffer.from(hex)), f).toBe(false);
    expect(path.relative(app.dataDir, keyFile).startsWith('..')).toBe(true);
  });
});

describe('every host finds the key; VANPHONG_KEY_FILE overrides', () => {
  it('the CLI opens a folder made elsewhere without flags, refuses in one line without its key, and takes the key file or recovery key given', async () => {
    const dir = await provisionedDataDir('vanphong-enc-', async (app, tester) => {
      await call(app, 'incoming.register', sampleIncoming({ ref: '9/ENC' }), tester);
    });
    const list = vanphong(['incoming', 'list', '--data-dir', dir, '--json']);
    expect(list.code, list.err).toBe(0);
    expect(JSON.parse(list.out).rows.map((r: { ref: string }) => r.ref)).toEqual(['9/ENC']);

    const id = readFolderIdentity(dir)!.id;
    const stored = path.join(keyStoreDir(), `${id}.key`);
    const elsewhere = path.join(tempDir('vanphong-keyfile-'), 'khoa.txt');
    const hex = fs.readFileSync(stored, 'utf8').trim();
    // The recovery key as printed: groups of four, upper case.
    fs.writeFileSync(elsewhere, `${hex.toUpperCase().match(/.{4}/g)!.join('-')}\n`, { mode: 0o600 });
    fs.renameSync(stored, `${stored}.aside`);
    try {
      const missing = vanphong(['incoming', 'list', '--data-dir', dir]);
      expect(missing.code).toBe(1);
      expect(missing.err.trim().split('\n')).toHaveLength(1);
      expect(missing.err).toMatch(/Không tìm thấy khóa mã hóa.*VANPHONG_KEY_FILE/);
      const given = vanphong(['incoming', 'list', '--data-dir', dir, '--json'], { VANPHONG_KEY_FILE: elsewhere });
      expect(given.code, given.err).toBe(0);
      expect(JSON.parse(given.out).total).toBe(1);
    } finally {
      fs.renameSync(`${stored}.aside`, stored);
    }
    // The override wins over the store: another key is refused in one line, without a stack trace.
    const other = path.join(path.dirname(elsewhere), 'khac.key');
    fs.writeFileSync(other, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
    const wrong = vanphong(['incoming', 'list', '--data-dir', dir], { VANPHONG_KEY_FILE: other });
    expect(wrong.code).toBe(1);
    expect(wrong.err.trim().split('\n')).toHaveLength(1);
    expect(wrong.err).toContain(`khóa «${other}»`);
    expect(wrong.err).not.toMatch(/SqliteError|at .*\.js/);
  });
});

describe('vanphong encrypt', () => {
  it('converts a plaintext folder (keeping an encrypted copy of the database), prints the recovery key once, and refuses while the folder is open', async () => {
    const dir = tempDir('vanphong-plain-');
    // A folder as an earlier version left it: a plaintext database and plaintext stored files.
    const legacy = openConnection(dbFile(dir));
    await migrate(legacy);
    legacy.close();
    // …with a snapshot an earlier migration left in backups/ (plaintext too).
    fs.mkdirSync(path.join(dir, 'backups'));
    const oldSnapshot = path.join(dir, 'backups', 'before-v9-from-v8.sqlite');
    const snap = openConnection(oldSnapshot);
    snap.exec(`CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('${SECRET}')`);
    snap.close();
    const pdf = makePdf([`Bao cao ${SECRET}`]);
    const app = await tempApp({ dataDir: dir });
    const rec = await call(app, 'incoming.register', sampleIncoming({ subject: `Báo cáo ${SECRET}`, attachments: [{ name: 'bao-cao.pdf', data: pdf }] }));
    const sha = rec.attachments[0].sha256;
    expect(app.blobs.encrypted).toBe(false);
    expect(fs.readFileSync(app.blobs.pathOf(sha)).equals(Buffer.from(pdf))).toBe(true);

    const busy = run(['encrypt', '--data-dir', dir]);
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/đang được mở/);
    await app.close();

    const r = run(['encrypt', '--data-dir', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/KHÓA KHÔI PHỤC[^:]*: ([0-9A-F]{4}-){15}[0-9A-F]{4}/);
    expect(r.out).toMatch(/Đã mã hóa thư mục dữ liệu/);
    expect(fs.readFileSync(dbFile(dir)).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const copies = fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.startsWith('before-encrypt-'));
    expect(copies).toHaveLength(1);
    const copy = path.join(dir, 'backups', copies[0]);
    for (const f of [...allFiles(dir)]) expect(fs.readFileSync(f).includes(Buffer.from(SECRET)), f).toBe(false);

    const again = await openApp({ dataDir: dir });
    try {
      expect(again.blobs.encrypted).toBe(true);
      expect(Buffer.from(again.blobs.read(sha)).equals(Buffer.from(pdf))).toBe(true);
      expect(again.db.prepare('SELECT subject FROM incoming_docs').pluck().get()).toContain(SECRET);
      const kept = openConnection(copy, { readonly: true, key: again.installationKey });
      expect(kept.prepare('SELECT count(*) FROM incoming_docs').pluck().get()).toBe(1);
      kept.close();
      const old = openConnection(oldSnapshot, { readonly: true, key: again.installationKey });
      expect(old.prepare('SELECT x FROM t').pluck().get()).toBe(SECRET);
      old.close();
    } finally {
      await again.close();
    }
    const twice = run(['encrypt', '--data-dir', dir]);
    expect(twice.code, twice.err).toBe(0);
    expect(twice.out).toMatch(/đã được mã hóa/);
    expect(twice.err).toBe('');
  });
});
