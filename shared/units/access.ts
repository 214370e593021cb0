import { ADMIN, type AccessTable } from '../auth/access';

// The quản trị keeps the office's units and says who reads secret documents; everyone sees the units (routing
// forms offer them).
export const unitsAccess = {
  'units.list': 'user',
  'units.save': ADMIN,
  'units.secrecy': 'user',
  'units.saveSecrecy': ADMIN,
  'units.remove': ADMIN,
} as const satisfies AccessTable;
