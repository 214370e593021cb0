import path from 'node:path';
import { todayInVietnam } from '../../shared/domain/dates';
import { configuredMaxFileBytes, type AppContext, type AppOptions, type BackgroundIndexer } from '../app/context';
import { APP_VERSION } from '../app/version';
import { BlobStore } from '../attachments/blob-store';
import { openConnection } from '../db/connection';
import { privateDir, privateFile } from '../db/private-files';
import { migrate, refuseNewerDatabase, type MigrationReport } from '../db/migrate';
import { TextIndexer } from '../search/text-indexer';

/**
 * Opens a data folder as the application every host serves: the database (migrated, a newer one refused), the file
 * store and the background indexer, put together here so that the context the services see (app/context.ts)
 * depends on no domain.
 */
export async function openApp(opts: AppOptions): Promise<AppContext> {
  privateDir(opts.dataDir);
  const dbFile = path.join(opts.dataDir, 'vanphong.sqlite');
  refuseNewerDatabase(dbFile);
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) privateFile(f, { create: f === dbFile });
  const db = openConnection(dbFile);
  let migration: MigrationReport;
  try {
    migration = await migrate(db, { backupDir: path.join(opts.dataDir, 'backups') });
  } catch (e) {
    db.close();
    throw e;
  }
  const clock = opts.clock ?? (() => new Date());
  const app: AppContext = {
    dataDir: opts.dataDir,
    dbFile,
    db,
    blobs: new BlobStore(path.join(opts.dataDir, 'files')),
    clock,
    maxFileBytes: opts.maxFileBytes ?? configuredMaxFileBytes(),
    version: APP_VERSION,
    migration,
    indexer: undefined as unknown as BackgroundIndexer,
    nowIso: () => clock().toISOString(),
    today: () => todayInVietnam(clock()),
    async close() {
      await app.indexer.stop();
      db.close();
    },
  };
  (app as { indexer: BackgroundIndexer }).indexer = new TextIndexer(app, { background: opts.backgroundIndexing ?? false });
  return app;
}
