import type { DB } from '../db/connection';
import type { DashboardFigures } from '../../shared/tasks/schemas';
import { LATE_SQL, OPEN_SQL, type TaskRecord } from './repo';

/**
 * SQL for the dashboards: a task counts for its lead (an account, or a unit) — total (not cancelled), done on time,
 * done late, open, and open past its deadline. Grouped over the lead columns migration 017 keeps on each task, through
 * its covering indexes: a unit's figures read that unit's index entries only, never a task row.
 */

type Figures = DashboardFigures & { id: number };

const FIGURES = (today: string) => ({
  sql: `count(*) AS total,
    sum(t.status = 'hoan-thanh' AND NOT ${LATE_SQL('t')}) AS onTime,
    sum(${LATE_SQL('t')}) AS late,
    sum(t.status IN ${OPEN_SQL}) AS open,
    sum(t.status IN ${OPEN_SQL} AND t.deadline < ?) AS overdue`,
  params: [today],
});

/** Tasks "of a year": due in it, or (no deadline) created in it. */
const yearSql = (year: number | null) =>
  year === null ? { sql: '', params: [] as unknown[] } : { sql: ' AND coalesce(t.deadline, substr(t.created_at, 1, 10)) BETWEEN ? AND ?', params: [`${year}-01-01`, `${year}-12-31`] };

/** Figures per lead account or per lead unit (the unit itself named as lead): all of them, or those listed. */
function figuresByLead(db: DB, column: 'lead_user_id' | 'lead_unit_id', ids: readonly number[] | null, year: number | null, today: string): Figures[] {
  const f = FIGURES(today);
  const y = yearSql(year);
  const only = ids === null ? '' : ` AND t.${column} IN (SELECT value FROM json_each(?))`;
  return db
    .prepare(`SELECT t.${column} AS id, ${f.sql} FROM tasks t WHERE t.${column} IS NOT NULL${only} AND t.status <> 'huy'${y.sql} GROUP BY t.${column}`)
    .all(...f.params, ...(ids === null ? [] : [JSON.stringify(ids)]), ...y.params) as Figures[];
}

/** Figures per lead account (all of them, or those listed). */
export const figuresByLeadUser = (db: DB, userIds: readonly number[] | null, year: number | null, today: string): Figures[] => figuresByLead(db, 'lead_user_id', userIds, year, today);

/** Figures per lead unit (the unit itself named as lead). */
export const figuresByLeadUnit = (db: DB, unitIds: readonly number[] | null, year: number | null, today: string): Figures[] => figuresByLead(db, 'lead_unit_id', unitIds, year, today);

export function unitsWithMembers(db: DB): { id: number; name: string; head: number | null; members: number[] }[] {
  const units = db.prepare('SELECT id, name, head_user_id AS head FROM units WHERE removed_at IS NULL ORDER BY name COLLATE NOCASE, id').all() as { id: number; name: string; head: number | null }[];
  const members = db.prepare('SELECT unit_id, user_id FROM unit_members').all() as { unit_id: number; user_id: number }[];
  return units.map((u) => ({ ...u, members: members.filter((m) => m.unit_id === u.id).map((m) => m.user_id) }));
}

export function peopleNames(db: DB, ids: readonly number[]): Map<number, string> {
  const rows = db.prepare('SELECT id, full_name FROM users WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; full_name: string }[];
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** A plan's tasks, for its burn chart. */
export function planTimeline(db: DB, outgoingId: number): Pick<TaskRecord, 'created_at' | 'finished_at' | 'deadline' | 'status'>[] {
  return db.prepare("SELECT created_at, finished_at, deadline, status FROM tasks WHERE outgoing_id = ? AND parent_id IS NULL AND status <> 'huy'").all(outgoingId) as Pick<
    TaskRecord,
    'created_at' | 'finished_at' | 'deadline' | 'status'
  >[];
}
