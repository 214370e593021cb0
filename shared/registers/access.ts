import type { AccessTable } from '../auth/access';

export const registersAccess = {
  'registerBook.export': ['vanthu', 'lanhdao', 'quantri'],
  // Whoever may read the document (the service applies the read rule).
  'incoming.processingSheet': 'user',
} as const satisfies AccessTable;
