import { ADMIN, type AccessTable } from '../auth/access';

// Everyone reads the calendar (deadlines in working days); only the quản trị changes it.
export const calendarAccess = {
  'calendar.list': 'user',
  'calendar.set': ADMIN,
  'calendar.remove': ADMIN,
  'calendar.workingDays': 'user',
} as const satisfies AccessTable;
