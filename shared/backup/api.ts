import { empty, method, type MethodTable } from '../api/define';
import type { backupAccess } from './access';
import { runBackupInput, type BackupRecord, type BackupStatus } from './schemas';

export const backupMethods = {
  'backup.status': method<typeof empty, BackupStatus>(empty),
  'backup.run': method<typeof runBackupInput, BackupRecord>(runBackupInput),
} satisfies MethodTable<typeof backupAccess>;
