import type { incomingMethods } from '../../shared/incoming/api';
import type { HandlersOf } from '../app/handler';
import { dashboard, list } from './list';
import * as incoming from './service';
import * as flow from './flow';
import { stampedCopy } from './arrival-stamp';

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
  'incoming.submit': flow.submit,
  'incoming.instruct': flow.instruct,
  'incoming.assign': flow.assign,
  'incoming.progress': flow.progress,
  'incoming.finish': flow.finish,
  'incoming.returnToClerk': flow.returnToClerk,
  'incoming.stampedCopy': stampedCopy,
} satisfies HandlersOf<typeof incomingMethods>;
