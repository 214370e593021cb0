import { stmt, type DB } from '../db/connection';
import type { CalendarExceptions } from '../../shared/calendar/workdays';

/** SQL for the office's calendar of days off and days worked (migration 015). */

export function calendarExceptions(db: DB): CalendarExceptions {
  const rows = stmt(db, 'SELECT day, kind FROM calendar_days').all() as { day: string; kind: 'nghi' | 'lam-bu' }[];
  return { off: new Set(rows.filter((r) => r.kind === 'nghi').map((r) => r.day)), worked: new Set(rows.filter((r) => r.kind === 'lam-bu').map((r) => r.day)) };
}

export interface CalendarRow {
  day: string;
  kind: 'nghi' | 'lam-bu';
  name: string;
}

export function calendarYear(db: DB, year: number): CalendarRow[] {
  return stmt(db, 'SELECT day, kind, name FROM calendar_days WHERE day >= ? AND day <= ? ORDER BY day').all(`${year}-01-01`, `${year}-12-31`) as CalendarRow[];
}

export function calendarDay(db: DB, day: string): CalendarRow | undefined {
  return stmt(db, 'SELECT day, kind, name FROM calendar_days WHERE day = ?').get(day) as CalendarRow | undefined;
}

export function upsertCalendarDay(db: DB, d: CalendarRow, now: string): void {
  stmt(db, 'INSERT INTO calendar_days (day, kind, name, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, updated_at = excluded.updated_at').run(
    d.day,
    d.kind,
    d.name,
    now,
  );
}

export function deleteCalendarDay(db: DB, day: string): boolean {
  return stmt(db, 'DELETE FROM calendar_days WHERE day = ?').run(day).changes === 1;
}
