import type { appMethods } from '../../shared/app/api';
import type { HandlersOf } from './handler';

export const appHandlers = {
  'app.info': (app) => ({
    version: app.version,
    dataDir: app.dataDir,
    schemaVersion: app.migration.to,
    today: app.today(),
    maxFileBytes: app.maxFileBytes,
  }),
} satisfies HandlersOf<typeof appMethods>;
