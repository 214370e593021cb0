import type { MethodParsed } from '../../shared/api/contract';
import type { AuditListEntry, AuditVerifyReport } from '../../shared/audit/schemas';
import { readableAuditEntry, vietnamDayBounds, type AuditNames } from '../../shared/audit/readable';
import type { AppContext } from '../app/context';
import { auditNameTables, listAudit, taskSecretScope, verifyAuditChain } from './repo';
import { draftScope, incomingScope, outgoingScope } from '../scope/repo';
import { viewerOf } from '../scope/viewer';

/**
 * The log, newest first, narrowed by person, record and Vietnam dates, and read in plain Vietnamese (names, times,
 * labels) at read time: what is stored and hashed stays as written.
 */
export function list(app: AppContext, input: MethodParsed<'audit.list'>): AuditListEntry[] {
  // The log's readers (quản trị, lãnh đạo) see every ordinary record's rows; a secret record's rows only its readers.
  const caller = viewerOf(app);
  const v = caller && { ...caller, registers: true };
  const { from, to, ...rest } = input;
  const rows = listAudit(app.db, {
    ...rest,
    atFrom: from ? vietnamDayBounds(from).start : undefined,
    atBefore: to ? vietnamDayBounds(to).next : undefined,
    incoming: incomingScope(v, 'd'),
    outgoing: outgoingScope(v, 'g'),
    drafts: draftScope(v, 'd', { anyStatus: true }),
    tasks: taskSecretScope(v, 't'),
  });
  const names = auditNames(app);
  return rows.map((e) => readableAuditEntry(e, names));
}

/** The names the log's ids and login names stand for today. */
function auditNames(app: AppContext): AuditNames {
  const { users, units } = auditNameTables(app.db);
  const byId = new Map(users.map((u) => [u.id, u.fullName]));
  const byLogin = new Map(users.map((u) => [u.username.toLowerCase(), u.fullName]));
  const unitById = new Map(units.map((u) => [u.id, u.name]));
  return { userById: (id) => byId.get(id), userByLogin: (u) => byLogin.get(u.toLowerCase()), unitById: (id) => unitById.get(id) };
}

/** Walks the whole chain; a deleted, inserted or edited row is reported with its sequence number. */
export function verify(app: AppContext): AuditVerifyReport {
  const t0 = performance.now();
  const r = verifyAuditChain(app.db);
  return { ...r, ms: Math.round(performance.now() - t0) };
}
