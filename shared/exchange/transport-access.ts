import { ADMIN, type AccessTable } from '../auth/access';

// Issue 18, the exchange's transports: the văn thư sends, receives and resends; the quản trị sets the folders and the
// SMTP server. Anyone who reads an outgoing record sees its recipients' statuses (the service checks the record's scope).
const CLERKS = ['vanthu', 'quantri'] as const;

export const transportAccess = {
  'exchange.run': CLERKS,
  'exchange.list': CLERKS,
  'exchange.resend': CLERKS,
  'exchange.settings': CLERKS,
  'exchange.saveSettings': ADMIN,
  'exchange.statuses': 'user',
  'exchange.statusPackage': CLERKS,
  'exchange.sendStatus': CLERKS,
} as const satisfies AccessTable;
