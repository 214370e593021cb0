import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/api/result';
import { BlobStore } from '../attachments/blob-store';
import { applyKey, databaseState, rekeyDatabaseFile } from '../db/cipher';
import { findFolderKey, readFolderIdentity, recoveryKeyNotice, replaceFolderKey, type FolderKey } from '../db/keys';
import { snapshotInto } from '../db/migrate';
import { privateDir } from '../db/private-files';
import type { DB } from '../db/connection';

/**
 * `vanphong encrypt`: converts a data folder from before encryption. The database is copied first (VACUUM INTO, into
 * backups/, then encrypted under the new key too: no plaintext copy is left in the folder), re-keyed in place while no
 * other process has it open, and every stored file sealed in place. Run again after an interruption, it finishes what is
 * left (files still in plaintext are read as they are meanwhile).
 */

export interface EncryptResult {
  /** false: the database was already encrypted (only files left in plaintext were sealed). */
  converted: boolean;
  backupFile: string | null;
  sealedFiles: number;
  notice: string | null;
}

function storedFiles(root: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(root)) return out;
  for (const a of fs.readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(root, a))) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      for (const f of fs.readdirSync(path.join(root, a, b))) if (/^[0-9a-f]{64}$/.test(f)) out.push(f);
    }
  }
  return out;
}

export function encryptFolder(dataDir: string, now = new Date()): EncryptResult {
  const dbFile = path.join(dataDir, 'vanphong.sqlite');
  const state = databaseState(dbFile);
  if (state === 'absent') throw new AppError('NOT_FOUND', `Không có cơ sở dữ liệu trong «${dataDir}».`, { field: 'data-dir' });
  if (state === 'encrypted') {
    const k = findFolderKey(dataDir);
    encryptOldSnapshots(dataDir, k.key);
    return { converted: false, backupFile: null, sealedFiles: sealFiles(dataDir, k.key), notice: null };
  }

  const db = new Sqlite(dbFile, { fileMustExist: true }) as unknown as DB;
  let folderKey: FolderKey;
  let backupFile: string;
  try {
    db.pragma('busy_timeout = 1000');
    // Leaving WAL needs every other connection gone: the only sure sign that no host or command has the folder open.
    const inUse = () => new AppError('CONFLICT', `Thư mục dữ liệu «${dataDir}» đang được mở (ứng dụng, máy chủ hoặc lệnh khác): tắt chúng rồi chạy lại «vanphong encrypt».`);
    let mode: unknown;
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      mode = db.pragma('journal_mode = DELETE', { simple: true });
    } catch (e) {
      if (String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw inUse();
      throw e;
    }
    if (mode !== 'delete') throw inUse();
    // The folder's key: one made by an earlier, interrupted run, or a new one.
    let existing: FolderKey | null = null;
    if (readFolderIdentity(dataDir)) {
      try {
        existing = findFolderKey(dataDir);
      } catch {
        existing = null;
      }
    }
    folderKey = existing ?? replaceFolderKey(dataDir, { now });
    const backups = path.join(dataDir, 'backups');
    privateDir(backups);
    backupFile = path.join(backups, `before-encrypt-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`);
    snapshotInto(db, backupFile);
    rekeyDatabaseFile(backupFile, null, folderKey.key);
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${folderKey.key.toString('hex')}'"`);
  } finally {
    db.close();
  }
  // Opened again under the key: the conversion is whole before anything else is touched.
  const check = new Sqlite(dbFile, { fileMustExist: true });
  try {
    applyKey(check, folderKey.key);
    check.pragma('journal_mode = WAL');
    const r = check.prepare('PRAGMA quick_check').pluck().get();
    if (r !== 'ok') throw new AppError('INTERNAL', `Mã hóa xong nhưng kiểm tra cơ sở dữ liệu không đạt (${String(r)}); bản trước khi mã hóa: «${backupFile}».`);
  } finally {
    check.close();
  }
  encryptOldSnapshots(dataDir, folderKey.key);
  const sealedFiles = sealFiles(dataDir, folderKey.key);
  return {
    converted: true,
    backupFile,
    sealedFiles,
    notice: folderKey.recoveryKey ? recoveryKeyNotice(folderKey, dataDir) : null,
  };
}

function sealFiles(dataDir: string, key: Buffer): number {
  const store = new BlobStore(path.join(dataDir, 'files'), key);
  let n = 0;
  for (const sha of storedFiles(store.root)) if (store.sealInPlace(sha)) n++;
  return n;
}

/** The snapshots taken before earlier migrations (backups/*.sqlite) are encrypted too: no plaintext copy stays behind. */
function encryptOldSnapshots(dataDir: string, key: Buffer): void {
  const dir = path.join(dataDir, 'backups');
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) {
    const file = path.join(dir, f);
    if (f.endsWith('.sqlite') && databaseState(file) === 'plaintext') rekeyDatabaseFile(file, null, key);
  }
}
