// npm run bench -- --work-only [--records N]: issue 17's figures at 1,000,000 incoming documents, 200 people in 20
// units and 300,000 tasks. The corpus is written with SQL in bulk (registration speed is measured elsewhere); the
// figures go through the API as each person (zod, the read rule, the session), as the screens call it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { dispatch } from '../../electron/api/dispatch';
import { openApp } from '../../electron/hosts/open-app';
import { toCaller, userByName } from '../../electron/auth/repo';
import { percentile } from './stats';

type Emit = (name: string, value: number, unit: string) => void;

const UNITS = 20;
const PER_UNIT = 10; // a head and nine chuyên viên: 200 people

export function seed(app: AppContext, docs: number, tasks: number): void {
  const db = app.db;
  const now = app.nowIso();
  db.exec('PRAGMA foreign_keys = OFF');
  const tx = db.transaction(() => {
    const user = db.prepare("INSERT INTO users (username, full_name, roles, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'bench', ?, ?)");
    const unit = db.prepare('INSERT INTO units (name, name_folded, head_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const member = db.prepare('INSERT INTO unit_members (unit_id, user_id) VALUES (?, ?)');
    for (let u = 1; u <= UNITS; u++) {
      const ids: number[] = [];
      for (let p = 0; p < PER_UNIT; p++) ids.push(Number(user.run(`cv${u}_${p}`, `Chuyên viên ${u}.${p}`, '["chuyenvien"]', now, now).lastInsertRowid));
      const unitId = Number(unit.run(`Phòng ${u}`, `phong ${u}`, ids[0], now, now).lastInsertRowid);
      for (const id of ids.slice(1)) member.run(unitId, id);
    }
    user.run('lanhdao1', 'Lãnh đạo', '["lanhdao"]', now, now);
    const org = db.prepare("INSERT INTO organizations (name, name_folded, sort_key, created_at) VALUES ('Sở Nội vụ', 'so noi vu', 'so noi vu', ?)").run(now).lastInsertRowid;
    const perYear = Math.ceil(docs / 6);
    // 2021–2026, numbered per year; a third finished, a third in progress (deadline near the arrival), a third waiting.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @docs - 1)
       INSERT INTO incoming_docs (book_id, year, arrival_number, arrival_date, sender_id, ref, ref_folded, doc_date, subject, urgency, secrecy,
         status, deadline, created_at, updated_at, sender_sort, subject_sort, public)
       SELECT 1, 2021 + i / @perYear, i % @perYear + 1, d, @org, (i % @perYear + 1) || '/UBND-VP', (i % @perYear + 1) || '/ubnd-vp', d,
         'Kế hoạch triển khai công tác số ' || i, CASE WHEN i % 10 = 0 THEN 'khan' ELSE 'thuong' END,
         CASE WHEN i % 997 = 0 THEN 'mat' ELSE 'thuong' END,
         CASE i % 3 WHEN 0 THEN 'hoan-thanh' WHEN 1 THEN 'dang-xu-ly' ELSE 'cho-xu-ly' END,
         CASE WHEN i % 3 = 1 THEN date(d, '+10 days') END, @now, @now, 'so noi vu', 'ke hoach ' || i, CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END
       FROM (SELECT i, date((2021 + i / @perYear) || '-01-01', '+' || ((i % @perYear) * 364 / @perYear) || ' days') AS d FROM n)`,
    ).run({ docs, perYear: BigInt(perYear), org, now });
    // Two of three documents routed: a lead unit, every seventh a phối hợp unit, every eleventh a person.
    db.exec(`
      INSERT INTO incoming_handlers (doc_id, role, unit_id, user_id, name, name_folded)
        SELECT id, 'lead', id % ${UNITS} + 1, NULL, 'Phòng', 'phong' FROM incoming_docs WHERE id % 3 <> 0;
      INSERT INTO incoming_handlers (doc_id, role, unit_id, user_id, name, name_folded)
        SELECT id, 'co', (id + 3) % ${UNITS} + 1, NULL, 'Phòng', 'phong' FROM incoming_docs WHERE id % 7 = 0;
      INSERT INTO incoming_handlers (doc_id, role, unit_id, user_id, name, name_folded)
        SELECT id, 'lead', NULL, id % ${UNITS * PER_UNIT} + 1, 'Người', 'nguoi' FROM incoming_docs WHERE id % 11 = 0;
      -- What waits: the documents in progress of the current year, for their units and people.
      INSERT INTO work_items (kind, ref_id, action, user_id, unit_id, since, deadline)
        SELECT 'incoming', h.doc_id, h.role, h.user_id, h.unit_id, d.arrival_date, d.deadline
        FROM incoming_handlers h JOIN incoming_docs d ON d.id = h.doc_id WHERE d.status = 'dang-xu-ly' AND d.year = 2026;
    `);
    // Tasks: led by a unit (or every fifth by a person), a tenth open, the rest done (every fourth late) or cancelled.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @tasks - 1)
       INSERT INTO tasks (title, source_kind, deadline, status, progress, created_by, created_at, updated_at, finished_at)
       SELECT 'Nhiệm vụ ' || i, 'typed', dl,
         CASE WHEN i % 10 = 0 THEN 'dang-lam' WHEN i % 97 = 0 THEN 'huy' ELSE 'hoan-thanh' END,
         CASE WHEN i % 10 = 0 THEN 40 ELSE 100 END, ${UNITS * PER_UNIT + 1}, @now, @now,
         CASE WHEN i % 10 = 0 OR i % 97 = 0 THEN NULL WHEN i % 4 = 0 THEN date(dl, '+3 days') ELSE date(dl, '-2 days') END
       FROM (SELECT i, date('2025-01-01', '+' || (i % 700) || ' days') AS dl FROM n)`,
    ).run({ tasks, now });
    db.exec(`
      INSERT INTO task_handlers (task_id, role, user_id, unit_id, name)
        SELECT id, 'lead', CASE WHEN id % 5 = 0 THEN id % ${UNITS * PER_UNIT} + 1 END, CASE WHEN id % 5 <> 0 THEN id % ${UNITS} + 1 END, 'x' FROM tasks;
      INSERT INTO task_handlers (task_id, role, user_id, unit_id, name)
        SELECT id, 'co', NULL, (id + 7) % ${UNITS} + 1, 'x' FROM tasks WHERE id % 3 = 0;
      INSERT INTO work_items (kind, ref_id, action, user_id, unit_id, since, deadline)
        SELECT 'task', t.id, h.role, h.user_id, h.unit_id, t.created_at, t.deadline
        FROM tasks t JOIN task_handlers h ON h.task_id = t.id WHERE t.status = 'dang-lam';
    `);
  });
  tx();
  db.exec('PRAGMA foreign_keys = ON');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
}

async function timed(app: AppContext, session: Session, name: string, input: unknown, runs: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = await dispatch(app, name, input, session);
    const dt = performance.now() - t0;
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    if (i > 0) ms.push(dt); // the first call warms the statement cache
  }
  return ms;
}

export async function benchWork(emit: Emit, opts: { records: number; tasks: number }): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-work-bench-'));
  const app = await openApp({ dataDir, clock: () => new Date('2026-11-22T03:00:00Z') });
  try {
    const t0 = performance.now();
    seed(app, opts.records, opts.tasks);
    process.stderr.write(`seeded ${opts.records} documents, ${opts.tasks} tasks in ${Math.round(performance.now() - t0)} ms\n`);
    const as = (username: string): Session => ({ caller: toCaller(userByName(app.db, username)!) });

    // "Chờ tôi xử lý": 40 people (heads and chuyên viên of every unit), each 5 times.
    const inbox: number[] = [];
    for (let u = 1; u <= UNITS; u++) for (const p of [0, 1 + (u % 9)]) inbox.push(...(await timed(app, as(`cv${u}_${p}`), 'inbox.mine', {}, 5)));
    emit('work.inbox_p50', percentile(inbox, 50), 'ms');
    emit('work.inbox_p95', percentile(inbox, 95), 'ms');

    // The unit dashboard of giao việc, for each unit, as its head.
    const dash: number[] = [];
    for (let u = 1; u <= UNITS; u++) dash.push(...(await timed(app, as(`cv${u}_0`), 'tasks.dashboard', { unitId: u }, 3)));
    emit('work.unit_dashboard_p50', percentile(dash, 50), 'ms');
    emit('work.unit_dashboard_p95', percentile(dash, 95), 'ms');

    // The register's first page as a chuyên viên sees it (only what is routed to them, their unit, or public).
    const list: number[] = [];
    for (let u = 1; u <= UNITS; u += 2) {
      list.push(...(await timed(app, as(`cv${u}_3`), 'incoming.list', { sort: 'arrivalDate', order: 'desc', limit: 100, withTotal: false }, 5)));
      list.push(...(await timed(app, as(`cv${u}_3`), 'incoming.list', { year: 2026, sort: 'arrivalDate', order: 'desc', limit: 100, withTotal: false }, 5)));
    }
    emit('work.register_first_page_chuyenvien_p50', percentile(list, 50), 'ms');
    emit('work.register_first_page_chuyenvien_p95', percentile(list, 95), 'ms');
    emit('work.records', opts.records, 'records');
    emit('work.tasks', opts.tasks, 'tasks');
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
