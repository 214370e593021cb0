import type { importsMethods } from '../../shared/imports/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';

export const importsHandlers = {
  'imports.preview': (app, input, session) => service.preview(app, input, session.via),
  'imports.run': (app, input, session) => service.run(app, input, session.via),
  'imports.status': service.status,
  'imports.list': (app) => service.list(app),
  'imports.rows': service.rows,
} satisfies HandlersOf<typeof importsMethods>;
