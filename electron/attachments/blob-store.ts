import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../shared/api/result';
import type { FileStore } from '../app/context';
import { ChunkAuthError, ChunkCipher, deriveKey, NONCE_PREFIX_BYTES, TAG_BYTES } from '../db/cipher-chunks';
import { PRIVATE_DIR_MODE, privateDir, STORED_FILE_MODE } from '../db/private-files';

/**
 * Content-addressed file store in the data folder: files/ab/cd/<sha256>. A file is written once, to a temporary
 * name and then renamed, and never overwritten: the same content registered twice is stored once.
 *
 * In an encrypted folder (issue 14) each file is sealed with AES-256-GCM under a key derived from the installation key
 * (HKDF, "blobs v1"), in 64 KiB chunks (db/cipher-chunks.ts) so a file streams or reads from any offset without being
 * decrypted whole. The name stays the SHA-256 of the plaintext, which is also bound into every chunk: a sealed file
 * moved under another name does not open. Layout: magic "VPBLOB\x01\0", chunk size (u32), plaintext size (u64), nonce
 * prefix (8 bytes), then the sealed chunks (at least one). A file without the magic, or whose bytes hash to its own name,
 * is a plaintext file from before `vanphong encrypt`, read as it is.
 */

const MAGIC = Buffer.from('VPBLOB\x01\0', 'latin1');
const HEADER_BYTES = MAGIC.length + 4 + 8 + NONCE_PREFIX_BYTES;
const CHUNK = 64 * 1024;
/** A temporary file older than this was left by a process that died while writing (it is never needed again). */
export const STALE_TEMP_MS = 60 * 60 * 1000;

interface SealedHeader {
  chunkSize: number;
  size: number;
  cipher: ChunkCipher;
}

export class BlobStore implements FileStore {
  private readonly blobKey: Buffer | null;

  /** @param installationKey the folder's key (db/keys.ts); null for a plaintext folder. */
  constructor(
    readonly root: string,
    installationKey: Uint8Array | null = null,
  ) {
    privateDir(root);
    this.blobKey = installationKey ? deriveKey(installationKey, 'blobs v1') : null;
  }

  get encrypted(): boolean {
    return this.blobKey !== null;
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
    this.writeOnce(file, this.blobKey ? this.seal(sha, data) : [data]);
    return sha;
  }

  /** The plaintext bytes. */
  read(sha256: string): Uint8Array {
    const b = fs.readFileSync(this.pathOf(sha256));
    const raw = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (!this.blobKey || !isSealed(b)) return raw;
    const h = this.header(sha256, b, b.byteLength);
    try {
      if (!h) throw damaged(sha256);
      const out = Buffer.allocUnsafe(h.size);
      const n = chunkCount(h);
      for (let i = 0; i < n; i++) {
        const at = HEADER_BYTES + i * (h.chunkSize + TAG_BYTES);
        const len = Math.min(h.chunkSize, h.size - i * h.chunkSize);
        this.openChunk(sha256, h, i, b.subarray(at, at + len + TAG_BYTES), n).copy(out, i * h.chunkSize);
      }
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (e) {
      // A plaintext file from before encryption that happens to start with the magic: its bytes hash to its name.
      if (BlobStore.sha256(b) === sha256) return raw;
      throw e;
    }
  }

  /** The plaintext size, without reading the file. */
  size(sha256: string): number {
    const file = this.pathOf(sha256);
    if (!this.blobKey) return fs.statSync(file).size;
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(HEADER_BYTES);
      const n = fs.readSync(fd, head, 0, HEADER_BYTES, 0);
      const h = n === HEADER_BYTES && isSealed(head) ? this.header(sha256, head, fs.fstatSync(fd).size) : null;
      return h ? h.size : fs.fstatSync(fd).size;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The plaintext from `start` to `end` inclusive (as fs.createReadStream), decrypted chunk by chunk. */
  stream(sha256: string, range: { start?: number; end?: number } = {}): Readable {
    const file = this.pathOf(sha256);
    if (!this.blobKey) return fs.createReadStream(file, range);
    const total = this.size(sha256);
    const start = Math.max(0, range.start ?? 0);
    const end = Math.min(total - 1, range.end ?? total - 1);
    const self = this;
    async function* chunks(): AsyncGenerator<Buffer> {
      const fh = await fs.promises.open(file, 'r');
      try {
        const head = Buffer.alloc(HEADER_BYTES);
        await fh.read(head, 0, HEADER_BYTES, 0);
        const h = isSealed(head) ? self.header(sha256, head, (await fh.stat()).size) : null;
        if (!h) {
          // A plaintext file from before encryption.
          for (let at = start; at <= end; at += CHUNK) {
            const buf = Buffer.alloc(Math.min(CHUNK, end + 1 - at));
            const { bytesRead } = await fh.read(buf, 0, buf.length, at);
            yield buf.subarray(0, bytesRead);
          }
          return;
        }
        const n = chunkCount(h);
        for (let i = Math.floor(start / h.chunkSize); i * h.chunkSize <= end && i < n; i++) {
          const len = Math.min(h.chunkSize, h.size - i * h.chunkSize);
          const sealed = Buffer.alloc(len + TAG_BYTES);
          await fh.read(sealed, 0, sealed.length, HEADER_BYTES + i * (h.chunkSize + TAG_BYTES));
          const plain = self.openChunk(sha256, h, i, sealed, n);
          const from = Math.max(0, start - i * h.chunkSize);
          const to = Math.min(len, end + 1 - i * h.chunkSize);
          yield plain.subarray(from, to);
        }
      } finally {
        await fh.close();
      }
    }
    return Readable.from(end >= start ? chunks() : [], { objectMode: false });
  }

  /** Seals a plaintext file stored before `vanphong encrypt` in place (a new file, renamed over it); false if already sealed. */
  sealInPlace(sha256: string): boolean {
    if (!this.blobKey) throw new Error('sealInPlace: plaintext store');
    const file = this.pathOf(sha256);
    const b = fs.readFileSync(file);
    if (isSealed(b) && BlobStore.sha256(b) !== sha256) return false;
    if (BlobStore.sha256(b) !== sha256) throw damaged(sha256);
    this.writeOnce(file, this.seal(sha256, b), { replace: true });
    return true;
  }

  /**
   * Removes temporary files a process left when it died mid-write (older than `maxAgeMs`, so a write in progress in
   * another process is never touched). Returns how many were removed.
   */
  sweepStaleTemp(maxAgeMs = STALE_TEMP_MS, now = Date.now()): number {
    let removed = 0;
    const walk = (dir: string, depth: number) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() && depth < 2) walk(p, depth + 1);
        else if (e.isFile() && e.name.endsWith('.tmp')) {
          try {
            if (now - fs.statSync(p).mtimeMs > maxAgeMs) {
              fs.rmSync(p, { force: true });
              removed++;
            }
          } catch {
            // Gone meanwhile.
          }
        }
      }
    };
    walk(this.root, 0);
    return removed;
  }

  private seal(sha256: string, data: Uint8Array): Buffer[] {
    const head = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(head, 0);
    head.writeUInt32BE(CHUNK, MAGIC.length);
    head.writeBigUInt64BE(BigInt(data.byteLength), MAGIC.length + 4);
    crypto.randomFillSync(head, MAGIC.length + 12, NONCE_PREFIX_BYTES);
    const cipher = this.cipherFor(sha256, head);
    const n = Math.max(1, Math.ceil(data.byteLength / CHUNK));
    const out: Buffer[] = [head];
    for (let i = 0; i < n; i++) out.push(cipher.seal(i, data.subarray(i * CHUNK, (i + 1) * CHUNK), i === n - 1));
    return out;
  }

  private cipherFor(sha256: string, head: Buffer): ChunkCipher {
    const prefix = head.subarray(MAGIC.length + 12, HEADER_BYTES);
    return new ChunkCipher(this.blobKey!, prefix, Buffer.concat([head, Buffer.from(sha256, 'latin1')]));
  }

  /** The header of a sealed file; null when the file's length is not that of a sealed file (plaintext, or damaged). */
  private header(sha256: string, b: Buffer, fileSize: number): SealedHeader | null {
    const head = Buffer.from(b.subarray(0, HEADER_BYTES));
    const chunkSize = head.readUInt32BE(MAGIC.length);
    const size = Number(head.readBigUInt64BE(MAGIC.length + 4));
    if (chunkSize === 0 || !Number.isSafeInteger(size)) return null;
    const h = { chunkSize, size, cipher: this.cipherFor(sha256, head) };
    return HEADER_BYTES + size + chunkCount(h) * TAG_BYTES === fileSize ? h : null;
  }

  private openChunk(sha256: string, h: SealedHeader, i: number, sealed: Buffer, n: number): Buffer {
    try {
      return h.cipher.open(i, sealed, i === n - 1);
    } catch (e) {
      if (e instanceof ChunkAuthError) throw damaged(sha256);
      throw e;
    }
  }

  /** Writes the parts to a temporary file (fsync), then links it into place; the temporary file never outlives a failure. */
  private writeOnce(file: string, parts: Uint8Array[], opts: { replace?: boolean } = {}): void {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      const fd = fs.openSync(tmp, 'wx', STORED_FILE_MODE);
      try {
        for (const p of parts) fs.writeSync(fd, p);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      if (opts.replace) fs.renameSync(tmp, file);
      else {
        try {
          // link() fails if the target exists, so a concurrent writer of the same content never overwrites.
          fs.linkSync(tmp, file);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
      }
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
}

function isSealed(b: Buffer): boolean {
  return b.byteLength >= HEADER_BYTES && b.subarray(0, MAGIC.length).equals(MAGIC);
}

function chunkCount(h: { chunkSize: number; size: number }): number {
  return Math.max(1, Math.ceil(h.size / h.chunkSize));
}

function damaged(sha256: string): AppError {
  return new AppError('INTERNAL', `Tệp đính kèm ${sha256.slice(0, 12)}… trong kho bị hỏng (không giải mã được hoặc sai mã băm): khôi phục từ bản sao lưu.`);
}
