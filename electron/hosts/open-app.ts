import path from 'node:path';
import { todayInVietnam } from '../../shared/domain/dates';
import { configuredMaxFileBytes, type AppContext, type AppOptions, type BackgroundIndexer } from '../app/context';
import { APP_VERSION } from '../app/version';
import { BlobStore } from '../attachments/blob-store';
import { damagedDatabaseError, damageError, quickCheck } from '../backup/damage';
import { recordCheck } from '../backup/state';
import { openConnection, type DB } from '../db/connection';
import { openFolderKey } from '../db/keys';
import { privateDir, privateFile } from '../db/private-files';
import { migrate, refuseNewerDatabase, type MigrationReport } from '../db/migrate';
import { TextIndexer } from '../search/text-indexer';

/**
 * Opens a data folder as the application every host serves: the key (db/keys.ts: found in the per-user key store, or
 * made for a new folder), the database (encrypted, migrated, a newer one refused), the file store and the background
 * indexer, put together here so that the context the services see (app/context.ts) depends on no domain.
 * Long-running hosts also run quick_check (startupCheck): a damaged database is refused in one line naming the last
 * good backup, before anyone works on it.
 */
export async function openApp(opts: AppOptions): Promise<AppContext> {
  privateDir(opts.dataDir);
  const dbFile = path.join(opts.dataDir, 'vanphong.sqlite');
  const folder = openFolderKey(opts.dataDir, dbFile);
  if (folder.notice) (opts.onNewKey ?? ((n: string) => process.stderr.write(`${n}\n`)))(folder.notice);
  const clock = opts.clock ?? (() => new Date());
  let db: DB | undefined;
  let migration: MigrationReport;
  try {
    refuseNewerDatabase(dbFile, undefined, folder.key);
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) privateFile(f);
    db = openConnection(dbFile, { key: folder.key });
    if (opts.startupCheck ?? opts.backgroundIndexing ?? false) startupCheck(db, opts.dataDir, clock());
    migration = await migrate(db, { backupDir: path.join(opts.dataDir, 'backups') });
  } catch (e) {
    db?.close();
    throw damagedDatabaseError(e, opts.dataDir, folder.file) ?? e;
  }
  const blobs = new BlobStore(path.join(opts.dataDir, 'files'), folder.key);
  if (opts.startupCheck ?? opts.backgroundIndexing ?? false) blobs.sweepStaleTemp();
  const app: AppContext = {
    dataDir: opts.dataDir,
    dbFile,
    db: db!,
    blobs,
    clock,
    maxFileBytes: opts.maxFileBytes ?? configuredMaxFileBytes(),
    version: APP_VERSION,
    migration,
    installationKey: folder.key,
    indexer: undefined as unknown as BackgroundIndexer,
    nowIso: () => clock().toISOString(),
    today: () => todayInVietnam(clock()),
    async close() {
      await app.indexer.stop();
      db!.close();
    },
  };
  (app as { indexer: BackgroundIndexer }).indexer = new TextIndexer(app, { background: opts.backgroundIndexing ?? false });
  return app;
}

/** quick_check as a host starts; the result is remembered for the administrator's screen. */
function startupCheck(db: DB, dataDir: string, now: Date): void {
  let problem: string | null;
  try {
    problem = quickCheck(db);
  } catch (e) {
    const damaged = damagedDatabaseError(e, dataDir);
    if (damaged) recordCheck(dataDir, { at: now.toISOString(), ok: false, kind: 'quick', message: damaged.message });
    throw damaged ?? e;
  }
  const damaged = problem ? damageError(dataDir, `quick_check: ${problem}`) : null;
  recordCheck(dataDir, { at: now.toISOString(), ok: !problem, kind: 'quick', message: damaged?.message ?? 'Cơ sở dữ liệu nguyên vẹn.' });
  if (damaged) throw damaged;
}
