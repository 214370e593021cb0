import type { sessionsMethods } from '../../shared/sessions/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';

export const sessionsHandlers = {
  'sessions.list': (app, _input, session) => service.listSessions(app, session),
  'sessions.end': (app, input) => service.endSessionByAdmin(app, input.id),
  'sessions.settings': (app) => service.sessionSettings(app),
  'sessions.saveSettings': service.saveSessionSettings,
  'sessions.serverInfo': (app, _input, session) => service.serverInfo(app, session),
} satisfies HandlersOf<typeof sessionsMethods>;
