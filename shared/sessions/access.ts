import { ADMIN, type AccessTable } from '../auth/access';

export const sessionsAccess = {
  'sessions.list': ADMIN,
  'sessions.end': ADMIN,
  'sessions.settings': 'user',
  'sessions.saveSettings': ADMIN,
  'sessions.serverInfo': 'user',
} as const satisfies AccessTable;
