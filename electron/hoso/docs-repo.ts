import { stmt, type DB } from '../db/connection';

/**
 * SQL that reads the documents a hồ sơ holds, as the mục lục, the package and the closing rule need them: incoming
 * documents with their attachments, issued outgoing documents with their signed PDF, signed drafts with theirs, and the
 * open work on them (an incoming document not finished, an open task linked to one).
 */

export interface FileRow {
  name: string;
  sha256: string;
  size: number;
  mime: string;
  page_count: number | null;
}

export interface IncomingMeta {
  id: number;
  ref: string;
  doc_date: string;
  doc_type: string | null;
  subject: string;
  secrecy: string;
  page_count: number | null;
  status: string;
  sender: string;
  arrival_number: number;
  year: number;
}

export function incomingMeta(db: DB, id: number): IncomingMeta | undefined {
  return stmt(db,
    `SELECT d.id, d.ref, d.doc_date, d.doc_type, d.subject, d.secrecy, d.page_count, d.status, o.name AS sender, d.arrival_number, d.year
     FROM incoming_docs d JOIN organizations o ON o.id = d.sender_id WHERE d.id = ?`,
  ).get(id) as IncomingMeta | undefined;
}

export function incomingFiles(db: DB, id: number): FileRow[] {
  return stmt(db,
    `SELECT a.name, a.sha256, b.size, b.mime, b.page_count FROM incoming_attachments a JOIN blobs b ON b.sha256 = a.sha256
     WHERE a.doc_id = ? ORDER BY a.id`,
  ).all(id) as FileRow[];
}

export interface OutgoingMeta {
  id: number;
  ref: string;
  doc_date: string;
  doc_type: string | null;
  subject: string;
  secrecy: string;
  page_count: number | null;
  status: string;
  signer: string;
  draft_id: number | null;
  sha256: string | null;
  size: number | null;
  mime: string | null;
}

export function outgoingMeta(db: DB, id: number): OutgoingMeta | undefined {
  return stmt(db,
    `SELECT g.id, g.ref, g.doc_date, g.doc_type, g.subject, g.secrecy, g.page_count, g.status, g.signer, g.draft_id, g.sha256, b.size, b.mime
     FROM outgoing_docs g LEFT JOIN blobs b ON b.sha256 = g.sha256 WHERE g.id = ?`,
  ).get(id) as OutgoingMeta | undefined;
}

export interface DraftMeta {
  id: number;
  subject: string;
  doc_type: string;
  status: string;
  secrecy: string;
  date: string | null;
  signed_sha256: string | null;
  size: number | null;
  mime: string | null;
  page_count: number | null;
  /** The outgoing document it was issued as (issued, or being issued). */
  issued_id: number | null;
  issued_ref: string | null;
}

export function draftMeta(db: DB, id: number): DraftMeta | undefined {
  return stmt(db,
    `SELECT x.id, x.subject, x.doc_type, x.status, coalesce(json_extract(x.model, '$.secrecy'), 'thuong') AS secrecy,
       json_extract(x.model, '$.date') AS date, x.signed_sha256, b.size, b.mime, b.page_count,
       g.id AS issued_id, g.ref AS issued_ref
     FROM drafts x LEFT JOIN blobs b ON b.sha256 = x.signed_sha256
       LEFT JOIN outgoing_docs g ON g.draft_id = x.id AND g.status IN ('issuing', 'issued')
     WHERE x.id = ?`,
  ).get(id) as DraftMeta | undefined;
}

/** Open tasks (đang làm, chờ duyệt) whose source is one of these documents. */
export function openTasksOf(db: DB, incomingIds: readonly number[], outgoingIds: readonly number[]): { id: number; incoming_id: number | null; outgoing_id: number | null; status: string }[] {
  if (!incomingIds.length && !outgoingIds.length) return [];
  return db
    .prepare(
      `SELECT id, incoming_id, outgoing_id, status FROM tasks
       WHERE status IN ('dang-lam', 'cho-duyet') AND (incoming_id IN (SELECT value FROM json_each(?)) OR outgoing_id IN (SELECT value FROM json_each(?)))
       ORDER BY id`,
    )
    .all(JSON.stringify(incomingIds), JSON.stringify(outgoingIds)) as { id: number; incoming_id: number | null; outgoing_id: number | null; status: string }[];
}
