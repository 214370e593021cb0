import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/result';
import { openConnection, type DB } from './connection';
import { privateDir, privateFile } from './private-files';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/registry';

/** Reads the schema version without changing the file (opening read-write would switch it to WAL). */
export function refuseNewerDatabase(file: string, latest = LATEST_VERSION, key: Uint8Array | null = null): void {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return;
  const ro = openConnection(file, { readonly: true, fileMustExist: true, key });
  try {
    const v = ro.pragma('user_version', { simple: true }) as number;
    if (v > latest) throw newerError(v, latest);
  } finally {
    ro.close();
  }
}

function newerError(current: number, latest: number): AppError {
  return new AppError(
    'CONFLICT',
    `Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (lược đồ ${current}, phiên bản này chỉ hiểu đến ${latest}). ` +
      'Hãy cài phiên bản mới hơn của Văn phòng điện tử; dữ liệu không bị thay đổi.',
  );
}

export interface MigrationReport {
  from: number;
  to: number;
  backupFile: string | null;
}

/**
 * Brings the database to the latest schema. A database written by a newer version is refused, not touched.
 * Before changing a database that already has data, an online backup is taken into backups/ with VACUUM INTO: one
 * consistent snapshot even while other processes write, and for an encrypted database a copy under the same key
 * (db.backup() refuses a keyed source).
 * All pending migrations run in one transaction: either all apply or none.
 */
export async function migrate(
  db: DB,
  opts: { backupDir?: string; migrations?: readonly Migration[]; now?: Date } = {},
): Promise<MigrationReport> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw newerError(current, latest);
  if (current === latest) return { from: current, to: current, backupFile: null };

  let backupFile: string | null = null;
  if (current > 0 && opts.backupDir) {
    privateDir(opts.backupDir);
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(opts.backupDir, `before-v${latest}-from-v${current}-${stamp}.sqlite`);
    snapshotInto(db, backupFile);
  }

  const pending = migrations.filter((m) => m.version > current);
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from: current, to: latest, backupFile };
}

/**
 * Writes a consistent copy of the live database to `file` (which must not exist) with VACUUM INTO: one read
 * transaction, so concurrent writers go on and the copy is one moment of the database; encrypted under the same key.
 * The file is made 0600 first (VACUUM INTO accepts an empty file); on failure nothing is left behind.
 */
export function snapshotInto(db: DB, file: string): void {
  privateFile(file, { create: true });
  try {
    db.prepare('VACUUM INTO ?').run(file);
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
  privateFile(file);
}

export { LATEST_VERSION };
