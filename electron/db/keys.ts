import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/result';
import { createEncryptedDatabase, databaseState } from './cipher';
import { userConfigDir } from './user-dirs';
import { PRIVATE_FILE_MODE, privateDir } from './private-files';

/**
 * The installation key (issue 14): a raw 256-bit key that encrypts the database (SQLCipher pages, db/cipher.ts) and,
 * through keys derived from it, the stored files and nothing else. It never lives in the data folder: a copy of the
 * folder alone (a stolen disk, a synced folder) is unreadable. Where it lives:
 *
 * - `VANPHONG_KEY_FILE`, when set, names the key file (it overrides everything below);
 * - else the data folder's identity file (`vanphong-folder.json`: the folder's id, no secret) may name a key file
 *   (`keyFile`, recorded when the folder was made with VANPHONG_KEY_FILE set);
 * - else the per-user key store: `<id>.key` in `~/.config/vanphong-keys` (Linux; `$XDG_CONFIG_HOME` honoured),
 *   `%APPDATA%\vanphong-keys` (Windows), `~/Library/Application Support/vanphong-keys` (macOS), or
 *   `VANPHONG_KEY_DIR`. Kept apart from the default data folder (`~/.config/vanphong`), folder 0700, files 0600.
 *
 * So on the machine where a folder was created or restored every host (desktop, server, CLI, browser mode) finds its
 * key with no flag. A key file holds the key in hex; the recovery key printed once is the same key in groups of four,
 * and a file holding it (dashes and spaces allowed) works as a key file.
 */

export const FOLDER_FILE = 'vanphong-folder.json';

export interface FolderIdentity {
  /** Random, not secret: names the key in the key store. */
  id: string;
  createdAt: string;
  /** A key file outside the store (made with VANPHONG_KEY_FILE). */
  keyFile?: string;
}

export interface FolderKey {
  key: Buffer;
  /** Where the key was found (or written). */
  file: string;
  identity: FolderIdentity;
  /** Set only when this call made the folder's key: the recovery key to print once. */
  recoveryKey?: string;
}

export function keyStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VANPHONG_KEY_DIR) return path.resolve(env.VANPHONG_KEY_DIR);
  return path.join(userConfigDir(env), 'vanphong-keys');
}

export function readFolderIdentity(dataDir: string): FolderIdentity | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, FOLDER_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const j = JSON.parse(text) as Partial<FolderIdentity>;
  if (typeof j.id !== 'string' || !/^[0-9a-f-]{36}$/.test(j.id)) {
    throw new AppError('VALIDATION', `Tệp «${path.join(dataDir, FOLDER_FILE)}» không hợp lệ: thiếu mã thư mục.`);
  }
  return { id: j.id, createdAt: String(j.createdAt ?? ''), ...(typeof j.keyFile === 'string' ? { keyFile: j.keyFile } : {}) };
}

/** Writes the identity file only if there is none (link() is atomic): false when another process made it first. */
export function writeFolderIdentity(dataDir: string, identity: FolderIdentity, opts: { replace?: boolean } = {}): boolean {
  const file = path.join(dataDir, FOLDER_FILE);
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(identity, null, 2) + '\n', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    if (opts.replace) {
      fs.renameSync(tmp, file);
      return true;
    }
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The key in a key file's text: 64 hex digits, separators (dashes, spaces, new lines) ignored. */
export function parseKey(text: string): Buffer | null {
  const hex = text.replace(/[\s-]/g, '');
  return /^[0-9a-fA-F]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

/** The key as it is printed for safekeeping: 16 groups of four hex digits. */
export function formatRecoveryKey(key: Uint8Array): string {
  return Buffer.from(key).toString('hex').toUpperCase().match(/.{4}/g)!.join('-');
}

export function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
  const key = parseKey(text);
  if (!key) throw new AppError('VALIDATION', `Tệp khóa «${file}» không chứa khóa hợp lệ (64 chữ số hex, hoặc khóa khôi phục dạng XXXX-XXXX-…).`);
  return key;
}

/** Writes a key file 0600 in a 0700 folder, never over an existing one. */
export function writeKeyFile(file: string, key: Uint8Array): void {
  privateDir(path.dirname(file));
  const fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, `${Buffer.from(key).toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function newInstallationKey(): Buffer {
  return crypto.randomBytes(32);
}

/** Where the key of a folder is looked for, in order. */
export function keyCandidates(identity: FolderIdentity | null, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.VANPHONG_KEY_FILE) return [path.resolve(env.VANPHONG_KEY_FILE)];
  const out: string[] = [];
  if (identity?.keyFile) out.push(identity.keyFile);
  if (identity) out.push(path.join(keyStoreDir(env), `${identity.id}.key`));
  return out;
}

/** The key of an encrypted folder; a Vietnamese error saying where it was looked for when it is nowhere. */
export function findFolderKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): FolderKey {
  const identity = readFolderIdentity(dataDir);
  const tried = keyCandidates(identity, env);
  for (const file of tried) {
    const key = readKeyFile(file);
    if (key) return { key, file, identity: identity ?? { id: '', createdAt: '' } };
  }
  const where = tried.length ? ` (đã tìm ở ${tried.map((f) => `«${f}»`).join(', ')})` : ` (thiếu tệp ${FOLDER_FILE} trong thư mục)`;
  throw new AppError(
    'NOT_FOUND',
    `Không tìm thấy khóa mã hóa của thư mục dữ liệu «${dataDir}»${where}. Nếu có khóa khôi phục, ghi nó vào một tệp và đặt biến VANPHONG_KEY_FILE trỏ tới tệp đó.`,
  );
}

/**
 * The folder's key, made now if the folder has none yet: written to the key store (or to VANPHONG_KEY_FILE, or taken
 * from it when that file already exists) before the identity file names it, so another process opening the same new
 * folder at the same moment either wins and this one reads its key, or reads this one's.
 */
export function ensureFolderKey(dataDir: string, env: NodeJS.ProcessEnv = process.env, now = new Date()): FolderKey {
  if (readFolderIdentity(dataDir)) return findFolderKey(dataDir, env);
  const identity: FolderIdentity = { id: crypto.randomUUID(), createdAt: now.toISOString() };
  const given = env.VANPHONG_KEY_FILE ? path.resolve(env.VANPHONG_KEY_FILE) : null;
  let key = given ? readKeyFile(given) : null;
  const generated = !key;
  key ??= newInstallationKey();
  const file = given ?? path.join(keyStoreDir(env), `${identity.id}.key`);
  if (given) identity.keyFile = given;
  if (generated) writeKeyFile(file, key);
  if (!writeFolderIdentity(dataDir, identity)) {
    if (generated && !given) fs.rmSync(file, { force: true });
    return findFolderKey(dataDir, env);
  }
  return { key, file, identity, ...(generated ? { recoveryKey: formatRecoveryKey(key) } : {}) };
}

/** A new identity and key for a folder that gets a new installation key (restore, encrypt): the old key stays valid for the old identity. */
export function replaceFolderKey(dataDir: string, opts: { key?: Buffer; env?: NodeJS.ProcessEnv; now?: Date } = {}): FolderKey {
  const env = opts.env ?? process.env;
  const identity: FolderIdentity = { id: crypto.randomUUID(), createdAt: (opts.now ?? new Date()).toISOString() };
  const key = opts.key ?? newInstallationKey();
  const given = env.VANPHONG_KEY_FILE ? path.resolve(env.VANPHONG_KEY_FILE) : null;
  // An existing VANPHONG_KEY_FILE holds another folder's key: the new one goes to the store, never over it.
  const file = given && !fs.existsSync(given) ? given : path.join(keyStoreDir(env), `${identity.id}.key`);
  if (file === given) identity.keyFile = given;
  writeKeyFile(file, key);
  writeFolderIdentity(dataDir, identity, { replace: true });
  return { key, file, identity, recoveryKey: formatRecoveryKey(key) };
}

/** The lines that show a new recovery key once (standard error for the CLI, a dialog for the desktop). */
export function recoveryKeyNotice(k: FolderKey, dataDir: string): string {
  return [
    `Thư mục dữ liệu «${dataDir}» được mã hóa. Khóa nằm ở «${k.file}» (chỉ tài khoản này đọc được).`,
    `KHÓA KHÔI PHỤC (chỉ hiện một lần — chép ra giấy hoặc nơi an toàn khác máy này): ${k.recoveryKey}`,
    'Mất máy hoặc mất tệp khóa: ghi khóa khôi phục vào một tệp và đặt VANPHONG_KEY_FILE trỏ tới tệp đó.',
  ].join('\n');
}

export interface OpenedFolderKey {
  /** null: a plaintext folder from before encryption (until `vanphong encrypt`). */
  key: Buffer | null;
  file: string | null;
  folderId: string | null;
  /** The recovery key lines, when this call made the folder (show them once). */
  notice?: string;
}

/**
 * The key to open a data folder's database with: none for a plaintext database, the folder's key for an encrypted
 * one, and for a folder without a database yet a new key and a new, empty encrypted database.
 */
export function openFolderKey(dataDir: string, dbFile: string, env: NodeJS.ProcessEnv = process.env): OpenedFolderKey {
  const state = databaseState(dbFile);
  if (state === 'plaintext') return { key: null, file: null, folderId: readFolderIdentity(dataDir)?.id ?? null };
  const k = state === 'absent' ? ensureFolderKey(dataDir, env) : findFolderKey(dataDir, env);
  if (state === 'absent') createEncryptedDatabase(dbFile, k.key);
  return { key: k.key, file: k.file, folderId: k.identity.id || null, ...(k.recoveryKey ? { notice: recoveryKeyNotice(k, dataDir) } : {}) };
}
