import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/result';
import type { BackupRecord } from '../../shared/backup/schemas';
import type { AppContext } from '../app/context';
import { auditHead } from '../audit/repo';
import { isDiskFull } from '../db/cipher';
import { openConnection } from '../db/connection';
import { readFolderIdentity } from '../db/keys';
import { snapshotInto } from '../db/migrate';
import { privateDir, privateFile } from '../db/private-files';
import { ArchiveWriter } from './archive';
import { recordBackup } from './state';

/**
 * `vanphong backup --out FILE` (issue 14): an online backup, consistent while other processes write. The database is
 * copied with VACUUM INTO (one read snapshot; the copy stays under the installation key), the stored files the snapshot
 * lists are added as plaintext, and a manifest with every checksum and the audit chain's head closes the archive —
 * all of it encrypted under the passphrase (backup/archive.ts). The installation key travels inside the encrypted
 * archive, so the passphrase alone restores it anywhere; a restored folder gets a new key.
 */

export interface Manifest {
  format: 1;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  folderId: string | null;
  /** The key the database entry is encrypted with (hex); null for a folder from before encryption. */
  databaseKey: string | null;
  db: { sha256: string; size: number };
  files: { sha256: string; size: number }[];
  /** Stored files the database lists but the store lacks (already lost before this backup). */
  missing: string[];
  /** Other files of the folder: the office server's certificates and keys (tls/), the desktop's mode (desktop.json). */
  extras: { path: string; sha256: string; size: number }[];
  documents: number;
  /** The audit chain's head at the snapshot: its outside anchor (compare with a printed or emailed copy). */
  auditHead: { seq: number; hash: string | null };
}

export interface BackupResult extends BackupRecord {
  missing: string[];
}

export function diskFullError(what: string, e: unknown): AppError {
  const where = (e as NodeJS.ErrnoException)?.path;
  return new AppError('DISK_FULL', `Ổ đĩa đầy: ${what}${where ? ` («${where}»)` : ''}; không có tệp dở dang nào được để lại — giải phóng chỗ trống rồi chạy lại.`);
}

/** Refuses an output the user did not mean: a folder, an existing file, a folder that does not exist. */
function checkOut(out: string): void {
  if (fs.existsSync(out)) throw new AppError('VALIDATION', `Đã có tệp «${out}»: chọn tên khác (bản sao lưu không ghi đè tệp có sẵn).`, { field: 'out' });
  if (!fs.existsSync(path.dirname(out))) throw new AppError('VALIDATION', `Không có thư mục «${path.dirname(out)}».`, { field: 'out' });
}

export async function createBackup(app: AppContext, outFile: string, passphrase: string, opts: { scheduled?: boolean } = {}): Promise<BackupResult> {
  const out = path.resolve(outFile);
  checkOut(out);
  const work = path.join(app.dataDir, 'backups');
  privateDir(work);
  const rand = `${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  const snap = path.join(work, `snapshot-${rand}.tmp`);
  const tmp = `${out}.${rand}.tmp`;
  const at = app.clock().toISOString();
  let fd: number | null = null;
  try {
    try {
      snapshotInto(app.db, snap);
    } catch (e) {
      if (isDiskFull(e)) throw diskFullError(`không chép được cơ sở dữ liệu vào «${work}»`, e);
      throw e;
    }
    // What the snapshot holds, read from the snapshot itself (the live database may have moved on).
    const snapDb = openConnection(snap, { readonly: true, fileMustExist: true, key: app.installationKey });
    let listed: { sha256: string; size: number }[];
    let head: Manifest['auditHead'];
    let schemaVersion: number;
    let documents: number;
    try {
      listed = snapDb.prepare('SELECT sha256, size FROM blobs ORDER BY sha256').all() as { sha256: string; size: number }[];
      head = auditHead(snapDb);
      schemaVersion = snapDb.pragma('user_version', { simple: true }) as number;
      documents = snapDb.prepare('SELECT (SELECT count(*) FROM incoming_docs) + (SELECT count(*) FROM outgoing_docs)').pluck().get() as number;
    } finally {
      snapDb.close();
    }

    fd = fs.openSync(tmp, 'wx', 0o600);
    const w = new ArchiveWriter(fd, passphrase);
    const db = await w.fileEntry('D', 'vanphong.sqlite', snap);
    fs.rmSync(snap, { force: true });
    const files: Manifest['files'] = [];
    const missing: string[] = [];
    for (const b of listed) {
      if (!app.blobs.has(b.sha256)) {
        missing.push(b.sha256);
        continue;
      }
      const data = app.blobs.read(b.sha256);
      if (crypto.createHash('sha256').update(data).digest('hex') !== b.sha256) {
        throw new AppError('INTERNAL', `Tệp đính kèm ${b.sha256.slice(0, 12)}… trong kho đã hỏng (sai mã băm): chạy «vanphong check» và khôi phục từ bản sao lưu trước.`);
      }
      await w.entry('F', b.sha256, data);
      files.push({ sha256: b.sha256, size: data.byteLength });
    }
    const extras: Manifest['extras'] = [];
    for (const rel of extraFiles(app.dataDir)) {
      const data = fs.readFileSync(path.join(app.dataDir, rel));
      await w.entry('X', rel, data);
      extras.push({ path: rel, sha256: crypto.createHash('sha256').update(data).digest('hex'), size: data.byteLength });
    }
    const manifest: Manifest = {
      format: 1,
      createdAt: at,
      appVersion: app.version,
      schemaVersion,
      folderId: readFolderIdentity(app.dataDir)?.id ?? null,
      databaseKey: app.installationKey ? Buffer.from(app.installationKey).toString('hex') : null,
      db,
      files,
      missing,
      extras,
      documents,
      auditHead: head,
    };
    await w.entry('M', 'manifest.json', Buffer.from(JSON.stringify(manifest), 'utf8'));
    w.finish();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    // Never over a file that appeared meanwhile: link fails if the name is taken.
    fs.linkSync(tmp, out);
    privateFile(out);
    const record: BackupRecord = { file: out, at, bytes: fs.statSync(out).size, documents, files: files.length, auditHead: head, scheduled: !!opts.scheduled };
    recordBackup(app.dataDir, record);
    return { ...record, missing };
  } catch (e) {
    if (isDiskFull(e)) throw diskFullError(`không ghi được bản sao lưu «${out}»`, e);
    throw e;
  } finally {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    fs.rmSync(snap, { force: true });
  }
}

/** The folder's other files a restored folder needs: the server's TLS identity (so clients' pins hold) and desktop.json. */
function extraFiles(dataDir: string): string[] {
  const out: string[] = [];
  if (fs.existsSync(path.join(dataDir, 'desktop.json'))) out.push('desktop.json');
  const tls = path.join(dataDir, 'tls');
  if (fs.existsSync(tls)) {
    for (const e of fs.readdirSync(tls, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) out.push(path.relative(dataDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    }
  }
  return out.sort();
}
