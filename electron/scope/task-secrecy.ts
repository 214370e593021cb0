/**
 * The secret rule of tasks as SQL, shared by the task read rule (tasks/scope-repo.ts) and the audit log's rows about
 * tasks (audit/repo.ts), which cannot import the tasks folder (it writes the log): one text, so the two never drift.
 * `a` is the tasks table's alias.
 */

/** About a secret document: its incoming document or its plan (an outgoing document) has a độ mật (sub-tasks keep their parent's). */
export const secretTaskSql = (a: string) => `((${a}.incoming_id IS NOT NULL AND EXISTS (SELECT 1 FROM incoming_docs sd WHERE sd.id = ${a}.incoming_id AND sd.secrecy <> 'thuong'))
  OR (${a}.outgoing_id IS NOT NULL AND EXISTS (SELECT 1 FROM outgoing_docs so WHERE so.id = ${a}.outgoing_id AND so.secrecy <> 'thuong')))`;

/** The account (five `?`, each its id) created the task, is named on it or on its document, or heads a unit named there. */
export const namedOnSecretSql = (a: string) => `(${a}.created_by = ?
  OR EXISTS (SELECT 1 FROM task_handlers h WHERE h.task_id = ${a}.id AND (h.user_id = ? OR h.unit_id IN (SELECT id FROM units WHERE head_user_id = ?)))
  OR EXISTS (SELECT 1 FROM incoming_handlers ih WHERE ih.doc_id = ${a}.incoming_id AND (ih.user_id = ? OR ih.unit_id IN (SELECT id FROM units WHERE head_user_id = ?))))`;
