import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openConnection } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrate';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../electron/db/migrations/registry';
import { openApp } from '../../electron/hosts/open-app';
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

/** What SQLite will do for a query: the details of its EXPLAIN QUERY PLAN, joined. */
const queryPlan = (db: Database.Database, sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');

describe('migration 004 (signing)', () => {
  it('keeps the registrations, attachments and drafts of a version-3 database, and adds people, stamps, trust store and verification results', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 3) });
    const org = Number(db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Nội vụ', 'so noi vu', ?, 'x')").run(vietnameseSortKey('Sở Nội vụ')).lastInsertRowid);
    db.prepare("INSERT INTO blobs (sha256, size, mime, page_count, text_status, text, created_at) VALUES ('ab12', 3, 'application/pdf', 1, 'done', 'ke hoach', 'x')").run();
    const doc = Number(
      db.prepare(
        `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, subject, urgency, secrecy, created_at, updated_at, sender_sort, subject_sort)
         VALUES (1, 2026, 1, '2026-03-01', ?, '70/KH-SNV', '70/kh-snv', '2026-02-28', 'Kế hoạch cải cách hành chính', 'khan', 'thuong', 'x', 'x', 'a', 'b')`,
      ).run(org).lastInsertRowid,
    );
    db.prepare("INSERT INTO incoming_attachments (doc_id, sha256, name, added_at) VALUES (?, 'ab12', 'ke-hoach.pdf', 'x')").run(doc);
    db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at) VALUES ('state', 'ke-hoach', 'Kế hoạch cũ', '{}', 'a', 'a')").run();

    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 4) });
    expect(r).toMatchObject({ from: 3, to: 4 });
    expect(r.backupFile).not.toBeNull();
    expect(db.prepare('SELECT ref, subject, urgency, sender_id AS senderId FROM incoming_docs').all()).toEqual([{ ref: '70/KH-SNV', subject: 'Kế hoạch cải cách hành chính', urgency: 'khan', senderId: org }]);
    expect(db.prepare('SELECT doc_id AS docId, sha256, name FROM incoming_attachments').all()).toEqual([{ docId: doc, sha256: 'ab12', name: 'ke-hoach.pdf' }]);
    expect(db.prepare('SELECT subject FROM drafts').pluck().all()).toEqual(['Kế hoạch cũ']);

    // A person with their signature, the organisation with its seal; each image belongs to exactly one owner.
    const person = Number(db.prepare("INSERT INTO people (full_name, position, organization_id, sort_key, created_at) VALUES ('Nguyễn Văn An', 'Giám đốc', ?, 'nguyen van an', 'x')").run(org).lastInsertRowid);
    expect(() => db.prepare("INSERT INTO people (full_name, position, sort_key, created_at) VALUES ('Nguyễn Văn An', 'Giám đốc', 'x', 'x')").run()).toThrow(/UNIQUE/);
    const stamp = db.prepare('INSERT INTO stamp_images (kind, person_id, organization_id, png, width_px, height_px, width_mm, updated_at) VALUES (?, ?, ?, x\'89504e47\', 600, 240, ?, \'x\')');
    stamp.run('signature', person, null, 40);
    stamp.run('seal', null, org, 40);
    expect(() => stamp.run('signature', null, org, 40)).toThrow(/CHECK/);
    expect(() => stamp.run('seal', null, org, 40)).toThrow(/UNIQUE/);
    const other = Number(db.prepare("INSERT INTO people (full_name, sort_key, created_at) VALUES ('Trần Thị Bình', 'tran thi binh', 'x')").run().lastInsertRowid);
    expect(() => stamp.run('signature', other, null, 500)).toThrow(/CHECK/);
    db.prepare('DELETE FROM people WHERE id = ?').run(person);
    expect(db.prepare('SELECT kind FROM stamp_images').pluck().all()).toEqual(['seal']);

    // A verification result is kept per stored file, and only for a file the store has.
    db.prepare("INSERT INTO blob_signatures (sha256, status, count, report, checked_at) VALUES ('ab12', 'valid', 2, '[]', 'x')").run();
    expect(() => db.prepare("INSERT INTO blob_signatures (sha256, status, count, report, checked_at) VALUES ('ffff', 'valid', 1, '[]', 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE blob_signatures SET status = 'ok'").run()).toThrow(/CHECK/);
    const trust = db.prepare("INSERT INTO trusted_certificates (sha256, subject, issuer, not_before, not_after, is_ca, der, added_at) VALUES ('c1', 'CA', 'CA', 'a', 'b', 1, x'30', 'x')");
    trust.run();
    expect(() => trust.run()).toThrow(/UNIQUE/);

    // Looking up a certificate, a stamp, a person or a file's badge goes through the keys the migration declares.
    expect(queryPlan(db, "SELECT id FROM trusted_certificates WHERE sha256 = 'c1'")).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_trusted_certificates_1/);
    expect(queryPlan(db, 'SELECT png FROM stamp_images WHERE person_id = 1')).toMatch(/USING INDEX sqlite_autoindex_stamp_images_1/);
    expect(queryPlan(db, 'SELECT png FROM stamp_images WHERE organization_id = 1')).toMatch(/USING INDEX sqlite_autoindex_stamp_images_2/);
    expect(queryPlan(db, "SELECT id FROM people WHERE full_name = 'a' AND position = 'b'")).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_people_1/);
    expect(queryPlan(db, "SELECT status FROM blob_signatures WHERE sha256 = 'ab12'")).toMatch(/USING PRIMARY KEY/);
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

describe('migration 006 (meetings)', () => {
  it('keeps the accounts, drafts and audit log of a version-5 database, and adds rooms, meetings and bookings searched through their indexes', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 5) });
    const user = Number(
      db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('chutich', 'Nguyễn Văn An', 'Chủ tịch', '[\"lanhdao\"]', 'h', 'x', 'x')").run().lastInsertRowid,
    );
    const org = Number(db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Tài chính', 'so tai chinh', 'so tai chinh', 'x')").run().lastInsertRowid);
    db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at, status, owner_id) VALUES ('state', 'giay-moi', 'Mời họp', '{}', 'a', 'a', 'cho-duyet', ?)").run(user);
    db.prepare("INSERT INTO audit_log (seq, at, username, action, entity, detail, prev_hash, hash) VALUES (1, 'a', 'chutich', 'draft.create', 'draft', '{}', 'p', 'h')").run();

    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 6) });
    expect(r).toMatchObject({ from: 5, to: 6 });
    expect(r.backupFile).not.toBeNull();
    expect(db.prepare('SELECT username, full_name AS fullName, roles FROM users').all()).toEqual([{ username: 'chutich', fullName: 'Nguyễn Văn An', roles: '["lanhdao"]' }]);
    expect(db.prepare('SELECT subject, status, owner_id AS ownerId FROM drafts').all()).toEqual([{ subject: 'Mời họp', status: 'cho-duyet', ownerId: user }]);
    expect(db.prepare('SELECT action FROM audit_log').pluck().all()).toEqual(['draft.create']);

    // A meeting in a room, chaired by an account, with a person, an organisation and a typed name; its bookings.
    const room = Number(db.prepare("INSERT INTO rooms (name, name_folded, capacity, created_at) VALUES ('Phòng họp số 1', 'phong hop so 1', 30, 'x')").run().lastInsertRowid);
    const start = Date.parse('2026-11-23T01:00:00Z');
    const hour = 3_600_000;
    const insertMeeting = db.prepare(
      `INSERT INTO meetings (uid, recurrence_id, title, start_ms, end_ms, room_id, chair_user_id, status, created_by, created_at, updated_at)
       VALUES (?, 0, 'Giao ban', ?, ?, ?, ?, ?, ?, 'x', 'x')`,
    );
    const meeting = Number(insertMeeting.run('m1@vanphong', start, start + 2 * hour, room, user, 'du-kien', user).lastInsertRowid);
    const participant = db.prepare('INSERT INTO meeting_participants (meeting_id, pos, kind, user_id, organization_id, name) VALUES (?, ?, ?, ?, ?, ?)');
    participant.run(meeting, 0, 'person', user, null, 'Nguyễn Văn An');
    participant.run(meeting, 1, 'organization', null, org, 'Sở Tài chính');
    participant.run(meeting, 2, 'text', null, null, 'Giám đốc các sở');
    db.prepare("INSERT INTO meeting_links (meeting_id, kind, ref_id) VALUES (?, 'draft', 1)").run(meeting);
    const booking = db.prepare('INSERT INTO meeting_bookings (resource, start_ms, end_ms, meeting_id) VALUES (?, ?, ?, ?)');
    booking.run(`r${room}`, start, start + 2 * hour, meeting);
    booking.run(`u${user}`, start, start + 2 * hour, meeting);

    // The constraints the clash check and the .ics import rely on.
    expect(() => insertMeeting.run('m1@vanphong', start, start + hour, room, user, 'du-kien', user)).toThrow(/UNIQUE/);
    expect(() => insertMeeting.run('m2@vanphong', start, start, room, user, 'du-kien', user)).toThrow(/CHECK/);
    expect(() => insertMeeting.run('m3@vanphong', start, start + 32 * 24 * hour, room, user, 'du-kien', user)).toThrow(/CHECK/);
    expect(() => insertMeeting.run('m4@vanphong', start, start + hour, room, user, 'tam-dung', user)).toThrow(/CHECK/);
    expect(() => insertMeeting.run('m5@vanphong', start, start + hour, 999, user, 'du-kien', user)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO rooms (name, name_folded, created_at) VALUES ('PHÒNG HỌP SỐ 1', 'phong hop so 1', 'x')").run()).toThrow(/UNIQUE/);

    // The week, a person's meetings, a resource's clashes and a meeting's bookings each use their index.
    expect(queryPlan(db, `SELECT m.id FROM meetings m WHERE m.start_ms < ${start + 7 * 24 * hour} AND m.end_ms > ${start} AND m.start_ms > ${start - 31 * 24 * hour} ORDER BY m.start_ms, m.end_ms, m.id`)).toMatch(/USING INDEX meetings_by_start/);
    expect(queryPlan(db, `SELECT meeting_id FROM meeting_participants WHERE user_id = ${user}`)).toMatch(/USING (COVERING )?INDEX meeting_participants_by_user/);
    expect(queryPlan(db, `SELECT meeting_id FROM meeting_bookings WHERE resource = 'r1' AND start_ms > ${start - 31 * 24 * hour} AND start_ms < ${start + hour} AND end_ms > ${start}`)).toMatch(/USING PRIMARY KEY \(resource=\? AND start_ms>\? AND start_ms<\?\)/);
    expect(queryPlan(db, `SELECT resource FROM meeting_bookings WHERE meeting_id = ${meeting}`)).toMatch(/USING (COVERING )?INDEX meeting_bookings_by_meeting/);
    expect(queryPlan(db, "SELECT id FROM meetings WHERE uid = 'm1@vanphong' AND recurrence_id = 0")).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_meetings_1/);

    // Removing a meeting removes what hangs on it.
    db.prepare('DELETE FROM meetings WHERE id = ?').run(meeting);
    for (const t of ['meeting_participants', 'meeting_links', 'meeting_bookings']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    db.close();
  });
});

describe('migration 007 (login throttle)', () => {
  it('keeps the accounts of a version-6 database and adds the failed-login counts, one row per account name and address', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 6) });
    db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('an', 'Nguyễn Văn An', 'Chủ tịch', '[\"lanhdao\"]', 'h', 'x', 'x')").run();

    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 7) });
    expect(r).toMatchObject({ from: 6, to: 7 });
    expect(db.prepare('SELECT username FROM users').pluck().all()).toEqual(['an']);
    const insert = db.prepare('INSERT INTO login_failures (username_folded, address, failures, last_at_ms, locked_until_ms) VALUES (?, ?, ?, ?, ?)');
    insert.run('an', '10.0.0.7', 3, 1, null);
    insert.run('an', '10.0.0.8', 10, 2, 900_002);
    expect(() => insert.run('an', '10.0.0.7', 4, 3, null)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('an', '10.0.0.9', 0, 3, null)).toThrow(/CHECK/);
    expect(queryPlan(db, "SELECT failures FROM login_failures WHERE username_folded = 'an' AND address = '10.0.0.7'")).toMatch(/USING PRIMARY KEY \(username_folded=\? AND address=\?\)/);
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

describe('migration 008 (signing requests)', () => {
  it('keeps a version-7 database and adds pending signing requests, an issuance always with its number', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 7) });
    db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('an', 'Nguyễn Văn An', '', '[\"lanhdao\"]', 'h', 'x', 'x')").run();
    db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at) VALUES ('state', 'ke-hoach', 'x', '{}', 'a', 'a')").run();
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 8) });
    expect(r).toMatchObject({ from: 7, to: 8 });
    const insert = db.prepare(
      "INSERT INTO signing_requests (id, purpose, draft_id, draft_version, outgoing_id, user_id, created_at, expires_at, byte_range, contents_start, signed_attrs, certificate, chain, options) VALUES (?, ?, 1, 1, ?, 1, 'a', ?, '[0,1,2,3]', 10, x'00', x'00', '[]', '{}')",
    );
    insert.run('r1', 'sign', null, '2026-12-06T10:10:00Z');
    expect(() => insert.run('r2', 'issue', null, 'b')).toThrow(/CHECK/); // an issuance without its number
    expect(() => insert.run('r1', 'sign', null, 'b')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(queryPlan(db, "SELECT id FROM signing_requests WHERE status = 'pending' AND expires_at < 'z'")).toMatch(/USING INDEX signing_requests_pending/);
    db.close();
  });
});

describe('migration 009 (sessions)', () => {
  it('keeps a version-8 database and adds logins by their token’s digest, gone with their account', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 8) });
    db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('an', 'Nguyễn Văn An', '', '[\"lanhdao\"]', 'h', 'x', 'x')").run();
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 9) });
    expect(r).toMatchObject({ from: 8, to: 9 });
    const insert = db.prepare("INSERT INTO sessions (token_sha256, csrf, user_id, stamp, address, client, created_ms, seen_ms) VALUES (?, 'c', 1, NULL, '127.0.0.1', 'x', 1, 1)");
    insert.run('a'.repeat(64));
    expect(() => insert.run('a'.repeat(64))).toThrow(/UNIQUE/);
    expect(queryPlan(db, `SELECT id FROM sessions WHERE token_sha256 = '${'a'.repeat(64)}'`)).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_sessions_1/);
    db.prepare('DELETE FROM users').run();
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 010 (units and read scope)', () => {
  it('keeps a version-9 register and turns each document’s latest free-text routing into handlers, matched to units later', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 9) });
    db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Tài chính', 'so tai chinh', 's', 'x')").run();
    const doc = db.prepare(
      `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, subject, urgency, secrecy, created_at, updated_at)
       VALUES (1, 2026, ?, '2026-03-02', 1, ?, ?, '2026-03-01', 'Về kế hoạch', 'thuong', 'thuong', 'x', 'x')`,
    );
    doc.run(1, '1/KH', '1/kh');
    doc.run(2, '2/KH', '2/kh');
    const route = db.prepare("INSERT INTO incoming_routing (doc_id, at, lead, co_units) VALUES (?, 'x', ?, ?)");
    route.run(1, 'Phòng Kế toán', '[]');
    route.run(1, 'Phòng Tổng hợp', '["Phòng Kế toán", "Công an huyện"]');
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 10) });
    expect(r).toMatchObject({ from: 9, to: 10 });
    const handlers = db.prepare('SELECT doc_id, role, unit_id, user_id, name, name_folded FROM incoming_handlers ORDER BY id').all();
    expect(handlers).toEqual([
      { doc_id: 1, role: 'lead', unit_id: null, user_id: null, name: 'Phòng Tổng hợp', name_folded: 'phong tong hop' },
      { doc_id: 1, role: 'co', unit_id: null, user_id: null, name: 'Phòng Kế toán', name_folded: 'phong ke toan' },
      { doc_id: 1, role: 'co', unit_id: null, user_id: null, name: 'Công an huyện', name_folded: 'cong an huyen' },
    ]);
    expect(db.prepare('SELECT public FROM incoming_docs ORDER BY id').pluck().all()).toEqual([0, 0]);
    db.prepare("INSERT INTO units (name, name_folded, created_at, updated_at) VALUES ('Phòng Kế toán', 'phong ke toan', 'x', 'x')").run();
    expect(() => db.prepare("INSERT INTO units (name, name_folded, created_at, updated_at) VALUES ('PHÒNG KẾ TOÁN', 'phong ke toan', 'x', 'x')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO incoming_handlers (doc_id, role, unit_id, user_id, name, name_folded) VALUES (1, 'lead', 1, 1, 'x', 'x')").run()).toThrow(/CHECK/);
    expect(queryPlan(db, 'SELECT doc_id FROM incoming_handlers WHERE unit_id = 1')).toMatch(/INDEX handlers_by_unit/);
    db.close();
  });
});

describe('migration 011 (office seal and account signatures)', () => {
  it('keeps a version-10 database, copies a directory signature to the account of the same name, and holds one seal', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 10) });
    db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('an', 'Nguyễn Văn An', '', '[\"lanhdao\"]', 'h', 'x', 'x')").run();
    db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('binh', 'Trần Thị Bình', '', '[\"chuyenvien\"]', 'h', 'x', 'x')").run();
    db.prepare("INSERT INTO people (full_name, position, sort_key, created_at) VALUES ('Nguyễn Văn An', 'Chủ tịch', 'n', 'x')").run();
    db.prepare("INSERT INTO stamp_images (kind, person_id, png, width_px, height_px, width_mm, updated_at) VALUES ('signature', 1, x'89504e47', 600, 240, 40, 'x')").run();
    // Two accounts named like one directory person: neither gets that person's signature (nobody guesses which).
    db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('binh2', 'Trần Thị Bình', '', '[\"lanhdao\"]', 'h', 'x', 'x')").run();
    db.prepare("INSERT INTO people (full_name, position, sort_key, created_at) VALUES ('Trần Thị Bình', 'Phó Chủ tịch', 't', 'x')").run();
    db.prepare("INSERT INTO stamp_images (kind, person_id, png, width_px, height_px, width_mm, updated_at) VALUES ('signature', 2, x'89504e47', 600, 240, 40, 'x')").run();
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 11) });
    expect(r).toMatchObject({ from: 10, to: 11 });
    expect(db.prepare('SELECT kind, user_id, width_mm FROM account_stamps').all()).toEqual([{ kind: 'signature', user_id: 1, width_mm: 40 }]);
    const seal = db.prepare("INSERT INTO account_stamps (kind, user_id, png, width_px, height_px, width_mm, updated_at) VALUES (?, ?, x'00', 1, 1, 36, 'x')");
    seal.run('seal', null);
    expect(() => seal.run('seal', null)).toThrow(/UNIQUE/);
    expect(() => seal.run('seal', 2)).toThrow(/CHECK/);
    expect(() => seal.run('signature', null)).toThrow(/CHECK/);
    expect(() => seal.run('signature', 1)).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM users WHERE id = 1').run();
    expect(db.prepare("SELECT count(*) FROM account_stamps WHERE kind = 'signature'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 012 (incoming register tallies)', () => {
  it('back-fills the tallies from a version-11 register, and its triggers keep them through insert, update and delete', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 11) });
    db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Tài chính', 'so tai chinh', 's', 'x')").run();
    const doc = db.prepare(
      `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, subject, urgency, secrecy, status, lead, deadline, created_at, updated_at)
       VALUES (?, 2026, ?, ?, 1, 'x', 'x', '2026-03-01', 'Về kế hoạch', ?, ?, ?, ?, ?, 'x', 'x')`,
    );
    doc.run(1, 1, '2026-03-02', 'thuong', 'thuong', 'cho-xu-ly', null, null);
    doc.run(1, 2, '2026-03-02', 'khan', 'thuong', 'dang-xu-ly', 'Phòng Kế toán', '2026-03-05');
    doc.run(1, 3, '2026-03-03', 'thuong', 'thuong', 'hoan-thanh', 'Phòng Kế toán', '2026-03-05');
    doc.run(2, 1, '2026-03-03', 'hoa-toc', 'mat', 'dang-xu-ly', null, '2026-03-04');
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 12) });
    expect(r).toMatchObject({ from: 11, to: 12 });
    const same = () => {
      const q = (sql: string) => db.prepare(sql).all();
      expect(q('SELECT status, urgency, secrecy, n FROM incoming_tally_status WHERE n <> 0 ORDER BY 1, 2, 3')).toEqual(
        q('SELECT status, urgency, secrecy, COUNT(*) AS n FROM incoming_docs GROUP BY 1, 2, 3 ORDER BY 1, 2, 3'),
      );
      expect(q('SELECT arrival_date, book_id, secrecy, status, n FROM incoming_tally_day WHERE n <> 0 ORDER BY 1, 2, 3, 4')).toEqual(
        q('SELECT arrival_date, book_id, secrecy, status, COUNT(*) AS n FROM incoming_docs GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4'),
      );
      expect(q('SELECT deadline, lead, secrecy, n FROM incoming_tally_deadline WHERE n <> 0 ORDER BY 1, 2, 3')).toEqual(
        q(`SELECT deadline, coalesce(lead, '') AS lead, secrecy, COUNT(*) AS n FROM incoming_docs WHERE deadline IS NOT NULL AND status IN ('cho-xu-ly', 'dang-xu-ly') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
      );
    };
    same();
    expect(db.prepare("SELECT n FROM incoming_tally_deadline WHERE lead = ''").pluck().all()).toEqual([1]);
    // Changes and deletes are counted by triggers, whoever writes them (a new document by insertIncoming).
    db.prepare("UPDATE incoming_docs SET status = 'hoan-thanh' WHERE id = 2").run();
    db.prepare("UPDATE incoming_docs SET lead = 'Phòng Tổng hợp', deadline = '2026-03-09', status = 'dang-xu-ly' WHERE id = 1").run();
    db.prepare("UPDATE incoming_docs SET secrecy = 'toi-mat', urgency = 'khan' WHERE id = 4").run();
    db.prepare("UPDATE incoming_docs SET arrival_date = '2026-03-05' WHERE id = 3").run();
    db.prepare("UPDATE incoming_docs SET note = 'không đổi số đếm' WHERE id = 3").run();
    same();
    db.prepare('DELETE FROM incoming_docs WHERE id = 4').run();
    same();
    // The few secret and công khai documents are found through their partial indexes.
    expect(queryPlan(db, "SELECT id FROM incoming_docs INDEXED BY incoming_secret WHERE secrecy <> 'thuong'")).toMatch(/incoming_secret/);
    expect(queryPlan(db, 'SELECT id FROM incoming_docs INDEXED BY incoming_public WHERE public = 1')).toMatch(/incoming_public/);
    db.close();
  });
});

describe('migration 013 (search over outgoing documents and drafts)', () => {
  it('queues a version-12 database’s drafts and outgoing documents, extracts the issued PDFs’ text, and keeps the queue with triggers', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 12) });
    db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('vt', 'Lê Văn Thư', '', '[\"vanthu\"]', 'h', 'x', 'x')").run();
    const draft = db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at, owner_id) VALUES ('state', 'ke-hoach', ?, '{}', 'a', 'a', 1)");
    draft.run('Kế hoạch một');
    draft.run('Kế hoạch hai');
    db.prepare("INSERT INTO blobs (sha256, size, mime, text_status, created_at) VALUES ('p1', 1, 'application/pdf', 'none', 'x'), ('s1', 1, 'application/pdf', 'none', 'x')").run();
    db.prepare("UPDATE drafts SET signed_sha256 = 's1', status = 'da-phat-hanh' WHERE id = 1").run();
    const book = db.prepare("SELECT id FROM register_books WHERE kind = 'outgoing' AND secret = 0").pluck().get();
    db.prepare("INSERT INTO outgoing_docs (book_id, period, number, status, ref, ref_folded, doc_date, subject, draft_id, sha256, issued_by, created_at, updated_at) VALUES (?, '2026', 1, 'issued', '01/KH-UBND', '01/kh-ubnd', '2026-03-02', 'Kế hoạch một', 1, 'p1', 1, 'x', 'x')").run(book);
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 13) });
    expect(r).toMatchObject({ from: 12, to: 13 });
    const queue = () => db.prepare('SELECT kind, id FROM search_queue ORDER BY kind, id').all();
    expect(queue()).toEqual([{ kind: 'draft', id: 1 }, { kind: 'draft', id: 2 }, { kind: 'outgoing', id: 1 }]);
    // The issued PDF is read for search like an attachment; the leader's signed copy is not the document.
    expect(db.prepare("SELECT sha256, text_status FROM blobs ORDER BY sha256").all()).toEqual([{ sha256: 'p1', text_status: 'pending' }, { sha256: 's1', text_status: 'none' }]);
    db.prepare('DELETE FROM search_queue').run();
    // A change of the text queues the draft; a change of its state alone does not.
    db.prepare("UPDATE drafts SET status = 'cho-duyet', updated_at = 'b' WHERE id = 2").run();
    expect(queue()).toEqual([]);
    db.prepare("UPDATE drafts SET model = '{\"subject\":\"x\"}' WHERE id = 2").run();
    db.prepare("UPDATE outgoing_docs SET status = 'cancelled' WHERE id = 1").run();
    expect(queue()).toEqual([{ kind: 'draft', id: 1 }, { kind: 'draft', id: 2 }, { kind: 'outgoing', id: 1 }]);
    // A deleted draft leaves the index and the queue at once.
    db.prepare("INSERT INTO draft_fts (rowid, subject, meta, organs, body) VALUES (2, 'ke hoach hai', '', '', '')").run();
    db.prepare('DELETE FROM drafts WHERE id = 2').run();
    expect(db.prepare("SELECT count(*) FROM draft_fts WHERE draft_fts MATCH 'hai'").pluck().get()).toBe(0);
    expect(queue()).toEqual([{ kind: 'draft', id: 1 }, { kind: 'outgoing', id: 1 }]);
    expect(() => db.prepare("INSERT INTO search_queue (kind, id) VALUES ('incoming', 1)").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 014 (text recognised in scans and images)', () => {
  it('marks a version-13 database’s extracted text as the files’ own, and queues its images and text-less PDFs for OCR', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 13) });
    const blob = db.prepare("INSERT INTO blobs (sha256, size, mime, text_status, text, created_at) VALUES (?, 1, ?, ?, ?, 'x')");
    blob.run('typed', 'application/pdf', 'done', 'Kế hoạch tổ chức hội nghị tổng kết năm 2025');
    blob.run('scan', 'application/pdf', 'done', '  ');
    blob.run('photo', 'image/jpeg', 'none', null);
    blob.run('bad', 'application/pdf', 'failed', 'Không trích được nội dung: tệp bị hỏng.');
    blob.run('loose', 'image/png', 'none', null);
    const org = db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Nội vụ', 'so noi vu', 'so noi vu', 'x')").run().lastInsertRowid;
    const doc = db.prepare(
      `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, subject, urgency, secrecy, created_at, updated_at)
       VALUES (1, 2026, 1, '2026-03-01', ?, 'x', 'x', '2026-03-01', 'Kế hoạch', 'thuong', 'thuong', 'x', 'x')`,
    ).run(org).lastInsertRowid;
    for (const sha of ['typed', 'scan', 'photo', 'bad']) db.prepare("INSERT INTO incoming_attachments (doc_id, sha256, name, added_at) VALUES (?, ?, ?, 'x')").run(doc, sha, `${sha}.bin`);
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 14) });
    expect(r).toMatchObject({ from: 13, to: 14 });
    expect(db.prepare('SELECT sha256, text_status, text_source, text FROM blobs ORDER BY sha256').all()).toEqual([
      { sha256: 'bad', text_status: 'failed', text_source: null, text: 'Không trích được nội dung: tệp bị hỏng.' },
      // An image no record references stays inert.
      { sha256: 'loose', text_status: 'none', text_source: null, text: null },
      { sha256: 'photo', text_status: 'pending', text_source: null, text: null },
      { sha256: 'scan', text_status: 'pending', text_source: null, text: null },
      { sha256: 'typed', text_status: 'done', text_source: 'layer', text: 'Kế hoạch tổ chức hội nghị tổng kết năm 2025' },
    ]);
    expect(() => db.prepare("UPDATE blobs SET text_source = 'scan' WHERE sha256 = 'typed'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE blobs SET ocr_confidence = 101 WHERE sha256 = 'typed'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE blobs SET text_status = 'done', text = 'Đề nghị', text_source = 'ocr', ocr_confidence = 91, text_note = 'Chỉ nhận dạng 50 trang đầu trong 120 trang.' WHERE sha256 = 'scan'").run();
    expect(db.prepare("SELECT text_source, ocr_confidence, text_note FROM blobs WHERE sha256 = 'scan'").get()).toEqual({ text_source: 'ocr', ocr_confidence: 91, text_note: 'Chỉ nhận dạng 50 trang đầu trong 120 trang.' });
    db.close();
  });
});
