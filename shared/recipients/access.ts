import { DIRECTORY, type AccessTable } from '../auth/access';

export const recipientsAccess = {
  'recipients.groups': 'user',
  'recipients.saveGroup': DIRECTORY,
  'recipients.lists': 'user',
  'recipients.saveList': 'user',
  'recipients.deleteList': 'user',
  'recipients.resolve': 'user',
  'recipients.import': DIRECTORY,
} as const satisfies AccessTable;
