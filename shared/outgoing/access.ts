import { CLERK, DRAFTERS, LEADER, type AccessTable } from '../auth/access';

// ND30 Điều 10–17: the drafter submits; the leader returns, approves and signs; the văn thư numbers, issues, sends.
export const outgoingAccess = {
  'outgoing.inbox': 'user',
  'outgoing.workflow': 'user',
  'outgoing.version': 'user',
  'outgoing.submit': DRAFTERS,
  'outgoing.return': LEADER,
  'outgoing.approve': LEADER,
  'outgoing.sign': LEADER,
  'outgoing.issue': CLERK,
  'outgoing.cancel': CLERK,
  'outgoing.skipNumber': CLERK,
  'outgoing.send': CLERK,
  'outgoing.list': 'user',
  'outgoing.get': 'user',
  'outgoing.correct': DRAFTERS,
} as const satisfies AccessTable;
