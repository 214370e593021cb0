import { z } from 'zod';

/** A backup that was written whole (issue 14): where, when, and the audit chain's head it carries. */
export interface BackupRecord {
  file: string;
  /** ISO 8601 instant the snapshot was taken. */
  at: string;
  bytes: number;
  documents: number;
  files: number;
  auditHead: { seq: number; hash: string | null };
  scheduled: boolean;
}

/** The result of the last database check (quick_check at a host's start, or `vanphong check`). */
export interface CheckRecord {
  at: string;
  ok: boolean;
  kind: 'quick' | 'full';
  message: string;
}

/** Scheduled backups: every `everyHours`, into `dir`, keeping `keepDaily` daily and `keepWeekly` weekly copies. */
export interface BackupSchedule {
  enabled: boolean;
  dir: string | null;
  everyHours: number;
  keepDaily: number;
  keepWeekly: number;
}

export const DEFAULT_SCHEDULE: BackupSchedule = { enabled: false, dir: null, everyHours: 24, keepDaily: 7, keepWeekly: 4 };

export interface BackupStatus {
  dataDir: string;
  encrypted: boolean;
  lastBackup: BackupRecord | null;
  recent: BackupRecord[];
  lastCheck: CheckRecord | null;
  schedule: BackupSchedule;
  /** Whether the scheduled backups have their passphrase on this machine (else «Sao lưu ngay» asks for one). */
  passphraseStored: boolean;
}

export const runBackupInput = z.object({
  /** Omitted: the passphrase kept for the scheduled backups. */
  passphrase: z.string().min(8, { error: 'Mật khẩu bản sao lưu cần ít nhất 8 ký tự.' }).max(1024).optional(),
});
