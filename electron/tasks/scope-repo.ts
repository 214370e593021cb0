import { OPEN_SQL, type Fragment } from './repo';
import { namedOnSecretSql, secretTaskSql } from '../scope/task-secrecy';

/**
 * Who may see a task, as SQL that every list, lookup and export adds to its WHERE clause:
 * - its creator, its handlers (an account named; the members and the head of a unit named), the lãnh đạo, and whoever
 *   may see its parent (the handlers of a task see its sub-tasks, down the tree);
 * - a task about a secret incoming document (độ mật) only its creator, the accounts named on the task or on the
 *   document, the heads of the units named there, and those who read secret documents (the văn thư keeping the
 *   secret register, the head of the office): a unit's members and the other lãnh đạo do not.
 */
export interface TaskViewer {
  userId: number;
  leader: boolean;
  /** Reads every secret document (scope/secrecy.ts readsSecrets). */
  secret: boolean;
}

/**
 * Tasks about a secret incoming document the account is named on (as an account handler, or the head of a unit
 * handler); for a reader of secret documents every task about a secret document, a plan's too.
 */
const secretNamedCandidates = (secretReader: boolean) => `SELECT t2.id FROM tasks t2 JOIN incoming_docs sd ON sd.id = t2.incoming_id
    WHERE t2.incoming_id IS NOT NULL AND sd.secrecy <> 'thuong'${
      secretReader
        ? ` UNION SELECT t3.id FROM tasks t3 JOIN outgoing_docs so ON so.id = t3.outgoing_id WHERE t3.outgoing_id IS NOT NULL AND so.secrecy <> 'thuong'`
        : ' AND t2.incoming_id IN (SELECT doc_id FROM incoming_handlers WHERE user_id = ? UNION SELECT doc_id FROM incoming_handlers WHERE unit_id IN (SELECT id FROM units WHERE head_user_id = ?))'
    }`;

/**
 * The read rule over `tasks a`. For an account that is not a lãnh đạo it starts from the few tasks that can be its
 * (those it meets and every task below them, and the secret ones it is named on), found through indexes, so a list
 * or a count never tests the rule on each of 300,000 rows; the secret rule is applied on top.
 */
export function taskScope(v: TaskViewer | null, a = 't'): Fragment {
  if (!v || (v.leader && v.secret)) return { sql: '1', params: [] };
  const u = v.userId;
  const secret: Fragment = v.secret ? { sql: '1', params: [] } : { sql: namedOnSecretSql(a), params: [u, u, u, u, u] };
  const rule = { sql: `(CASE WHEN ${secretTaskSql(a)} THEN ${secret.sql} ELSE 1 END)`, params: secret.params };
  if (v.leader) return rule;
  const candidates = `${a}.id IN (WITH RECURSIVE seen(id) AS (
    SELECT id FROM tasks WHERE created_by = ?
    UNION SELECT task_id FROM task_handlers WHERE user_id = ?
    UNION SELECT task_id FROM task_handlers WHERE unit_id IN (SELECT unit_id FROM unit_members WHERE user_id = ?)
    UNION SELECT task_id FROM task_handlers WHERE unit_id IN (SELECT id FROM units WHERE head_user_id = ?)
    UNION SELECT c.id FROM tasks c JOIN seen ON c.parent_id = seen.id
  ) SELECT id FROM seen UNION ${secretNamedCandidates(v.secret)})`;
  return { sql: `${candidates} AND ${rule.sql}`, params: [u, u, u, u, ...(v.secret ? [] : [u, u]), ...rule.params] };
}

export interface TaskFilter {
  /** Created by this account, or handled by it or a unit it belongs to or heads. */
  mineOf?: number;
  /** Led by this unit or one of its members. */
  unitId?: number;
  /** Open and past its deadline on this day. */
  overdueOn?: string;
  /** A status, or 'mo': open (đang làm or chờ duyệt). */
  status?: string;
  outgoingId?: number;
  parentId?: number;
  /** Words of the title. */
  q?: string;
}

/** The read rule and a list's filters, as one WHERE fragment over `tasks t`. */
export function taskFilter(scope: Fragment, f: TaskFilter): Fragment {
  const parts: Fragment[] = [scope];
  if (f.mineOf !== undefined) {
    const u = f.mineOf;
    parts.push({
      sql: `(t.created_by = ? OR t.id IN (SELECT task_id FROM task_handlers WHERE user_id = ?
        UNION SELECT task_id FROM task_handlers WHERE unit_id IN (SELECT unit_id FROM unit_members WHERE user_id = ? UNION SELECT id FROM units WHERE head_user_id = ?)))`,
      params: [u, u, u, u],
    });
  }
  if (f.unitId !== undefined) {
    parts.push({ sql: 't.id IN (SELECT id FROM tasks WHERE lead_unit_id = ? UNION SELECT id FROM tasks WHERE lead_user_id IN (SELECT user_id FROM unit_members WHERE unit_id = ?))', params: [f.unitId, f.unitId] });
  }
  if (f.overdueOn !== undefined) parts.push({ sql: `t.status IN ${OPEN_SQL} AND t.deadline < ?`, params: [f.overdueOn] });
  if (f.status === 'mo') parts.push({ sql: `t.status IN ${OPEN_SQL}`, params: [] });
  else if (f.status) parts.push({ sql: 't.status = ?', params: [f.status] });
  if (f.outgoingId !== undefined) parts.push({ sql: 't.outgoing_id = ?', params: [f.outgoingId] });
  if (f.parentId !== undefined) parts.push({ sql: 't.parent_id = ?', params: [f.parentId] });
  if (f.q) parts.push({ sql: "t.title LIKE ? ESCAPE '\\'", params: [`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`] });
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/**
 * The read rule for one task, without gathering every task the account can see: the task is secret (then the secret
 * rule), or it or one of its ancestors was created by the account or names it (or a unit it belongs to or heads).
 */
export function oneTaskScope(v: TaskViewer | null, id: number): Fragment {
  if (!v || (v.leader && v.secret)) return { sql: '1', params: [] };
  const u = v.userId;
  const secret: Fragment = v.secret ? { sql: '1', params: [] } : { sql: namedOnSecretSql('t'), params: [u, u, u, u, u] };
  const plain: Fragment = v.leader
    ? { sql: '1', params: [] }
    : {
        sql: `EXISTS (WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM tasks WHERE id = ? UNION ALL SELECT p.id, p.parent_id FROM tasks p JOIN up ON p.id = up.parent_id)
          SELECT 1 FROM up WHERE EXISTS (SELECT 1 FROM tasks x WHERE x.id = up.id AND x.created_by = ?)
            OR EXISTS (SELECT 1 FROM task_handlers h WHERE h.task_id = up.id AND (h.user_id = ?
              OR h.unit_id IN (SELECT unit_id FROM unit_members WHERE user_id = ?) OR h.unit_id IN (SELECT id FROM units WHERE head_user_id = ?))))`,
        params: [id, u, u, u, u],
      };
  return { sql: `(CASE WHEN ${secretTaskSql('t')} THEN ${secret.sql} ELSE ${plain.sql} END)`, params: [...secret.params, ...plain.params] };
}

/**
 * What an ủy quyền lets the deputy see of its delegators' tasks (the deputy works from their inbox, it does not read
 * as they do): a task waiting for one of them (an open work row naming them or a unit they head), or one they created
 * or lead. A task about a secret document still follows the deputy's own secret rule.
 */
export function delegatedTaskScope(deputy: TaskViewer, owners: readonly number[], a = 't'): Fragment {
  const list = JSON.stringify(owners);
  const u = deputy.userId;
  const theirs = `(${a}.created_by IN (SELECT value FROM json_each(?)) OR ${a}.lead_user_id IN (SELECT value FROM json_each(?))
    OR EXISTS (SELECT 1 FROM work_items w WHERE w.kind = 'task' AND w.ref_id = ${a}.id AND w.closed_at IS NULL
      AND (w.user_id IN (SELECT value FROM json_each(?)) OR w.unit_id IN (SELECT id FROM units WHERE head_user_id IN (SELECT value FROM json_each(?))))))`;
  const secret: Fragment = deputy.secret ? { sql: '1', params: [] } : { sql: namedOnSecretSql(a), params: [u, u, u, u, u] };
  return { sql: `${theirs} AND (CASE WHEN ${secretTaskSql(a)} THEN ${secret.sql} ELSE 1 END)`, params: [list, list, list, list, ...secret.params] };
}
