import type { AccessTable } from '../auth/access';

export const attachmentsAccess = {
  'attachments.content': 'user',
} as const satisfies AccessTable;
