import { stmt, type DB } from '../db/connection';
import type { Fragment, Viewer } from '../scope/repo';
import type { HosoDocKind, HosoRights, HosoStatus } from '../../shared/hoso/schemas';

/** SQL of hồ sơ công việc and their documents (migration 016). */

export interface HosoRow {
  id: number;
  year: number;
  code: string;
  title: string;
  retention_id: number | null;
  retention_years: number | null;
  owner_id: number;
  unit_id: number | null;
  rights: HosoRights;
  language: string;
  description: string | null;
  status: HosoStatus;
  start_date: string | null;
  end_date: string | null;
  doc_total: number | null;
  page_total: number | null;
  closed_at: string | null;
  handed_over_at: string | null;
  package_sha256: string | null;
  disposal_requested_at: string | null;
  disposal_requested_by: number | null;
  disposal_reason: string | null;
  destroyed_at: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  owner_name: string;
  unit_name: string | null;
  r_code: string | null;
  r_title: string | null;
  requester_name: string | null;
  doc_count: number;
}

const SELECT = `SELECT h.*, o.full_name AS owner_name, un.name AS unit_name, r.code AS r_code, r.title AS r_title,
    q.full_name AS requester_name, (SELECT count(*) FROM hoso_docs x WHERE x.hoso_id = h.id) AS doc_count
  FROM hoso h JOIN users o ON o.id = h.owner_id LEFT JOIN units un ON un.id = h.unit_id
  LEFT JOIN retention_periods r ON r.id = h.retention_id LEFT JOIN users q ON q.id = h.disposal_requested_by`;

/**
 * Who sees a hồ sơ: the văn thư and the lãnh đạo (the registers' readers), its người lập, whoever created it, the
 * members and the head of its unit. Its documents are then listed only as far as the reader may read each one.
 */
export function hosoScope(v: Viewer | null, a = 'h'): Fragment {
  if (!v || v.registers) return { sql: '1', params: [] };
  const u = v.userId;
  return {
    sql: `(${a}.owner_id = ? OR ${a}.created_by = ? OR ${a}.unit_id IN (SELECT m.unit_id FROM unit_members m WHERE m.user_id = ?)
      OR ${a}.unit_id IN (SELECT un2.id FROM units un2 WHERE un2.head_user_id = ?))`,
    params: [u, u, u, u],
  };
}

export function getHoso(db: DB, id: number, scope?: Fragment): HosoRow | undefined {
  const f = scope ?? { sql: '1', params: [] };
  return stmt(db, `${SELECT} WHERE h.id = ? AND ${f.sql}`).get(id, ...f.params) as HosoRow | undefined;
}

export function listHoso(db: DB, q: { year?: number; status?: HosoStatus; scope: Fragment; limit: number }): HosoRow[] {
  const where = [q.scope.sql];
  const args: unknown[] = [...q.scope.params];
  if (q.year !== undefined) (where.push('h.year = ?'), args.push(q.year));
  if (q.status !== undefined) (where.push('h.status = ?'), args.push(q.status));
  return db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY h.year DESC, h.code_folded, h.id LIMIT ?`).all(...args, q.limit) as HosoRow[];
}

export function hosoIdByCode(db: DB, year: number, codeFolded: string): number | undefined {
  return stmt(db, 'SELECT id FROM hoso WHERE year = ? AND code_folded = ?').pluck().get(year, codeFolded) as number | undefined;
}

export interface HosoFields {
  year: number;
  code: string;
  codeFolded: string;
  title: string;
  retentionId: number | null;
  retentionYears: number | null;
  ownerId: number;
  unitId: number | null;
  rights: HosoRights;
  description: string | null;
}

export function insertHoso(db: DB, f: HosoFields, createdBy: number, now: string): number {
  return Number(
    stmt(db,
      `INSERT INTO hoso (year, code, code_folded, title, retention_id, retention_years, owner_id, unit_id, rights, description, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(f.year, f.code, f.codeFolded, f.title, f.retentionId, f.retentionYears, f.ownerId, f.unitId, f.rights, f.description, createdBy, now, now).lastInsertRowid,
  );
}

export function updateHoso(db: DB, id: number, f: Omit<HosoFields, 'year'>, now: string): void {
  stmt(db,
    `UPDATE hoso SET code = ?, code_folded = ?, title = ?, retention_id = ?, retention_years = ?, owner_id = ?, unit_id = ?, rights = ?,
       description = ?, updated_at = ? WHERE id = ?`,
  ).run(f.code, f.codeFolded, f.title, f.retentionId, f.retentionYears, f.ownerId, f.unitId, f.rights, f.description, now, id);
}

export function touch(db: DB, id: number, now: string): void {
  stmt(db, 'UPDATE hoso SET updated_at = ? WHERE id = ?').run(now, id);
}

// ---- documents ----

export interface DocRef {
  kind: HosoDocKind;
  refId: number;
}

export function docsOf(db: DB, hosoId: number): DocRef[] {
  return (stmt(db, 'SELECT kind, ref_id FROM hoso_docs WHERE hoso_id = ? ORDER BY pos, id').all(hosoId) as { kind: HosoDocKind; ref_id: number }[]).map((r) => ({ kind: r.kind, refId: r.ref_id }));
}

/** The hồ sơ a document is in (ND30: at most one). */
export function hosoOfDoc(db: DB, kind: HosoDocKind, refId: number): number | undefined {
  return stmt(db, 'SELECT hoso_id FROM hoso_docs WHERE kind = ? AND ref_id = ?').pluck().get(kind, refId) as number | undefined;
}

export function insertDoc(db: DB, hosoId: number, d: DocRef, userId: number, now: string): void {
  const pos = ((stmt(db, 'SELECT max(pos) FROM hoso_docs WHERE hoso_id = ?').pluck().get(hosoId) as number | null) ?? 0) + 1;
  stmt(db, 'INSERT INTO hoso_docs (hoso_id, kind, ref_id, pos, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)').run(hosoId, d.kind, d.refId, pos, userId, now);
}

export function deleteDoc(db: DB, hosoId: number, d: DocRef): boolean {
  return stmt(db, 'DELETE FROM hoso_docs WHERE hoso_id = ? AND kind = ? AND ref_id = ?').run(hosoId, d.kind, d.refId).changes === 1;
}

export function setOrder(db: DB, hosoId: number, order: readonly DocRef[]): void {
  const set = stmt(db, 'UPDATE hoso_docs SET pos = ? WHERE hoso_id = ? AND kind = ? AND ref_id = ?');
  order.forEach((d, i) => set.run(i + 1, hosoId, d.kind, d.refId));
}

// ---- states ----

export function setClosed(db: DB, id: number, c: { startDate: string | null; endDate: string | null; docTotal: number; pageTotal: number }, userId: number, now: string): void {
  stmt(db,
    `UPDATE hoso SET status = 'dong', start_date = ?, end_date = ?, doc_total = ?, page_total = ?, closed_at = ?, closed_by = ?, updated_at = ?
     WHERE id = ? AND status = 'mo'`,
  ).run(c.startDate, c.endDate, c.docTotal, c.pageTotal, now, userId, now, id);
}

/** Reopened, a hồ sơ also loses a pending disposal request: one made before documents were added is not approved for them. */
export function setReopened(db: DB, id: number, now: string): void {
  stmt(db,
    `UPDATE hoso SET status = 'mo', start_date = NULL, end_date = NULL, doc_total = NULL, page_total = NULL, closed_at = NULL, closed_by = NULL,
       disposal_requested_at = NULL, disposal_requested_by = NULL, disposal_reason = NULL, updated_at = ? WHERE id = ? AND status = 'dong'`,
  ).run(now, id);
}

/** False when the hồ sơ is no longer closed and waiting (handed over or reopened meanwhile). */
export function setHandedOver(db: DB, id: number, sha256: string, userId: number, now: string): boolean {
  return stmt(db, `UPDATE hoso SET status = 'nop-luu', handed_over_at = ?, handed_over_by = ?, package_sha256 = ?, updated_at = ? WHERE id = ? AND status = 'dong'`)
    .run(now, userId, sha256, now, id).changes === 1;
}

export function setDisposalRequested(db: DB, id: number, userId: number, reason: string, now: string): void {
  stmt(db, 'UPDATE hoso SET disposal_requested_at = ?, disposal_requested_by = ?, disposal_reason = ?, updated_at = ? WHERE id = ?').run(now, userId, reason, now, id);
}

export function setDestroyed(db: DB, id: number, userId: number, now: string): void {
  stmt(db, `UPDATE hoso SET status = 'huy', destroyed_at = ?, destroyed_by = ?, updated_at = ? WHERE id = ? AND status IN ('dong', 'nop-luu')`).run(now, userId, now, id);
}

/** Closed hồ sơ not handed over, closed before `before` (an instant), oldest first. */
export function closedNotHandedOver(db: DB, before: string, scope: Fragment): HosoRow[] {
  return db.prepare(`${SELECT} WHERE h.status = 'dong' AND h.closed_at < ? AND ${scope.sql} ORDER BY h.closed_at, h.id`).all(before, ...scope.params) as HosoRow[];
}

export function hosoByPackage(db: DB, sha256: string): { id: number; code: string; handed_over_at: string } | undefined {
  return stmt(db, 'SELECT id, code, handed_over_at FROM hoso WHERE package_sha256 = ?').get(sha256) as { id: number; code: string; handed_over_at: string } | undefined;
}

/** The accounts holding a role, active (the lãnh đạo told of a proposed disposal). */
export function activeWithRole(db: DB, role: string): number[] {
  return stmt(db, `SELECT u.id FROM users u WHERE u.active = 1 AND EXISTS (SELECT 1 FROM json_each(u.roles) r WHERE r.value = ?) ORDER BY u.id`).pluck().all(role) as number[];
}

/** The unit an account belongs to (or heads), the first by name: a new hồ sơ's unit. */
export function unitOfUser(db: DB, userId: number): number | undefined {
  return stmt(db,
    `SELECT un.id FROM units un WHERE un.removed_at IS NULL AND (un.head_user_id = ? OR un.id IN (SELECT unit_id FROM unit_members WHERE user_id = ?)) ORDER BY un.name, un.id LIMIT 1`,
  ).pluck().get(userId, userId) as number | undefined;
}

export function unitExists(db: DB, id: number): boolean {
  return stmt(db, 'SELECT 1 FROM units WHERE id = ? AND removed_at IS NULL').pluck().get(id) === 1;
}
