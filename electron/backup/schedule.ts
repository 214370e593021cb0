import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCHEDULE, type BackupRecord, type BackupSchedule } from '../../shared/backup/schemas';
import type { AppContext } from '../app/context';
import { getSetting, setSetting } from '../app/settings';
import { keyStoreDir, readFolderIdentity } from '../db/keys';
import { PRIVATE_FILE_MODE, privateDir } from '../db/private-files';
import { createBackup } from './backup';
import { forgetBackups, readBackupState } from './state';

/**
 * Scheduled backups (issue 14): every `everyHours` (24 by default) into the folder the administrator chose, kept by
 * rotation — the newest backup of each of the last 7 days that have one, and of each of the last 4 ISO weeks. The
 * schedule is a setting of the database; its passphrase is kept beside the installation key in the per-user key store
 * (0600), since an unattended backup has no one to type it. Long-running hosts start the scheduler.
 */

const SETTING = 'backup.schedule';
/** Names of the backups the scheduler writes, and the only files rotation ever removes. */
const NAME = /^vanphong-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})(?:-\d+)?\.vpbak$/;

export function readSchedule(app: AppContext): BackupSchedule {
  try {
    const raw = getSetting(app.db, SETTING);
    return raw ? { ...DEFAULT_SCHEDULE, ...(JSON.parse(raw) as Partial<BackupSchedule>) } : DEFAULT_SCHEDULE;
  } catch {
    return DEFAULT_SCHEDULE;
  }
}

export function saveSchedule(app: AppContext, s: BackupSchedule): void {
  app.db.transaction(() => setSetting(app.db, SETTING, JSON.stringify(s))).immediate();
}

function passphraseFile(dataDir: string): string | null {
  const id = readFolderIdentity(dataDir)?.id;
  return id ? path.join(keyStoreDir(), `${id}.backup-pass`) : null;
}

export function storePassphrase(dataDir: string, passphrase: string): void {
  const file = passphraseFile(dataDir);
  if (!file) throw new Error('a folder from before encryption has no key store entry: run vanphong encrypt first');
  privateDir(path.dirname(file));
  fs.writeFileSync(file, passphrase, { mode: PRIVATE_FILE_MODE });
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}

export function storedPassphrase(dataDir: string): string | null {
  if (process.env.VANPHONG_BACKUP_PASSPHRASE) return process.env.VANPHONG_BACKUP_PASSPHRASE;
  const file = passphraseFile(dataDir);
  try {
    return file ? fs.readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/** The scheduled backup's file name: its time in Vietnam, so rotation counts Vietnamese days and weeks. */
export function scheduledName(at: Date): string {
  const t = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `vanphong-${t.slice(0, 10)}T${t.slice(11, 13)}-${t.slice(14, 16)}.vpbak`;
}

/** ISO week of a calendar date, as "2026-W11". */
function isoWeek(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d));
  const day = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which scheduled backups to remove: of the names given (other files are never considered), keep the newest of each of
 * the `keepDaily` most recent days that have a backup and of each of the `keepWeekly` most recent ISO weeks.
 */
export function toRotate(names: readonly string[], keepDaily: number, keepWeekly: number): string[] {
  const ours = names
    .map((n) => ({ n, m: NAME.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => !!x.m)
    .sort((a, b) => (a.n < b.n ? 1 : -1)); // newest first: the names sort by time
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const { n, m } of ours) {
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    const week = isoWeek(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(n);
    }
    if (!weeks.has(week) && weeks.size < keepWeekly) {
      weeks.add(week);
      keep.add(n);
    }
    days.add(day);
    weeks.add(week);
  }
  return ours.map((x) => x.n).filter((n) => !keep.has(n));
}

/** Removes what rotation gives up in the schedule's folder; returns the removed files. */
export function rotate(dir: string, keepDaily: number, keepWeekly: number): string[] {
  const gone = toRotate(fs.readdirSync(dir), keepDaily, keepWeekly).map((n) => path.join(dir, n));
  for (const f of gone) fs.rmSync(f, { force: true });
  return gone;
}

/** Whether a scheduled backup is due: none yet, or the last scheduled one is `everyHours` old. */
export function backupDue(app: AppContext, s: BackupSchedule, now: Date): boolean {
  if (!s.enabled || !s.dir) return false;
  const last = readBackupState(app.dataDir).recent.find((r: BackupRecord) => r.scheduled);
  return !last || now.getTime() - Date.parse(last.at) >= s.everyHours * 3600_000 - 60_000;
}

/** One scheduled backup now, then rotation. */
export async function runScheduledBackup(app: AppContext, now = app.clock()): Promise<BackupRecord | null> {
  const s = readSchedule(app);
  const passphrase = storedPassphrase(app.dataDir);
  if (!s.enabled || !s.dir || !passphrase) return null;
  privateDir(s.dir);
  let out = path.join(s.dir, scheduledName(now));
  for (let i = 1; fs.existsSync(out); i++) out = path.join(s.dir, scheduledName(now).replace('.vpbak', `-${i}.vpbak`));
  const rec = await createBackup(app, out, passphrase, { scheduled: true });
  forgetBackups(app.dataDir, rotate(s.dir, s.keepDaily, s.keepWeekly));
  return rec;
}

/**
 * Checks every few minutes whether a scheduled backup is due and writes it; a failure is logged and tried again at the
 * next check. Returns the function that stops it.
 */
export function startBackupScheduler(app: AppContext, opts: { everyMs?: number; log?: (line: string) => void } = {}): () => void {
  const log = opts.log ?? ((l: string) => console.error(`[vanphong] ${l}`));
  let running = false;
  const tickOnce = async () => {
    if (running) return;
    running = true;
    try {
      const s = readSchedule(app);
      if (backupDue(app, s, app.clock())) {
        const rec = await runScheduledBackup(app);
        if (rec) log(`Đã sao lưu theo lịch: «${rec.file}».`);
        else if (s.enabled) log('Sao lưu theo lịch chưa chạy: chưa lưu mật khẩu bản sao lưu trên máy này («vanphong backup schedule … --passphrase-stdin»).');
      }
    } catch (e) {
      log(`Sao lưu theo lịch không thành công: ${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tickOnce(), opts.everyMs ?? 5 * 60_000);
  timer.unref();
  const first = setTimeout(() => void tickOnce(), 30_000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
