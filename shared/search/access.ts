import type { AccessTable } from '../auth/access';

export const searchAccess = {
  'search.query': 'user',
  'search.results': 'user',
  'search.indexStatus': 'user',
} as const satisfies AccessTable;
