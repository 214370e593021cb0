import { CLERK, type AccessTable } from '../auth/access';

// ND30 Điều 21–24: the văn thư receives and registers; the leader (or the văn thư recording the leader's
// instruction) routes; whoever handles a document reports its progress.
export const incomingAccess = {
  'dashboard.summary': 'user',
  'incoming.register': CLERK,
  'incoming.bulkRegister': CLERK,
  'incoming.update': CLERK,
  'incoming.get': 'user',
  'incoming.list': 'user',
  'incoming.findDuplicate': 'user',
  'incoming.route': ['vanthu', 'lanhdao'],
  'incoming.setStatus': ['vanthu', 'chuyenvien', 'lanhdao'],
  'incoming.cancel': CLERK,
} as const satisfies AccessTable;
