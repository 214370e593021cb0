import { stmt, type DB } from '../db/connection';
import type { TaskHandler, TaskRow, TaskSourceKind, TaskStatus, TaskUpdateKind, TaskUpdateView } from '../../shared/tasks/schemas';

/** SQL for giao việc (migration 015: tasks, task_handlers, task_updates, task_files). */

export interface TaskRecord {
  id: number;
  parent_id: number | null;
  title: string;
  source_kind: TaskSourceKind;
  incoming_id: number | null;
  outgoing_id: number | null;
  plan_row: number | null;
  meeting_id: number | null;
  note: string | null;
  deadline: string | null;
  status: TaskStatus;
  progress: number;
  created_by: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  cancel_reason: string | null;
}

export interface NewTaskHandler {
  role: 'lead' | 'co';
  userId: number | null;
  unitId: number | null;
  name: string;
}

/** A WHERE fragment with its positional parameters. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

export const OPEN_SQL = "('dang-lam', 'cho-duyet')";
/** Finished after the end of its deadline day in Vietnam (00:00 the next day, 17:00 UTC). */
export const LATE_SQL = (a: string) => `(${a}.status = 'hoan-thanh' AND ${a}.deadline IS NOT NULL AND ${a}.finished_at >= ${a}.deadline || 'T17:00:00.000Z')`;

export function insertTask(
  db: DB,
  t: { parentId: number | null; title: string; sourceKind: TaskSourceKind; incomingId: number | null; outgoingId: number | null; planRow: number | null; meetingId: number | null; note: string | null; deadline: string | null; createdBy: number },
  now: string,
): number {
  return Number(
    stmt(db, `INSERT INTO tasks (parent_id, title, source_kind, incoming_id, outgoing_id, plan_row, meeting_id, note, deadline, created_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(t.parentId, t.title, t.sourceKind, t.incomingId, t.outgoingId, t.planRow, t.meetingId, t.note, t.deadline, t.createdBy, now, now).lastInsertRowid,
  );
}

export function taskById(db: DB, id: number): TaskRecord | undefined {
  return stmt(db, 'SELECT * FROM tasks WHERE id = ?').get(id) as TaskRecord | undefined;
}

export function updateTask(db: DB, id: number, f: { title: string; note: string | null; deadline: string | null }, now: string): void {
  stmt(db, 'UPDATE tasks SET title = ?, note = ?, deadline = ?, updated_at = ? WHERE id = ?').run(f.title, f.note, f.deadline, now, id);
}

/** Moves the task out of one of the `from` statuses; false (nothing written) when it is in none of them any more. */
export function setTaskStatus(
  db: DB,
  id: number,
  from: readonly TaskStatus[],
  status: TaskStatus,
  now: string,
  extra: { finishedAt?: string | null; cancelReason?: string | null; progress?: number } = {},
): boolean {
  return (
    stmt(db, 'UPDATE tasks SET status = ?, finished_at = ?, cancel_reason = ?, progress = coalesce(?, progress), updated_at = ? WHERE id = ? AND status IN (SELECT value FROM json_each(?))').run(
      status,
      extra.finishedAt ?? null,
      extra.cancelReason ?? null,
      extra.progress ?? null,
      now,
      id,
      JSON.stringify(from),
    ).changes === 1
  );
}

/** The progress of a task being worked on; false (nothing written) when it is not đang làm any more. */
export function setTaskProgress(db: DB, id: number, progress: number, now: string): boolean {
  return stmt(db, "UPDATE tasks SET progress = ?, updated_at = ? WHERE id = ? AND status = 'dang-lam'").run(progress, now, id).changes === 1;
}

/** The task's source documents' secrecy: whether its incoming document or its plan has a độ mật. */
export function sourceSecret(db: DB, incomingId: number | null, outgoingId: number | null): boolean {
  return (
    stmt(
      db,
      `SELECT EXISTS (SELECT 1 FROM incoming_docs WHERE id = ? AND secrecy <> 'thuong') OR EXISTS (SELECT 1 FROM outgoing_docs WHERE id = ? AND secrecy <> 'thuong')`,
    )
      .pluck()
      .get(incomingId, outgoingId) === 1
  );
}

export function replaceTaskHandlers(db: DB, taskId: number, hs: readonly NewTaskHandler[]): void {
  stmt(db, 'DELETE FROM task_handlers WHERE task_id = ?').run(taskId);
  const add = stmt(db, 'INSERT INTO task_handlers (task_id, role, user_id, unit_id, name) VALUES (?, ?, ?, ?, ?)');
  for (const h of hs) add.run(taskId, h.role, h.userId, h.unitId, h.name);
}

/** The handlers of some tasks, the lead first, names as the office knows them now. */
export function handlersOf(db: DB, taskIds: readonly number[]): Map<number, TaskHandler[]> {
  const out = new Map<number, TaskHandler[]>();
  if (taskIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT h.task_id, h.role, h.user_id, h.unit_id, coalesce(u.name, us.full_name, h.name) AS name FROM task_handlers h
       LEFT JOIN units u ON u.id = h.unit_id LEFT JOIN users us ON us.id = h.user_id
       WHERE h.task_id IN (SELECT value FROM json_each(?)) ORDER BY h.task_id, h.role DESC, h.id`,
    )
    .all(JSON.stringify(taskIds)) as { task_id: number; role: 'lead' | 'co'; user_id: number | null; unit_id: number | null; name: string }[];
  for (const r of rows) {
    const list = out.get(r.task_id) ?? [];
    list.push({ role: r.role, kind: r.unit_id !== null ? 'unit' : r.user_id !== null ? 'user' : 'text', userId: r.user_id, unitId: r.unit_id, name: r.name });
    out.set(r.task_id, list);
  }
  return out;
}

export function insertUpdate(
  db: DB,
  u: { taskId: number; kind: TaskUpdateKind; actorId: number | null; onBehalfOf: number | null; progress: number | null; note: string | null },
  at: string,
): number {
  return Number(
    stmt(db, 'INSERT INTO task_updates (task_id, kind, at, actor_id, on_behalf_of, progress, note) VALUES (?, ?, ?, ?, ?, ?, ?)').run(u.taskId, u.kind, at, u.actorId, u.onBehalfOf, u.progress, u.note)
      .lastInsertRowid,
  );
}

/** When the latest update of a kind was made (the result approved: when it was handed in). */
export function lastUpdateAt(db: DB, taskId: number, kind: TaskUpdateKind): string | undefined {
  return stmt(db, 'SELECT at FROM task_updates WHERE task_id = ? AND kind = ? ORDER BY id DESC LIMIT 1').pluck().get(taskId, kind) as string | undefined;
}

export function insertTaskFile(db: DB, updateId: number, sha256: string, name: string): void {
  stmt(db, 'INSERT OR IGNORE INTO task_files (update_id, sha256, name) VALUES (?, ?, ?)').run(updateId, sha256, name);
}

export function updatesOf(db: DB, taskId: number): TaskUpdateView[] {
  const rows = stmt(
    db,
    `SELECT tu.id, tu.kind, tu.at, a.full_name AS actor, b.full_name AS onBehalfOf, tu.progress, tu.note FROM task_updates tu
     LEFT JOIN users a ON a.id = tu.actor_id LEFT JOIN users b ON b.id = tu.on_behalf_of WHERE tu.task_id = ? ORDER BY tu.id`,
  ).all(taskId) as Omit<TaskUpdateView, 'files'>[];
  const files = stmt(
    db,
    `SELECT f.update_id, f.sha256, f.name, b.size FROM task_files f JOIN task_updates tu ON tu.id = f.update_id LEFT JOIN blobs b ON b.sha256 = f.sha256
     WHERE tu.task_id = ? ORDER BY f.update_id, f.name`,
  ).all(taskId) as { update_id: number; sha256: string; name: string; size: number | null }[];
  return rows.map((r) => ({ ...r, files: files.filter((f) => f.update_id === r.id).map((f) => ({ sha256: f.sha256, name: f.name, size: f.size })) }));
}

/** Whether a file belongs to one of the task's reports. */
export function taskHasFile(db: DB, taskId: number, sha256: string): boolean {
  return stmt(db, 'SELECT EXISTS (SELECT 1 FROM task_files f JOIN task_updates tu ON tu.id = f.update_id WHERE tu.task_id = ? AND f.sha256 = ?)').pluck().get(taskId, sha256) === 1;
}

export function openChildren(db: DB, parentId: number): { id: number; title: string }[] {
  return stmt(db, `SELECT id, title FROM tasks WHERE parent_id = ? AND status IN ${OPEN_SQL} ORDER BY id`).all(parentId) as { id: number; title: string }[];
}

export function childIds(db: DB, parentId: number): number[] {
  return stmt(db, 'SELECT id FROM tasks WHERE parent_id = ? ORDER BY id').pluck().all(parentId) as number[];
}

export function subtaskCounts(db: DB, ids: readonly number[]): Map<number, { total: number; open: number }> {
  const out = new Map<number, { total: number; open: number }>();
  if (ids.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT parent_id AS id, count(*) AS total, sum(status IN ${OPEN_SQL}) AS open FROM tasks
       WHERE parent_id IN (SELECT value FROM json_each(?)) AND status <> 'huy' GROUP BY parent_id`,
    )
    .all(JSON.stringify(ids)) as { id: number; total: number; open: number }[];
  for (const r of rows) out.set(r.id, { total: r.total, open: r.open });
  return out;
}

export function userName(db: DB, id: number): string {
  return (stmt(db, 'SELECT full_name FROM users WHERE id = ?').pluck().get(id) as string | undefined) ?? `#${id}`;
}

/** Rows as the lists show them: handlers and sub-task counts fetched once for the page. */
export function toTaskRows(db: DB, recs: readonly TaskRecord[], today: string): TaskRow[] {
  const ids = recs.map((r) => r.id);
  const handlers = handlersOf(db, ids);
  const subs = subtaskCounts(db, ids);
  const names = new Map<number, string>();
  return recs.map((r) => {
    const hs = handlers.get(r.id) ?? [];
    if (!names.has(r.created_by)) names.set(r.created_by, userName(db, r.created_by));
    const open = r.status === 'dang-lam' || r.status === 'cho-duyet';
    return {
      id: r.id,
      parentId: r.parent_id,
      title: r.title,
      sourceKind: r.source_kind,
      incomingId: r.incoming_id,
      outgoingId: r.outgoing_id,
      planRow: r.plan_row,
      meetingId: r.meeting_id,
      deadline: r.deadline,
      status: r.status,
      progress: r.progress,
      overdue: open && r.deadline !== null && r.deadline < today,
      late: r.status === 'hoan-thanh' && r.deadline !== null && r.finished_at !== null && r.finished_at >= `${r.deadline}T17:00:00.000Z`,
      lead: hs.find((h) => h.role === 'lead') ?? null,
      co: hs.filter((h) => h.role === 'co'),
      createdBy: { id: r.created_by, fullName: names.get(r.created_by)! },
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      finishedAt: r.finished_at,
      subtasks: subs.get(r.id) ?? { total: 0, open: 0 },
    };
  });
}

/** A page of tasks, newest first, with the number of all that match (counted only when the page is full). */
export function findTasks(db: DB, where: Fragment, limit: number, offset: number): { rows: TaskRecord[]; total: number } {
  const rows = db.prepare(`SELECT t.* FROM tasks t WHERE ${where.sql} ORDER BY t.id DESC LIMIT ? OFFSET ?`).all(...where.params, limit, offset) as TaskRecord[];
  const total = rows.length < limit && offset === 0 ? rows.length : (db.prepare(`SELECT count(*) FROM tasks t WHERE ${where.sql}`).pluck().get(...where.params) as number);
  return { rows, total };
}

export function taskVisibleBy(db: DB, id: number, scope: Fragment): boolean {
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM tasks t WHERE t.id = ? AND ${scope.sql})`).pluck().get(id, ...scope.params) === 1;
}

// ——— People and units ———

/** Units the account belongs to or heads. */
export function unitsOf(db: DB, userId: number): { member: number[]; headed: number[] } {
  return {
    member: stmt(db, 'SELECT unit_id FROM unit_members WHERE user_id = ?').pluck().all(userId) as number[],
    headed: stmt(db, 'SELECT id FROM units WHERE head_user_id = ?').pluck().all(userId) as number[],
  };
}

/** The members and the head of a unit. */
export function unitPeople(db: DB, unitId: number): { members: number[]; head: number | null; name: string } | undefined {
  const u = stmt(db, 'SELECT name, head_user_id FROM units WHERE id = ? AND removed_at IS NULL').get(unitId) as { name: string; head_user_id: number | null } | undefined;
  if (!u) return undefined;
  return { members: stmt(db, 'SELECT user_id FROM unit_members WHERE unit_id = ?').pluck().all(unitId) as number[], head: u.head_user_id, name: u.name };
}

export function activeUser(db: DB, id: number): { id: number; fullName: string; roles: string } | undefined {
  return stmt(db, 'SELECT id, full_name AS fullName, roles FROM users WHERE id = ? AND active = 1').get(id) as { id: number; fullName: string; roles: string } | undefined;
}

// ——— Sources ———

export interface IncomingSource {
  id: number;
  year: number;
  arrival_number: number;
  ref: string;
  subject: string;
  doc_date: string;
  secrecy: string;
}

export function incomingSource(db: DB, id: number): IncomingSource | undefined {
  return stmt(db, 'SELECT id, year, arrival_number, ref, subject, doc_date, secrecy FROM incoming_docs WHERE id = ?').get(id) as IncomingSource | undefined;
}

/** Named on an incoming document: an account handler, or the head of a unit handler (the secret-document rule). */
export function namedOnIncoming(db: DB, docId: number, userId: number): boolean {
  return (
    stmt(db, 'SELECT EXISTS (SELECT 1 FROM incoming_handlers h WHERE h.doc_id = ? AND (h.user_id = ? OR h.unit_id IN (SELECT id FROM units WHERE head_user_id = ?)))')
      .pluck()
      .get(docId, userId, userId) === 1
  );
}

export function unitNamedOnIncoming(db: DB, docId: number, unitId: number): boolean {
  return stmt(db, 'SELECT EXISTS (SELECT 1 FROM incoming_handlers WHERE doc_id = ? AND unit_id = ?)').pluck().get(docId, unitId) === 1;
}

export function meetingDay(db: DB, id: number): { title: string; startMs: number } | undefined {
  return stmt(db, 'SELECT title, start_ms AS startMs FROM meetings WHERE id = ?').get(id) as { title: string; startMs: number } | undefined;
}

export interface PlanSource {
  id: number;
  ref: string;
  doc_date: string;
  doc_type: string | null;
  subject: string;
  status: string;
  secrecy: string;
  model: string | null;
}

export function planSource(db: DB, outgoingId: number): PlanSource | undefined {
  return stmt(db, 'SELECT g.id, g.ref, g.doc_date, g.doc_type, g.subject, g.status, g.secrecy, d.model FROM outgoing_docs g LEFT JOIN drafts d ON d.id = g.draft_id WHERE g.id = ?').get(outgoingId) as
    | PlanSource
    | undefined;
}

/** The plan's rows already turned into tasks (not cancelled): row → task id. */
export function planRowTasks(db: DB, outgoingId: number): Map<number, number> {
  const rows = stmt(db, "SELECT plan_row, id FROM tasks WHERE outgoing_id = ? AND plan_row IS NOT NULL AND status <> 'huy'").all(outgoingId) as { plan_row: number; id: number }[];
  return new Map(rows.map((r) => [r.plan_row, r.id]));
}

/** A plan's tasks, for the burn chart and the report: in row order (not the sub-tasks of a secret plan's tasks, which keep its id). */
export function planTasks(db: DB, outgoingId: number): TaskRecord[] {
  return stmt(db, "SELECT * FROM tasks WHERE outgoing_id = ? AND parent_id IS NULL AND status <> 'huy' ORDER BY coalesce(plan_row, 1e9), id").all(outgoingId) as TaskRecord[];
}
