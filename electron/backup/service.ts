import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/result';
import type { BackupRecord, BackupStatus } from '../../shared/backup/schemas';
import type { AppContext } from '../app/context';
import { createBackup } from './backup';
import { readSchedule, rotate, scheduledName, storedPassphrase } from './schedule';
import { forgetBackups, readBackupState } from './state';

/** The administrator's screen «Sao lưu»: the backups written, the last check, the schedule. */
export function backupStatus(app: AppContext): BackupStatus {
  const s = readBackupState(app.dataDir);
  return {
    dataDir: app.dataDir,
    encrypted: app.installationKey !== null,
    lastBackup: s.lastBackup,
    recent: s.recent.filter((r) => fs.existsSync(r.file)).slice(0, 30),
    lastCheck: s.lastCheck,
    schedule: readSchedule(app),
    passphraseStored: storedPassphrase(app.dataDir) !== null,
  };
}

/** «Sao lưu ngay»: a backup now into the schedule's folder, with the passphrase given or the one kept for the schedule. */
export async function runBackupNow(app: AppContext, passphrase: string | undefined): Promise<BackupRecord> {
  const s = readSchedule(app);
  if (!s.dir) {
    throw new AppError('VALIDATION', 'Chưa chọn thư mục sao lưu: trên máy chủ chạy «vanphong backup schedule --dir THƯ-MỤC --passphrase-stdin» (nên là ổ đĩa khác).', { field: 'dir' });
  }
  const pass = passphrase ?? storedPassphrase(app.dataDir);
  if (!pass) throw new AppError('VALIDATION', 'Nhập mật khẩu bản sao lưu (máy này chưa lưu mật khẩu cho sao lưu theo lịch).', { field: 'passphrase' });
  fs.mkdirSync(s.dir, { recursive: true, mode: 0o700 });
  let out = path.join(s.dir, scheduledName(app.clock()));
  for (let i = 1; fs.existsSync(out); i++) out = path.join(s.dir, scheduledName(app.clock()).replace('.vpbak', `-${i}.vpbak`));
  const { missing: _missing, ...rec } = await createBackup(app, out, pass);
  if (s.enabled) forgetBackups(app.dataDir, rotate(s.dir, s.keepDaily, s.keepWeekly));
  return rec;
}
