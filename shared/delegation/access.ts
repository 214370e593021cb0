import { ADMIN, LEADER, type AccessTable } from '../auth/access';

// Everyone sees the delegations they gave or received; a lãnh đạo gives one for themself, the quản trị records one on
// a leader's behalf (the service checks whose it is).
export const delegationAccess = {
  'delegations.list': 'user',
  'delegations.create': [...LEADER, ...ADMIN],
  'delegations.revoke': [...LEADER, ...ADMIN],
} as const satisfies AccessTable;
