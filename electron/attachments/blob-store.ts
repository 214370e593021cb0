import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileStore } from '../app/context';
import { PRIVATE_DIR_MODE, privateDir, STORED_FILE_MODE } from '../db/private-files';

/**
 * Content-addressed file store in the data folder: files/ab/cd/<sha256>. A file is written once, to a temporary
 * name and then renamed, and never overwritten: the same content registered twice is stored once.
 */
export class BlobStore implements FileStore {
  constructor(readonly root: string) {
    privateDir(root);
  }

  static sha256(data: Uint8Array): string {
    return crypto.createHash('sha256').update(data).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** Writes the bytes if absent; returns the hash. Durable: fsync before rename. */
  put(data: Uint8Array): string {
    const sha = BlobStore.sha256(data);
    const file = this.pathOf(sha);
    if (fs.existsSync(file)) return sha;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const fd = fs.openSync(tmp, 'wx', STORED_FILE_MODE);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      // link() fails if the target exists, so a concurrent writer of the same content never overwrites.
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return sha;
  }

  read(sha256: string): Uint8Array {
    const b = fs.readFileSync(this.pathOf(sha256));
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
}
