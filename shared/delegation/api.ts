import { idInput, method, type MethodTable } from '../api/define';
import type { delegationAccess } from './access';
import { createDelegationInput, listDelegationsInput, type Delegation } from './schemas';

export const delegationMethods = {
  'delegations.list': method<typeof listDelegationsInput, Delegation[]>(listDelegationsInput),
  'delegations.create': method<typeof createDelegationInput, Delegation>(createDelegationInput),
  'delegations.revoke': method<typeof idInput, Delegation>(idInput),
} satisfies MethodTable<typeof delegationAccess>;
