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
  // Trình → bút phê → phân công → tiến độ → kết quả (ND30 Điều 23–24). The service checks the record: the leader it
  // was submitted to (or their deputy under ủy quyền, whatever the deputy's role), the head of a unit named, the handlers.
  'incoming.submit': CLERK,
  'incoming.instruct': ['lanhdao', 'chuyenvien', 'vanthu'],
  'incoming.assign': ['lanhdao', 'chuyenvien', 'vanthu'],
  'incoming.progress': ['lanhdao', 'chuyenvien', 'vanthu'],
  'incoming.finish': ['vanthu', 'chuyenvien', 'lanhdao'],
  'incoming.returnToClerk': ['lanhdao', 'chuyenvien', 'vanthu'],
  // A copy of an attached PDF with the ĐẾN mark: whoever may read the document (the service applies the read rule).
  'incoming.stampedCopy': 'user',
} as const satisfies AccessTable;
