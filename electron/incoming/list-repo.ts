import { stmt, type DB } from '../db/connection';
import type { IncomingStatus, Urgency } from '../../shared/domain/marks';
import { SELECT_ROW, type IncomingDbRow } from './repo';
import type { Fragment } from '../scope/repo';

const EVERY: Fragment = { sql: '1', params: [] };

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
}

const ORDER: Record<string, string> = {
  arrivalDate: 'd.arrival_date {dir}, d.id {dir}',
  arrivalNumber: 'd.year {dir}, d.arrival_number {dir}',
  docDate: 'd.doc_date {dir}, d.id {dir}',
  sender: 'd.sender_sort {dir}, d.id {dir}',
  subject: 'd.subject_sort {dir}, d.id {dir}',
};

function where(f: ListFilter): { sql: string; params: unknown[] } {
  const c: string[] = [];
  const p: unknown[] = [];
  if (f.bookId !== undefined) (c.push('d.book_id = ?'), p.push(f.bookId));
  if (f.from) (c.push('d.arrival_date >= ?'), p.push(f.from));
  if (f.to) (c.push('d.arrival_date <= ?'), p.push(f.to));
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

export function listRows(
  db: DB,
  f: ListFilter,
  sort: keyof typeof ORDER,
  order: 'asc' | 'desc',
  offset: number,
  limit: number,
): IncomingDbRow[] {
  const w = where(f);
  const orderBy = ORDER[sort].replaceAll('{dir}', order === 'asc' ? 'ASC' : 'DESC');
  return stmt(db, `${SELECT_ROW} ${w.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(...w.params, limit, offset) as IncomingDbRow[];
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

/** Routed documents of a book in a period, for the Sổ theo dõi giải quyết văn bản đến. */
export function followUpRows(db: DB, bookId: number, from: string, to: string, scope = EVERY): IncomingDbRow[] {
  return stmt(db, `${SELECT_ROW} WHERE d.book_id = ? AND d.arrival_date >= ? AND d.arrival_date <= ? AND d.lead IS NOT NULL AND ${scope.sql} ORDER BY d.year, d.arrival_number`)
    .all(bookId, from, to, ...scope.params) as IncomingDbRow[];
}
