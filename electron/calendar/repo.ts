import { stmt, type DB } from '../db/connection';
import type { CalendarExceptions } from '../../shared/calendar/workdays';

/** SQL for the office's calendar of days off and days worked (migration 015). */

export function calendarExceptions(db: DB): CalendarExceptions {
  const rows = stmt(db, 'SELECT day, kind FROM calendar_days').all() as { day: string; kind: 'nghi' | 'lam-bu' }[];
  return { off: new Set(rows.filter((r) => r.kind === 'nghi').map((r) => r.day)), worked: new Set(rows.filter((r) => r.kind === 'lam-bu').map((r) => r.day)) };
}
