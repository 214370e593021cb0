import type { AccessTable } from '../auth/access';

export const attachmentsAccess = {
  'attachments.content': 'user',
  'attachments.text': 'user',
} as const satisfies AccessTable;
