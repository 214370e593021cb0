import type { inboxMethods } from '../../shared/inbox/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';

export const inboxHandlers = {
  'inbox.mine': service.mine,
  'inbox.count': (app) => service.count(app),
} satisfies HandlersOf<typeof inboxMethods>;
