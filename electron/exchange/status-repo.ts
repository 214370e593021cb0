import { stmt, type DB } from '../db/connection';
import { statusLabel, type RecipientStatus, type RecipientStatusGroup } from '../../shared/exchange/status-codes';

/** SQL for statuses: the ones recipients sent back (outgoing_recipient_status), and what ours are about. */

/** How the package of an incoming record arrived: the transport and the sender's address (an e-mail's From). */
export function arrivalOf(db: DB, incomingId: number): { transport: 'folder' | 'email'; peerAddress: string | null } | undefined {
  const r = stmt(db, "SELECT transport, peer_address FROM exchange_messages WHERE direction = 'in' AND incoming_id = ? ORDER BY id LIMIT 1").get(incomingId) as
    | { transport: 'folder' | 'email'; peer_address: string | null }
    | undefined;
  return r && { transport: r.transport, peerAddress: r.peer_address };
}

export interface IncomingFacts {
  id: number;
  ref: string;
  docDate: string;
  secrecy: string;
  status: string;
  senderOrganId: string | null;
  senderEmail: string | null;
}

export function incomingFacts(db: DB, incomingId: number): IncomingFacts | undefined {
  const r = stmt(
    db,
    `SELECT d.id, d.ref, d.doc_date, d.secrecy, d.status, o.organ_id, o.email FROM incoming_docs d JOIN organizations o ON o.id = d.sender_id WHERE d.id = ?`,
  ).get(incomingId) as { id: number; ref: string; doc_date: string; secrecy: string; status: string; organ_id: string | null; email: string | null } | undefined;
  return r && { id: r.id, ref: r.ref, docDate: r.doc_date, secrecy: r.secrecy, status: r.status, senderOrganId: r.organ_id, senderEmail: r.email };
}

/**
 * Whether this organ was sent the outgoing document: a package queued or sent to its mã định danh, or a send recorded
 * to the directory's organisation with that code. A status about a document is taken only from such an organ.
 */
export function wasSentTo(db: DB, outgoingId: number, organId: string): boolean {
  return (
    stmt(
      db,
      `SELECT EXISTS (SELECT 1 FROM exchange_messages m WHERE m.outgoing_id = ? AND m.direction = 'out' AND m.kind = 'document' AND upper(m.peer_organ_id) = ?)
         OR EXISTS (SELECT 1 FROM outgoing_sends s JOIN organizations o ON o.id = s.organization_id WHERE s.outgoing_id = ? AND upper(o.organ_id) = ?)`,
    )
      .pluck()
      .get(outgoingId, organId, outgoingId, organId) === 1
  );
}

/** Our issued document of that date and số/ký hiệu (the DocumentId's last two parts). */
export function outgoingByRef(db: DB, docDate: string, ref: string): { id: number; secrecy: string } | undefined {
  return stmt(db, "SELECT id, secrecy FROM outgoing_docs WHERE doc_date = ? AND ref = ? AND status = 'issued' ORDER BY id LIMIT 1").get(docDate, ref) as
    | { id: number; secrecy: string }
    | undefined;
}

export function insertRecipientStatus(
  db: DB,
  s: { outgoingId: number; organId: string; code: string; description: string | null; staff: string | null; at: string; messageRowId: number | null },
  now: string,
): void {
  stmt(db, 'INSERT INTO outgoing_recipient_status (outgoing_id, organ_id, code, description, staff, at, message_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    s.outgoingId,
    s.organId,
    s.code,
    s.description,
    s.staff,
    s.at,
    s.messageRowId,
    now,
  );
}

/**
 * The statuses each recipient organ sent back about an outgoing document, grouped per organ (in the order they first
 * answered), each group oldest first. For the outgoing record (`outgoing.get` merges it; `exchange.statuses`).
 */
export function recipientStatuses(db: DB, outgoingId: number): RecipientStatusGroup[] {
  const rows = stmt(
    db,
    `SELECT s.organ_id, s.code, s.description, s.staff, s.at, s.received_at, (SELECT o.name FROM organizations o WHERE o.organ_id = s.organ_id LIMIT 1) AS name
     FROM outgoing_recipient_status s WHERE s.outgoing_id = ? ORDER BY s.at, s.id`,
  ).all(outgoingId) as { organ_id: string; code: string; description: string | null; staff: string | null; at: string; received_at: string; name: string | null }[];
  const groups = new Map<string, RecipientStatusGroup>();
  for (const r of rows) {
    const st: RecipientStatus = { code: r.code, label: statusLabel(r.code), description: r.description, staff: r.staff, at: r.at, receivedAt: r.received_at };
    const g = groups.get(r.organ_id);
    if (g) (g.statuses.push(st), (g.latest = st));
    else groups.set(r.organ_id, { organId: r.organ_id, name: r.name, statuses: [st], latest: st });
  }
  return [...groups.values()];
}

/** Whether a status with this code about this incoming record is already queued or sent (never twice). */
export function statusQueued(db: DB, incomingId: number, code: string): boolean {
  return stmt(db, "SELECT 1 FROM exchange_messages WHERE direction = 'out' AND kind = 'status' AND incoming_id = ? AND status_code = ? LIMIT 1").pluck().get(incomingId, code) === 1;
}

/**
 * The automatic statuses not yet queued for documents received by edXML (not secret, not revoked): 01 and 03 at
 * registration, 04 at the leader's first instruction, 06 when finished, each with the moment it happened. `since`:
 * only the documents received, changed or with a step on or after that instant (the last pass's start), so a pass
 * looks at what moved since the one before rather than at every document ever received.
 */
export function missingAutoStatuses(db: DB, since: string | null): { incomingId: number; code: '01' | '03' | '04' | '06'; at: string }[] {
  const rows = stmt(
    db,
    `SELECT r.incoming_id, r.received_at, d.status,
       (SELECT min(st.at) FROM incoming_steps st WHERE st.doc_id = d.id AND st.kind = 'instruct') AS instructed_at,
       (SELECT max(st.at) FROM incoming_steps st WHERE st.doc_id = d.id AND st.kind = 'finish') AS finished_at
     FROM exchange_received r JOIN incoming_docs d ON d.id = r.incoming_id
     WHERE r.revoked_at IS NULL AND d.secrecy = 'thuong'
       AND (? IS NULL OR r.updated_at >= ? OR d.updated_at >= ? OR EXISTS (SELECT 1 FROM incoming_steps st WHERE st.doc_id = d.id AND st.at >= ?))`,
  ).all(since, since, since, since) as { incoming_id: number; received_at: string; status: string; instructed_at: string | null; finished_at: string | null }[];
  const out: { incomingId: number; code: '01' | '03' | '04' | '06'; at: string }[] = [];
  for (const r of rows) {
    const want: ['01' | '03' | '04' | '06', string | null][] = [
      ['01', r.received_at],
      ['03', r.received_at],
      ['04', r.instructed_at],
      ['06', r.status === 'hoan-thanh' ? (r.finished_at ?? r.received_at) : null],
    ];
    for (const [code, at] of want) if (at && !statusQueued(db, r.incoming_id, code)) out.push({ incomingId: r.incoming_id, code, at });
  }
  return out;
}
