import { stmt, type DB } from '../db/connection';
import type { Fragment } from '../scope/repo';
import { CLOSE, OPEN } from './marks';

/** SQL for the folded full-text index of the incoming register (rowid = incoming_docs.id). */

export function ftsInsert(db: DB, docId: number, meta: string, attachments = ''): void {
  stmt(db, 'INSERT INTO incoming_fts (rowid, meta, attachments) VALUES (?, ?, ?)').run(docId, meta, attachments);
}

export function ftsSetMeta(db: DB, docId: number, meta: string): void {
  stmt(db, 'UPDATE incoming_fts SET meta = ? WHERE rowid = ?').run(meta, docId);
}

export function ftsSetAttachments(db: DB, docId: number, text: string): void {
  stmt(db, 'UPDATE incoming_fts SET attachments = ? WHERE rowid = ?').run(text, docId);
}

/** Texts of all the document's extracted attachments, in attachment order. */
export function attachmentTexts(db: DB, docId: number): string[] {
  return (stmt(db, 
        `SELECT b.text FROM incoming_attachments a JOIN blobs b ON b.sha256 = a.sha256
         WHERE a.doc_id = ? AND b.text_status = 'done' ORDER BY a.id`,
      )
      .all(docId) as { text: string | null }[]
  )
    .map((r) => r.text ?? '')
    .filter(Boolean);
}

export function docsUsingBlob(db: DB, sha256: string): number[] {
  return (stmt(db, 'SELECT DISTINCT doc_id FROM incoming_attachments WHERE sha256 = ?').all(sha256) as { doc_id: number }[]).map(
    (r) => r.doc_id,
  );
}

/** The results page's filters on the incoming register. */
export interface IncomingFilter {
  year?: number;
  docType?: string;
  /** A LIKE pattern on organizations.name_folded (query.ts foldedOrganPattern). */
  senderPattern?: string;
}

/**
 * Newest first: FTS5 walks its doclists in descending rowid order and stops at the limit. Hits the caller may not read
 * are dropped inside the query, before the limit (scope/repo.ts), so they are neither shown nor counted; the filters
 * likewise. Returns each hit's arrival date, by which the kinds are merged.
 */
export function findIncoming(db: DB, match: string, limit: number, scope: Fragment = { sql: '1', params: [] }, f: IncomingFilter = {}, marked = false): FoundIncoming[] {
  const where = ['incoming_fts MATCH ?'];
  const params: unknown[] = [...(marked ? MARKERS : []), match];
  if (scope.sql !== '1') (where.push(scope.sql), params.push(...scope.params));
  if (f.year !== undefined) (where.push('d.year = ?'), params.push(f.year));
  if (f.docType !== undefined) (where.push('d.doc_type = ?'), params.push(f.docType));
  if (f.senderPattern !== undefined) (where.push(`d.sender_id IN (SELECT o.id FROM organizations o WHERE o.name_folded LIKE ? ESCAPE '\\')`), params.push(f.senderPattern));
  return stmt(db,
    `SELECT f.rowid AS id, d.arrival_date AS date${marked ? `, ${MARKED_COLUMNS}` : ''} FROM incoming_fts f JOIN incoming_docs d ON d.id = f.rowid
     WHERE ${where.join(' AND ')} ORDER BY f.rowid DESC LIMIT ?`,
  ).all(...params, limit) as FoundIncoming[];
}

export function matchIds(db: DB, match: string, limit: number, scope: Fragment = { sql: '1', params: [] }): number[] {
  return findIncoming(db, match, limit, scope).map((r) => r.id);
}

/** highlight() of the metadata and snippet() of the attachments' text, folded, with OPEN/CLOSE around the matches. */
export interface MarkedIncoming {
  id: number;
  meta: string;
  text: string;
}

export type FoundIncoming = { id: number; date: string } & Partial<MarkedIncoming>;

const MARKED_COLUMNS = `highlight(incoming_fts, 0, ?, ?) AS meta, snippet(incoming_fts, 1, ?, ?, '', 32) AS text`;
const MARKERS = [OPEN, CLOSE, OPEN, CLOSE];

/**
 * The marks of one page's hits, found again (records-repo.ts markedRecords). The first hits of the dropdown have theirs
 * from findIncoming(…, marked): one evaluation of the query, marks computed for the rows returned only.
 */
export function markedIncoming(db: DB, match: string, ids: number[]): MarkedIncoming[] {
  if (ids.length === 0) return [];
  return stmt(db,
    `SELECT rowid AS id, ${MARKED_COLUMNS} FROM incoming_fts
     WHERE incoming_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`,
  ).all(...MARKERS, match, Math.min(...ids), Math.max(...ids), JSON.stringify(ids)) as MarkedIncoming[];
}

export interface HitRow {
  id: number;
  year: number;
  arrival_number: number;
  ref: string;
  subject: string;
  sender: string;
  arrival_date: string;
  doc_type: string | null;
  status: string;
  recipient: string | null;
  note: string | null;
}

export function hitRows(db: DB, ids: number[]): HitRow[] {
  if (ids.length === 0) return [];
  const rows = stmt(db, 
      `SELECT d.id, d.year, d.arrival_number, d.ref, d.subject, o.name AS sender, d.arrival_date, d.doc_type, d.status, d.recipient, d.note
       FROM incoming_docs d JOIN organizations o ON o.id = d.sender_id
       WHERE d.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as HitRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is HitRow => r !== undefined);
}

/** A LIKE scan over the same columns: the baseline the benchmark compares FTS with. */
export function likeScanIds(db: DB, foldedTerms: string[], limit: number): number[] {
  const where = foldedTerms.map(() => `f.meta LIKE ?`).join(' AND ');
  return (stmt(db, `SELECT f.rowid AS id FROM incoming_fts f WHERE ${where} ORDER BY f.rowid DESC LIMIT ?`)
      .all(...foldedTerms.map((t) => `%${t}%`), limit) as { id: number }[]
  ).map((r) => r.id);
}
