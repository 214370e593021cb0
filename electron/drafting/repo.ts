import type { DB } from '../db/connection';
import { stmt } from '../db/connection';
import { nextUpdatedAt } from '../db/stamps';
import type { Fragment } from '../scope/repo';
import type { DraftDocument } from '../../shared/drafting/model';
import type { DraftSummary } from '../../shared/drafting/schemas';
import type { Correction, DraftStatus } from '../../shared/outgoing/schemas';

/**
 * SQL of the drafting domain: every statement on the `drafts` table. Drafts are stored as their validated model with
 * the state columns other domains set through these functions (the outgoing workflow moves `status`, `version`,
 * `reviewer_id`, `signed_sha256`); drafting itself attaches no meaning to them beyond "may the drafter still edit".
 */

export interface DraftRow {
  id: number;
  status: DraftStatus;
  version: number;
  owner_id: number | null;
  reviewer_id: number | null;
  signed_sha256: string | null;
  corrects_id: number | null;
  correction: Correction | null;
  model: string;
}

export function insertDraft(db: DB, d: DraftDocument, now: string, ownerId: number | null, link: { correctsId: number; correction: string } | null = null): number {
  return Number(
    stmt(db, 'INSERT INTO drafts (profile, doc_type, subject, model, created_at, updated_at, owner_id, corrects_id, correction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(d.profile, d.docType, d.subject, JSON.stringify(d), now, now, ownerId, link?.correctsId ?? null, link?.correction ?? null).lastInsertRowid,
  );
}

export function updateDraft(db: DB, id: number, d: DraftDocument, now: string): boolean {
  return stmt(db, `UPDATE drafts SET profile = ?, doc_type = ?, subject = ?, model = ?, updated_at = ${nextUpdatedAt()} WHERE id = ?`).run(d.profile, d.docType, d.subject, JSON.stringify(d), now, id).changes === 1;
}

export function getDraftRow(db: DB, id: number): { summary: DraftSummary; model: unknown } | null {
  const model = stmt(db, 'SELECT model FROM drafts WHERE id = ?').pluck().get(id) as string | undefined;
  const summary = model === undefined ? undefined : draftSummary(db, id);
  return summary ? { summary, model: JSON.parse(model!) } : null;
}

export function deleteDraft(db: DB, id: number): boolean {
  return stmt(db, 'DELETE FROM drafts WHERE id = ?').run(id).changes === 1;
}

export function draftRow(db: DB, id: number): DraftRow | undefined {
  return stmt(db, 'SELECT id, status, version, owner_id, reviewer_id, signed_sha256, corrects_id, correction, model FROM drafts WHERE id = ?').get(id) as
    | DraftRow
    | undefined;
}

/** Sets the state columns; a field left out keeps its value. */
export function setDraftState(db: DB, id: number, w: { status: DraftStatus; version?: number; reviewerId?: number | null; signedSha256?: string | null }, now: string): void {
  stmt(db,
    `UPDATE drafts SET status = ?, version = coalesce(?, version),
       reviewer_id = CASE WHEN ? THEN ? ELSE reviewer_id END,
       signed_sha256 = CASE WHEN ? THEN ? ELSE signed_sha256 END, updated_at = ${nextUpdatedAt()} WHERE id = ?`,
  ).run(
    w.status,
    w.version ?? null,
    w.reviewerId !== undefined ? 1 : 0,
    w.reviewerId ?? null,
    w.signedSha256 !== undefined ? 1 : 0,
    w.signedSha256 ?? null,
    now,
    id,
  );
}

/** Gives an ownerless draft (made before accounts existed) to a user; an owned draft keeps its owner. */
export function claimOwner(db: DB, id: number, userId: number): void {
  stmt(db, 'UPDATE drafts SET owner_id = ? WHERE id = ? AND owner_id IS NULL').run(userId, id);
}

/** Replaces the model alone (the profile and type stay), e.g. with the number and date given at issuance. */
export function setDraftModel(db: DB, id: number, d: DraftDocument, now: string): void {
  stmt(db, `UPDATE drafts SET model = ?, subject = ?, updated_at = ${nextUpdatedAt()} WHERE id = ?`).run(JSON.stringify(d), d.subject, now, id);
}

// The register's số/ký hiệu of an issued draft is read from outgoing_docs by draft_id: the one read of another
// domain's table here, kept in SQL so that a list of drafts stays one query.
const SUMMARY_SQL = `SELECT d.id, d.profile, d.doc_type, d.subject, d.created_at, d.updated_at, d.status, d.version, d.owner_id,
    o.full_name AS owner_name, r.full_name AS reviewer_name,
    (SELECT g.ref FROM outgoing_docs g WHERE g.draft_id = d.id AND g.status IN ('issuing', 'issued')) AS ref
  FROM drafts d LEFT JOIN users o ON o.id = d.owner_id LEFT JOIN users r ON r.id = d.reviewer_id`;

interface SummaryRow {
  id: number;
  profile: 'state' | 'party';
  doc_type: string;
  subject: string;
  created_at: string;
  updated_at: string;
  status: DraftStatus;
  version: number;
  owner_id: number | null;
  owner_name: string | null;
  reviewer_name: string | null;
  ref: string | null;
}

const toSummary = (r: SummaryRow): DraftSummary => ({
  id: r.id,
  profile: r.profile,
  docType: r.doc_type,
  subject: r.subject,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  status: r.status,
  version: r.version,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  reviewerName: r.reviewer_name,
  ref: r.ref,
});

export function draftSummary(db: DB, id: number): DraftSummary | undefined {
  const r = stmt(db, `${SUMMARY_SQL} WHERE d.id = ?`).get(id) as SummaryRow | undefined;
  return r && toSummary(r);
}

/** One condition on drafts: in one of these statuses, and (when given) of this owner or submitted to this reviewer. */
export interface DraftCondition {
  statuses: readonly DraftStatus[];
  ownerId?: number;
  reviewerId?: number;
}

/** A WHERE clause matching any of the conditions (all drafts when null). */
function whereAny(anyOf: readonly DraftCondition[] | null): { sql: string; args: (string | number)[] } {
  if (anyOf === null) return { sql: '', args: [] };
  if (anyOf.length === 0) return { sql: 'WHERE 0', args: [] };
  const args: (string | number)[] = [];
  const parts = anyOf.map((c) => {
    const terms: string[] = [];
    if (c.reviewerId !== undefined) (terms.push('d.reviewer_id = ?'), args.push(c.reviewerId));
    if (c.ownerId !== undefined) (terms.push('d.owner_id = ?'), args.push(c.ownerId));
    terms.push(`d.status IN (${c.statuses.map(() => '?').join(', ')})`);
    args.push(...c.statuses);
    return `(${terms.join(' AND ')})`;
  });
  return { sql: `WHERE ${parts.join(' OR ')}`, args };
}

/** Drafts matching any of the conditions, most recently changed first. */
/** The conditions and the read scope (scope/repo.ts) in one WHERE clause, with its arguments in order. */
function whereScoped(anyOf: readonly DraftCondition[] | null, scope: Fragment | undefined): { sql: string; args: unknown[] } {
  const w = whereAny(anyOf);
  const s = scope && scope.sql !== '1' ? scope : undefined;
  if (!s) return w;
  // whereAny joins its conditions with OR: wrapped, so that the scope applies to all of them.
  return { sql: w.sql ? `WHERE (${w.sql.slice('WHERE '.length)}) AND ${s.sql}` : `WHERE ${s.sql}`, args: [...w.args, ...s.params] };
}

export function findDraftSummaries(db: DB, anyOf: readonly DraftCondition[] | null, limit: number, scope?: Fragment): DraftSummary[] {
  const w = whereScoped(anyOf, scope);
  return (stmt(db, `${SUMMARY_SQL} ${w.sql} ORDER BY d.updated_at DESC, d.id DESC LIMIT ?`).all(...w.args, limit) as SummaryRow[]).map(toSummary);
}

export function countDrafts(db: DB, anyOf: readonly DraftCondition[], scope?: Fragment): number {
  const w = whereScoped(anyOf, scope);
  return stmt(db, `SELECT COUNT(*) FROM drafts d ${w.sql}`).pluck().get(...w.args) as number;
}
