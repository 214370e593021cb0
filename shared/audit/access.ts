import { ADMIN, type AccessTable } from '../auth/access';

export const auditAccess = {
  'audit.list': ['quantri', 'lanhdao'],
  'audit.verify': ADMIN,
  'audit.head': ['quantri', 'lanhdao', 'vanthu'],
} as const satisfies AccessTable;
