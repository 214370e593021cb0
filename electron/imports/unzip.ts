import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../shared/api/result';

/**
 * Runs in the parse worker ('imports.unzip'): a .zip of an old register and its scans unpacked into a folder of the
 * data directory, an entry at a time (read from the file by its offset: the archive is never held in memory). The
 * archive is hostile until each entry passes: names with ".." or an absolute path, more than `maxEntries` entries, a
 * declared or actual total past `maxTotalBytes`, an entry past `maxEntryBytes` or inflating past its declared size,
 * encrypted or ZIP64 entries, a method other than stored/deflate — each refuses the whole archive, before anything of
 * it is used.
 */
export interface UnzipInput {
  path: string;
  outDir: string;
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
  flags: number;
}

const refuse = (why: string) => new AppError('FILE_INVALID', `Tệp ZIP bị từ chối: ${why}. Không nhập gì từ tệp này.`);

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  const n = fs.readSync(fd, b, 0, len, pos);
  if (n !== len) throw refuse('tệp bị cắt cụt');
  return b;
}

/** The central directory's entries, checked as a whole before any is unpacked. */
function entriesOf(fd: number, size: number, input: UnzipInput): Entry[] {
  const tailLen = Math.min(size, 65_557);
  const tail = readAt(fd, size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw refuse('không phải tệp ZIP');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw refuse('định dạng ZIP64 không được hỗ trợ (tệp quá lớn: hãy giải nén và nhập thư mục)');
  if (count > input.maxEntries) throw refuse(`quá ${input.maxEntries.toLocaleString('vi-VN')} tệp bên trong`);
  if (cdOffset + cdSize > size) throw refuse('mục lục ZIP hỏng');
  const cd = readAt(fd, cdOffset, cdSize);
  const out: Entry[] = [];
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw refuse('mục lục ZIP hỏng');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compressed = cd.readUInt32LE(p + 20);
    const uncompressed = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const offset = cd.readUInt32LE(p + 42);
    const rawName = cd.subarray(p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const name = decodeName(rawName, flags);
    checkName(name);
    if (flags & 0x1) throw refuse(`«${name}» được mã hóa`);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || offset === 0xffffffff) throw refuse('định dạng ZIP64 không được hỗ trợ');
    if (method !== 0 && method !== 8) throw refuse(`«${name}» nén theo cách không hỗ trợ (${method})`);
    if (uncompressed > input.maxEntryBytes) throw refuse(`«${name}» quá lớn (${mb(uncompressed)} MB)`);
    total += uncompressed;
    if (total > input.maxTotalBytes) throw refuse(`tổng dung lượng khi giải nén vượt ${mb(input.maxTotalBytes)} MB`);
    out.push({ name, method, compressed, size: uncompressed, offset, flags });
  }
  return out;
}

const mb = (n: number) => Math.round(n / 1048576).toLocaleString('vi-VN');

function decodeName(raw: Buffer, flags: number): string {
  if (flags & 0x800) return raw.toString('utf8').normalize('NFC');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw).normalize('NFC');
  } catch {
    return raw.toString('latin1');
  }
}

function checkName(name: string): void {
  const parts = name.replace(/\\/g, '/').split('/');
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || parts.includes('..') || name.includes('\0')) {
    throw refuse(`đường dẫn «${name}» ra ngoài thư mục giải nén`);
  }
}

export async function unzipTo(input: UnzipInput): Promise<{ files: number; bytes: number }> {
  const fd = fs.openSync(input.path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const entries = entriesOf(fd, size, input);
    const root = path.resolve(input.outDir);
    fs.mkdirSync(root, { recursive: true });
    let files = 0;
    let bytes = 0;
    for (const e of entries) {
      const target = path.resolve(root, e.name.replace(/\\/g, '/'));
      if (target !== root && !target.startsWith(root + path.sep)) throw refuse(`đường dẫn «${e.name}» ra ngoài thư mục giải nén`);
      if (e.name.endsWith('/') || e.name.endsWith('\\')) {
        fs.mkdirSync(target, { recursive: true });
        continue;
      }
      const local = readAt(fd, e.offset, 30);
      if (local.readUInt32LE(0) !== 0x04034b50) throw refuse(`«${e.name}» hỏng`);
      const dataAt = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (dataAt + e.compressed > size) throw refuse(`«${e.name}» bị cắt cụt`);
      const packed = readAt(fd, dataAt, e.compressed);
      let data: Buffer;
      if (e.method === 0) data = packed;
      else {
        try {
          // One byte over the declared size is enough to know it lied (a bomb declaring little).
          data = zlib.inflateRawSync(packed, { maxOutputLength: e.size + 1 });
        } catch {
          throw refuse(`«${e.name}» giải nén ra nhiều hơn kích thước khai báo hoặc bị hỏng`);
        }
      }
      if (data.length !== e.size) throw refuse(`«${e.name}» giải nén ra khác kích thước khai báo`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data);
      files++;
      bytes += data.length;
    }
    return { files, bytes };
  } finally {
    fs.closeSync(fd);
  }
}
