import fs from 'node:fs';
import path from 'node:path';
import { openConnection, type DB } from '../db/connection';
import { migrate, refuseNewerDatabase, type MigrationReport } from '../db/migrate';
import { BlobStore } from '../attachments/blob-store';
import { TextIndexer } from '../search/text-indexer';
import { todayInVietnam } from '../../shared/domain/dates';
import { APP_VERSION } from './version';

export const DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024;

/** The attachment size limit: VANPHONG_MAX_FILE_MB when set, else 200 MB. */
export function configuredMaxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.VANPHONG_MAX_FILE_MB);
  return mb > 0 ? mb * 1024 * 1024 : DEFAULT_MAX_FILE_BYTES;
}

export interface AppOptions {
  dataDir: string;
  /** A fixed clock for tests; defaults to the system clock. */
  clock?: () => Date;
  maxFileBytes?: number;
  /** Extract attachment text in the background as files arrive (hosts); off for one-shot CLI commands. */
  backgroundIndexing?: boolean;
}

/** Everything a service needs: no Electron, no HTTP — the same object in every host and in tests. */
export interface AppContext {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly db: DB;
  readonly blobs: BlobStore;
  readonly clock: () => Date;
  readonly maxFileBytes: number;
  readonly version: string;
  readonly migration: MigrationReport;
  readonly indexer: TextIndexer;
  nowIso(): string;
  today(): string;
  close(): Promise<void>;
}

export async function openApp(opts: AppOptions): Promise<AppContext> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const dbFile = path.join(opts.dataDir, 'vanphong.sqlite');
  refuseNewerDatabase(dbFile);
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
    indexer: undefined as unknown as TextIndexer,
    nowIso: () => clock().toISOString(),
    today: () => todayInVietnam(clock()),
    async close() {
      await app.indexer.stop();
      db.close();
    },
  };
  (app as { indexer: TextIndexer }).indexer = new TextIndexer(app, { background: opts.backgroundIndexing ?? false });
  return app;
}
