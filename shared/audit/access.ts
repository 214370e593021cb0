import { ADMIN, type AccessTable } from '../auth/access';

export const auditAccess = {
  'audit.list': ['quantri', 'lanhdao'],
  'audit.verify': ADMIN,
} as const satisfies AccessTable;
