import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../shared/api/result';
import { ChunkAuthError, ChunkCipher, NONCE_PREFIX_BYTES, TAG_BYTES } from '../db/cipher-chunks';

/**
 * The backup file (issue 14): one file, every byte after a short header encrypted and authenticated under a key derived
 * from a passphrase (scrypt), so it survives the loss of the machine and its installation key.
 *
 *   "VANPHONG-BACKUP\n"   16 bytes
 *   u32 BE                length of the header
 *   header (JSON)         {format: 1, kdf: {name: "scrypt", N, r, p, salt}, chunkSize, noncePrefix, check}
 *   sealed chunks         AES-256-GCM, `chunkSize` bytes of plaintext each (the last shorter, at least one), each
 *                         followed by its tag; every chunk authenticates the header, its index and whether it is last
 *                         (db/cipher-chunks.ts), so a flipped, moved or cut byte is found.
 *
 * `check` (an HMAC of the derived key) tells a wrong passphrase from a damaged file. The plaintext is a sequence of
 * entries — type (1 byte: D the database, F a stored file, X another file of the folder, M the manifest), name length (u16), name (UTF-8), size
 * (u64), bytes — ending with the manifest (backup/backup.ts).
 */

const MAGIC = Buffer.from('VANPHONG-BACKUP\n', 'latin1');
const CHUNK = 1024 * 1024;
/**
 * scrypt at N = 2^17 (0.6 s here): a stolen backup's passphrase is costly to guess. VANPHONG_BACKUP_KDF_LOG2N may only
 * lower it, to 2^14, for the test suite, which writes and opens a few dozen backups; a reader takes N from the header.
 */
const scryptParams = () => {
  const log2 = Number(process.env.VANPHONG_BACKUP_KDF_LOG2N);
  return { N: 1 << (Number.isInteger(log2) && log2 >= 14 && log2 < 17 ? log2 : 17), r: 8, p: 1 };
};
/** Yield to the event loop every this many bytes, so a host keeps answering while it writes or reads a backup. */
const YIELD_BYTES = 8 * 1024 * 1024;

interface Header {
  format: 1;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  chunkSize: number;
  noncePrefix: string;
  check: string;
}

export type EntryType = 'D' | 'F' | 'X' | 'M';

function deriveBackupKey(passphrase: string, kdf: Header['kdf']): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 });
}

const checkOf = (key: Buffer) => crypto.createHmac('sha256', key).update('vanphong-backup-check').digest().subarray(0, 16).toString('base64');

function contextOf(headerBytes: Buffer): Buffer {
  return crypto.createHash('sha256').update(MAGIC).update(headerBytes).digest();
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes an archive to an open file descriptor, entry by entry. */
export class ArchiveWriter {
  private readonly cipher: ChunkCipher;
  private readonly chunkSize = CHUNK;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private sinceYield = 0;
  /** A full chunk held back until we know whether it is the last. */
  private held: Buffer | null = null;
  written = 0;

  constructor(
    private readonly fd: number,
    passphrase: string,
  ) {
    const kdf = { name: 'scrypt' as const, ...scryptParams(), salt: crypto.randomBytes(16).toString('base64') };
    const key = deriveBackupKey(passphrase, kdf);
    const prefix = crypto.randomBytes(NONCE_PREFIX_BYTES);
    const header: Header = { format: 1, kdf, chunkSize: this.chunkSize, noncePrefix: prefix.toString('base64'), check: checkOf(key) };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(headerBytes.length);
    this.out(Buffer.concat([MAGIC, len, headerBytes]));
    this.cipher = new ChunkCipher(key, prefix, contextOf(headerBytes));
  }

  private out(b: Buffer): void {
    let off = 0;
    while (off < b.length) off += fs.writeSync(this.fd, b, off, b.length - off);
    this.written += b.length;
  }

  private async push(b: Buffer): Promise<void> {
    this.pending.push(b);
    this.pendingBytes += b.length;
    if (this.pendingBytes < this.chunkSize) return;
    // One copy of what is pending, then every full chunk by offset (a 200 MB file is not copied once per chunk).
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    let at = 0;
    for (; all.length - at >= this.chunkSize; at += this.chunkSize) {
      if (this.held) this.out(this.cipher.seal(this.index++, this.held, false));
      this.held = Buffer.from(all.subarray(at, at + this.chunkSize));
      this.sinceYield += this.chunkSize;
      if (this.sinceYield >= YIELD_BYTES) {
        this.sinceYield = 0;
        await tick();
      }
    }
    const rest = Buffer.from(all.subarray(at));
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
  }

  private static entryHead(type: EntryType, name: string, size: number): Buffer {
    const nameBytes = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(1 + 2 + nameBytes.length + 8);
    h.write(type, 0, 'latin1');
    h.writeUInt16BE(nameBytes.length, 1);
    nameBytes.copy(h, 3);
    h.writeBigUInt64BE(BigInt(size), 3 + nameBytes.length);
    return h;
  }

  async entry(type: EntryType, name: string, data: Uint8Array): Promise<void> {
    await this.push(ArchiveWriter.entryHead(type, name, data.byteLength));
    await this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  /** An entry copied from a file in pieces (the database snapshot); returns its SHA-256. */
  async fileEntry(type: EntryType, name: string, file: string): Promise<{ sha256: string; size: number }> {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      await this.push(ArchiveWriter.entryHead(type, name, size));
      const hash = crypto.createHash('sha256');
      const buf = Buffer.alloc(this.chunkSize);
      for (let at = 0; at < size; ) {
        const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - at), at);
        if (n <= 0) throw new Error(`short read of ${file}`);
        hash.update(buf.subarray(0, n));
        await this.push(Buffer.from(buf.subarray(0, n)));
        at += n;
      }
      return { sha256: hash.digest('hex'), size };
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Seals what is left as the last chunk. */
  finish(): void {
    const rest = Buffer.concat(this.pending);
    if (this.held && rest.length === 0) {
      this.out(this.cipher.seal(this.index++, this.held, true));
    } else {
      if (this.held) this.out(this.cipher.seal(this.index++, this.held, false));
      this.out(this.cipher.seal(this.index++, rest, true));
    }
    this.held = null;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Reads an archive written by ArchiveWriter; every byte it returns has been authenticated. */
export class ArchiveReader {
  private readonly fd: number;
  private readonly cipher: ChunkCipher;
  private readonly chunkSize: number;
  private readonly bodyStart: number;
  private readonly chunks: number;
  private next = 0;
  private buf: Buffer = Buffer.alloc(0);
  private sinceYield = 0;

  private constructor(fd: number, cipher: ChunkCipher, chunkSize: number, bodyStart: number, fileSize: number) {
    this.fd = fd;
    this.cipher = cipher;
    this.chunkSize = chunkSize;
    this.bodyStart = bodyStart;
    const sealed = chunkSize + TAG_BYTES;
    this.chunks = Math.max(1, Math.ceil((fileSize - bodyStart) / sealed));
  }

  /** Opens the file and checks the passphrase (VALIDATION for a wrong one, FILE_INVALID for a file that is not a backup). */
  static open(file: string, passphrase: string): ArchiveReader {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const head = Buffer.alloc(MAGIC.length + 4);
      if (fs.readSync(fd, head, 0, head.length, 0) !== head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
        throw new AppError('FILE_INVALID', `«${file}» không phải tệp sao lưu của Văn phòng điện tử.`, { field: 'file' });
      }
      const len = head.readUInt32BE(MAGIC.length);
      if (len > 64 * 1024) throw damagedBackup(file, 'phần đầu tệp');
      const headerBytes = Buffer.alloc(len);
      if (fs.readSync(fd, headerBytes, 0, len, head.length) !== len) throw damagedBackup(file, 'phần đầu tệp');
      let header: Header;
      try {
        header = JSON.parse(headerBytes.toString('utf8')) as Header;
      } catch {
        throw damagedBackup(file, 'phần đầu tệp');
      }
      // Read before anything is authenticated: every number that sizes an allocation is bounded (a crafted header
      // must not make scrypt or a chunk buffer take gigabytes).
      const k = header.kdf;
      const bounded = (v: unknown, max: number) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= max;
      if (header.format !== 1 || k?.name !== 'scrypt' || !bounded(header.chunkSize, 16 * 1024 * 1024) || !bounded(k.N, 1 << 22) || !bounded(k.r, 32) || !bounded(k.p, 16)) {
        throw new AppError('FILE_INVALID', `Tệp sao lưu «${file}» có định dạng mà phiên bản này không đọc được.`, { field: 'file' });
      }
      const key = deriveBackupKey(passphrase, header.kdf);
      if (checkOf(key) !== header.check) {
        throw new AppError('VALIDATION', `Sai mật khẩu của bản sao lưu «${file}» (hoặc phần đầu tệp đã bị sửa).`, { field: 'passphrase' });
      }
      const cipher = new ChunkCipher(key, Buffer.from(header.noncePrefix, 'base64'), contextOf(headerBytes));
      return new ArchiveReader(fd, cipher, header.chunkSize, head.length + len, size);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  /** The next chunk's plaintext, authenticated; null after the last. */
  private loadChunk(): Buffer | null {
    if (this.next >= this.chunks) return null;
    const sealed = this.chunkSize + TAG_BYTES;
    const b = Buffer.alloc(sealed);
    const n = fs.readSync(this.fd, b, 0, sealed, this.bodyStart + this.next * sealed);
    try {
      const plain = this.cipher.open(this.next, b.subarray(0, n), this.next === this.chunks - 1);
      this.next++;
      return plain;
    } catch (e) {
      if (e instanceof ChunkAuthError) throw damagedBackup('', `đoạn ${e.chunk + 1}/${this.chunks}`);
      throw e;
    }
  }

  private async take(n: number): Promise<Buffer> {
    if (this.buf.length >= n) {
      const out = this.buf.subarray(0, n);
      this.buf = this.buf.subarray(n);
      return out;
    }
    const parts: Buffer[] = [this.buf];
    let have = this.buf.length;
    while (have < n) {
      const plain = this.loadChunk();
      if (!plain) throw damagedBackup('', 'tệp bị cắt cụt');
      parts.push(plain);
      have += plain.length;
      this.sinceYield += plain.length;
      if (this.sinceYield >= YIELD_BYTES) {
        this.sinceYield = 0;
        await tick();
      }
    }
    const all = Buffer.concat(parts, have);
    this.buf = all.subarray(n);
    return all.subarray(0, n);
  }

  /** The next entry's type, name and size, or null at the end of the archive. */
  async nextEntry(): Promise<{ type: EntryType; name: string; size: number } | null> {
    while (this.buf.length === 0) {
      const plain = this.loadChunk();
      if (!plain) return null;
      this.buf = plain;
    }
    const h = await this.take(3);
    const type = String.fromCharCode(h[0]) as EntryType;
    const name = (await this.take(h.readUInt16BE(1))).toString('utf8');
    const size = Number((await this.take(8)).readBigUInt64BE(0));
    if (!['D', 'F', 'X', 'M'].includes(type) || !Number.isSafeInteger(size)) throw damagedBackup('', 'mục không hợp lệ');
    return { type, name, size };
  }

  /** The entry's bytes, whole (stored files, the manifest). */
  async body(size: number): Promise<Buffer> {
    return Buffer.from(await this.take(size));
  }

  /** The entry's bytes written to `fd` in pieces (the database); returns their SHA-256. */
  async bodyTo(size: number, fd: number): Promise<string> {
    const hash = crypto.createHash('sha256');
    for (let left = size; left > 0; ) {
      const piece = await this.take(Math.min(left, this.chunkSize));
      hash.update(piece);
      let off = 0;
      while (off < piece.length) off += fs.writeSync(fd, piece, off, piece.length - off);
      left -= piece.length;
    }
    return hash.digest('hex');
  }
}

export function damagedBackup(file: string, where: string): AppError {
  return new AppError('FILE_INVALID', `Tệp sao lưu${file ? ` «${file}»` : ''} bị hỏng hoặc đã bị sửa (${where}): không dùng được bản này.`, { field: 'file' });
}
