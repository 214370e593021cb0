import { stmt, type DB } from '../db/connection';
import { OFFICE_SOURCE } from '../../shared/hoso/retention-tt10';

/** SQL of the table of thời hạn bảo quản (retention_periods, migration 016). */

export interface RetentionDbRow {
  id: number;
  code: string;
  group_no: number;
  group_name: string;
  title: string;
  years: number | null;
  source: 'TT10/2022' | 'Cơ quan bổ sung';
  base_id: number | null;
  base_code: string | null;
  min_years: number | null;
  min_permanent: number;
}

const SELECT = `SELECT r.id, r.code, r.group_no, r.group_name, r.title, r.years, r.source, r.base_id, b.code AS base_code, r.min_years, r.min_permanent
  FROM retention_periods r LEFT JOIN retention_periods b ON b.id = r.base_id`;

export function listRetention(db: DB): RetentionDbRow[] {
  // The circular's groups in order, each group's rows by their code's number ("1.2" before "1.10").
  return stmt(db, `${SELECT} ORDER BY r.group_no, r.source DESC, CAST(substr(r.code, instr(r.code, '.') + 1) AS INTEGER), r.code, r.id`).all() as RetentionDbRow[];
}

export function retentionById(db: DB, id: number): RetentionDbRow | undefined {
  return stmt(db, `${SELECT} WHERE r.id = ?`).get(id) as RetentionDbRow | undefined;
}

export function retentionByCode(db: DB, code: string): RetentionDbRow | undefined {
  return stmt(db, `${SELECT} WHERE r.code = ? COLLATE NOCASE`).get(code.trim()) as RetentionDbRow | undefined;
}

/** The next free office code, CQ.<n>. */
export function nextOfficeCode(db: DB): string {
  const n = stmt(db, `SELECT count(*) FROM retention_periods WHERE source = '${OFFICE_SOURCE}'`).pluck().get() as number;
  for (let i = n + 1; ; i++) if (!retentionByCode(db, `CQ.${i}`)) return `CQ.${i}`;
}

export function insertRetention(
  db: DB,
  r: { code: string; group: number; groupName: string; title: string; titleFolded: string; years: number | null; baseId: number | null; minYears: number | null; minPermanent: boolean },
  now: string,
): number {
  return Number(
    stmt(db,
      `INSERT INTO retention_periods (code, group_no, group_name, title, title_folded, years, source, base_id, min_years, min_permanent, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '${OFFICE_SOURCE}', ?, ?, ?, ?, ?)`,
    ).run(r.code, r.group, r.groupName, r.title, r.titleFolded, r.years, r.baseId, r.minYears, r.minPermanent ? 1 : 0, now, now).lastInsertRowid,
  );
}

export function updateRetention(db: DB, id: number, r: { title: string; titleFolded: string; years: number | null }, now: string): void {
  stmt(db, 'UPDATE retention_periods SET title = ?, title_folded = ?, years = ?, updated_at = ? WHERE id = ?').run(r.title, r.titleFolded, r.years, now, id);
}

/** Open hồ sơ of a row take its new period (closed ones keep the period they were closed with). */
export function followRetention(db: DB, id: number, years: number | null, now: string): number {
  return stmt(db, `UPDATE hoso SET retention_years = ?, updated_at = ? WHERE retention_id = ? AND status = 'mo'`).run(years, now, id).changes;
}

export function groupName(db: DB, group: number): string | undefined {
  return stmt(db, 'SELECT group_name FROM retention_periods WHERE group_no = ? ORDER BY id LIMIT 1').pluck().get(group) as string | undefined;
}
