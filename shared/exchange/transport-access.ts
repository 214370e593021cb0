import { ADMIN, CLERK, type AccessTable } from '../auth/access';

// Issue 18, the exchange's transports: the văn thư alone sends, receives (arrivals go into the incoming register,
// which only the văn thư keeps), lists the messages, resends and sends statuses; the quản trị sets the folders and the
// SMTP server (and reads them, with the văn thư). Anyone who reads an outgoing record sees its recipients' statuses
// (the service checks the record's scope).
const SETTINGS_READERS = ['vanthu', 'quantri'] as const;

export const transportAccess = {
  'exchange.run': CLERK,
  'exchange.list': CLERK,
  'exchange.resend': CLERK,
  'exchange.settings': SETTINGS_READERS,
  'exchange.saveSettings': ADMIN,
  'exchange.statuses': 'user',
  'exchange.statusPackage': CLERK,
  'exchange.sendStatus': CLERK,
} as const satisfies AccessTable;
