import { stmt, type DB } from '../db/connection';
import { nextUpdatedAt } from '../db/stamps';
import type { StepInfo, StepKind } from '../../shared/incoming/flow';
import type { HandlerInfo } from '../../shared/incoming/schemas';

/** SQL for the processing trail of incoming documents (migration 015 incoming_steps) and what it changes on the record. */

export interface NewStep {
  docId: number;
  kind: StepKind;
  at: string;
  actorId: number | null;
  onBehalfOf?: number | null;
  toUserId?: number | null;
  toUnitId?: number | null;
  note?: string | null;
  deadline?: string | null;
  progress?: number | null;
  replyId?: number | null;
}

export function insertStep(db: DB, s: NewStep): number {
  return Number(
    stmt(db,
      `INSERT INTO incoming_steps (doc_id, kind, at, actor_id, on_behalf_of, to_user_id, to_unit_id, note, deadline, progress, reply_outgoing_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(s.docId, s.kind, s.at, s.actorId, s.onBehalfOf ?? null, s.toUserId ?? null, s.toUnitId ?? null, s.note ?? null, s.deadline ?? null, s.progress ?? null, s.replyId ?? null)
      .lastInsertRowid,
  );
}

interface StepRow {
  id: number;
  kind: StepKind;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  on_behalf_of: number | null;
  behalf_name: string | null;
  to_user_id: number | null;
  to_user_name: string | null;
  to_unit_id: number | null;
  to_unit_name: string | null;
  note: string | null;
  deadline: string | null;
  progress: number | null;
  reply_outgoing_id: number | null;
  reply_ref: string | null;
  reply_date: string | null;
}

const STEP_SQL = `SELECT s.id, s.kind, s.at, s.actor_id, a.full_name AS actor_name, s.on_behalf_of, b.full_name AS behalf_name,
    s.to_user_id, t.full_name AS to_user_name, s.to_unit_id, n.name AS to_unit_name, s.note, s.deadline, s.progress,
    s.reply_outgoing_id, g.ref AS reply_ref, g.doc_date AS reply_date
  FROM incoming_steps s LEFT JOIN users a ON a.id = s.actor_id LEFT JOIN users b ON b.id = s.on_behalf_of
  LEFT JOIN users t ON t.id = s.to_user_id LEFT JOIN units n ON n.id = s.to_unit_id LEFT JOIN outgoing_docs g ON g.id = s.reply_outgoing_id`;

const named = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

const toStep = (r: StepRow): StepInfo => ({
  id: r.id,
  kind: r.kind,
  at: r.at,
  actor: named(r.actor_id, r.actor_name),
  onBehalfOf: named(r.on_behalf_of, r.behalf_name),
  toUser: named(r.to_user_id, r.to_user_name),
  toUnit: named(r.to_unit_id, r.to_unit_name),
  note: r.note,
  deadline: r.deadline,
  progress: r.progress,
  reply: r.reply_outgoing_id === null ? null : { id: r.reply_outgoing_id, ref: r.reply_ref ?? '', docDate: r.reply_date ?? '' },
});

/** The trail of one document, oldest first. */
export function stepsOf(db: DB, docId: number): StepInfo[] {
  return (stmt(db, `${STEP_SQL} WHERE s.doc_id = ? ORDER BY s.id`).all(docId) as StepRow[]).map(toStep);
}

/** The latest step of the given kinds. */
export function lastStep(db: DB, docId: number, kinds: readonly StepKind[]): StepInfo | undefined {
  const r = stmt(db, `${STEP_SQL} WHERE s.doc_id = ? AND s.kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY s.id DESC LIMIT 1`).get(docId, ...kinds) as
    | StepRow
    | undefined;
  return r && toStep(r);
}

/** The bút phê's lead and deadline on the record itself: the register, the dashboard and the follow-up book read them. */
export function setLeadAndDeadline(db: DB, docId: number, lead: string, deadline: string | null, at: string): void {
  stmt(db, `UPDATE incoming_docs SET lead = ?, deadline = ?, routed_at = ?, updated_at = ${nextUpdatedAt()} WHERE id = ?`).run(lead, deadline, at, at, docId);
}

export interface HandlerRow {
  role: HandlerInfo['role'];
  unitId: number | null;
  userId: number | null;
  name: string;
}

export function handlerRows(db: DB, docId: number): HandlerRow[] {
  return stmt(db, 'SELECT role, unit_id AS unitId, user_id AS userId, name FROM incoming_handlers WHERE doc_id = ? ORDER BY id').all(docId) as HandlerRow[];
}

/** Adds one account as a handler (a person the unit's head passed it to), unless already named in that role or above. */
export function addUserHandler(db: DB, docId: number, role: 'lead' | 'co', userId: number, name: string, nameFolded: string): void {
  const roles = role === 'lead' ? ['lead'] : ['lead', 'co'];
  const has = stmt(db, `SELECT EXISTS (SELECT 1 FROM incoming_handlers WHERE doc_id = ? AND user_id = ? AND role IN (${roles.map(() => '?').join(', ')}))`)
    .pluck()
    .get(docId, userId, ...roles);
  if (has === 1) return;
  stmt(db, "DELETE FROM incoming_handlers WHERE doc_id = ? AND user_id = ? AND role IN ('co', 'info')").run(docId, userId);
  stmt(db, 'INSERT INTO incoming_handlers (doc_id, role, unit_id, user_id, name, name_folded) VALUES (?, ?, NULL, ?, ?, ?)').run(docId, role, userId, name, nameFolded);
}

/** Removes one account's handler row of the given role (a chủ trì a unit's head replaced by someone else). */
export function removeUserHandler(db: DB, docId: number, userId: number, role: HandlerInfo['role']): void {
  stmt(db, 'DELETE FROM incoming_handlers WHERE doc_id = ? AND user_id = ? AND role = ?').run(docId, userId, role);
}

/** A member of the unit, or its head. */
export function inUnit(db: DB, unitId: number, userId: number): boolean {
  return (
    stmt(db, 'SELECT EXISTS (SELECT 1 FROM unit_members WHERE unit_id = ? AND user_id = ?) OR EXISTS (SELECT 1 FROM units WHERE id = ? AND head_user_id = ?)')
      .pluck()
      .get(unitId, userId, unitId, userId) === 1
  );
}

export function unitHeadOf(db: DB, unitId: number): number | null {
  return (stmt(db, 'SELECT head_user_id FROM units WHERE id = ?').pluck().get(unitId) as number | null | undefined) ?? null;
}

/** The active accounts of a unit, its head included (a secret document: the head only). */
export function unitPeople(db: DB, unitId: number, headOnly = false): number[] {
  const head = stmt(db, 'SELECT u.head_user_id FROM units u JOIN users us ON us.id = u.head_user_id WHERE u.id = ? AND us.active = 1').pluck().all(unitId) as number[];
  if (headOnly) return head;
  const members = stmt(db, 'SELECT m.user_id FROM unit_members m JOIN users us ON us.id = m.user_id WHERE m.unit_id = ? AND us.active = 1').pluck().all(unitId) as number[];
  return [...new Set([...head, ...members])];
}

export interface OutgoingBrief {
  id: number;
  status: string;
  ref: string;
  docDate: string;
}

export function outgoingBrief(db: DB, id: number): OutgoingBrief | undefined {
  return stmt(db, 'SELECT id, status, ref, doc_date AS docDate FROM outgoing_docs WHERE id = ?').get(id) as OutgoingBrief | undefined;
}

/**
 * The document waits today for an account among `owners` (by a row of their own, or of a unit they head): what a
 * deputy under ủy quyền opens from the leader's inbox.
 */
export function waitsForAny(db: DB, docId: number, owners: readonly number[]): boolean {
  if (!owners.length) return false;
  const list = owners.map(() => '?').join(', ');
  return (
    stmt(db,
      `SELECT EXISTS (SELECT 1 FROM work_items w WHERE w.kind = 'incoming' AND w.ref_id = ? AND w.closed_at IS NULL
         AND (w.user_id IN (${list}) OR w.unit_id IN (SELECT id FROM units WHERE head_user_id IN (${list}))))`,
    )
      .pluck()
      .get(docId, ...owners, ...owners) === 1
  );
}

/** The account took a step on the document for someone else, under ủy quyền. */
export function actedForOthers(db: DB, docId: number, userId: number): boolean {
  return stmt(db, 'SELECT EXISTS (SELECT 1 FROM incoming_steps WHERE doc_id = ? AND actor_id = ? AND on_behalf_of IS NOT NULL)').pluck().get(docId, userId) === 1;
}
