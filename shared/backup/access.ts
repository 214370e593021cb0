import { ADMIN, type AccessTable } from '../auth/access';

/** Backups are the administrator's (quản trị) alone: a backup holds every document and the installation key. */
export const backupAccess = {
  'backup.status': ADMIN,
  'backup.run': ADMIN,
} as const satisfies AccessTable;
