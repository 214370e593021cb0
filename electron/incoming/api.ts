import type { incomingMethods } from '../../shared/incoming/api';
import type { HandlersOf } from '../app/handler';
import { dashboard, list } from './list';
import * as incoming from './service';

export const incomingHandlers = {
  'dashboard.summary': (app) => dashboard(app),
  'incoming.register': (app, input, session) => incoming.register(app, input, { networked: session.via === 'office' }),
  'incoming.bulkRegister': incoming.bulkRegister,
  'incoming.update': (app, input, session) => incoming.update(app, input, { networked: session.via === 'office' }),
  'incoming.get': (app, input) => incoming.get(app, input.id),
  'incoming.list': list,
  'incoming.findDuplicate': incoming.findDuplicate,
  'incoming.route': incoming.route,
  'incoming.setStatus': incoming.setStatus,
  'incoming.cancel': incoming.cancel,
} satisfies HandlersOf<typeof incomingMethods>;
