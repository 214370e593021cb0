import { ADMIN, type AccessTable } from '../auth/access';

// Everyone reads and marks their own notifications; the reminders' sweep runs by itself in the long-running hosts,
// and on demand by the quản trị.
export const notificationsAccess = {
  'notifications.list': 'user',
  'notifications.markRead': 'user',
  'notifications.sweep': ADMIN,
} as const satisfies AccessTable;
