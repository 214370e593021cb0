import type { DB } from '../db/connection';
import type { MigrationReport } from '../db/migrate';
import type { IndexStatus } from '../../shared/search/schemas';

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

/** The data folder's content-addressed file store (electron/attachments/blob-store.ts). */
export interface FileStore {
  readonly root: string;
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
  /** Stores the bytes once and returns their SHA-256. */
  put(data: Uint8Array): string;
  read(sha256: string): Uint8Array;
}

/** Extracts attachments' text for search after they are registered (electron/search/text-indexer.ts). */
export interface BackgroundIndexer {
  /** Called after a commit that added files. */
  kick(): void;
  runUntilIdle(): Promise<number>;
  status(): IndexStatus;
  stop(): Promise<void>;
}

/**
 * Everything a service needs: no Electron, no HTTP — the same object in every host and in tests. It names what
 * services rely on as interfaces, so this base layer depends on no domain; the hosts put it together (open-app.ts).
 */
export interface AppContext {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly db: DB;
  readonly blobs: FileStore;
  readonly clock: () => Date;
  readonly maxFileBytes: number;
  readonly version: string;
  readonly migration: MigrationReport;
  readonly indexer: BackgroundIndexer;
  nowIso(): string;
  today(): string;
  close(): Promise<void>;
}
