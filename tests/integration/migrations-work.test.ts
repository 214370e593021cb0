import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations/registry';
import { tempDir } from '../helpers/app';

// Migrations 015 onward (issue 17); 001–014 are in migrations.test.ts.

describe('migration 015 (work that reaches people)', () => {
  it('puts the open documents routed before it in the inboxes of the accounts and units named, and ships the year’s holidays', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 14) });
    const user = db.prepare("INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('binh', 'Trần Thị Bình', '', '[\"chuyenvien\"]', 'h', 'x', 'x')").run().lastInsertRowid;
    const unit = db.prepare("INSERT INTO units (name, name_folded, created_at, updated_at) VALUES ('Phòng Tổng hợp', 'phong tong hop', 'x', 'x')").run().lastInsertRowid;
    const org = db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Nội vụ', 'so noi vu', 'so noi vu', 'x')").run().lastInsertRowid;
    const doc = (n: number, status: string) =>
      db.prepare(
        `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, subject, urgency, secrecy, status, deadline, routed_at, created_at, updated_at)
         VALUES (1, 2026, ?, '2026-03-01', ?, 'x', 'x', '2026-03-01', 'Kế hoạch', 'thuong', 'thuong', ?, '2026-03-20', '2026-03-02T08:00:00.000Z', 'x', 'x')`,
      ).run(n, org, status).lastInsertRowid;
    const open = doc(1, 'dang-xu-ly');
    const done = doc(2, 'hoan-thanh');
    const h = db.prepare('INSERT INTO incoming_handlers (doc_id, role, unit_id, user_id, name, name_folded) VALUES (?, ?, ?, ?, ?, ?)');
    h.run(open, 'lead', unit, null, 'Phòng Tổng hợp', 'phong tong hop');
    h.run(open, 'co', null, user, 'Trần Thị Bình', 'tran thi binh');
    h.run(open, 'info', null, null, 'Sở Tài chính', 'so tai chinh');
    h.run(done, 'lead', null, user, 'Trần Thị Bình', 'tran thi binh');
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 15) });
    expect(r).toMatchObject({ from: 14, to: 15 });
    expect(db.prepare('SELECT kind, ref_id, action, user_id, unit_id, since, deadline, closed_at FROM work_items ORDER BY id').all()).toEqual([
      { kind: 'incoming', ref_id: open, action: 'lead', user_id: null, unit_id: unit, since: '2026-03-02T08:00:00.000Z', deadline: '2026-03-20', closed_at: null },
      { kind: 'incoming', ref_id: open, action: 'co', user_id: user, unit_id: null, since: '2026-03-02T08:00:00.000Z', deadline: '2026-03-20', closed_at: null },
    ]);
    expect(db.prepare("SELECT kind, name FROM calendar_days WHERE day = '2026-02-17'").get()).toEqual({ kind: 'nghi', name: 'Tết Nguyên đán Bính Ngọ (Mùng 1)' });
    expect(() => db.prepare("INSERT INTO work_items (kind, ref_id, action, since) VALUES ('task', 1, 'lead', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO calendar_days (day, kind, name, updated_at) VALUES ('30/4/2026', 'nghi', 'x', 'x')").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 016 (hồ sơ công việc, thời hạn bảo quản)', () => {
  it('seeds the circular’s retention rows and keeps hồ sơ, their documents and the periods’ minimums in the database', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.slice(0, 15) });
    const user = (name: string) =>
      db.prepare(`INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES (?, ?, '', '["vanthu"]', 'h', 'x', 'x')`).run(name, name).lastInsertRowid;
    const a = user('a');
    const b = user('b');
    const draft = db.prepare("INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at) VALUES ('state', 'ke-hoach', 'x', '{}', 'a', 'a')").run().lastInsertRowid;
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, 16) });
    expect(r).toMatchObject({ from: 15, to: 16 });
    const { RETENTION_TT10 } = await import('../../shared/hoso/retention-tt10');
    expect(db.prepare("SELECT count(*) FROM retention_periods WHERE source = 'TT10/2022'").pluck().get()).toBe(RETENTION_TT10.length);
    expect(db.prepare("SELECT years, min_years, min_permanent, group_name FROM retention_periods WHERE code = '12.1'").get()).toEqual({ years: 20, min_years: 20, min_permanent: 0, group_name: 'Tài liệu hành chính, văn thư, lưu trữ' });
    expect(db.prepare("SELECT years, min_permanent FROM retention_periods WHERE code = '1.2'").get()).toEqual({ years: null, min_permanent: 1 });
    // Never below the circular's period; Vĩnh viễn stays Vĩnh viễn.
    expect(() => db.prepare("UPDATE retention_periods SET years = 19 WHERE code = '12.1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE retention_periods SET years = 99 WHERE code = '1.2'").run()).toThrow(/CHECK/);
    const retention = db.prepare("SELECT id FROM retention_periods WHERE code = '1.11'").pluck().get();
    const hoso = (code: string) =>
      db.prepare("INSERT INTO hoso (year, code, code_folded, title, retention_id, retention_years, owner_id, created_by, created_at, updated_at) VALUES (2026, ?, lower(?), 'Hồ sơ', ?, 10, ?, ?, 'x', 'x')")
        .run(code, code, retention, a, a).lastInsertRowid;
    const h = hoso('HS-01');
    expect(() => hoso('hs-01')).toThrow(/UNIQUE/);
    const doc = db.prepare("INSERT INTO hoso_docs (hoso_id, kind, ref_id, pos, added_by, added_at) VALUES (?, 'draft', ?, 1, ?, 'x')");
    doc.run(h, draft, a);
    expect(() => doc.run(hoso('HS-02'), draft, a)).toThrow(/UNIQUE/); // one hồ sơ per document
    expect(() => db.prepare('DELETE FROM drafts WHERE id = ?').run(draft)).toThrow(/in a hồ sơ/);
    expect(() => db.prepare("UPDATE hoso SET status = 'dong' WHERE id = ?").run(h)).toThrow(/CHECK/); // closing stamps closed_at
    db.prepare("UPDATE hoso SET status = 'dong', closed_at = 'x' WHERE id = ?").run(h);
    expect(() => db.prepare('DELETE FROM hoso_docs WHERE hoso_id = ?').run(h)).toThrow(/closed hồ sơ/);
    expect(() => db.prepare("UPDATE hoso SET status = 'huy', disposal_requested_by = ?, destroyed_by = ? WHERE id = ?").run(a, a, h)).toThrow(/CHECK/); // two accounts
    db.prepare("UPDATE hoso SET status = 'huy', disposal_requested_by = ?, destroyed_by = ? WHERE id = ?").run(a, b, h);
    expect(() => db.prepare('DELETE FROM hoso WHERE id = ?').run(h)).toThrow(/never deleted/);
    db.close();
  });
});

describe('migration 018 (covering indexes for the inbox, notifications by person, units removed)', () => {
  it('keeps the work items and reads a person’s and a unit’s open ones from the index alone', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    const at = MIGRATIONS.findIndex((m) => m.version === 18);
    await migrate(db, { migrations: MIGRATIONS.slice(0, at) });
    const user = db.prepare(`INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('cv', 'cv', '', '["chuyenvien"]', 'h', 'x', 'x')`).run().lastInsertRowid;
    const unit = db.prepare("INSERT INTO units (name, name_folded, created_at, updated_at) VALUES ('Phòng A', 'phong a', 'x', 'x')").run().lastInsertRowid;
    const add = db.prepare("INSERT INTO work_items (kind, ref_id, action, user_id, unit_id, since, deadline, closed_at) VALUES ('incoming', ?, 'lead', ?, ?, 'x', '2026-03-20', ?)");
    [[1, user, null, null], [2, null, unit, null], [3, user, null, 'x']].forEach((r) => add.run(...r));
    expect((await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, at + 1) })).to).toBe(18);
    expect(db.prepare('SELECT ref_id FROM work_items ORDER BY id').pluck().all()).toEqual([1, 2, 3]);
    for (const [col, idx, id] of [['user_id', 'work_open_by_user', user], ['unit_id', 'work_open_by_unit', unit]] as const) {
      expect((db.prepare(`PRAGMA index_info(${idx})`).all() as { name: string }[]).map((c) => c.name)).toEqual([col, 'deadline', 'since', 'kind', 'ref_id', 'action', 'closed_at']);
      const q = `SELECT id, kind, ref_id, action, since, deadline FROM work_items INDEXED BY ${idx} WHERE ${col} = ? AND closed_at IS NULL ORDER BY deadline`;
      expect((db.prepare(`EXPLAIN QUERY PLAN ${q}`).all(id) as { detail: string }[]).map((x) => x.detail).join()).toMatch(`COVERING INDEX ${idx}`);
      expect(db.prepare(q).all(id)).toHaveLength(1);
    }
    // A person's notifications, read or not, newest first from an index (the bell's list), never the whole table.
    const note = db.prepare("INSERT INTO notifications (user_id, kind, entity, entity_id, text, created_at, read_at) VALUES (?, 'x', 'incoming', 1, ?, 'x', ?)");
    ['a', 'b', 'c'].forEach((t, i) => note.run(user, t, i === 1 ? 'x' : null));
    expect((db.prepare('PRAGMA index_info(notifications_by_user)').all() as { name: string }[]).map((c) => c.name)).toEqual(['user_id', 'id']);
    const { listNotifications } = await import('../../electron/notifications/repo');
    expect(listNotifications(db, Number(user), false, 10).map((n) => n.text)).toEqual(['c', 'b', 'a']);
    // The planner takes the index even unasked (the repo names it with INDEXED BY, which fails without it).
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT id, text, read_at FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 20').all(user) as { detail: string }[]).map((x) => x.detail).join();
    expect(plan).toMatch('SEARCH notifications USING INDEX notifications_by_user (user_id=?)');
    expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
    // A unit removed is marked, its row kept for the records naming it.
    expect((db.prepare('PRAGMA table_info(units)').all() as { name: string }[]).map((c) => c.name)).toContain('removed_at');
    expect(db.prepare('SELECT removed_at FROM units WHERE id = ?').pluck().get(unit)).toBeNull();
    db.close();
  });
});

describe('migration 017 (task read rule and dashboard indexes)', () => {
  it('gives a version-16 database’s tasks their lead, kept by triggers, and counts them from the lead indexes', async () => {
    const db = openConnection(path.join(tempDir(), 'db.sqlite'));
    const at = MIGRATIONS.findIndex((m) => m.version === 17);
    await migrate(db, { migrations: MIGRATIONS.slice(0, at) });
    db.exec(`INSERT INTO users (username, full_name, title, roles, password_hash, created_at, updated_at) VALUES ('an', 'An', '', '["lanhdao"]', 'h', 'x', 'x');
      INSERT INTO units (name, name_folded, created_at, updated_at) VALUES ('Phòng Tổng hợp', 'phong tong hop', 'x', 'x');
      INSERT INTO tasks (title, source_kind, created_by, created_at, updated_at) VALUES ('Báo cáo quý I', 'typed', 1, 'x', 'x');
      INSERT INTO task_handlers (task_id, role, user_id, name) VALUES (1, 'lead', 1, 'An'), (1, 'co', NULL, 'Sở Tài chính');`);
    await migrate(db, { migrations: MIGRATIONS.slice(0, at + 1) });
    const lead = () => db.prepare('SELECT lead_user_id AS user, lead_unit_id AS unit FROM tasks WHERE id = 1').get();
    expect(lead()).toEqual({ user: 1, unit: null });
    db.exec("DELETE FROM task_handlers WHERE task_id = 1; INSERT INTO task_handlers (task_id, role, unit_id, name) VALUES (1, 'lead', 1, 'Phòng Tổng hợp')");
    expect(lead()).toEqual({ user: null, unit: 1 });
    db.exec('UPDATE task_handlers SET unit_id = NULL WHERE unit_id = 1');
    expect(lead()).toEqual({ user: null, unit: null });
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan("SELECT lead_unit_id, count(*), sum(status = 'hoan-thanh') FROM tasks WHERE lead_unit_id IS NOT NULL AND lead_unit_id IN (1, 2) AND status <> 'huy' GROUP BY lead_unit_id")).toContain('COVERING INDEX tasks_lead_unit_figures');
    expect(plan('SELECT id FROM tasks WHERE created_by = 1')).toContain('tasks_by_creator');
    db.close();
  });
});

describe('migration 019 (exchange between offices, old register imports)', () => {
  it('keeps one received document per DocumentId, one message per id, and one row per source row of an import', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    const at = MIGRATIONS.findIndex((m) => m.version === 19);
    await migrate(db, { migrations: MIGRATIONS.slice(0, at) });
    expect((await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.slice(0, at + 1) })).to).toBe(19);
    const org = db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Nội vụ', 'so noi vu', 'so noi vu', 'x')").run().lastInsertRowid;
    const doc = db
      .prepare(
        `INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, subject, urgency, secrecy, created_at, updated_at)
         VALUES (1, 2026, 1, '2026-03-01', ?, '05/KH-SNV', 'x', '2026-03-01', 'Kế hoạch', 'thuong', 'thuong', 'x', 'x')`,
      )
      .run(org).lastInsertRowid;
    const msg = db.prepare("INSERT INTO exchange_messages (message_id, direction, kind, transport, file_name, state, created_at, updated_at) VALUES (?, 'in', 'document', 'folder', 'a.edxml', ?, 'x', 'x')");
    const m = msg.run('m-1', 'received').lastInsertRowid;
    expect(() => msg.run('m-1', 'received')).toThrow(/UNIQUE/);
    expect(() => msg.run('m-2', 'lost')).toThrow(/CHECK/);
    const received = db.prepare("INSERT INTO exchange_received (document_id, incoming_id, from_organ_id, business, message_id, received_at, updated_at) VALUES (?, ?, '000.00.00.H30', 'new', ?, 'x', 'x')");
    received.run('000.00.00.H30,2026/03/01,05/KH-SNV', doc, m);
    expect(() => received.run('000.00.00.H30,2026/03/01,05/KH-SNV', doc, m)).toThrow(/UNIQUE/);
    // The due messages are found from their index, not by reading the whole table.
    const due = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM exchange_messages WHERE state IN ('queued', 'failed') AND next_attempt_at <= ? ORDER BY next_attempt_at").all('x') as { detail: string }[]).map((x) => x.detail).join();
    expect(due).toMatch('exchange_due');
    // An arrival is a duplicate when the same bytes were received before: found by their hash from an index.
    const same = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM exchange_messages WHERE sha256 = ? AND direction = 'in' AND state = 'received' ORDER BY id LIMIT 1").all('x') as { detail: string }[]).map((x) => x.detail).join();
    expect(same).toMatch('exchange_received_content');
    const run = db.prepare("INSERT INTO import_runs (source_key, source, kind, mapping, state, started_at, updated_at) VALUES ('k', 'so-den-2019.xlsx', 'incoming', '{}', 'running', 'x', 'x')").run().lastInsertRowid;
    const row = db.prepare("INSERT INTO import_rows (run_id, row_no, outcome) VALUES (?, ?, 'imported')");
    row.run(run, 2);
    expect(() => row.run(run, 2)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});
