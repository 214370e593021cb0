import { stmt, type DB } from '../db/connection';

/**
 * SQL of the signing requests waiting for a signature made at the signer's desk (migration 008): a row per request,
 * its prepared PDF kept only while it is pending.
 */

export type SigningPurpose = 'sign' | 'issue';
export type SigningRequestStatus = 'pending' | 'done' | 'cancelled';

/** What completing needs besides the PDF: where the stamp went and what the finished record says. */
export interface SigningOptions {
  page: number;
  rect: [number, number, number, number];
  /** Issuance: the number, its ref and the date written into the document. */
  number?: number;
  ref?: string;
  date?: string;
  /** The rendered PDF's page count (the leader's signature), for the file record. */
  pageCount?: number | null;
}

export interface SigningRequest {
  id: string;
  purpose: SigningPurpose;
  draftId: number;
  draftVersion: number;
  outgoingId: number | null;
  userId: number;
  createdAt: string;
  expiresAt: string;
  status: SigningRequestStatus;
  reason: string | null;
  preparedPdf: Uint8Array | null;
  byteRange: [number, number, number, number];
  contentsStart: number;
  signedAttrs: Uint8Array;
  certificate: Uint8Array;
  chain: Uint8Array[];
  options: SigningOptions;
}

interface Row {
  id: string;
  purpose: SigningPurpose;
  draft_id: number;
  draft_version: number;
  outgoing_id: number | null;
  user_id: number;
  created_at: string;
  expires_at: string;
  status: SigningRequestStatus;
  reason: string | null;
  prepared_pdf: Uint8Array | null;
  byte_range: string;
  contents_start: number;
  signed_attrs: Uint8Array;
  certificate: Uint8Array;
  chain: string;
  options: string;
}

const u8 = (b: Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

const toRequest = (r: Row): SigningRequest => ({
  id: r.id,
  purpose: r.purpose,
  draftId: r.draft_id,
  draftVersion: r.draft_version,
  outgoingId: r.outgoing_id,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  status: r.status,
  reason: r.reason,
  preparedPdf: r.prepared_pdf && u8(r.prepared_pdf),
  byteRange: JSON.parse(r.byte_range) as [number, number, number, number],
  contentsStart: r.contents_start,
  signedAttrs: u8(r.signed_attrs),
  certificate: u8(r.certificate),
  chain: (JSON.parse(r.chain) as string[]).map((c) => new Uint8Array(Buffer.from(c, 'base64'))),
  options: JSON.parse(r.options) as SigningOptions,
});

export function insertSigningRequest(db: DB, r: Omit<SigningRequest, 'status' | 'reason'>): void {
  stmt(
    db,
    `INSERT INTO signing_requests (id, purpose, draft_id, draft_version, outgoing_id, user_id, created_at, expires_at, status, prepared_pdf,
       byte_range, contents_start, signed_attrs, certificate, chain, options)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.purpose,
    r.draftId,
    r.draftVersion,
    r.outgoingId,
    r.userId,
    r.createdAt,
    r.expiresAt,
    r.preparedPdf,
    JSON.stringify(r.byteRange),
    r.contentsStart,
    r.signedAttrs,
    r.certificate,
    JSON.stringify(r.chain.map((c) => Buffer.from(c).toString('base64'))),
    JSON.stringify(r.options),
  );
}

export function getSigningRequest(db: DB, id: string): SigningRequest | undefined {
  const r = stmt(db, 'SELECT * FROM signing_requests WHERE id = ?').get(id) as Row | undefined;
  return r && toRequest(r);
}

/**
 * Ends a pending request (done or cancelled) and drops its prepared PDF; false when it was no longer pending — another
 * call completed or cancelled it first.
 */
export function finishSigningRequest(db: DB, id: string, status: 'done' | 'cancelled', reason: string | null, now: string): boolean {
  return (
    stmt(db, `UPDATE signing_requests SET status = ?, reason = ?, finished_at = ?, prepared_pdf = NULL WHERE id = ? AND status = 'pending'`).run(status, reason, now, id)
      .changes === 1
  );
}

/** Pending requests, oldest first: those that expired before `before` (an ISO instant), or all of them. */
export function pendingSigningRequests(db: DB, before?: string): SigningRequest[] {
  const rows = (
    before === undefined
      ? stmt(db, `SELECT * FROM signing_requests WHERE status = 'pending' ORDER BY created_at, id`).all()
      : stmt(db, `SELECT * FROM signing_requests WHERE status = 'pending' AND expires_at <= ? ORDER BY created_at, id`).all(before)
  ) as Row[];
  return rows.map(toRequest);
}

export function hasExpiredSigningRequests(db: DB, now: string): boolean {
  return !!stmt(db, `SELECT 1 FROM signing_requests WHERE status = 'pending' AND expires_at <= ? LIMIT 1`).get(now);
}

/** The other pending leader-signature requests of a draft (made stale once one of them is completed). */
export function pendingSignRequestsOfDraft(db: DB, draftId: number): string[] {
  return stmt(db, `SELECT id FROM signing_requests WHERE draft_id = ? AND status = 'pending' AND purpose = 'sign'`).pluck().all(draftId) as string[];
}

/** Cancels the pending request of an issuance whose number was cancelled another way (outgoing.cancel of a stuck one). */
export function cancelRequestsOfOutgoing(db: DB, outgoingId: number, reason: string, now: string): number {
  return stmt(db, `UPDATE signing_requests SET status = 'cancelled', reason = ?, finished_at = ?, prepared_pdf = NULL WHERE outgoing_id = ? AND status = 'pending'`).run(
    reason,
    now,
    outgoingId,
  ).changes;
}
