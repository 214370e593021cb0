import type { authMethods } from '../../shared/auth/api';
import type { HandlersOf } from '../app/handler';
import { listUsers } from './repo';
import * as auth from './service';

export const authHandlers = {
  'auth.status': (app, _input, session) => auth.status(app, session),
  'auth.setup': auth.setup,
  'auth.login': auth.login,
  'auth.logout': (app, _input, session) => auth.logout(app, session),
  'auth.changePassword': auth.changePassword,
  'users.list': (app) => listUsers(app.db),
  'users.create': auth.createUser,
  'users.update': auth.updateUser,
} satisfies HandlersOf<typeof authMethods>;
