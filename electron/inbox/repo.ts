import { stmt, type DB } from '../db/connection';
import type { Fragment } from '../scope/repo';
import type { WorkAction, WorkKind } from '../workitems/repo';

/**
 * SQL for "Chờ tôi xử lý": the open work items (migration 015) of a set of accounts and units, read from the covering
 * partial indexes work_open_by_user / work_open_by_unit (migration 020) one account or unit at a time, filtered by
 * the read rule for secret documents; titles are then read for the page's rows only.
 */

/** Whose open rows an inbox reads: accounts (the caller, the delegators) and units. */
export interface Sources {
  users: readonly number[];
  units: readonly number[];
}

export interface OpenWork {
  id: number;
  kind: WorkKind;
  refId: number;
  action: WorkAction;
  userId: number | null;
  unitId: number | null;
  since: string;
  deadline: string | null;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The units an account belongs to or heads. */
export function unitsOfUser(db: DB, userId: number): number[] {
  return stmt(db, 'SELECT unit_id FROM unit_members WHERE user_id = ? UNION SELECT id FROM units WHERE head_user_id = ?').pluck().all(userId, userId) as number[];
}

/** The units an account heads. */
export function unitsHeadedBy(db: DB, userId: number): number[] {
  return stmt(db, 'SELECT id FROM units WHERE head_user_id = ? ORDER BY id').pluck().all(userId) as number[];
}

/** The head and the members of a unit (the accounts a unit's row reaches), active ones only. */
export function unitPeople(db: DB, unitId: number): number[] {
  return stmt(
    db,
    `SELECT x.id FROM (SELECT head_user_id AS id FROM units WHERE id = ? AND head_user_id IS NOT NULL UNION SELECT user_id FROM unit_members WHERE unit_id = ?) x
     JOIN users u ON u.id = x.id WHERE u.active = 1 ORDER BY x.id`,
  )
    .pluck()
    .all(unitId, unitId) as number[];
}

const SECRET_DOCS = `SELECT id FROM incoming_docs INDEXED BY incoming_secret WHERE secrecy <> 'thuong'`;

/**
 * Rows the viewer may see: an item on a document with độ mật (an incoming one, or a task taken from one) only when
 * the read rule (`scope`, scope/repo.ts incomingScope over alias d) lets the viewer read that document. The few
 * secret documents are found once per query through their partial index; every other row passes without a lookup.
 * null: a reader of every document, nothing to filter.
 */
function visibleSql(scope: Fragment | null): Fragment {
  if (!scope || scope.sql === '1') return { sql: '1', params: [] };
  return {
    sql: `(w.kind <> 'incoming' OR w.ref_id NOT IN (${SECRET_DOCS})
        OR EXISTS (SELECT 1 FROM incoming_docs d WHERE d.id = w.ref_id AND ${scope.sql}))
      AND (w.kind <> 'task' OR w.ref_id NOT IN (SELECT t.id FROM tasks t WHERE t.incoming_id IN (${SECRET_DOCS}))
        OR EXISTS (SELECT 1 FROM incoming_docs d WHERE d.id = (SELECT t.incoming_id FROM tasks t WHERE t.id = w.ref_id) AND ${scope.sql}))`,
    params: [...scope.params, ...scope.params],
  };
}

interface WorkRow {
  id: number;
  kind: WorkKind;
  ref_id: number;
  action: WorkAction;
  user_id: number | null;
  unit_id: number | null;
  since: string;
  deadline: string | null;
}

const byDeadline = (a: OpenWork, b: OpenWork): number => {
  if (a.deadline !== b.deadline) return a.deadline === null ? 1 : b.deadline === null ? -1 : a.deadline < b.deadline ? -1 : 1;
  if (a.since !== b.since) return a.since < b.since ? -1 : 1;
  return a.id - b.id;
};

/**
 * The first `limit` open rows, overdue first (their deadlines are the earliest), then by deadline (none last), then
 * the longest waiting. Each account and unit is read in its index's order and stops at `limit` rows (with and without
 * a deadline), so a page costs the same whether a unit has ten open items or ten thousand; the few lists are merged.
 */
export function openWorkPage(db: DB, s: Sources, o: { kind?: WorkKind; scope: Fragment | null; limit: number }): OpenWork[] {
  const vis = visibleSql(o.scope);
  const k = o.kind ? ' AND w.kind = ?' : '';
  const kp = o.kind ? [o.kind] : [];
  const read = (col: 'user_id' | 'unit_id', id: number, dated: boolean): OpenWork[] => {
    const index = col === 'user_id' ? 'work_open_by_user' : 'work_open_by_unit';
    const cols = col === 'user_id' ? 'w.user_id AS user_id, NULL AS unit_id' : 'NULL AS user_id, w.unit_id AS unit_id';
    const sql = `SELECT w.id, w.kind, w.ref_id, w.action, ${cols}, w.since, w.deadline FROM work_items w INDEXED BY ${index}
      WHERE w.${col} = ? AND w.closed_at IS NULL AND w.deadline ${dated ? 'IS NOT NULL' : 'IS NULL'}${k} AND ${vis.sql}
      ORDER BY ${dated ? 'w.deadline, ' : ''}w.since, w.id LIMIT ?`;
    return (stmt(db, sql).all(id, ...kp, ...vis.params, o.limit) as WorkRow[]).map((r) => ({
      id: r.id,
      kind: r.kind,
      refId: r.ref_id,
      action: r.action,
      userId: r.user_id,
      unitId: r.unit_id,
      since: r.since,
      deadline: r.deadline,
    }));
  };
  const out: OpenWork[] = [];
  for (const dated of [true, false]) {
    for (const u of s.users) out.push(...read('user_id', u, dated));
    for (const u of s.units) out.push(...read('unit_id', u, dated));
    // Rows without a deadline come after every dated one: read them only when the dated ones do not fill the page.
    if (out.length >= o.limit) break;
  }
  return out.sort(byDeadline).slice(0, o.limit);
}

export interface WorkCounts {
  incoming: number;
  task: number;
  overdue: number;
  /** Deadline from `today` to `weekEnd`, both included. */
  dueSoon: number;
}

type CountRow = { n: number; tasks: number; overdue: number; soon: number };

function addRows(out: WorkCounts, rows: CountRow[], sign: 1 | -1): WorkCounts {
  for (const r of rows) {
    out.incoming += sign * (r.n - r.tasks);
    out.task += sign * r.tasks;
    out.overdue += sign * r.overdue;
    out.dueSoon += sign * r.soon;
  }
  return out;
}

/** One row of sums (no GROUP BY, which would sort every row). */
const COUNTS = `COUNT(*) AS n, coalesce(SUM(w.kind = 'task'), 0) AS tasks, coalesce(SUM(w.deadline < ?), 0) AS overdue,
  coalesce(SUM(w.deadline >= ? AND w.deadline <= ?), 0) AS soon`;

/**
 * What waits in an inbox, counted. Every open row of the sources is counted from the indexes alone; the rows the
 * viewer may not see (on a document with độ mật they may not read) are either filtered row by row or found from the
 * secret documents' side and taken off — whichever reads fewer rows: a person with thousands of open items in an
 * office with few secret documents is counted from the secret side, a person with few items row by row.
 */
export function openWorkCounts(db: DB, s: Sources, scope: Fragment | null, today: string, weekEnd = today, how?: 'filter' | 'subtract'): WorkCounts {
  const out: WorkCounts = { incoming: 0, task: 0, overdue: 0, dueSoon: 0 };
  if (!s.users.length && !s.units.length) return out;
  const dates = [today, today, weekEnd];
  // One statement per account and unit, each through its index (a UNION of them would pass every row through a
  // co-routine, several times slower).
  const each = (where: Fragment) => [
    ...s.users.map((u) => stmt(db, `SELECT ${COUNTS} FROM work_items w INDEXED BY work_open_by_user WHERE w.user_id = ? AND w.closed_at IS NULL AND ${where.sql}`).get(...dates, u, ...where.params) as CountRow),
    ...s.units.map((u) => stmt(db, `SELECT ${COUNTS} FROM work_items w INDEXED BY work_open_by_unit WHERE w.unit_id = ? AND w.closed_at IS NULL AND ${where.sql}`).get(...dates, u, ...where.params) as CountRow),
  ];
  addRows(out, each({ sql: '1', params: [] }), 1);
  if (!scope || out.incoming + out.task === 0) return out;
  // The secret side reads about two index entries per secret document, the filter one per open item.
  const n = out.incoming + out.task;
  const fewSecrets = () => (stmt(db, `SELECT COUNT(*) FROM (${SECRET_DOCS} LIMIT ?)`).pluck().get(Math.ceil(n / 3)) as number) < Math.ceil(n / 3);
  if ((how ?? (fewSecrets() ? 'subtract' : 'filter')) === 'filter') {
    return addRows({ incoming: 0, task: 0, overdue: 0, dueSoon: 0 }, each(visibleSql(scope)), 1);
  }
  const mine = `w.closed_at IS NULL AND (w.user_id IN (${marks(s.users.length)}) OR w.unit_id IN (${marks(s.units.length)}))`;
  const who = [...s.users, ...s.units];
  const hidden = stmt(
    db,
    `SELECT ${COUNTS} FROM work_items w INDEXED BY work_by_ref
       WHERE w.kind = 'incoming' AND w.ref_id IN (${SECRET_DOCS}) AND ${mine}
         AND NOT EXISTS (SELECT 1 FROM incoming_docs d WHERE d.id = w.ref_id AND ${scope.sql})
     UNION ALL
     SELECT ${COUNTS} FROM work_items w INDEXED BY work_by_ref
       WHERE w.kind = 'task' AND w.ref_id IN (SELECT t.id FROM tasks t WHERE t.incoming_id IN (${SECRET_DOCS})) AND ${mine}
         AND NOT EXISTS (SELECT 1 FROM incoming_docs d WHERE d.id = (SELECT t.incoming_id FROM tasks t WHERE t.id = w.ref_id) AND ${scope.sql})`,
  ).all(...dates, ...who, ...scope.params, ...dates, ...who, ...scope.params) as CountRow[];
  return addRows(out, hidden, -1);
}

export interface IncomingTitle {
  arrivalNumber: number;
  year: number;
  subject: string;
  sender: string;
}

export function incomingTitles(db: DB, ids: readonly number[]): Map<number, IncomingTitle> {
  if (!ids.length) return new Map();
  const rows = stmt(
    db,
    `SELECT d.id, d.arrival_number, d.year, d.subject, o.name AS sender FROM incoming_docs d JOIN organizations o ON o.id = d.sender_id WHERE d.id IN (${marks(ids.length)})`,
  ).all(...ids) as { id: number; arrival_number: number; year: number; subject: string; sender: string }[];
  return new Map(rows.map((r) => [r.id, { arrivalNumber: r.arrival_number, year: r.year, subject: r.subject, sender: r.sender }]));
}

export function taskTitles(db: DB, ids: readonly number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = stmt(db, `SELECT id, title FROM tasks WHERE id IN (${marks(ids.length)})`).all(...ids) as { id: number; title: string }[];
  return new Map(rows.map((r) => [r.id, r.title]));
}

export function unitNames(db: DB, ids: readonly number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = stmt(db, `SELECT id, name FROM units WHERE id IN (${marks(ids.length)})`).all(...ids) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function userNames(db: DB, ids: readonly number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = stmt(db, `SELECT id, full_name FROM users WHERE id IN (${marks(ids.length)})`).all(...ids) as { id: number; full_name: string }[];
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/**
 * The drafts submitted to a delegator, as the deputy may see them: a draft with độ mật only for a reader of secret
 * documents (scope/repo.ts draftScope's rule for them), over the drafts table's alias d.
 */
export function delegatedDraftScope(readsSecrets: boolean): Fragment {
  return readsSecrets ? { sql: '1', params: [] } : { sql: `coalesce(json_extract(d.model, '$.secrecy'), 'thuong') = 'thuong'`, params: [] };
}

/** Active accounts (the weekly digest's readers). */
export function activeUserIds(db: DB): number[] {
  return stmt(db, 'SELECT id FROM users WHERE active = 1 ORDER BY id').pluck().all() as number[];
}

/**
 * The records among `refIds` that are (incoming) or come from (a task taken from one) a document with độ mật, with
 * that document's id: a reminder about them goes only to who may read it.
 */
export function secretSources(db: DB, kind: WorkKind, refIds: readonly number[]): Map<number, number> {
  if (!refIds.length) return new Map();
  const sql =
    kind === 'incoming'
      ? `SELECT id AS ref, id AS doc FROM incoming_docs WHERE id IN (${marks(refIds.length)}) AND secrecy <> 'thuong'`
      : `SELECT t.id AS ref, d.id AS doc FROM tasks t JOIN incoming_docs d ON d.id = t.incoming_id WHERE t.id IN (${marks(refIds.length)}) AND d.secrecy <> 'thuong'`;
  const rows = stmt(db, sql).all(...refIds) as { ref: number; doc: number }[];
  return new Map(rows.map((r) => [r.ref, r.doc]));
}
