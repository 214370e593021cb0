import { DIRECTORY, DRAFTERS, type AccessTable } from '../auth/access';

// Everyone keeps the schedule; the service lets the maker, the văn thư and leaders change a meeting. Rooms and
// the weekly schedule's letterhead belong to the văn phòng.
export const meetingsAccess = {
  'rooms.list': 'user',
  'rooms.save': DIRECTORY,
  'meetings.list': 'user',
  'meetings.get': 'user',
  'meetings.save': 'user',
  'meetings.setStatus': 'user',
  'meetings.clashes': 'user',
  'meetings.upcoming': 'user',
  'meetings.exportWeek': 'user',
  'meetings.exportIcs': 'user',
  'meetings.import': 'user',
  'meetings.invitation': DRAFTERS,
  'meetings.settings': 'user',
  'meetings.saveSettings': DIRECTORY,
} as const satisfies AccessTable;
