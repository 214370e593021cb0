import type { AccessTable } from '../auth/access';

export const appAccess = {
  'app.info': 'public',
} as const satisfies AccessTable;
