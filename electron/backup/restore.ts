import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/api/result';
import { BlobStore } from '../attachments/blob-store';
import { auditHead } from '../audit/repo';
import { databaseState, isDamageCode, isDiskFull, openElsewhere, rekeyDatabaseFile } from '../db/cipher';
import { openConnection } from '../db/connection';
import { findFolderKey, newInstallationKey, recoveryKeyNotice, replaceFolderKey } from '../db/keys';
import { LATEST_VERSION } from '../db/migrate';
import { privateDir, privateFile } from '../db/private-files';
import { ArchiveReader, damagedBackup } from './archive';
import { diskFullError, type Manifest } from './backup';
import { checkLine, fullCheck, type FullCheck } from './check';

/**
 * Restoring a backup (backup/backup.ts) into a folder: every entry is authenticated as it is read, every checksum
 * compared with the manifest, then the database is re-keyed and the files sealed under a new installation key — a
 * restored folder never shares its key with the folder it came from. Work happens in a staging folder beside the
 * target and is renamed into place at the end, so a failure (a wrong passphrase, a damaged file, a full disk) leaves
 * nothing behind and never touches the folder being replaced.
 */

export interface RestoreResult {
  dataDir: string;
  manifest: Manifest;
  /** The folder that was there before, kept aside (--replace). */
  previous: string | null;
  /** The recovery key lines of the new installation key, to show once. */
  notice: string;
}

function isEmptyDir(dir: string): boolean {
  return fs.readdirSync(dir).length === 0;
}

/**
 * Unpacks the archive into `dir` (which must exist, empty): the database as it is, the stored files sealed under `key`
 * (or, for a verify, only hashed: `key` null). Returns the manifest and the files seen, every checksum checked.
 */
async function unpack(file: string, passphrase: string, dir: string, key: Buffer | null): Promise<{ manifest: Manifest; seen: Map<string, number> }> {
  const reader = ArchiveReader.open(file, passphrase);
  try {
    const blobs = key ? new BlobStore(path.join(dir, 'files'), key) : null;
    const dbFile = path.join(dir, 'vanphong.sqlite');
    let dbHash: string | null = null;
    const seen = new Map<string, number>();
    const extras = new Map<string, string>();
    let manifest: Manifest | null = null;
    for (let e = await reader.nextEntry(); e; e = await reader.nextEntry()) {
      if (manifest) throw damagedBackup(file, 'dữ liệu sau bản kê');
      if (e.type === 'D') {
        privateFile(dbFile, { create: true });
        const fd = fs.openSync(dbFile, 'w');
        try {
          dbHash = await reader.bodyTo(e.size, fd);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
      } else if (e.type === 'F') {
        const data = await reader.body(e.size);
        if (crypto.createHash('sha256').update(data).digest('hex') !== e.name) throw damagedBackup(file, `tệp ${e.name.slice(0, 12)}… sai mã băm`);
        blobs?.put(data);
        seen.set(e.name, data.byteLength);
      } else if (e.type === 'X') {
        const data = await reader.body(e.size);
        // Only a relative path inside the folder: an archive could be crafted, even one that decrypts.
        if (!/^(desktop\.json|tls\/[\w.\/-]+)$/.test(e.name) || e.name.split('/').includes('..')) throw damagedBackup(file, `tệp lạ «${e.name}»`);
        extras.set(e.name, crypto.createHash('sha256').update(data).digest('hex'));
        if (key) {
          const target = path.join(dir, ...e.name.split('/'));
          privateDir(path.dirname(target));
          fs.writeFileSync(target, data, { mode: 0o600 });
        }
      } else {
        manifest = JSON.parse((await reader.body(e.size)).toString('utf8')) as Manifest;
      }
    }
    if (!manifest) throw damagedBackup(file, 'thiếu bản kê');
    if (manifest.format !== 1) throw new AppError('FILE_INVALID', `Tệp sao lưu «${file}» có định dạng mà phiên bản này không đọc được.`, { field: 'file' });
    if (!dbHash || dbHash !== manifest.db.sha256) throw damagedBackup(file, 'cơ sở dữ liệu sai mã băm');
    const expected = new Map(manifest.files.map((f) => [f.sha256, f.size]));
    if (expected.size !== seen.size || [...expected].some(([sha, size]) => seen.get(sha) !== size)) throw damagedBackup(file, 'danh sách tệp không khớp bản kê');
    const listed = manifest.extras ?? [];
    if (listed.length !== extras.size || listed.some((x) => extras.get(x.path) !== x.sha256)) throw damagedBackup(file, 'tệp cấu hình không khớp bản kê');
    return { manifest, seen };
  } finally {
    reader.close();
  }
}

/** A staging folder beside `target` (same disk, so the final rename is atomic), 0700. */
function stagingFor(target: string): string {
  const staging = `${target}.dang-khoi-phuc-${crypto.randomBytes(4).toString('hex')}`;
  privateDir(staging);
  return staging;
}

/** Whether the folder being replaced is open elsewhere (checked only when its key is at hand or it is plaintext). */
function inUse(dir: string): boolean {
  const file = path.join(dir, 'vanphong.sqlite');
  const state = databaseState(file);
  if (state === 'absent') return false;
  let key: Buffer | null = null;
  if (state === 'encrypted') {
    try {
      key = findFolderKey(dir).key;
    } catch {
      return false;
    }
  }
  return openElsewhere(file, key);
}

export async function restoreBackup(file: string, target: string, passphrase: string, opts: { replace?: boolean; now?: Date } = {}): Promise<RestoreResult> {
  const src = path.resolve(file);
  const dest = path.resolve(target);
  if (!fs.existsSync(src)) throw new AppError('NOT_FOUND', `Không tìm thấy tệp sao lưu «${src}».`, { field: 'file' });
  const occupied = fs.existsSync(dest) && !isEmptyDir(dest);
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const aside = `${dest}.cu-${stamp}`;
  if (occupied && !opts.replace) {
    throw new AppError(
      'VALIDATION',
      `Thư mục «${dest}» đã có dữ liệu: khôi phục vào một thư mục mới, trống; hoặc thêm --replace để thay nó (thư mục cũ được giữ lại ở «${aside}»).`,
      { field: 'data-dir' },
    );
  }
  if (!fs.existsSync(path.dirname(dest))) throw new AppError('VALIDATION', `Không có thư mục «${path.dirname(dest)}».`, { field: 'data-dir' });
  if (occupied && inUse(dest)) {
    throw new AppError('CONFLICT', `Thư mục «${dest}» đang được mở (ứng dụng, máy chủ hoặc lệnh khác): tắt chúng rồi khôi phục.`, { field: 'data-dir' });
  }
  const staging = stagingFor(dest);
  const key = newInstallationKey();
  let keyFile: string | null = null;
  try {
    const { manifest } = await unpack(src, passphrase, staging, key);
    if (manifest.schemaVersion > LATEST_VERSION) {
      throw new AppError('CONFLICT', `Bản sao lưu do phiên bản mới hơn tạo (lược đồ ${manifest.schemaVersion}, phiên bản này hiểu đến ${LATEST_VERSION}): hãy cài phiên bản mới hơn rồi khôi phục.`);
    }
    // The database under the new key: opened with the key it was backed up with, re-keyed in place.
    const dbFile = path.join(staging, 'vanphong.sqlite');
    const old = manifest.databaseKey ? Buffer.from(manifest.databaseKey, 'hex') : null;
    rekeyDatabaseFile(dbFile, old, key);
    const folderKey = replaceFolderKey(staging, { key, now: opts.now });
    keyFile = folderKey.file;
    if (occupied) fs.renameSync(dest, aside);
    else if (fs.existsSync(dest)) fs.rmdirSync(dest);
    fs.renameSync(staging, dest);
    privateDir(dest);
    return { dataDir: dest, manifest, previous: occupied ? aside : null, notice: recoveryKeyNotice(folderKey, dest) };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (keyFile) fs.rmSync(keyFile, { force: true });
    if (isDiskFull(e)) throw diskFullError(`không khôi phục được vào «${dest}»`, e);
    throw e;
  }
}

export interface VerifyResult {
  ok: boolean;
  manifest: Manifest;
  check: FullCheck;
  line: string;
}

/**
 * `vanphong backup verify FILE`: restores the database into a temporary folder (under the backup's own key: nothing is
 * written to the key store) and runs integrity_check and the audit chain on it; every stored file is hashed as it is
 * read from the archive (writing it out and reading it back would test only the disk); the manifest's list, sizes and
 * audit head must match. The folder is removed.
 */
export async function verifyBackup(file: string, passphrase: string, opts: { tmpDir?: string } = {}): Promise<VerifyResult> {
  const src = path.resolve(file);
  if (!fs.existsSync(src)) throw new AppError('NOT_FOUND', `Không tìm thấy tệp sao lưu «${src}».`, { field: 'file' });
  const dir = fs.mkdtempSync(path.join(opts.tmpDir ?? os.tmpdir(), 'vanphong-verify-'));
  privateDir(dir);
  try {
    const { manifest, seen } = await unpack(src, passphrase, dir, null);
    const old = manifest.databaseKey ? Buffer.from(manifest.databaseKey, 'hex') : null;
    const db = openConnection(path.join(dir, 'vanphong.sqlite'), { key: old, readonly: true, fileMustExist: true });
    try {
      let check: FullCheck;
      try {
        // Every file was hashed against its name while unpacking: here only whether the database's list is all there.
        const files = { has: (sha: string) => seen.has(sha), read: () => new Uint8Array() };
        check = fullCheck(db, files, { hashFiles: false });
      } catch (e) {
        if (isDamageCode((e as { code?: unknown }).code)) throw damagedBackup(src, 'cơ sở dữ liệu trong bản sao lưu hỏng');
        throw e;
      }
      const head = auditHead(db);
      const headOk = head.seq === manifest.auditHead.seq && head.hash === manifest.auditHead.hash;
      const ok = check.ok && headOk;
      const line = `${checkLine(check, { hashFiles: true })}${headOk ? '' : '; điểm cuối nhật ký không khớp bản kê'}`;
      return { ok, manifest, check, line };
    } finally {
      db.close();
    }
  } catch (e) {
    if (isDiskFull(e)) throw diskFullError(`không có chỗ để thử khôi phục vào «${dir}»`, e);
    throw e;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

