import { CLERK, DRAFTERS, LEADER, type AccessTable } from '../auth/access';

const SIGNERS = ['lanhdao', 'vanthu'] as const;

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
  'outgoing.sealCheck': CLERK,
  // Signing at the signer's desk: prepared by the leader (their signature) or the văn thư (issuance), completed or
  // cancelled by whoever prepared it (the service checks who; a văn thư may also cancel another's issuance).
  'outgoing.prepareSign': LEADER,
  'outgoing.prepareIssue': CLERK,
  'outgoing.completeSigning': SIGNERS,
  'outgoing.cancelSigning': SIGNERS,
  'outgoing.cancel': CLERK,
  'outgoing.skipNumber': CLERK,
  'outgoing.reservedNumbers': CLERK,
  'outgoing.send': CLERK,
  'outgoing.list': 'user',
  'outgoing.get': 'user',
  'outgoing.correct': DRAFTERS,
} as const satisfies AccessTable;
