import { DIRECTORY, type AccessTable } from '../auth/access';

export const directoryAccess = {
  'books.list': 'user',
  'books.create': ['vanthu', 'quantri'],
  'organizations.list': 'user',
  'organizations.create': DIRECTORY,
} as const satisfies AccessTable;
