import { stmt, type DB } from '../db/connection';

/** SQL for the blobs table: what we know of each stored file. */
export type TextStatus = 'pending' | 'done' | 'failed' | 'none';

export function upsertBlob(
  db: DB,
  b: { sha256: string; size: number; mime: string; pageCount: number | null; textStatus: TextStatus; now: string },
): void {
  stmt(db, 
    `INSERT INTO blobs (sha256, size, mime, page_count, text_status, created_at)
     VALUES (@sha256, @size, @mime, @pageCount, @textStatus, @now) ON CONFLICT (sha256) DO NOTHING`,
  ).run(b);
}

/** The newest pending file first: what was just registered is searchable before an old backlog (migration 014) is read. */
export function nextPendingBlob(db: DB, exclude: readonly string[]): { sha256: string; mime: string; pageCount: number | null } | undefined {
  const rows = stmt(db, `SELECT sha256, mime, page_count AS pageCount FROM blobs WHERE text_status = 'pending' ORDER BY created_at DESC LIMIT ?`)
    .all(exclude.length + 1) as { sha256: string; mime: string; pageCount: number | null }[];
  return rows.find((r) => !exclude.includes(r.sha256));
}

/** Where a blob's text came from: the file's own text (PDF text layer, DOCX), or recognition (OCR) of its images. */
export type TextSource = 'layer' | 'ocr';

/**
 * The outcome of a blob's extraction: its text (or, failed, the reason), with where the text came from, the mean
 * confidence of a recognition and what the reader should know of it (pages left out or failed).
 */
export function setBlobText(
  db: DB,
  sha256: string,
  status: TextStatus,
  text: string | null,
  meta: { source?: TextSource | null; confidence?: number | null; note?: string | null } = {},
): void {
  stmt(db, 'UPDATE blobs SET text_status = ?, text = ?, text_source = ?, ocr_confidence = ?, text_note = ? WHERE sha256 = ?').run(
    status,
    text,
    status === 'done' ? (meta.source ?? 'layer') : null,
    meta.confidence ?? null,
    meta.note ?? null,
    sha256,
  );
}

export interface BlobText {
  mime: string;
  status: TextStatus;
  /** The text once done; the reason once failed; null otherwise. */
  text: string | null;
  source: TextSource | null;
  confidence: number | null;
  note: string | null;
}

/** What is known of a blob's text (attachments.text reads it, after the visibility check). */
export function blobText(db: DB, sha256: string): BlobText | undefined {
  const r = stmt(db, `SELECT mime, text_status, text, text_source, ocr_confidence, text_note FROM blobs WHERE sha256 = ?`).get(sha256) as
    | { mime: string; text_status: TextStatus; text: string | null; text_source: TextSource | null; ocr_confidence: number | null; text_note: string | null }
    | undefined;
  if (!r) return undefined;
  const settled = r.text_status === 'done' || r.text_status === 'failed';
  return { mime: r.mime, status: r.text_status, text: settled ? r.text : null, source: r.text_source, confidence: r.ocr_confidence, note: r.text_note };
}

/**
 * Extraction attempts of a pending blob are counted in its `text` column (NULL: none yet; the column holds the text
 * only once done, or the reason once failed): a file whose extraction took the whole process down is not retried
 * at every start. Returns the attempts made before this one.
 */
export function beginBlobAttempt(db: DB, sha256: string): number {
  const before = Number(stmt(db, `SELECT text FROM blobs WHERE sha256 = ? AND text_status = 'pending'`).pluck().get(sha256) ?? 0) || 0;
  stmt(db, `UPDATE blobs SET text = ? WHERE sha256 = ? AND text_status = 'pending'`).run(String(before + 1), sha256);
  return before;
}

/** Gives an attempt back (the app closed while the file was being read: not the file's fault). */
export function undoBlobAttempt(db: DB, sha256: string, before: number): void {
  stmt(db, `UPDATE blobs SET text = ? WHERE sha256 = ? AND text_status = 'pending'`).run(before ? String(before) : null, sha256);
}

/** Why a blob's text could not be extracted ("Không trích được nội dung: …"), or null. */
export function blobFailureReason(db: DB, sha256: string): string | null {
  return (stmt(db, `SELECT text FROM blobs WHERE sha256 = ? AND text_status = 'failed'`).pluck().get(sha256) as string | null | undefined) ?? null;
}

/** The texts of a document's attachments in attachment order, with `sha256`'s text given (it is not written yet). */
export function docAttachmentTexts(db: DB, docId: number, sha256: string, text: string | null): string[] {
  const rows = stmt(db,
    `SELECT a.sha256, b.text_status AS status, b.text FROM incoming_attachments a JOIN blobs b ON b.sha256 = a.sha256
     WHERE a.doc_id = ? ORDER BY a.id`,
  ).all(docId) as { sha256: string; status: TextStatus; text: string | null }[];
  return rows.map((r) => (r.sha256 === sha256 ? text : r.status === 'done' ? r.text : null) ?? '').filter(Boolean);
}

export function blobStatusCounts(db: DB): Record<TextStatus, number> {
  const out: Record<TextStatus, number> = { pending: 0, done: 0, failed: 0, none: 0 };
  for (const r of stmt(db, 'SELECT text_status AS s, COUNT(*) AS n FROM blobs GROUP BY text_status').all() as {
    s: TextStatus;
    n: number;
  }[])
    out[r.s] = r.n;
  return out;
}

/**
 * The one statement of "a record references this file": an incoming attachment, an issued outgoing document, or a
 * draft's signed PDF. Only such files may be read through the API, and only they are re-verified when trust changes.
 */
const REFERENCED = `(EXISTS (SELECT 1 FROM incoming_attachments a WHERE a.sha256 = b.sha256)
  OR EXISTS (SELECT 1 FROM outgoing_docs g WHERE g.sha256 = b.sha256) OR EXISTS (SELECT 1 FROM drafts d WHERE d.signed_sha256 = b.sha256))`;

export function isReferencedBlob(db: DB, sha256: string): { mime: string } | undefined {
  return stmt(db, `SELECT b.mime FROM blobs b WHERE b.sha256 = ? AND ${REFERENCED}`).get(sha256) as { mime: string } | undefined;
}

/** Every stored PDF that is referenced by a document. */
export function referencedPdfBlobs(db: DB): string[] {
  return stmt(db, `SELECT b.sha256 FROM blobs b WHERE b.mime = 'application/pdf' AND ${REFERENCED}`).pluck().all() as string[];
}
