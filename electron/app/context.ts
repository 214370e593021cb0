import type { Readable } from 'node:stream';
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
  /**
   * Long-running hosts (desktop, server, browser mode) check the database with quick_check as they open it and sweep
   * files left half-written; the default follows backgroundIndexing, so one-shot CLI commands stay fast.
   */
  startupCheck?: boolean;
  /**
   * Told once, when opening made this folder's installation key (a new folder): the lines with the recovery key to
   * show. Default: written to standard error.
   */
  onNewKey?: (notice: string) => void;
}

/** The data folder's content-addressed file store (electron/attachments/blob-store.ts). */
export interface FileStore {
  readonly root: string;
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
  /** Stores the bytes once and returns their SHA-256. */
  put(data: Uint8Array): string;
  /** The plaintext bytes (stored files are encrypted in an encrypted folder). */
  read(sha256: string): Uint8Array;
  /** The plaintext size. */
  size(sha256: string): number;
  /** The plaintext, or a byte range of it (inclusive, as fs.createReadStream), as a stream. */
  stream(sha256: string, range?: { start?: number; end?: number }): Readable;
  readonly encrypted: boolean;
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
  /** The installation key (db/keys.ts), for the backup; null for a folder from before encryption. */
  readonly installationKey: Uint8Array | null;
  readonly indexer: BackgroundIndexer;
  nowIso(): string;
  today(): string;
  close(): Promise<void>;
}
