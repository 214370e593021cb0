import { stmt, type DB } from '../db/connection';

/**
 * Who may read which record, as SQL (issue 14): one rule, written once, that every list, lookup, search and file
 * download adds to its WHERE clause, so that a record a caller may not see is never read, counted or ranked for them.
 *
 * - The văn thư and the lãnh đạo read the registers (`registers`).
 * - A chuyên viên reads their own drafts, what is routed to them or to their unit (as chủ trì, phối hợp or để biết),
 *   the outgoing documents of their drafts, and what the office marks công khai.
 * - A document with độ mật is read only by the văn thư who keeps the secret register and the head of the office
 *   (`secret`), and by the people named on it: an account named as handler, the head of a unit named, the drafter,
 *   the leader it was submitted to and whoever acted on it.
 */
export interface Viewer {
  userId: number;
  registers: boolean;
  secret: boolean;
}

/** A WHERE fragment with its positional parameters. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

/** Both fragments hold. */
export const both = (a: Fragment, b: Fragment): Fragment => ({ sql: `(${a.sql}) AND (${b.sql})`, params: [...a.params, ...b.params] });

const ALL: Fragment = { sql: '1', params: [] };

/** Handlers naming the viewer, a unit they belong to, or a unit they head. */
const namedOnIncoming = (a: string) =>
  `EXISTS (SELECT 1 FROM incoming_handlers h WHERE h.doc_id = ${a}.id AND (h.user_id = ?
     OR h.unit_id IN (SELECT m.unit_id FROM unit_members m WHERE m.user_id = ?) OR h.unit_id IN (SELECT u.id FROM units u WHERE u.head_user_id = ?)))`;

/** For a secret document a unit's members are not named: the account itself, or the head of a unit named. */
const namedOnSecretIncoming = (a: string) =>
  `EXISTS (SELECT 1 FROM incoming_handlers h WHERE h.doc_id = ${a}.id AND (h.user_id = ? OR h.unit_id IN (SELECT u.id FROM units u WHERE u.head_user_id = ?)))`;

function byKind(v: Viewer, secrecyCol: string, plain: Fragment, secret: Fragment): Fragment {
  const p = v.registers ? ALL : plain;
  const s = v.secret ? ALL : secret;
  return { sql: `(CASE WHEN ${secrecyCol} = 'thuong' THEN ${p.sql} ELSE ${s.sql} END)`, params: [...p.params, ...s.params] };
}

export function incomingScope(v: Viewer | null, a = 'd'): Fragment {
  if (!v || (v.registers && v.secret)) return ALL;
  const u = v.userId;
  return byKind(v, `${a}.secrecy`, { sql: `(${a}.public = 1 OR ${namedOnIncoming(a)})`, params: [u, u, u] }, { sql: namedOnSecretIncoming(a), params: [u, u] });
}

/**
 * Every document a reader who is not a registers reader may possibly read: the công khai ones and those whose
 * handlers name the account, a unit it belongs to or a unit it heads. A superset of what the read rule lets them see,
 * found through indexes; the rule itself is applied on top.
 */
function incomingCandidates(userId: number, a: string): Fragment {
  return {
    sql: `${a}.id IN (SELECT id FROM incoming_docs INDEXED BY incoming_public WHERE public = 1
      UNION SELECT doc_id FROM incoming_handlers INDEXED BY handlers_by_user WHERE user_id = ? AND user_id IS NOT NULL
      UNION SELECT doc_id FROM incoming_handlers INDEXED BY handlers_by_unit WHERE unit_id IN (SELECT unit_id FROM unit_members WHERE user_id = ?) AND unit_id IS NOT NULL
      UNION SELECT doc_id FROM incoming_handlers INDEXED BY handlers_by_unit WHERE unit_id IN (SELECT id FROM units WHERE head_user_id = ?) AND unit_id IS NOT NULL)`,
    params: [userId, userId, userId],
  };
}

/**
 * The read rule as a query over many rows takes it (the register, search): for a reader who is not a registers
 * reader, narrowed first to the few documents that can be theirs, so the rule is not tested on every row of a
 * million. The rule stays; the narrowing only makes it cheap.
 */
export function readableIncoming(v: Viewer | null, a = 'd'): Fragment {
  const scope = incomingScope(v, a);
  if (!v || v.registers) return scope;
  return both(incomingCandidates(v.userId, a), scope);
}

/**
 * The read rule for one page of the register in an index order (date, sender, trích yếu), for a reader who is not a
 * registers reader. When what they may read is a good share of the register (a unit's member reads one document in
 * twenty), walking the order's index and testing the rule on each row finds a page after a few thousand rows, where
 * gathering every candidate first (tens of thousands in a large register) and sorting them costs far more; a reader
 * who may read little keeps the candidates. The share is judged from indexes only (an upper bound: a document named
 * twice counts twice).
 */
export function pagedIncoming(db: DB, v: Viewer | null, a = 'd'): Fragment & { walk: boolean } {
  if (!v || v.registers) return { ...readableIncoming(v, a), walk: false };
  const u = v.userId;
  const bound = stmt(db,
    `SELECT (SELECT count(*) FROM incoming_docs INDEXED BY incoming_public WHERE public = 1)
       + (SELECT count(*) FROM incoming_handlers INDEXED BY handlers_by_user WHERE user_id = ? AND user_id IS NOT NULL)
       + (SELECT count(*) FROM incoming_handlers INDEXED BY handlers_by_unit WHERE unit_id IN (SELECT unit_id FROM unit_members WHERE user_id = ?
            UNION SELECT id FROM units WHERE head_user_id = ?) AND unit_id IS NOT NULL)`,
  ).pluck().get(u, u, u) as number;
  const size = (stmt(db, 'SELECT max(id) FROM incoming_docs').pluck().get() as number | null) ?? 0;
  return bound * DENSE_SHARE >= size ? { ...incomingScope(v, a), walk: true } : { ...readableIncoming(v, a), walk: false };
}

/** One document in this many readable: walk the index (see pagedIncoming). */
const DENSE_SHARE = 50;

/** The drafter and the leader of the draft an outgoing document came from, and the văn thư who issued it. */
const ownOutgoing = (a: string) =>
  `(${a}.issued_by = ? OR EXISTS (SELECT 1 FROM drafts x WHERE x.id = ${a}.draft_id AND (x.owner_id = ? OR x.reviewer_id = ?)))`;

export function outgoingScope(v: Viewer | null, a = 'g'): Fragment {
  if (!v || (v.registers && v.secret)) return ALL;
  const u = v.userId;
  return byKind(v, `${a}.secrecy`, { sql: `(${a}.public = 1 OR ${ownOutgoing(a)})`, params: [u, u, u] }, { sql: ownOutgoing(a), params: [u, u, u] });
}

/**
 * Drafts: the drafter's own, the leader's it was submitted to, whoever acted on it; past dự thảo, the registers'
 * (secret ones only the secret readers'). A draft never submitted is its drafter's alone.
 */
export function draftScope(v: Viewer | null, a = 'd', opts: { anyStatus?: boolean } = {}): Fragment {
  if (!v) return ALL;
  const u = v.userId;
  const own = `(${a}.owner_id = ? OR ${a}.reviewer_id = ? OR EXISTS (SELECT 1 FROM workflow_steps s WHERE s.draft_id = ${a}.id AND (s.user_id = ? OR s.to_user_id = ?)))`;
  // The audit log's readers see that a dự thảo was written (its rows), not its text.
  const past = opts.anyStatus ? '1' : `${a}.status NOT IN ('du-thao', 'tra-lai')`;
  const secretDoc = `coalesce(json_extract(${a}.model, '$.secrecy'), 'thuong') <> 'thuong'`;
  const plainReader = v.registers ? `(NOT ${secretDoc} AND ${past})` : '0';
  const secretReader = v.secret ? `(${secretDoc} AND ${past})` : '0';
  return { sql: `(${own} OR ${plainReader} OR ${secretReader} OR (${a}.owner_id IS NULL AND ${v.registers ? '1' : '0'}))`, params: [u, u, u, u] };
}

/** A stored file may be read when a record the viewer may read references it. */
export function blobVisible(db: DB, sha256: string, v: Viewer | null): boolean {
  const i = incomingScope(v, 'd');
  const o = outgoingScope(v, 'g');
  const d = draftScope(v, 'x2');
  const sql = `SELECT EXISTS (SELECT 1 FROM incoming_attachments a JOIN incoming_docs d ON d.id = a.doc_id WHERE a.sha256 = ? AND ${i.sql})
    OR EXISTS (SELECT 1 FROM outgoing_docs g WHERE g.sha256 = ? AND ${o.sql})
    OR EXISTS (SELECT 1 FROM drafts x2 WHERE x2.signed_sha256 = ? AND ${d.sql})`;
  return stmt(db, sql).pluck().get(sha256, ...i.params, sha256, ...o.params, sha256, ...d.params) === 1;
}

export function incomingVisible(db: DB, id: number, v: Viewer | null): boolean {
  const f = incomingScope(v, 'd');
  return stmt(db, `SELECT EXISTS (SELECT 1 FROM incoming_docs d WHERE d.id = ? AND ${f.sql})`).pluck().get(id, ...f.params) === 1;
}

export function outgoingVisible(db: DB, id: number, v: Viewer | null): boolean {
  const f = outgoingScope(v, 'g');
  return stmt(db, `SELECT EXISTS (SELECT 1 FROM outgoing_docs g WHERE g.id = ? AND ${f.sql})`).pluck().get(id, ...f.params) === 1;
}

export function draftVisible(db: DB, id: number, v: Viewer | null): boolean {
  const f = draftScope(v, 'd');
  return stmt(db, `SELECT EXISTS (SELECT 1 FROM drafts d WHERE d.id = ? AND ${f.sql})`).pluck().get(id, ...f.params) === 1;
}
