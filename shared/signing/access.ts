import { ADMIN, type AccessTable } from '../auth/access';

export const signingAccess = {
  'signing.sign': ['lanhdao', 'vanthu'],
  'signing.verify': 'user',
  'signing.tokens': 'user',
  'signing.settings': 'user',
  'signing.saveSettings': ADMIN,
  'attachments.signatures': 'user',
  'trust.list': 'user',
  'trust.add': ADMIN,
  'trust.remove': ADMIN,
  'people.list': 'user',
  'people.create': ['quantri', 'vanthu'],
  'stamps.list': 'user',
  'stamps.set': ['quantri', 'vanthu'],
  'stamps.image': 'user',
  'stamps.remove': ['quantri', 'vanthu'],
} as const satisfies AccessTable;
