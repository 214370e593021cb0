import { empty, method, type MethodTable } from '../api/define';
import type { auditAccess } from './access';
import { listAuditInput, type AuditEntry, type AuditHead, type AuditVerifyReport } from './schemas';

export const auditMethods = {
  'audit.list': method<typeof listAuditInput, AuditEntry[]>(listAuditInput),
  'audit.verify': method<typeof empty, AuditVerifyReport>(empty),
  'audit.head': method<typeof empty, AuditHead>(empty),
} satisfies MethodTable<typeof auditAccess>;
