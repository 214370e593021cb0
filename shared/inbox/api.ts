import { empty, method, type MethodTable } from '../api/define';
import type { inboxAccess } from './access';
import { inboxMineInput, type InboxCounts, type InboxPage } from './schemas';

export const inboxMethods = {
  'inbox.mine': method<typeof inboxMineInput, InboxPage>(inboxMineInput),
  'inbox.count': method<typeof empty, InboxCounts>(empty),
} satisfies MethodTable<typeof inboxAccess>;
