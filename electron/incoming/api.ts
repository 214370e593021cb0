import type { incomingMethods } from '../../shared/incoming/api';
import type { HandlersOf } from '../app/handler';
import { dashboard, list } from './list';
import * as incoming from './service';

export const incomingHandlers = {
  'dashboard.summary': (app) => dashboard(app),
  'incoming.register': incoming.register,
  'incoming.bulkRegister': incoming.bulkRegister,
  'incoming.update': incoming.update,
  'incoming.get': (app, input) => incoming.get(app, input.id),
  'incoming.list': list,
  'incoming.findDuplicate': incoming.findDuplicate,
  'incoming.route': incoming.route,
  'incoming.setStatus': incoming.setStatus,
  'incoming.cancel': incoming.cancel,
} satisfies HandlersOf<typeof incomingMethods>;
