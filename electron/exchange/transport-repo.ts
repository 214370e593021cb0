import { stmt, type DB } from '../db/connection';
import type { ExchangeMessage, MessageState } from '../../shared/exchange/transport-api';
import type { Caller, Role } from '../../shared/auth/roles';
import type { Fragment } from '../scope/repo';

/** SQL for exchange_messages (migration 019): the outbox, the inbox's record, the dead letters. */

interface Row {
  id: number;
  message_id: string;
  direction: 'out' | 'in';
  kind: 'document' | 'status';
  transport: 'folder' | 'email';
  peer_organ_id: string | null;
  peer_name?: string | null;
  peer_address: string | null;
  document_id: string | null;
  business: ExchangeMessage['business'];
  status_code: string | null;
  outgoing_id: number | null;
  incoming_id: number | null;
  file_name: string;
  sha256: string | null;
  size: number | null;
  state: MessageState;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface MessageRow extends ExchangeMessage {
  sha256: string | null;
}

const toMessage = (r: Row): MessageRow => ({
  id: r.id,
  messageId: r.message_id,
  direction: r.direction,
  kind: r.kind,
  transport: r.transport,
  peerOrganId: r.peer_organ_id,
  peerName: r.peer_name ?? null,
  peerAddress: r.peer_address,
  documentId: r.document_id,
  business: r.business,
  statusCode: r.status_code,
  outgoingId: r.outgoing_id,
  incomingId: r.incoming_id,
  fileName: r.file_name,
  sha256: r.sha256,
  size: r.size,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const SELECT = `SELECT m.*, (SELECT o.name FROM organizations o WHERE o.organ_id = m.peer_organ_id LIMIT 1) AS peer_name FROM exchange_messages m`;

export interface NewMessage {
  messageId: string;
  direction: 'out' | 'in';
  kind: 'document' | 'status';
  transport: 'folder' | 'email';
  peerOrganId?: string | null;
  peerAddress?: string | null;
  documentId?: string | null;
  business?: ExchangeMessage['business'];
  statusCode?: string | null;
  outgoingId?: number | null;
  incomingId?: number | null;
  fileName: string;
  sha256?: string | null;
  size?: number | null;
  state: MessageState;
  lastError?: string | null;
  userId?: number | null;
}

export function insertMessage(db: DB, m: NewMessage, now: string): number {
  return Number(
    stmt(
      db,
      `INSERT INTO exchange_messages (message_id, direction, kind, transport, peer_organ_id, peer_address, document_id, business, status_code,
         outgoing_id, incoming_id, file_name, sha256, size, state, attempts, next_attempt_at, last_error, user_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?)`,
    ).run(
      m.messageId,
      m.direction,
      m.kind,
      m.transport,
      m.peerOrganId ?? null,
      m.peerAddress ?? null,
      m.documentId ?? null,
      m.business ?? null,
      m.statusCode ?? null,
      m.outgoingId ?? null,
      m.incomingId ?? null,
      m.fileName,
      m.sha256 ?? null,
      m.size ?? null,
      m.state,
      m.lastError ?? null,
      m.userId ?? null,
      now,
      now,
    ).lastInsertRowid,
  );
}

export function getMessage(db: DB, id: number): MessageRow | undefined {
  const r = stmt(db, `${SELECT} WHERE m.id = ?`).get(id) as Row | undefined;
  return r && toMessage(r);
}

export function messageByMessageId(db: DB, messageId: string): MessageRow | undefined {
  const r = stmt(db, `${SELECT} WHERE m.message_id = ?`).get(messageId) as Row | undefined;
  return r && toMessage(r);
}

/** What an arrival's record says while it is read: a crash leaves it so, and a later pass takes it again. */
export const IN_PROGRESS = 'Đang xử lý.';

/**
 * An arrival recorded as being read (state rejected, "đang xử lý"), under its message id; null when a row with that
 * id exists already — another pass (the scheduler and a CLI `exchange run` on one folder) took it first.
 */
export function insertArrival(db: DB, m: { messageId: string; transport: 'folder' | 'email'; peerAddress: string | null; fileName: string; size: number }, now: string): number | null {
  const r = stmt(
    db,
    `INSERT INTO exchange_messages (message_id, direction, kind, transport, peer_address, file_name, size, state, attempts, last_error, created_at, updated_at)
     VALUES (?, 'in', 'document', ?, ?, ?, ?, 'rejected', 0, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
  ).run(m.messageId, m.transport, m.peerAddress, m.fileName, m.size, IN_PROGRESS, now, now);
  return r.changes === 1 ? Number(r.lastInsertRowid) : null;
}

/**
 * An arrival rejected before (or left "đang xử lý" by a crash, before `staleBefore`) taken again to be read; false
 * when another pass is reading it now.
 */
export function reclaimArrival(db: DB, id: number, a: { transport: 'folder' | 'email'; peerAddress: string | null; fileName: string; size: number }, now: string, staleBefore: string): boolean {
  return (
    stmt(
      db,
      `UPDATE exchange_messages SET last_error = ?, transport = ?, peer_address = ?, file_name = ?, size = ?, sha256 = NULL, updated_at = ?
       WHERE id = ? AND direction = 'in' AND state = 'rejected' AND (last_error IS NOT ? OR updated_at < ?)`,
    ).run(IN_PROGRESS, a.transport, a.peerAddress, a.fileName, a.size, now, id, IN_PROGRESS, staleBefore).changes === 1
  );
}

/** A package with these bytes received and accepted here before (the same package again, under any name). */
export function receivedWithContent(db: DB, sha256: string): MessageRow | undefined {
  const r = stmt(db, `${SELECT} WHERE m.sha256 = ? AND m.direction = 'in' AND m.state = 'received' ORDER BY m.id LIMIT 1`).get(sha256) as Row | undefined;
  return r && toMessage(r);
}

/**
 * The messages, newest first, about records the reader may read (`scope`: the outgoing and incoming read rules of
 * scope/repo.ts); a message about no record (an arrival refused unread) is the văn thư's, who alone lists them.
 */
export function listMessages(
  db: DB,
  f: { state?: MessageState; problems?: boolean; direction?: 'out' | 'in'; limit: number; scope: { outgoing: Fragment; incoming: Fragment } },
): MessageRow[] {
  const where: string[] = [
    `(m.outgoing_id IS NULL OR EXISTS (SELECT 1 FROM outgoing_docs g WHERE g.id = m.outgoing_id AND ${f.scope.outgoing.sql}))`,
    `(m.incoming_id IS NULL OR EXISTS (SELECT 1 FROM incoming_docs d WHERE d.id = m.incoming_id AND ${f.scope.incoming.sql}))`,
  ];
  const args: unknown[] = [...f.scope.outgoing.params, ...f.scope.incoming.params];
  if (f.state) (where.push('m.state = ?'), args.push(f.state));
  if (f.problems) where.push("m.state IN ('failed', 'dead', 'rejected')");
  if (f.direction) (where.push('m.direction = ?'), args.push(f.direction));
  const sql = `${SELECT} WHERE ${where.join(' AND ')} ORDER BY m.updated_at DESC, m.id DESC LIMIT ?`;
  return (stmt(db, sql).all(...args, f.limit) as Row[]).map(toMessage);
}

/** Outgoing messages due now (queued, or failed with their retry time passed), oldest first. */
export function dueMessages(db: DB, now: string, limit: number): MessageRow[] {
  return (
    stmt(
      db,
      `${SELECT} WHERE m.direction = 'out' AND m.state IN ('queued', 'failed') AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ?)
       ORDER BY m.id LIMIT ?`,
    ).all(now, limit) as Row[]
  ).map(toMessage);
}

/**
 * Takes a due message for one sender: its retry time moves to `leaseUntil`, so another process's pass (the office
 * server and a CLI `exchange run` on one folder) does not send it at the same time. False: someone else took it.
 */
export function claim(db: DB, id: number, now: string, leaseUntil: string): boolean {
  return (
    stmt(
      db,
      `UPDATE exchange_messages SET next_attempt_at = ? WHERE id = ? AND state IN ('queued', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`,
    ).run(leaseUntil, id, now).changes === 1
  );
}

export function markSent(db: DB, id: number, now: string): void {
  stmt(db, "UPDATE exchange_messages SET state = 'sent', attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL, updated_at = ? WHERE id = ?").run(now, id);
}

export function markFailed(db: DB, id: number, state: 'failed' | 'dead', nextAttemptAt: string | null, error: string, now: string): void {
  stmt(db, 'UPDATE exchange_messages SET state = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?').run(
    state,
    nextAttemptAt,
    error.slice(0, 2000),
    now,
    id,
  );
}

/** A dead or failed message back in the queue, due now, its attempts counted afresh. */
export function requeue(db: DB, id: number, now: string): boolean {
  return (
    stmt(db, "UPDATE exchange_messages SET state = 'queued', attempts = 0, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN ('failed', 'dead')").run(now, id)
      .changes === 1
  );
}

/** What an arrival turned out to be, once read. */
export function settleInbound(
  db: DB,
  id: number,
  s: { state: 'received' | 'rejected'; kind?: 'document' | 'status'; sha256?: string | null; error?: string | null; incomingId?: number | null; outgoingId?: number | null; documentId?: string | null; business?: ExchangeMessage['business']; statusCode?: string | null; peerOrganId?: string | null },
  now: string,
): void {
  stmt(
    db,
    `UPDATE exchange_messages SET state = ?, kind = coalesce(?, kind), sha256 = ?, last_error = ?, incoming_id = coalesce(?, incoming_id), outgoing_id = coalesce(?, outgoing_id),
       document_id = coalesce(?, document_id), business = coalesce(?, business), status_code = coalesce(?, status_code), peer_organ_id = coalesce(?, peer_organ_id), updated_at = ?
     WHERE id = ?`,
  ).run(s.state, s.kind ?? null, s.sha256 ?? null, s.error ?? null, s.incomingId ?? null, s.outgoingId ?? null, s.documentId ?? null, s.business ?? null, s.statusCode ?? null, s.peerOrganId ?? null, now, id);
}

/** The account scheduled passes act as (they register arrivals, as only a văn thư may): the first active văn thư. */
export function clerkCaller(db: DB): Caller | null {
  const r = stmt(
    db,
    `SELECT id, username, full_name, title, unit, roles FROM users WHERE active = 1 AND roles LIKE '%"vanthu"%' ORDER BY id LIMIT 1`,
  ).get() as { id: number; username: string; full_name: string; title: string; unit: string; roles: string } | undefined;
  return r ? { id: r.id, username: r.username, fullName: r.full_name, title: r.title, unit: r.unit, roles: JSON.parse(r.roles) as Role[] } : null;
}
