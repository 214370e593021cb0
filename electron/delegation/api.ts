import type { delegationMethods } from '../../shared/delegation/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';

export const delegationHandlers = {
  'delegations.list': service.list,
  'delegations.create': service.create,
  'delegations.revoke': service.revoke,
} satisfies HandlersOf<typeof delegationMethods>;
