import { stmt, type DB } from '../db/connection';
import type { Business, ReceivedFacts, SignatureVerdict } from '../../shared/exchange/edxml-model';

/** SQL for edXML documents received (exchange_received, migration 019) and the links a package is built from. */

interface ReceivedRow {
  id: number;
  document_id: string;
  incoming_id: number;
  from_organ_id: string;
  business: Business;
  business_reason: string | null;
  signatures: string;
  revoked_at: string | null;
  received_at: string;
  updated_at: string;
  arrival_number: number;
  year: number;
  book_name: string;
}

export interface Received {
  id: number;
  incomingId: number;
  arrivalNumber: number;
  year: number;
  bookName: string;
  facts: ReceivedFacts;
}

const toReceived = (r: ReceivedRow): Received => ({
  id: r.id,
  incomingId: r.incoming_id,
  arrivalNumber: r.arrival_number,
  year: r.year,
  bookName: r.book_name,
  facts: {
    documentId: r.document_id,
    fromOrganId: r.from_organ_id,
    business: r.business,
    businessReason: r.business_reason,
    signatures: JSON.parse(r.signatures) as SignatureVerdict[],
    revokedAt: r.revoked_at,
    receivedAt: r.received_at,
    updatedAt: r.updated_at,
  },
});

const RECEIVED_SQL = `SELECT x.*, d.arrival_number, d.year, b.name AS book_name FROM exchange_received x
  JOIN incoming_docs d ON d.id = x.incoming_id JOIN register_books b ON b.id = d.book_id`;

export function receivedByDocumentId(db: DB, documentId: string): Received | undefined {
  const r = stmt(db, `${RECEIVED_SQL} WHERE x.document_id = ?`).get(documentId) as ReceivedRow | undefined;
  return r && toReceived(r);
}

export function receivedOfIncoming(db: DB, incomingId: number): Received | undefined {
  const r = stmt(db, `${RECEIVED_SQL} WHERE x.incoming_id = ? ORDER BY x.id DESC LIMIT 1`).get(incomingId) as ReceivedRow | undefined;
  return r && toReceived(r);
}

export function insertReceived(
  db: DB,
  r: { documentId: string; incomingId: number; fromOrganId: string; business: Business; reason: string | null; signatures: SignatureVerdict[]; messageId: number | null; now: string },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO exchange_received (document_id, incoming_id, from_organ_id, business, business_reason, signatures, message_id, received_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.documentId, r.incomingId, r.fromOrganId, r.business, r.reason, JSON.stringify(r.signatures), r.messageId, r.now, r.now).lastInsertRowid,
  );
}

/**
 * A revoke/update/replace package applied to the record: its business and reason (revoke stamps revoked_at). The
 * signatures stay the original's: each later package's own verdict goes to the record's history and the audit trail.
 */
export function applyBusiness(db: DB, id: number, b: { business: Business; reason: string | null; now: string }): void {
  stmt(
    db,
    `UPDATE exchange_received SET business = ?, business_reason = ?, updated_at = ?,
       revoked_at = CASE WHEN ? = 'revoke' THEN coalesce(revoked_at, ?) ELSE revoked_at END WHERE id = ?`,
  ).run(b.business, b.reason, b.now, b.business, b.now, id);
}

/** The số đến and year of an incoming record. */
export function arrivalOf(db: DB, incomingId: number): { arrivalNumber: number; year: number } | undefined {
  return stmt(db, 'SELECT arrival_number AS arrivalNumber, year FROM incoming_docs WHERE id = ?').get(incomingId) as { arrivalNumber: number; year: number } | undefined;
}

/** Documents received by edXML that this outgoing document answers (its ResponseFor). */
export function answeredDocuments(db: DB, outgoingId: number): { organId: string; ref: string; docDate: string; documentId: string }[] {
  return stmt(
    db,
    `SELECT DISTINCT x.from_organ_id AS organId, d.ref AS ref, d.doc_date AS docDate, x.document_id AS documentId
     FROM incoming_steps s JOIN exchange_received x ON x.incoming_id = s.doc_id JOIN incoming_docs d ON d.id = s.doc_id
     WHERE s.reply_outgoing_id = ?`,
  ).all(outgoingId) as { organId: string; ref: string; docDate: string; documentId: string }[];
}

/** The incoming record's current status (a history note keeps it). */
export function incomingStatus(db: DB, incomingId: number): string | undefined {
  return stmt(db, 'SELECT status FROM incoming_docs WHERE id = ?').pluck().get(incomingId) as string | undefined;
}
