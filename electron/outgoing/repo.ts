import { stmt, type DB } from '../db/connection';
import type { DraftSummary } from '../../shared/drafting/schemas';
import type {
  Correction,
  DraftVersionInfo,
  OutgoingRecord,
  OutgoingStatus,
  SendMethod,
  SendRecord,
  StepAction,
  WorkflowStep,
} from '../../shared/outgoing/schemas';
import { countDrafts, findDraftSummaries, type DraftCondition } from '../drafting/repo';
import type { Fragment } from '../scope/repo';

/**
 * SQL of the outgoing domain: the workflow's steps and submitted versions, the register and its sends. The drafts
 * table itself belongs to drafting (electron/drafting/repo.ts), which the workflow calls to move a draft's state.
 */

export function insertStep(db: DB, s: { draftId: number; at: string; userId: number; action: StepAction; toUserId?: number | null; version: number; comment?: string | null }): void {
  stmt(db, 'INSERT INTO workflow_steps (draft_id, at, user_id, action, to_user_id, version, comment) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(s.draftId, s.at, s.userId, s.action, s.toUserId ?? null, s.version, s.comment ?? null);
}

export function steps(db: DB, draftId: number): WorkflowStep[] {
  return (
    stmt(db,
      `SELECT s.*, u.full_name AS user_name, t.full_name AS to_name FROM workflow_steps s JOIN users u ON u.id = s.user_id
       LEFT JOIN users t ON t.id = s.to_user_id WHERE s.draft_id = ? ORDER BY s.id`,
    ).all(draftId) as {
      id: number;
      at: string;
      action: StepAction;
      user_id: number;
      user_name: string;
      to_user_id: number | null;
      to_name: string | null;
      version: number;
      comment: string | null;
    }[]
  ).map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    userId: r.user_id,
    userName: r.user_name,
    toUserId: r.to_user_id,
    toUserName: r.to_name,
    version: r.version,
    comment: r.comment,
  }));
}

export function insertVersion(db: DB, draftId: number, version: number, model: string, at: string, userId: number): void {
  stmt(db, 'INSERT INTO draft_versions (draft_id, version, model, saved_at, user_id) VALUES (?, ?, ?, ?, ?)').run(draftId, version, model, at, userId);
}

export function versions(db: DB, draftId: number): DraftVersionInfo[] {
  return (
    stmt(db,
      `SELECT v.version, v.saved_at, u.full_name AS user_name, json_extract(v.model, '$.subject') AS subject
       FROM draft_versions v LEFT JOIN users u ON u.id = v.user_id WHERE v.draft_id = ? ORDER BY v.version`,
    ).all(draftId) as { version: number; saved_at: string; user_name: string | null; subject: string }[]
  ).map((r) => ({ version: r.version, savedAt: r.saved_at, userName: r.user_name, subject: r.subject }));
}

export function versionModel(db: DB, draftId: number, version: number): unknown {
  const m = stmt(db, 'SELECT model FROM draft_versions WHERE draft_id = ? AND version = ?').pluck().get(draftId, version) as string | undefined;
  return m === undefined ? undefined : JSON.parse(m);
}

/**
 * Drafts waiting for a user: to review or sign (the leader they were submitted to), to revise (their drafter, when
 * returned), to issue (any văn thư, once signed).
 */
function waitingFor(userId: number, isClerk: boolean): DraftCondition[] {
  const anyOf: DraftCondition[] = [
    { reviewerId: userId, statuses: ['cho-duyet', 'da-duyet'] },
    { ownerId: userId, statuses: ['tra-lai'] },
  ];
  if (isClerk) anyOf.push({ statuses: ['da-ky'] });
  return anyOf;
}

/** What waits for the caller, among the drafts they may read (a secret one only for the secret readers). */
export function inbox(db: DB, userId: number, isClerk: boolean, limit: number, scope?: Fragment): DraftSummary[] {
  return findDraftSummaries(db, waitingFor(userId, isClerk), limit, scope);
}

export function countInbox(db: DB, userId: number, isClerk: boolean, scope?: Fragment): number {
  return countDrafts(db, waitingFor(userId, isClerk), scope);
}

// ---- the register ----

/** Takes the next number of a series. Must run inside BEGIN IMMEDIATE. */
export function takeNumber(db: DB, bookId: number, period: string): number {
  const last = (stmt(db, 'SELECT last_number FROM number_series WHERE book_id = ? AND period = ?').pluck().get(bookId, period) as number | undefined) ?? 0;
  const n = last + 1;
  stmt(db, 'INSERT INTO number_series (book_id, period, last_number) VALUES (?, ?, ?) ON CONFLICT (book_id, period) DO UPDATE SET last_number = excluded.last_number')
    .run(bookId, period, n);
  return n;
}

/** A register row as written: the record's own fields, plus what the row keeps as ids. */
export type NewOutgoing = Pick<
  OutgoingRecord,
  'bookId' | 'period' | 'number' | 'status' | 'ref' | 'docDate' | 'docType' | 'subject' | 'signer' | 'secrecy' | 'urgency' | 'recipients' | 'archive' | 'copies' | 'draftId' | 'note'
> & {
  refFolded: string;
  correctsId: number | null;
  correction: Correction | null;
  issuedBy: number;
};

export function refTaken(db: DB, bookId: number, period: string, refFolded: string): boolean {
  return !!stmt(db, `SELECT 1 FROM outgoing_docs WHERE book_id = ? AND period = ? AND ref_folded = ? AND status IN ('issuing', 'issued')`).get(bookId, period, refFolded);
}

export function insertOutgoing(db: DB, o: NewOutgoing, now: string): number {
  return Number(
    stmt(db,
      `INSERT INTO outgoing_docs (book_id, period, number, status, ref, ref_folded, doc_date, doc_type, subject, signer, secrecy, urgency, recipients,
         archive, copies, draft_id, note, corrects_id, correction, issued_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      o.bookId, o.period, o.number, o.status, o.ref, o.refFolded, o.docDate, o.docType, o.subject, o.signer, o.secrecy, o.urgency,
      JSON.stringify(o.recipients), o.archive, o.copies, o.draftId, o.note, o.correctsId, o.correction, o.issuedBy, now, now,
    ).lastInsertRowid,
  );
}

/** The register row holding a number of a series, whatever became of it; undefined: never taken. */
export function numberRow(db: DB, bookId: number, period: string, number: number): { id: number; status: OutgoingStatus; note: string | null; docDate: string } | undefined {
  return stmt(db, 'SELECT id, status, note, doc_date AS docDate FROM outgoing_docs WHERE book_id = ? AND period = ? AND number = ?').get(bookId, period, number) as
    | { id: number; status: OutgoingStatus; note: string | null; docDate: string }
    | undefined;
}

/** The numbers of a series still reserved (giữ số), lowest first. */
export function reservedRows(db: DB, bookId: number, period: string): { id: number; number: number; note: string | null; docDate: string }[] {
  return stmt(db, "SELECT id, number, note, doc_date AS docDate FROM outgoing_docs WHERE book_id = ? AND period = ? AND status = 'reserved' ORDER BY number").all(bookId, period) as {
    id: number;
    number: number;
    note: string | null;
    docDate: string;
  }[];
}

/**
 * A reserved number taken by a document: the row becomes the document's entry (status 'issuing' or 'issued'), keeping
 * its number and the day it was reserved (created_at). Must run inside BEGIN IMMEDIATE; false when the row is no longer
 * reserved (taken or cancelled meanwhile).
 */
export function takeReserved(db: DB, id: number, o: NewOutgoing, now: string): boolean {
  return (
    stmt(db,
      `UPDATE outgoing_docs SET status = ?, ref = ?, ref_folded = ?, doc_date = ?, doc_type = ?, subject = ?, signer = ?, secrecy = ?, urgency = ?,
         recipients = ?, archive = ?, copies = ?, draft_id = ?, note = ?, corrects_id = ?, correction = ?, issued_by = ?, updated_at = ?
       WHERE id = ? AND status = 'reserved'`,
    ).run(
      o.status, o.ref, o.refFolded, o.docDate, o.docType, o.subject, o.signer, o.secrecy, o.urgency, JSON.stringify(o.recipients), o.archive, o.copies,
      o.draftId, o.note, o.correctsId, o.correction, o.issuedBy, now, id,
    ).changes === 1
  );
}

/** A reserved row's own fields, as the reservation wrote them (kept by an issuance that takes it, to give it back). */
export type Reservation = Pick<OutgoingRow, 'ref' | 'doc_date' | 'doc_type' | 'subject' | 'signer' | 'secrecy' | 'urgency' | 'recipients' | 'archive' | 'copies' | 'note'> & {
  ref_folded: string;
  issued_by: number;
};

const RESERVATION_COLS = 'ref, ref_folded, doc_date, doc_type, subject, signer, secrecy, urgency, recipients, archive, copies, note, issued_by';

export function reservation(db: DB, id: number): Reservation | undefined {
  return stmt(db, `SELECT ${RESERVATION_COLS} FROM outgoing_docs WHERE id = ? AND status = 'reserved'`).get(id) as Reservation | undefined;
}

/**
 * A reserved number whose issuance failed before any signed PDF carried it: the row is the reservation again, as it was.
 * False when the row is no longer being issued.
 */
export function restoreReserved(db: DB, id: number, r: Reservation, now: string): boolean {
  return (
    stmt(db,
      `UPDATE outgoing_docs SET status = 'reserved', ref = ?, ref_folded = ?, doc_date = ?, doc_type = ?, subject = ?, signer = ?, secrecy = ?, urgency = ?,
         recipients = ?, archive = ?, copies = ?, draft_id = NULL, sha256 = NULL, page_count = NULL, note = ?, corrects_id = NULL, correction = NULL, issued_by = ?, updated_at = ?
       WHERE id = ? AND status = 'issuing'`,
    ).run(r.ref, r.ref_folded, r.doc_date, r.doc_type, r.subject, r.signer, r.secrecy, r.urgency, r.recipients, r.archive, r.copies, r.note, r.issued_by, now, id).changes === 1
  );
}

/** Whether an issued record was brought in from an old outgoing register (`vanphong import`): a scan, no draft. */
export function fromOldRegister(db: DB, id: number): boolean {
  return !!stmt(db, `SELECT 1 FROM import_rows x JOIN import_runs r ON r.id = x.run_id WHERE r.kind = 'outgoing' AND x.outcome = 'imported' AND x.record_id = ?`).get(id);
}

/** The file of a document brought in from an old register (its scan), which has no draft behind it. */
export function setImportedFile(db: DB, id: number, sha256: string, now: string): void {
  stmt(db, `UPDATE outgoing_docs SET sha256 = ?, updated_at = ? WHERE id = ? AND draft_id IS NULL`).run(sha256, now, id);
}

/** False when the row is no longer being issued (cancelled meanwhile). */
export function finishIssue(db: DB, id: number, sha256: string, pageCount: number | null, now: string): boolean {
  return stmt(db, `UPDATE outgoing_docs SET status = 'issued', sha256 = ?, page_count = ?, updated_at = ? WHERE id = ? AND status = 'issuing'`).run(sha256, pageCount, now, id).changes === 1;
}

/** Cancels a number still being issued, with the reason; false when it is no longer 'issuing' (issued or cancelled meanwhile). */
export function cancelIssuing(db: DB, id: number, note: string, now: string): boolean {
  // A number that had been reserved keeps its reason before why the issuance failed.
  return stmt(db, `UPDATE outgoing_docs SET status = 'cancelled', note = CASE WHEN coalesce(note, '') = '' THEN ? ELSE note || '. ' || ? END, updated_at = ? WHERE id = ? AND status = 'issuing'`)
    .run(note, note, now, id).changes === 1;
}

/** Register rows left in the middle of an issuance (status 'issuing'). */
export function issuingRows(db: DB): { id: number; ref: string; draftId: number | null; issuedBy: number }[] {
  return (
    stmt(db, `SELECT id, ref, draft_id, issued_by FROM outgoing_docs WHERE status = 'issuing' ORDER BY id`).all() as {
      id: number;
      ref: string;
      draft_id: number | null;
      issued_by: number;
    }[]
  ).map((r) => ({ id: r.id, ref: r.ref, draftId: r.draft_id, issuedBy: r.issued_by }));
}

export function setOutgoingStatus(db: DB, id: number, status: OutgoingStatus, note: string | null, now: string): void {
  stmt(db, 'UPDATE outgoing_docs SET status = ?, note = ?, updated_at = ? WHERE id = ?').run(status, note, now, id);
}

interface OutgoingRow {
  id: number;
  book_id: number;
  book_name: string;
  period: string;
  number: number;
  status: OutgoingStatus;
  ref: string;
  doc_date: string;
  doc_type: string | null;
  subject: string;
  signer: string;
  secrecy: string;
  urgency: string;
  recipients: string;
  archive: string;
  copies: number | null;
  draft_id: number | null;
  sha256: string | null;
  page_count: number | null;
  note: string | null;
  corrects_id: number | null;
  corrects_ref: string | null;
  correction: Correction | null;
  issued_by_name: string;
  created_at: string;
  updated_at: string;
}

const OUTGOING_SQL = `SELECT g.*, b.name AS book_name, u.full_name AS issued_by_name, c.ref AS corrects_ref
  FROM outgoing_docs g JOIN register_books b ON b.id = g.book_id JOIN users u ON u.id = g.issued_by
  LEFT JOIN outgoing_docs c ON c.id = g.corrects_id`;

function toRecord(db: DB, r: OutgoingRow): OutgoingRecord {
  return {
    id: r.id,
    bookId: r.book_id,
    bookName: r.book_name,
    period: r.period,
    number: r.number,
    status: r.status,
    ref: r.ref,
    docDate: r.doc_date,
    docType: r.doc_type,
    subject: r.subject,
    signer: r.signer,
    secrecy: r.secrecy,
    urgency: r.urgency,
    recipients: JSON.parse(r.recipients) as string[],
    archive: r.archive,
    copies: r.copies,
    draftId: r.draft_id,
    sha256: r.sha256,
    pageCount: r.page_count,
    note: r.note,
    corrects: r.corrects_id && r.correction ? { id: r.corrects_id, ref: r.corrects_ref ?? '', kind: r.correction } : null,
    issuedBy: r.issued_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sends: sends(db, r.id),
  };
}

export function getOutgoing(db: DB, id: number): OutgoingRecord | undefined {
  const r = stmt(db, `${OUTGOING_SQL} WHERE g.id = ?`).get(id) as OutgoingRow | undefined;
  return r && toRecord(db, r);
}

export function outgoingOfDraft(db: DB, draftId: number): OutgoingRecord | undefined {
  const r = stmt(db, `${OUTGOING_SQL} WHERE g.draft_id = ? ORDER BY g.id DESC LIMIT 1`).get(draftId) as OutgoingRow | undefined;
  return r && toRecord(db, r);
}

export function listOutgoing(db: DB, q: { bookId?: number; from?: string; to?: string; limit: number; scope?: Fragment }): OutgoingRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.scope && q.scope.sql !== '1') (where.push(q.scope.sql), args.push(...q.scope.params));
  if (q.bookId !== undefined) (where.push('g.book_id = ?'), args.push(q.bookId));
  if (q.from) (where.push('g.doc_date >= ?'), args.push(q.from));
  if (q.to) (where.push('g.doc_date <= ?'), args.push(q.to));
  const sql = `${OUTGOING_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY g.book_id, g.period, g.number LIMIT ?`;
  return (db.prepare(sql).all(...args, q.limit) as OutgoingRow[]).map((r) => toRecord(db, r));
}

export function insertSend(db: DB, s: { outgoingId: number; recipient: string; organizationId: number | null; method: SendMethod; at: string; userId: number; note: string | null }): void {
  stmt(db, 'INSERT INTO outgoing_sends (outgoing_id, recipient, organization_id, method, sent_at, user_id, note) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(s.outgoingId, s.recipient, s.organizationId, s.method, s.at, s.userId, s.note);
}

function sends(db: DB, outgoingId: number): SendRecord[] {
  return (
    stmt(db, 'SELECT s.*, u.full_name AS user_name FROM outgoing_sends s JOIN users u ON u.id = s.user_id WHERE s.outgoing_id = ? ORDER BY s.id').all(outgoingId) as {
      id: number;
      recipient: string;
      method: SendMethod;
      sent_at: string;
      user_name: string;
      note: string | null;
    }[]
  ).map((r) => ({ id: r.id, recipient: r.recipient, method: r.method, sentAt: r.sent_at, userName: r.user_name, note: r.note }));
}

/** Issued documents per month of a year (the dashboard's chart). */
export function issuedPerMonth(db: DB, year: number): number[] {
  const rows = stmt(db,
    `SELECT CAST(substr(doc_date, 6, 2) AS INTEGER) AS m, COUNT(*) AS n FROM outgoing_docs
     WHERE status = 'issued' AND doc_date >= ? AND doc_date <= ? GROUP BY m`,
  ).all(`${year}-01-01`, `${year}-12-31`) as { m: number; n: number }[];
  const out = new Array<number>(12).fill(0);
  for (const r of rows) out[r.m - 1] = r.n;
  return out;
}
