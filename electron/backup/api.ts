import type { backupMethods } from '../../shared/backup/api';
import type { HandlersOf } from '../app/handler';
import { backupStatus, runBackupNow } from './service';

export const backupHandlers = {
  'backup.status': (app) => backupStatus(app),
  'backup.run': (app, input) => runBackupNow(app, input.passphrase),
} satisfies HandlersOf<typeof backupMethods>;
