import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openConnection } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrate';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../electron/db/migrations/registry';
import { openApp } from '../../electron/app/context';
import { tempDir } from '../helpers/app';
import { vietnameseSortKey } from '../../shared/text/collate';

describe('migration registry', () => {
  it('is numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });
});

describe('migration 001 (initial schema)', () => {
  it('creates the register tables, the default books and the FTS index; pragmas are set', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    const r = await migrate(db, { backupDir: path.join(dir, 'backups') });
    expect(r).toEqual({ from: 0, to: LATEST_VERSION, backupFile: null });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    for (const t of ['organizations', 'register_books', 'number_series', 'incoming_docs', 'incoming_routing', 'blobs', 'incoming_fts'])
      expect(tables).toContain(t);
    const books = db.prepare("SELECT name, secret, is_default FROM register_books WHERE kind='incoming' ORDER BY id").all();
    expect(books).toEqual([
      { name: 'Sổ văn bản đến', secret: 0, is_default: 1 },
      { name: 'Sổ văn bản mật đến', secret: 1, is_default: 0 },
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    // the unique constraint backs the numbering
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM incoming_docs WHERE arrival_date >= '2026-01-01' ORDER BY arrival_date DESC, id DESC LIMIT 50")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX incoming_by_date/);
    db.close();
  });
});

describe('migration 002 (drafts)', () => {
  it('adds the drafts table to a version-1 database that already has registrations, keeping them', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 1) });
    db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Y tế', 'so y te', 'so y te', 'x')").run();
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 2) });
    expect(r).toMatchObject({ from: 1, to: 2 });
    expect(r.backupFile).not.toBeNull();
    expect(db.prepare('SELECT count(*) FROM organizations').pluck().get()).toBe(1);
    db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at) VALUES ('state', 'ke-hoach', 'x', '{}', 'a', 'a')").run();
    expect(() => db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at) VALUES ('other', 'ke-hoach', 'x', '{}', 'a', 'a')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at) VALUES ('state', 'ke-hoach', 'x', 'not json', 'a', 'a')").run()).toThrow(/CHECK/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM drafts ORDER BY updated_at DESC, id DESC LIMIT 50').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/drafts_by_updated/);
    db.close();
  });
});

describe('migration 003 (sort keys)', () => {
  it('backfills Vietnamese sort keys for sender and subject, and the register sorts through their indexes', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 2) });
    const org = db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES (?, ?, ?, 'x')");
    const ids = ['Ủy ban nhân dân tỉnh', 'Đảng ủy Khối', 'Sở Y tế', 'Ban Tổ chức'].map((n, i) => Number(org.run(n, `f${i}`, vietnameseSortKey(n)).lastInsertRowid));
    const doc = db.prepare(
      `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, subject, urgency, secrecy, created_at, updated_at)
       VALUES (1, 2026, ?, '2026-03-01', ?, 'x', 'x', '2026-03-01', ?, 'thuong', 'thuong', 'x', 'x')`,
    );
    const subjects = ['Về việc tổ chức hội nghị', 'Đề nghị hỗ trợ kinh phí', 'Ăn trưa tập thể', 'Báo cáo quý I'];
    ids.forEach((id, i) => doc.run(i + 1, id, subjects[i]));
    await migrate(db, { backupDir: path.join(dir, 'backups') });
    const by = (col: string) => db.prepare(`SELECT d.subject, o.name FROM incoming_docs d JOIN organizations o ON o.id = d.sender_id ORDER BY ${col}, d.id`).all() as { subject: string; name: string }[];
    expect(by('d.sender_sort').map((r) => r.name)).toEqual(['Ban Tổ chức', 'Đảng ủy Khối', 'Sở Y tế', 'Ủy ban nhân dân tỉnh']);
    expect(by('d.subject_sort').map((r) => r.subject)).toEqual(['Ăn trưa tập thể', 'Báo cáo quý I', 'Đề nghị hỗ trợ kinh phí', 'Về việc tổ chức hội nghị']);
    for (const col of ['sender_sort', 'subject_sort']) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM incoming_docs ORDER BY ${col}, id LIMIT 200`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(new RegExp(`USING (COVERING )?INDEX incoming_by_${col}`));
    }
    db.close();
  });
});

describe('migration 005 (accounts, audit, outgoing)', () => {
  it('keeps version-4 drafts as dự thảo without an owner, adds the outgoing books, and makes the audit log append-only', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 4) });
    db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at) VALUES ('state', 'ke-hoach', 'Kế hoạch cũ', '{}', 'a', 'a')").run();
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 5) });
    expect(r).toMatchObject({ from: 4, to: 5 });
    expect(db.prepare('SELECT status, owner_id, version FROM drafts').get()).toEqual({ status: 'du-thao', owner_id: null, version: 1 });
    expect(db.prepare("SELECT name, secret, numbering FROM register_books WHERE kind = 'outgoing' ORDER BY id").all()).toEqual([
      { name: 'Sổ văn bản đi', secret: 0, numbering: 'year' },
      { name: 'Sổ văn bản mật đi', secret: 1, numbering: 'year' },
    ]);
    db.prepare("INSERT INTO audit_log (seq, at, username, action, entity, detail, prev_hash, hash) VALUES (1, 'a', 'x', 'y', 'z', '{}', 'p', 'h')").run();
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_log SET action = 'q'").run()).toThrow(/append-only/);
    // The inbox and the register use their indexes.
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan("SELECT id FROM drafts WHERE reviewer_id = 1 AND status = 'cho-duyet'")).toMatch(/drafts_by_reviewer/);
    expect(plan("SELECT number FROM outgoing_docs WHERE book_id = 1 AND period = '2026' AND number = 3")).toMatch(/sqlite_autoindex_outgoing_docs/);
    db.close();
  });
});

describe('migrating an existing database', () => {
  it('backs up with db.backup() before migrating, and runs all pending steps in one transaction', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'db.sqlite');
    const db = openConnection(file);
    await migrate(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('organ.name', 'Văn phòng Tỉnh ủy')").run();
    const failing: Migration = {
      version: LATEST_VERSION + 1,
      name: 'adds a column, then fails',
      up(d) {
        d.exec('ALTER TABLE settings ADD COLUMN extra TEXT');
        throw new Error('boom');
      },
    };
    await expect(migrate(db, { backupDir: path.join(dir, 'backups'), migrations: [...MIGRATIONS, failing] })).rejects.toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const cols = (db.prepare('PRAGMA table_info(settings)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('extra');

    const good: Migration = { version: LATEST_VERSION + 1, name: 'ok', up: (d) => d.exec('CREATE TABLE later (x INTEGER)') };
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: [...MIGRATIONS, good] });
    expect(r.to).toBe(LATEST_VERSION + 1);
    expect(r.backupFile).not.toBeNull();
    const backup = new Database(r.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(backup.prepare("SELECT value FROM settings WHERE key='organ.name'").pluck().get()).toBe('Văn phòng Tỉnh ủy');
    backup.close();
    db.close();
  });

  it('refuses a database written by a newer version, with a clear message, without touching it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'vanphong.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const before = fs.readFileSync(file);
    await expect(openApp({ dataDir: dir })).rejects.toThrow(/phiên bản mới hơn/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
