import fs from 'node:fs';

/**
 * The data folder is its owner's alone, whatever the umask (issue 14): folders 0700, the database and backups 0600,
 * stored files 0400. Documents and password hashes must not be one `cat` away for another account of the machine.
 * Where the mode cannot be changed (Windows ACLs, a folder of another owner, a read-only disk) it is left as it is.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
export const STORED_FILE_MODE = 0o400;

function chmodIfPossible(p: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    fs.chmodSync(p, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EROFS' && code !== 'ENOENT') throw e;
  }
}

/** Creates the folder (and its parents) if absent and makes it the owner's alone. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodIfPossible(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes a file the owner's alone, creating it empty first when absent: SQLite then gives its -wal and -shm files the
 * database file's mode.
 */
export function privateFile(file: string, opts: { create?: boolean } = {}): void {
  if (opts.create && !fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodIfPossible(file, PRIVATE_FILE_MODE);
}
