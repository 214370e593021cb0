import { stmt, type DB } from '../db/connection';
import { namedOnSecretSql, secretTaskSql } from '../scope/task-secrecy';
import type { Fragment } from '../scope/repo';
import { getSetting, setSetting } from '../app/settings';
import { GENESIS, rowHash } from './chain';
import type { AuditEntry, AuditHead, AuditVerifyReport } from '../../shared/audit/schemas';

/** SQL for the audit log. Appends only; the table's triggers refuse UPDATE and DELETE. */
const HEAD_KEY = 'audit.head';

/** An entry to append: everything but its place in the chain, which appendAudit gives. */
export type AppendInput = Omit<AuditEntry, 'seq' | 'detail'> & { detail: unknown };

/** Must run inside the command's own transaction (BEGIN IMMEDIATE), so the entry and the change commit together. */
export function appendAudit(db: DB, e: AppendInput): number {
  if (!db.inTransaction) throw new Error('appendAudit outside a transaction');
  const last = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const detail = JSON.stringify(e.detail ?? {});
  const hash = rowHash({ seq, at: e.at, userId: e.userId, username: e.username, action: e.action, entity: e.entity, entityId: e.entityId, detail, prevHash });
  stmt(db, 'INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(seq, e.at, e.userId, e.username, e.action, e.entity, e.entityId, detail, prevHash, hash);
  // The head is kept apart from the table: removing the last rows leaves a chain that is whole but shorter than this.
  setSetting(db, HEAD_KEY, `${seq}:${hash}`);
  return seq;
}

/** The recorded head of the chain (seq 0 and no hash before the first entry). */
export function auditHead(db: DB): AuditHead {
  const head = getSetting(db, HEAD_KEY);
  if (!head) return { seq: 0, hash: null };
  const [seq, hash] = head.split(':');
  return { seq: Number(seq), hash };
}

interface Row {
  seq: number;
  at: string;
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: number | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

/**
 * The log, newest first. Rows about a document the reader may not read are left out (scope/repo.ts): an audit row of a
 * secret document names its number and sender.
 */
export function listAudit(
  db: DB,
  q: {
    entity?: string;
    entityId?: number;
    userId?: number;
    /** Stored instants (UTC ISO): from included, before excluded. */
    atFrom?: string;
    atBefore?: string;
    beforeSeq?: number;
    limit: number;
    incoming?: Fragment;
    outgoing?: Fragment;
    drafts?: Fragment;
    tasks?: Fragment;
  },
): AuditEntry[] {
  const where: string[] = [];
  const args: unknown[] = [];
  const hide = (entity: string, table: string, alias: string, f: Fragment | undefined) => {
    if (!f || f.sql === '1') return;
    where.push(`NOT (entity = '${entity}' AND entity_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.id = audit_log.entity_id AND ${f.sql}))`);
    args.push(...f.params);
  };
  hide('incoming', 'incoming_docs', 'd', q.incoming);
  hide('outgoing', 'outgoing_docs', 'g', q.outgoing);
  hide('draft', 'drafts', 'd', q.drafts);
  hide('task', 'tasks', 't', q.tasks);
  if (q.entity) (where.push('entity = ?'), args.push(q.entity));
  if (q.entityId !== undefined) (where.push('entity_id = ?'), args.push(q.entityId));
  if (q.userId !== undefined) (where.push('user_id = ?'), args.push(q.userId));
  if (q.atFrom !== undefined) (where.push('at >= ?'), args.push(q.atFrom));
  if (q.atBefore !== undefined) (where.push('at < ?'), args.push(q.atBefore));
  if (q.beforeSeq !== undefined) (where.push('seq < ?'), args.push(q.beforeSeq));
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  return (db.prepare(sql).all(...args, q.limit) as Row[]).map(toEntry);
}

/**
 * The secret rule of tasks, for the log's rows about them (task.create names the title, the lead and the deadline;
 * progress and results their notes): a task about a secret document — its incoming document or its plan has a độ mật
 * — is read by those who read secret documents, its creator, the accounts named on it or on its document and the
 * heads of the units named there; any other task by the log's readers. The same rule as tasks/scope-repo.ts taskScope
 * for a lãnh đạo, its SQL shared through scope/task-secrecy.ts (the tasks folder writes the log, so the log cannot import it).
 */
export function taskSecretScope(v: { userId: number; secret: boolean } | null, a = 't'): Fragment {
  if (!v || v.secret) return { sql: '1', params: [] };
  const u = v.userId;
  const secretTask = secretTaskSql(a);
  const named = namedOnSecretSql(a);
  return { sql: `(CASE WHEN ${secretTask} THEN ${named} ELSE 1 END)`, params: [u, u, u, u, u] };
}

/** Every account's and unit's name, to read the log's ids and login names as names (small tables, read once per page). */
export function auditNameTables(db: DB): { users: { id: number; username: string; fullName: string }[]; units: { id: number; name: string }[] } {
  return {
    users: stmt(db, 'SELECT id, username, full_name AS fullName FROM users').all() as { id: number; username: string; fullName: string }[],
    units: stmt(db, 'SELECT id, name FROM units').all() as { id: number; name: string }[],
  };
}

/** Who last changed a record, by the latest audit entry naming it (undefined when none does). */
export function lastChangeOf(db: DB, entity: string, entityId: number): { userId: number | null; username: string; at: string } | undefined {
  const r = stmt(db, 'SELECT user_id, username, at FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 1').get(entity, entityId) as
    | Pick<Row, 'user_id' | 'username' | 'at'>
    | undefined;
  return r && { userId: r.user_id, username: r.username, at: r.at };
}

/** The entries after `seq`, oldest first (the office server's live events). */
export function auditAfter(db: DB, seq: number, limit: number): AuditEntry[] {
  return (stmt(db, 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as Row[]).map(toEntry);
}

/** Walks the whole chain once, in order, in one read snapshot (another process may be appending); stops at the first broken link. */
export function verifyAuditChain(db: DB): Omit<AuditVerifyReport, 'ms'> {
  return db.transaction(() => walkChain(db))();
}

function walkChain(db: DB): Omit<AuditVerifyReport, 'ms'> {
  let expectedSeq = 1;
  let prev = GENESIS;
  let rows = 0;
  const it = db.prepare('SELECT seq, at, user_id, username, action, entity, entity_id, detail, prev_hash, hash FROM audit_log ORDER BY seq').raw().iterate();
  for (const r of it as Iterable<[number, string, number | null, string, string, string, number | null, string, string, string]>) {
    const [seq, at, userId, username, action, entity, entityId, detail, prevHash, hash] = r;
    const fail = (problem: AuditVerifyReport['problem'], message: string) => {
      (it as unknown as { return?: () => void }).return?.();
      return { ok: false, rows, problem, seq, message };
    };
    if (seq !== expectedSeq) return fail('missing', `Thiếu bản ghi số ${expectedSeq}${seq > expectedSeq + 1 ? `–${seq - 1}` : ''} (đã bị xóa).`);
    if (prevHash !== prev) return fail('broken-link', `Bản ghi số ${seq} không nối với bản ghi trước nó.`);
    if (rowHash({ seq, at, userId, username, action, entity, entityId, detail, prevHash }) !== hash) {
      return fail('edited', `Bản ghi số ${seq} đã bị sửa sau khi ghi.`);
    }
    prev = hash;
    expectedSeq++;
    rows++;
  }
  const head = getSetting(db, HEAD_KEY);
  const tail = rows ? `${expectedSeq - 1}:${prev}` : undefined;
  if (head !== tail) {
    const headSeq = head ? Number(head.split(':')[0]) : 0;
    return {
      ok: false,
      rows,
      problem: 'truncated',
      seq: headSeq > rows ? rows + 1 : rows,
      message: headSeq > rows ? `Nhật ký đã bị cắt: thiếu các bản ghi ${rows + 1}–${headSeq} ở cuối.` : 'Điểm cuối của nhật ký không khớp với bản ghi cuối cùng.',
    };
  }
  return { ok: true, rows, problem: null, seq: null, message: `Nhật ký toàn vẹn: ${rows} bản ghi, chuỗi băm liền mạch.` };
}
