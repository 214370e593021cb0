import type { MethodParsed } from '../../shared/api/contract';
import type { AuditEntry, AuditVerifyReport } from '../../shared/audit/schemas';
import type { AppContext } from '../app/context';
import { listAudit, verifyAuditChain } from './repo';
import { draftScope, incomingScope, outgoingScope } from '../scope/repo';
import { viewerOf } from '../scope/viewer';

export function list(app: AppContext, input: MethodParsed<'audit.list'>): AuditEntry[] {
  // The log's readers (quản trị, lãnh đạo) see every ordinary record's rows; a secret record's rows only its readers.
  const caller = viewerOf(app);
  const v = caller && { ...caller, registers: true };
  return listAudit(app.db, { ...input, incoming: incomingScope(v, 'd'), outgoing: outgoingScope(v, 'g'), drafts: draftScope(v, 'd', { anyStatus: true }) });
}

/** Walks the whole chain; a deleted, inserted or edited row is reported with its sequence number. */
export function verify(app: AppContext): AuditVerifyReport {
  const t0 = performance.now();
  const r = verifyAuditChain(app.db);
  return { ...r, ms: Math.round(performance.now() - t0) };
}
