import type { MethodParsed } from '../../shared/api/contract';
import type { AuditEntry, AuditVerifyReport } from '../../shared/audit/schemas';
import type { AppContext } from '../app/context';
import { listAudit, verifyAuditChain } from './repo';

export function list(app: AppContext, input: MethodParsed<'audit.list'>): AuditEntry[] {
  return listAudit(app.db, input);
}

/** Walks the whole chain; a deleted, inserted or edited row is reported with its sequence number. */
export function verify(app: AppContext): AuditVerifyReport {
  const t0 = performance.now();
  const r = verifyAuditChain(app.db);
  return { ...r, ms: Math.round(performance.now() - t0) };
}
