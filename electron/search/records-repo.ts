import { stmt, type DB } from '../db/connection';
import type { Fragment } from '../scope/repo';
import type { DraftSource, OutgoingSource, RecordTexts } from './record-text';
import { CLOSE, OPEN } from './marks';

/**
 * SQL of the outgoing documents' and drafts' full-text index (outgoing_fts, draft_fts; rowid = the record's id) and of
 * the queue of records to (re)index, which triggers fill in the transaction that changes a record (migration 013).
 */
export type RecordKind = 'outgoing' | 'draft';

const FTS: Record<RecordKind, string> = { outgoing: 'outgoing_fts', draft: 'draft_fts' };

export function queuedRecords(db: DB, limit: number): { kind: RecordKind; id: number }[] {
  return stmt(db, 'SELECT kind, id FROM search_queue ORDER BY kind, id LIMIT ?').all(limit) as { kind: RecordKind; id: number }[];
}

export function queueSize(db: DB): number {
  return stmt(db, 'SELECT count(*) FROM search_queue').pluck().get() as number;
}

export function dequeue(db: DB, kind: RecordKind, id: number): void {
  stmt(db, 'DELETE FROM search_queue WHERE kind = ? AND id = ?').run(kind, id);
}

/** An issued PDF's text was extracted: the outgoing documents printed from it are indexed again. */
export function enqueueOutgoingOfBlob(db: DB, sha256: string): void {
  stmt(db, `INSERT OR IGNORE INTO search_queue (kind, id) SELECT 'outgoing', id FROM outgoing_docs WHERE sha256 = ?`).run(sha256);
}

/** Folded texts of one record, replacing what the index held. */
export function putRecordFts(db: DB, kind: RecordKind, id: number, t: RecordTexts): void {
  stmt(db, `DELETE FROM ${FTS[kind]} WHERE rowid = ?`).run(id);
  stmt(db, `INSERT INTO ${FTS[kind]} (rowid, subject, meta, organs, body) VALUES (?, ?, ?, ?, ?)`).run(id, t.subject, t.meta, t.organs, t.body);
}

export function deleteRecordFts(db: DB, kind: RecordKind, id: number): void {
  stmt(db, `DELETE FROM ${FTS[kind]} WHERE rowid = ?`).run(id);
}

export function outgoingSource(db: DB, id: number): OutgoingSource | undefined {
  return stmt(db,
    `SELECT g.number, g.ref, g.doc_type AS docType, g.subject, g.signer, g.recipients, g.note,
       CASE WHEN b.text_status = 'done' THEN b.text END AS pdfText
     FROM outgoing_docs g LEFT JOIN blobs b ON b.sha256 = g.sha256 WHERE g.id = ?`,
  ).get(id) as OutgoingSource | undefined;
}

export function draftSource(db: DB, id: number): DraftSource | undefined {
  return stmt(db,
    `SELECT d.subject, d.doc_type AS docType, d.model,
       (SELECT g.ref FROM outgoing_docs g WHERE g.draft_id = d.id AND g.status IN ('issuing', 'issued')) AS ref
     FROM drafts d WHERE d.id = ?`,
  ).get(id) as DraftSource | undefined;
}

/** highlight() of the trích yếu and snippet() of the body, folded, with OPEN/CLOSE around the matches. */
export interface MarkedRow {
  id: number;
  subject: string;
  body: string;
}

export type FoundRecord = Found & Partial<MarkedRow>;

const markedColumns = (kind: RecordKind) => `highlight(${FTS[kind]}, 0, ?, ?) AS subject, snippet(${FTS[kind]}, 3, ?, ?, '', 32) AS body`;
const MARKERS = [OPEN, CLOSE, OPEN, CLOSE];

/** Conditions of the results page's filters on one kind's table. */
export interface RecordFilter {
  year?: number;
  docType?: string;
}

/** A hit before it is shown: its id and the date the kinds are merged by (newest first). */
export interface Found {
  id: number;
  date: string;
}

const YEAR: Record<RecordKind, string> = {
  outgoing: `substr(g.doc_date, 1, 4) = ?`,
  draft: `substr(coalesce(json_extract(g.model, '$.date'), g.created_at), 1, 4) = ?`,
};
const DATE: Record<RecordKind, string> = { outgoing: 'g.doc_date', draft: 'g.updated_at' };
const TABLE: Record<RecordKind, string> = { outgoing: 'outgoing_docs', draft: 'drafts' };

/**
 * Newest first, as incoming (repo.ts): the read scope (alias g) and the filters are conditions of the same query, so a
 * record the caller may not read is never found, counted or ranked. The organ filter is part of `match`.
 */
export function findRecords(db: DB, kind: RecordKind, match: string, limit: number, scope: Fragment, f: RecordFilter, marked = false): FoundRecord[] {
  const where = [`${FTS[kind]} MATCH ?`, scope.sql];
  const params: unknown[] = [...(marked ? MARKERS : []), match, ...scope.params];
  if (f.year !== undefined) (where.push(YEAR[kind]), params.push(String(f.year)));
  if (f.docType !== undefined) (where.push('g.doc_type = ?'), params.push(f.docType));
  return stmt(db,
    `SELECT f.rowid AS id, ${DATE[kind]} AS date${marked ? `, ${markedColumns(kind)}` : ''} FROM ${FTS[kind]} f JOIN ${TABLE[kind]} g ON g.id = f.rowid
     WHERE ${where.join(' AND ')} ORDER BY f.rowid DESC LIMIT ?`,
  ).all(...params, limit) as FoundRecord[];
}


/**
 * For the hits of one page only: the same MATCH bounded to their rowid range (the `+` keeps the id list a filter, not a
 * lookup that would evaluate the query once per id).
 */
export function markedRecords(db: DB, kind: RecordKind, match: string, ids: number[]): MarkedRow[] {
  if (ids.length === 0) return [];
  const t = FTS[kind];
  return stmt(db,
    `SELECT rowid AS id, ${markedColumns(kind)} FROM ${t}
     WHERE ${t} MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`,
  ).all(...MARKERS, match, Math.min(...ids), Math.max(...ids), JSON.stringify(ids)) as MarkedRow[];
}

export interface OutgoingHitRow {
  id: number;
  number: number;
  ref: string;
  subject: string;
  doc_date: string;
  doc_type: string | null;
  status: string;
  recipients: string;
  sha256: string | null;
}

export function outgoingHitRows(db: DB, ids: number[]): OutgoingHitRow[] {
  if (ids.length === 0) return [];
  return stmt(db,
    `SELECT g.id, g.number, g.ref, g.subject, g.doc_date, g.doc_type, g.status, g.recipients, g.sha256
     FROM outgoing_docs g WHERE g.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as OutgoingHitRow[];
}

export interface DraftHitRow {
  id: number;
  subject: string;
  doc_type: string;
  status: string;
  updated_at: string;
  owner_name: string | null;
  ref: string | null;
}

export function draftHitRows(db: DB, ids: number[]): DraftHitRow[] {
  if (ids.length === 0) return [];
  return stmt(db,
    `SELECT d.id, d.subject, d.doc_type, d.status, d.updated_at, u.full_name AS owner_name,
       (SELECT g.ref FROM outgoing_docs g WHERE g.draft_id = d.id AND g.status IN ('issuing', 'issued')) AS ref
     FROM drafts d LEFT JOIN users u ON u.id = d.owner_id WHERE d.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as DraftHitRow[];
}

/** An issued PDF's extracted text (the original the excerpt is cut from). */
export function outgoingPdfText(db: DB, id: number): string {
  return (stmt(db, `SELECT b.text FROM outgoing_docs g JOIN blobs b ON b.sha256 = g.sha256 WHERE g.id = ? AND b.text_status = 'done'`).pluck().get(id) as string | undefined) ?? '';
}

export function draftModel(db: DB, id: number): string {
  return (stmt(db, 'SELECT model FROM drafts WHERE id = ?').pluck().get(id) as string | undefined) ?? '{}';
}
