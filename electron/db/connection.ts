// The types are better-sqlite3's (the same API); the library is its SQLite3 Multiple Ciphers build (db/cipher.ts).
import type Database from 'better-sqlite3';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { vietnameseSortKey } from '../../shared/text/collate';
import { applyKey } from './cipher';

export type DB = Database.Database;

/**
 * Opens the SQLite database with the settings every register needs:
 * WAL (readers never block the writer), foreign keys on, and synchronous=FULL so that a committed
 * number survives a power cut (README, "Architecture in ten lines", point 6).
 * With a key (the installation key, db/keys.ts) the file is encrypted; the key is given before anything reads it.
 */
export function openConnection(file: string, opts: { readonly?: boolean; key?: Uint8Array | null; fileMustExist?: boolean } = {}): DB {
  const db = new Sqlite(file, { readonly: opts.readonly ?? false, fileMustExist: opts.fileMustExist ?? false }) as unknown as DB;
  try {
    if (opts.key) applyKey(db, opts.key);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
  } catch (e) {
    // A wrong key (or a file that is not a database) shows here: SQLITE_NOTADB.
    db.close();
    throw e;
  }
  db.pragma('busy_timeout = 10000');
  // Checkpoint the WAL into the database file every ~100 MB of it (25,000 pages) rather than SQLite's 4 MB: each
  // checkpoint copies and fsyncs the pages committed since the last, and the pages a register rewrites batch after
  // batch (its indexes' inner pages, the search index's) are copied once instead of at every commit. Bulk registration
  // at 1,000,000 documents: 4,664/s with the default, 4,832/s at 10,000 pages, 5,271–6,206/s at 25,000 (issue 15). The WAL
  // file keeps its size between checkpoints (rewriting its blocks in place: cutting it back to 32 MB each time,
  // journal_size_limit, made every cycle allocate them again and fell to 4,417/s), and goes when the last connection
  // closes; a crash replays at most ~100 MB on the next open.
  db.pragma('wal_autocheckpoint = 25000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // Dictionary-order keys for the register's sort columns, computed inside INSERT/UPDATE statements. The first 80
  // characters of a trích yếu decide its place; the row id breaks any tie after that.
  db.function('vn_sort_key', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? vietnameseSortKey(s.slice(0, 80)) : ''));
  return db;
}

/** Runs fn in one BEGIN IMMEDIATE transaction: the write lock is taken up front, so two processes never
 * allocate from the same series at once. better-sqlite3 transactions are synchronous: never await inside. */
export function immediate<T>(db: DB, fn: () => T): T {
  return db.transaction(fn).immediate();
}

const cache = new WeakMap<DB, Map<string, Database.Statement>>();

/** A prepared-statement cache per connection (Trilium's sql.ts): hot paths prepare once. */
export function stmt(db: DB, text: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(text);
  if (!s) m.set(text, (s = db.prepare(text)));
  return s;
}
