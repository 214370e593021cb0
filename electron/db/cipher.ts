import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { privateFile } from './private-files';

/**
 * The database's encryption at rest: SQLCipher's page format (AES-256-CBC + HMAC-SHA512 per page) through SQLite3
 * Multiple Ciphers (better-sqlite3-multiple-ciphers), keyed with the raw 256-bit installation key (db/keys.ts) — no
 * key derivation on open, so a CLI command starts as fast as before. A file that starts with SQLite's plain header is
 * a folder from before encryption: it opens without a key until `vanphong encrypt` converts it.
 */

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type DatabaseState = 'absent' | 'plaintext' | 'encrypted';

export function databaseState(file: string): DatabaseState {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw e;
  }
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    if (n === 0) return 'absent';
    return n === 16 && head.equals(PLAIN_HEADER) ? 'plaintext' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

/** Keys a connection before anything else touches the file. */
export function applyKey(db: { pragma(s: string): unknown }, key: Uint8Array): void {
  if (key.byteLength !== 32) throw new Error('the installation key must be 32 bytes');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
}

/**
 * Makes a new, empty encrypted database at `file` unless one is there already. Written under a temporary name and
 * linked into place, so that two processes opening a new folder at the same moment never both write a first page
 * (SQLCipher keeps a random salt in it).
 */
export function createEncryptedDatabase(file: string, key: Uint8Array): void {
  if (databaseState(file) !== 'absent') return;
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.new`;
  privateFile(tmp, { create: true });
  try {
    const db = new Database(tmp);
    try {
      applyKey(db, key);
      // Any write puts the first page (with its salt) in the file; the application id marks it as ours.
      db.pragma('application_id = 1447118403');
    } finally {
      db.close();
    }
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw e;
      // An empty file left by an older version (or made by privateFile) stands in the way: replace it if still empty.
      if (databaseState(file) === 'absent') fs.renameSync(tmp, file);
    }
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}-journal`, { force: true });
  }
}

/**
 * Re-encrypts a database file that no one else has open (a restored copy, a folder being converted) under `newKey`,
 * in place; `oldKey` null: the file is plaintext and gets encrypted. It is left in rollback-journal mode.
 */
export function rekeyDatabaseFile(file: string, oldKey: Uint8Array | null, newKey: Uint8Array): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    if (oldKey) applyKey(db, oldKey);
    // Re-keying works outside WAL mode only (a copy made by db.backup() of a WAL database says WAL in its header).
    db.pragma('journal_mode = DELETE');
    if (!oldKey) {
      db.pragma("cipher = 'sqlcipher'");
      db.pragma('legacy = 4');
    }
    db.pragma(`rekey = "x'${Buffer.from(newKey).toString('hex')}'"`);
  } finally {
    db.close();
  }
}

/**
 * Whether another process has the database open (a host, a command): leaving WAL mode needs the file alone, so the
 * attempt tells (and is undone). A file that cannot be read (damaged, no key) counts as not in use.
 */
export function openElsewhere(file: string, key: Uint8Array | null): boolean {
  let db: InstanceType<typeof Database> | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    if (key) applyKey(db, key);
    db.pragma('busy_timeout = 500');
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return true;
    db.pragma('journal_mode = WAL');
    return false;
  } catch (e) {
    return String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY');
  } finally {
    db?.close();
  }
}

/** SQLite's codes for a file that is not (or no longer) a database it can read. */
export function isDamageCode(code: unknown): boolean {
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** A disk that is full: SQLite's SQLITE_FULL or the system's ENOSPC (and EDQUOT, a quota reached). */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || (code === 'SQLITE_IOERR_WRITE' && /full|space/i.test(String((e as Error).message)));
}
