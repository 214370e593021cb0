import type { AccessTable } from '../auth/access';

export const registersAccess = {
  'registerBook.export': ['vanthu', 'lanhdao', 'quantri'],
} as const satisfies AccessTable;
