import { empty, method, type MethodTable } from '../api/define';
import type { auditAccess } from './access';
import { listAuditInput, type AuditHead, type AuditListEntry, type AuditVerifyReport } from './schemas';

export const auditMethods = {
  'audit.list': method<typeof listAuditInput, AuditListEntry[]>(listAuditInput),
  'audit.verify': method<typeof empty, AuditVerifyReport>(empty),
  'audit.head': method<typeof empty, AuditHead>(empty),
} satisfies MethodTable<typeof auditAccess>;
