import { ADMIN, type AccessTable } from '../auth/access';

// Everyone reads the organisation (new drafts take their header from it); only the quản trị changes it and keeps the
// images that stand for the office and its people (an image itself: the quản trị, the văn thư the seal, an account
// its own signature: settings/service.ts).
export const settingsAccess = {
  'settings.organisation': 'user',
  'settings.saveOrganisation': ADMIN,
  'settings.stamps': ADMIN,
  'settings.stampImage': 'user',
  'settings.setStamp': ADMIN,
  'settings.removeStamp': ADMIN,
} as const satisfies AccessTable;
