import { stmt, type DB } from '../db/connection';
import type { IncomingStatus, Urgency } from '../../shared/domain/marks';
import { SELECT_ROW, type IncomingDbRow } from './repo';
import type { Fragment } from '../scope/repo';

const EVERY: Fragment = { sql: '1', params: [] };

/** The documents with độ mật, through their partial index (migration 012): a few among a million. */
export const SECRET_ONLY: Fragment = { sql: `d.id IN (SELECT id FROM incoming_docs INDEXED BY incoming_secret WHERE secrecy <> 'thuong')`, params: [] };

/** SQL for the register view: filtered, sorted, paged. Every filter is a bound parameter. */
export interface ListFilter {
  bookId?: number;
  from?: string;
  to?: string;
  senderId?: number;
  docType?: string;
  status?: IncomingStatus;
  urgency?: Urgency;
  overdueBefore?: string;
  ftsMatch?: string;
  /** What the caller may read (scope/repo.ts). */
  scope?: Fragment;
  /**
   * The read rule is tested row by row while the sort's index is walked (scope/repo.ts pagedIncoming): the date range
   * is marked as holding for most rows, or the planner (at a million rows) reads the whole range to test it first.
   */
  walk?: boolean;
}

/**
 * Each sort's key, ending in the id so that it is unique: the order of the rows, and the position keyset paging
 * continues from. Every key is the column list of an index (an index ends in the rowid).
 */
const KEYS = {
  arrivalDate: ['d.arrival_date', 'd.id'],
  arrivalNumber: ['d.year', 'd.arrival_number', 'd.id'],
  docDate: ['d.doc_date', 'd.id'],
  sender: ['d.sender_sort', 'd.id'],
  subject: ['d.subject_sort', 'd.id'],
} as const;
export type SortField = keyof typeof KEYS;
export type SortKey = (string | number)[];

/** A row's position in a sort, as keyset paging takes it back. */
export function sortKeyOf(r: IncomingDbRow, sort: SortField): SortKey {
  switch (sort) {
    case 'arrivalDate':
      return [r.arrival_date, r.id];
    case 'arrivalNumber':
      return [r.year, r.arrival_number, r.id];
    case 'docDate':
      return [r.doc_date, r.id];
    case 'sender':
      return [r.sender_sort, r.id];
    case 'subject':
      return [r.subject_sort, r.id];
  }
}

export const sortKeyLength = (sort: SortField): number => KEYS[sort].length;

function where(f: ListFilter): { sql: string; params: unknown[] } {
  const c: string[] = [];
  const p: unknown[] = [];
  if (f.bookId !== undefined) (c.push('d.book_id = ?'), p.push(f.bookId));
  const range = (sql: string) => (f.walk ? `likely(${sql})` : sql);
  if (f.from) (c.push(range('d.arrival_date >= ?')), p.push(f.from));
  if (f.to) (c.push(range('d.arrival_date <= ?')), p.push(f.to));
  if (f.senderId !== undefined) (c.push('d.sender_id = ?'), p.push(f.senderId));
  if (f.docType) (c.push('d.doc_type = ?'), p.push(f.docType));
  if (f.status) (c.push('d.status = ?'), p.push(f.status));
  if (f.urgency) (c.push('d.urgency = ?'), p.push(f.urgency));
  if (f.overdueBefore) {
    c.push(`d.status IN ('cho-xu-ly', 'dang-xu-ly') AND d.deadline IS NOT NULL AND d.deadline < ?`);
    p.push(f.overdueBefore);
  }
  if (f.ftsMatch) (c.push('d.id IN (SELECT rowid FROM incoming_fts WHERE incoming_fts MATCH ?)'), p.push(f.ftsMatch));
  if (f.scope && f.scope.sql !== '1') (c.push(f.scope.sql), p.push(...f.scope.params));
  return { sql: c.length ? `WHERE ${c.join(' AND ')}` : '', params: p };
}

/**
 * One page of the register. With `after` (or `before`) the page starts just after (ends just before) that position in
 * the sort: an index seek, as fast at row 900,000 as at row 1. `offset` skips rows first (from the start or from the
 * key); skipped rows are walked in the sort's index only, and the page's own rows are then read in full.
 */
export interface PageRequest {
  offset: number;
  limit: number;
  after?: SortKey;
  before?: SortKey;
}

/** The statement of one page (listRows); `backwards` when its rows come last-first and must be turned round. */
export function listSql(f: ListFilter, sort: SortField, order: 'asc' | 'desc', page: PageRequest): { sql: string; params: unknown[]; backwards: boolean } {
  const w = where(f);
  const cols = KEYS[sort];
  const backwards = page.before !== undefined;
  const dir = (order === 'desc') !== backwards ? 'DESC' : 'ASC';
  const key = page.after ?? page.before;
  let sql = w.sql;
  const params = [...w.params];
  if (key) {
    const seek = `(${cols.join(', ')}) ${dir === 'DESC' ? '<' : '>'} (${cols.map(() => '?').join(', ')})`;
    sql = sql ? `${sql} AND ${seek}` : `WHERE ${seek}`;
    params.push(...key);
  }
  const orderBy = cols.map((c) => `${c} ${dir}`).join(', ');
  // Skipped rows are walked in the sort's index only; the page's rows are then read in full.
  if (page.offset > 0) {
    return {
      sql: `${SELECT_ROW} WHERE d.id IN (SELECT d.id FROM incoming_docs d ${sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?) ORDER BY ${orderBy}`,
      params: [...params, page.limit, page.offset],
      backwards,
    };
  }
  return { sql: `${SELECT_ROW} ${sql} ORDER BY ${orderBy} LIMIT ?`, params: [...params, page.limit], backwards };
}

/**
 * One page of the register. With `after` (or `before`) the page starts just after (ends just before) that position in
 * the sort: an index seek, as fast at row 900,000 as at row 1. `offset` skips rows first (from the start or from the
 * key).
 */
export function listRows(db: DB, f: ListFilter, sort: SortField, order: 'asc' | 'desc', page: PageRequest): IncomingDbRow[] {
  const q = listSql(f, sort, order, page);
  const rows = stmt(db, q.sql).all(...q.params) as IncomingDbRow[];
  return q.backwards ? rows.reverse() : rows;
}

export function countRows(db: DB, f: ListFilter): number {
  const w = where(f);
  return stmt(db, `SELECT COUNT(*) FROM incoming_docs d ${w.sql}`).pluck().get(...w.params) as number;
}

export function statusCounts(db: DB, scope = EVERY): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of stmt(db, `SELECT d.status, COUNT(*) AS n FROM incoming_docs d WHERE ${scope.sql} GROUP BY d.status`).all(...scope.params) as { status: string; n: number }[])
    out[r.status] = r.n;
  return out;
}

export function countOverdue(db: DB, today: string, scope = EVERY): number {
  return stmt(db, 
      `SELECT COUNT(*) FROM incoming_docs d WHERE d.status IN ('cho-xu-ly', 'dang-xu-ly') AND d.deadline IS NOT NULL AND d.deadline < ? AND ${scope.sql}`,
    )
    .pluck()
    .get(today, ...scope.params) as number;
}

export function countArrivedBetween(db: DB, from: string, to: string, scope = EVERY): number {
  return stmt(db, `SELECT COUNT(*) FROM incoming_docs d WHERE d.arrival_date >= ? AND d.arrival_date <= ? AND ${scope.sql}`).pluck().get(from, to, ...scope.params) as number;
}

export function perMonth(db: DB, year: number, scope = EVERY): number[] {
  const out = new Array<number>(12).fill(0);
  const rows = stmt(db, 
      `SELECT CAST(substr(d.arrival_date, 6, 2) AS INTEGER) AS m, COUNT(*) AS n FROM incoming_docs d
       WHERE d.arrival_date >= ? AND d.arrival_date <= ? AND ${scope.sql} GROUP BY m`,
    )
    .all(`${year}-01-01`, `${year}-12-31`, ...scope.params) as { m: number; n: number }[];
  for (const r of rows) out[r.m - 1] = r.n;
  return out;
}

export function countUrgentPending(db: DB, scope = EVERY): number {
  return stmt(db, `SELECT COUNT(*) FROM incoming_docs d WHERE d.status = 'cho-xu-ly' AND d.urgency <> 'thuong' AND ${scope.sql}`)
    .pluck()
    .get(...scope.params) as number;
}

/** Rows for the printed register book, in số đến order. */
export function bookRows(db: DB, bookId: number, from: string, to: string, scope = EVERY): IncomingDbRow[] {
  return stmt(db, `${SELECT_ROW} WHERE d.book_id = ? AND d.arrival_date >= ? AND d.arrival_date <= ? AND ${scope.sql} ORDER BY d.year, d.arrival_number`)
    .all(bookId, from, to, ...scope.params) as IncomingDbRow[];
}

/** Open documents past their deadline per lead unit or person (the dashboard's "quá hạn theo đơn vị"). */
export function overdueByLead(db: DB, today: string, limit = 10, scope = EVERY): { unit: string; count: number }[] {
  return stmt(db,
    `SELECT coalesce(nullif(d.lead, ''), 'Chưa giao') AS unit, COUNT(*) AS count FROM incoming_docs d
     WHERE d.status IN ('cho-xu-ly', 'dang-xu-ly') AND d.deadline IS NOT NULL AND d.deadline < ? AND ${scope.sql} GROUP BY unit ORDER BY count DESC, unit LIMIT ?`,
  ).all(today, ...scope.params, limit) as { unit: string; count: number }[];
}

/**
 * Routed documents of a book in a period, for the Sổ theo dõi giải quyết văn bản đến, with the số, ký hiệu of the reply
 * the document was finished with (its last finish step).
 */
export function followUpRows(db: DB, bookId: number, from: string, to: string, scope = EVERY): (IncomingDbRow & { reply_ref: string | null })[] {
  const reply = `(SELECT g.ref FROM incoming_steps s JOIN outgoing_docs g ON g.id = s.reply_outgoing_id
    WHERE s.doc_id = d.id AND s.kind = 'finish' AND s.id = (SELECT max(id) FROM incoming_steps WHERE doc_id = d.id AND kind = 'finish')) AS reply_ref`;
  return stmt(db, `${SELECT_ROW.replace('FROM incoming_docs d', `, ${reply} FROM incoming_docs d`)} WHERE d.book_id = ? AND d.arrival_date >= ? AND d.arrival_date <= ? AND d.lead IS NOT NULL AND ${scope.sql} ORDER BY d.year, d.arrival_number`)
    .all(bookId, from, to, ...scope.params) as (IncomingDbRow & { reply_ref: string | null })[];
}
