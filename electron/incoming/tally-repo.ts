import { stmt, type DB } from '../db/connection';

/**
 * SQL over the incoming register's tallies (migration 012): counts kept in the transaction of every write (a new
 * document by insertIncoming through the functions below, any later change by triggers), read here instead of
 * counting a million rows. Each tally carries độ mật: `plainOnly` counts only the documents
 * without one, for a reader of the registers who may not read secret documents.
 */

/** The counted columns of a new document (registered: chờ xử lý, no deadline yet). */
export interface TallyRow {
  status: string;
  urgency: string;
  secrecy: string;
  arrivalDate: string;
  bookId: number;
}

/** New documents' counts not written yet: a bulk import adds them once per batch, in its transaction. */
export interface PendingTallies {
  status: Map<string, number>;
  day: Map<string, number>;
}

export const pendingTallies = (): PendingTallies => ({ status: new Map(), day: new Map() });

export function addPending(p: PendingTallies, r: TallyRow): void {
  const s = JSON.stringify([r.status, r.urgency, r.secrecy]);
  const d = JSON.stringify([r.arrivalDate, r.bookId, r.secrecy, r.status]);
  p.status.set(s, (p.status.get(s) ?? 0) + 1);
  p.day.set(d, (p.day.get(d) ?? 0) + 1);
}

/** Writes the pending counts (same transaction as the inserts) and empties them. */
export function flushPending(db: DB, p: PendingTallies): void {
  const status = stmt(db,
    `INSERT INTO incoming_tally_status (status, urgency, secrecy, n) VALUES (?, ?, ?, ?)
     ON CONFLICT (status, urgency, secrecy) DO UPDATE SET n = n + excluded.n`,
  );
  for (const [k, n] of p.status) status.run(...(JSON.parse(k) as unknown[]), n);
  const day = stmt(db,
    `INSERT INTO incoming_tally_day (arrival_date, book_id, secrecy, status, n) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (arrival_date, book_id, secrecy, status) DO UPDATE SET n = n + excluded.n`,
  );
  for (const [k, n] of p.day) day.run(...(JSON.parse(k) as unknown[]), n);
  p.status.clear();
  p.day.clear();
}

export interface IncomingCounts {
  byStatus: Record<string, number>;
  overdue: number;
  registeredToday: number;
  thisYear: number;
  perMonth: number[];
  overdueByUnit: { unit: string; count: number }[];
  urgentPending: number;
}

const secrecyCond = (plainOnly: boolean) => (plainOnly ? `secrecy = 'thuong'` : '1');

export function tallyCounts(db: DB, today: string, year: number, plainOnly: boolean, unitLimit = 10): IncomingCounts {
  const sec = secrecyCond(plainOnly);
  const byStatus: Record<string, number> = {};
  for (const r of stmt(db, `SELECT status, SUM(n) AS n FROM incoming_tally_status WHERE ${sec} GROUP BY status`).all() as { status: string; n: number }[])
    byStatus[r.status] = r.n;
  const perMonth = new Array<number>(12).fill(0);
  const months = stmt(db,
    `SELECT CAST(substr(arrival_date, 6, 2) AS INTEGER) AS m, SUM(n) AS n FROM incoming_tally_day
     WHERE arrival_date >= ? AND arrival_date <= ? AND ${sec} GROUP BY m`,
  ).all(`${year}-01-01`, `${year}-12-31`) as { m: number; n: number }[];
  for (const r of months) perMonth[r.m - 1] = r.n;
  const sum = (sql: string, ...params: unknown[]) => (stmt(db, sql).pluck().get(...params) as number | null) ?? 0;
  return {
    byStatus,
    overdue: sum(`SELECT SUM(n) FROM incoming_tally_deadline WHERE deadline < ? AND ${sec}`, today),
    registeredToday: sum(`SELECT SUM(n) FROM incoming_tally_day WHERE arrival_date = ? AND ${sec}`, today),
    thisYear: perMonth.reduce((a, b) => a + b, 0),
    perMonth,
    overdueByUnit: stmt(db,
      `SELECT coalesce(nullif(lead, ''), 'Chưa giao') AS unit, SUM(n) AS count FROM incoming_tally_deadline
       WHERE deadline < ? AND ${sec} GROUP BY unit HAVING count > 0 ORDER BY count DESC, unit LIMIT ?`,
    ).all(today, unitLimit) as { unit: string; count: number }[],
    urgentPending: sum(`SELECT SUM(n) FROM incoming_tally_status WHERE status = 'cho-xu-ly' AND urgency <> 'thuong' AND ${sec}`),
  };
}

/** The filters the day tally can answer: by book, arrival dates and status (everything else needs the rows). */
export interface DayFilter {
  bookId?: number;
  from?: string;
  to?: string;
  status?: string;
}

function dayWhere(f: DayFilter): { sql: string; params: unknown[] } {
  const c: string[] = [];
  const p: unknown[] = [];
  if (f.bookId !== undefined) (c.push('book_id = ?'), p.push(f.bookId));
  if (f.from) (c.push('arrival_date >= ?'), p.push(f.from));
  if (f.to) (c.push('arrival_date <= ?'), p.push(f.to));
  if (f.status) (c.push('status = ?'), p.push(f.status));
  return { sql: c.length ? `WHERE ${c.join(' AND ')}` : '', params: p };
}

export function tallyTotal(db: DB, f: DayFilter): number {
  const w = dayWhere(f);
  return (stmt(db, `SELECT SUM(n) FROM incoming_tally_day ${w.sql}`).pluck().get(...w.params) as number | null) ?? 0;
}

/**
 * Where row `offset` of the register in arrival-date order falls: its day, and how many rows of that day come before
 * it. Walks the days (a few thousand at most), not the rows. Null when the register has fewer rows than that.
 */
export function tallySeek(db: DB, f: DayFilter, order: 'asc' | 'desc', offset: number): { day: string; skip: number } | null {
  const w = dayWhere(f);
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  let before = 0;
  for (const r of stmt(db, `SELECT arrival_date AS day, SUM(n) AS n FROM incoming_tally_day ${w.sql} GROUP BY arrival_date ORDER BY arrival_date ${dir}`).iterate(...w.params) as Iterable<{ day: string; n: number }>) {
    if (before + r.n > offset) return { day: r.day, skip: offset - before };
    before += r.n;
  }
  return null;
}
