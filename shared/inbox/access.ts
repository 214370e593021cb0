import type { AccessTable } from '../auth/access';

// Everyone has an inbox: what waits for the caller (and for whoever delegated to them today).
export const inboxAccess = {
  'inbox.mine': 'user',
  'inbox.count': 'user',
} as const satisfies AccessTable;
