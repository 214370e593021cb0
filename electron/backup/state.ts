import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatDateTimeVN } from '../../shared/domain/dates';
import type { BackupRecord, CheckRecord } from '../../shared/backup/schemas';
import { PRIVATE_FILE_MODE } from '../db/private-files';

/**
 * What the data folder remembers of its backups and checks, in a small file beside the database rather than in it:
 * when the database is damaged, the message that says so must still name the last good backup.
 */
export const STATE_FILE = 'backup-state.json';
const RECENT = 60;

export interface BackupState {
  lastBackup: BackupRecord | null;
  recent: BackupRecord[];
  lastCheck: CheckRecord | null;
}

export function readBackupState(dataDir: string): BackupState {
  try {
    const j = JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')) as Partial<BackupState>;
    return { lastBackup: j.lastBackup ?? null, recent: Array.isArray(j.recent) ? j.recent : [], lastCheck: j.lastCheck ?? null };
  } catch {
    return { lastBackup: null, recent: [], lastCheck: null };
  }
}

function writeBackupState(dataDir: string, s: BackupState): void {
  const file = path.join(dataDir, STATE_FILE);
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(s, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
    fs.renameSync(tmp, file);
  } catch {
    // Remembering is a convenience: a full disk must not turn a good backup or check into a failure.
    fs.rmSync(tmp, { force: true });
  }
}

export function recordBackup(dataDir: string, rec: BackupRecord): void {
  const s = readBackupState(dataDir);
  const recent = [rec, ...s.recent.filter((r) => r.file !== rec.file)].slice(0, RECENT);
  writeBackupState(dataDir, { ...s, lastBackup: rec, recent });
}

/** Forgets backups that rotation removed. */
export function forgetBackups(dataDir: string, files: readonly string[]): void {
  if (!files.length) return;
  const s = readBackupState(dataDir);
  const gone = new Set(files);
  const recent = s.recent.filter((r) => !gone.has(r.file));
  writeBackupState(dataDir, { ...s, recent, lastBackup: s.lastBackup && gone.has(s.lastBackup.file) ? (recent[0] ?? null) : s.lastBackup });
}

export function recordCheck(dataDir: string, rec: CheckRecord): void {
  writeBackupState(dataDir, { ...readBackupState(dataDir), lastCheck: rec });
}

/** "bản sao lưu tốt gần nhất: «…» (lúc 10:00 15/03/2026) — khôi phục: …", or where else to look when there is none. */
export function lastGoodBackupText(dataDir: string): string {
  const s = readBackupState(dataDir);
  const last = s.recent.find((r) => fs.existsSync(r.file)) ?? s.lastBackup;
  if (last) {
    return `bản sao lưu tốt gần nhất: «${last.file}» (lúc ${formatDateTimeVN(last.at)}) — khôi phục bằng «vanphong restore "${last.file}" --data-dir THƯ-MỤC-MỚI»`;
  }
  const auto = path.join(dataDir, 'backups');
  return `chưa có bản sao lưu nào được ghi nhận${fs.existsSync(auto) ? `; bản chụp trước các lần nâng cấp nằm trong «${auto}»` : ''}`;
}
