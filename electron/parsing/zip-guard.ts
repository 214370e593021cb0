import zlib from 'node:zlib';
import { AppError } from '../../shared/api/result';
import { NO_CONTENT, type ParseLimits } from './limits';

/**
 * Reads a ZIP's central directory ourselves, before any library inflates a byte, and refuses a decompression bomb:
 * an XML part declared larger than the limit, one whose compression ratio no real document reaches, or one whose
 * declared size is a lie (inflated here with the declared size as a hard ceiling). Runs in the parse worker.
 */
export interface ZipEntryInfo {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

const MiB = 1024 * 1024;
const mb = (n: number) => (n / MiB).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
const refuse = (why: string) => new AppError('FILE_INVALID', `${NO_CONTENT}: ${why}.`);

export function zipEntries(data: Uint8Array, maxEntries = 20_000): ZipEntryInfo[] {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuse('tệp không phải tệp nén ZIP hợp lệ');
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  if (count > maxEntries) throw refuse(`tệp nén có quá nhiều thành phần (${count})`);
  const out: ZipEntryInfo[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || v.getUint32(p, true) !== 0x02014b50) throw refuse('mục lục của tệp nén bị hỏng');
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    out.push({
      name: Buffer.from(data.subarray(p + 46, p + 46 + nameLen)).toString('utf8'),
      method: v.getUint16(p + 10, true),
      compressed: v.getUint32(p + 20, true),
      uncompressed: v.getUint32(p + 24, true),
      localOffset: v.getUint32(p + 42, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The entry's compressed bytes, located through its local header. */
function entryData(data: Uint8Array, e: ZipEntryInfo): Uint8Array {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const p = e.localOffset;
  if (p + 30 > data.length || v.getUint32(p, true) !== 0x04034b50) throw refuse(`thành phần «${e.name}» của tệp nén bị hỏng`);
  const start = p + 30 + v.getUint16(p + 26, true) + v.getUint16(p + 28, true);
  if (start + e.compressed > data.length) throw refuse(`thành phần «${e.name}» của tệp nén bị cắt cụt`);
  return data.subarray(start, start + e.compressed);
}

/**
 * Checks every entry whose name matches `parts` (by default the XML parts an Office document is made of): declared
 * size, ratio, and that inflating it stops at its declared size. Returns the entries.
 */
export function checkZipParts(data: Uint8Array, limits: ParseLimits, parts: RegExp = /\.(xml|rels)$/i): ZipEntryInfo[] {
  const entries = zipEntries(data);
  let total = 0;
  for (const e of entries) {
    if (!parts.test(e.name)) continue;
    if (e.uncompressed === 0xffffffff || e.compressed === 0xffffffff || e.uncompressed > limits.maxZipEntryBytes)
      throw refuse(`phần «${e.name}» giải nén ra ${mb(e.uncompressed)} MB, vượt giới hạn ${mb(limits.maxZipEntryBytes)} MB`);
    if (e.uncompressed > MiB && e.uncompressed > e.compressed * limits.maxZipRatio)
      throw refuse(`phần «${e.name}» có tỉ lệ nén bất thường (1:${Math.round(e.uncompressed / Math.max(1, e.compressed))})`);
    total += e.uncompressed;
    if (total > limits.maxZipEntryBytes * 2) throw refuse(`các phần của tệp giải nén ra quá ${mb(limits.maxZipEntryBytes * 2)} MB`);
    if (e.method !== 8) continue;
    try {
      const out = zlib.inflateRawSync(entryData(data, e), { maxOutputLength: Math.max(1, e.uncompressed) });
      if (out.length !== e.uncompressed) throw new RangeError('size');
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw refuse(`phần «${e.name}» không khớp kích thước khai báo hoặc bị hỏng`);
    }
  }
  return entries;
}
