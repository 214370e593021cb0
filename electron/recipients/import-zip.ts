import JSZip from 'jszip';
import { AppError } from '../../shared/api/result';
import { DIRECTORY_IMPORT_LIMITS as L } from './import-rows';

/**
 * The ZIP guard of the XLSX reader. exceljs inflates every entry of a workbook in memory, so the ZIP is checked before
 * it sees the file: entry count, the sizes the central directory declares, then each entry inflated only to count it.
 */

const zipBomb = () =>
  new AppError('FILE_INVALID', 'Tệp .xlsx có cấu trúc bất thường (dữ liệu nén bung ra quá lớn), không thể mở an toàn.');
export const brokenXlsx = () =>
  new AppError('FILE_INVALID', 'Tệp .xlsx bị hỏng, không đọc được. Hãy mở lại trong Excel và lưu thành .xlsx.');

interface DeclaredSizes {
  compressed: number;
  uncompressed: number;
}

const SIG = { local: 0x04034b50, entry: 0x02014b50, end: 0x06054b50, zip64End: 0x06064b50, zip64Locator: 0x07064b50 } as const;
const MAX16 = 0xffff;
/** 0xFFFFFFFF, "see the ZIP64 record", as jszip reads it. */
const MAX32 = -1;

/**
 * The sizes each entry declares in the ZIP's central directory, by entry name: jszip keeps them to itself, and its
 * public API has no way to them. The directory is found as jszip finds it, so that both read the same one: the last
 * end record (APPNOTE.TXT 4.3.16) and, when its fields overflow, the ZIP64 end record its locator points to (4.3.14,
 * 4.3.15); bytes before the archive shift every offset. An entry (4.3.12) may keep its sizes in a ZIP64 extra field
 * (4.5.3). Names are read as jszip reads them in Node: from the local header, as UTF-8 (jszip's use of an Info-ZIP
 * Unicode path field, 0x7075, for a name in another encoding is not followed: such an entry is not found, and the file
 * counts as damaged). A size jszip reads as negative (2 GB or more) is kept so; the caller refuses it. Null when the
 * directory cannot be read.
 */
function declaredSizes(data: Uint8Array): Map<string, DeclaredSizes> | null {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at: number) => buf.readUInt16LE(at);
  // jszip reads every 4- and 8-byte field as a signed 32-bit number, from its low 4 bytes: so does this reader.
  const int = (at: number) => buf.readInt32LE(at);
  const isAt = (sig: number, at: number) => at >= 0 && at + 4 <= buf.length && buf.readUInt32LE(at) === sig;
  const lastOf = (sig: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(sig);
    return buf.lastIndexOf(bytes);
  };
  try {
    const end = lastOf(SIG.end);
    if (end < 0) return null;
    let size = int(end + 12);
    let offset = int(end + 16);
    let zip64Records = 0; // the ZIP64 end record and its locator, between the directory and the end record
    if ([4, 6, 8, 10].some((at) => u16(end + at) === MAX16) || size === MAX32 || offset === MAX32) {
      const locator = lastOf(SIG.zip64Locator);
      if (locator < 0) return null;
      let zip64End = int(locator + 8);
      if (!isAt(SIG.zip64End, zip64End)) zip64End = lastOf(SIG.zip64End);
      if (zip64End < 0) return null;
      size = int(zip64End + 40);
      offset = int(zip64End + 48);
      zip64Records = 12 + int(zip64End + 4) + 20;
    }
    const shift = end - (offset + size + zip64Records);
    if (shift < 0) return null;
    const sizes = new Map<string, DeclaredSizes>();
    for (let at = offset + shift; isAt(SIG.entry, at); ) {
      const extra = at + 46 + u16(at + 28);
      const extraEnd = extra + u16(at + 30);
      let compressed = int(at + 20);
      let uncompressed = int(at + 24);
      let local = int(at + 42);
      let zip64: number | null = null; // the last ZIP64 extra field, as jszip keeps the last field of each kind
      for (let field = extra; field + 4 < extraEnd; field += 4 + u16(field + 2)) {
        if (u16(field) === 0x0001) zip64 = field;
      }
      if (zip64 !== null) {
        // Only the values the entry marks as overflowing are there, in this order.
        let value = zip64 + 4;
        const valueEnd = value + u16(zip64 + 2);
        const nextValue = () => (value + 8 <= valueEnd ? int((value += 8) - 8) : NaN);
        if (uncompressed === MAX32) uncompressed = nextValue();
        if (compressed === MAX32) compressed = nextValue();
        if (local === MAX32) local = nextValue();
      }
      // jszip names the entry from its local header (4.3.7), which normally repeats the directory's name.
      local += shift;
      if (isAt(SIG.local, local)) {
        sizes.set(buf.toString('utf8', local + 30, local + 30 + u16(local + 26)), { compressed, uncompressed });
      }
      at = extraEnd + u16(at + 32);
    }
    return sizes;
  } catch (e) {
    if (e instanceof RangeError) return null; // a record running past the end of the file
    throw e;
  }
}

/**
 * Inflates an entry only to count its bytes, stopping as soon as it passes `limit`: jszip checks the declared size
 * only once everything is inflated, in memory, which is too late for an entry that lies about it.
 */
function inflatedSize(entry: JSZip.JSZipObject, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = entry.nodeStream('nodebuffer');
    let size = 0;
    let settled = false;
    stream.on('data', (chunk: Buffer | string) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        stream.pause();
        resolve(size);
      }
    });
    stream.on('end', () => {
      if (!settled) resolve(size);
      settled = true;
    });
    stream.on('error', (e: unknown) => {
      if (!settled) reject(e);
      settled = true;
    });
  });
}

/** The ZIP is checked with jszip before exceljs, which inflates every entry in memory, ever sees it. */
export async function checkWorkbookZip(data: Uint8Array): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw brokenXlsx();
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > L.zipEntries) throw zipBomb();
  const directory = declaredSizes(data);
  const sizes = new Map<JSZip.JSZipObject, number>();
  let total = 0;
  for (const entry of entries) {
    // jszip resolves "a/../b" to "b"; the directory is keyed by the name as written, which jszip keeps too.
    const s = directory?.get(entry.unsafeOriginalName ?? entry.name);
    // A negative size is one of 2 GB or more, which jszip cannot hold either.
    if (!s || !(s.compressed >= 0) || !(s.uncompressed >= 0)) throw brokenXlsx();
    total += s.uncompressed;
    if (total > L.zipUncompressedBytes) throw zipBomb();
    if (s.uncompressed > L.zipRatioFloorBytes && s.uncompressed > L.zipRatio * s.compressed) throw zipBomb();
    sizes.set(entry, s.uncompressed);
  }

  const names = new Set(entries.map((e) => e.name.replace(/^\/+/, '')));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('word/document.xml')) throw new AppError('FILE_INVALID', 'Tệp này là văn bản Word, không phải bảng tính Excel (.xlsx).');
    if (names.has('ppt/presentation.xml')) {
      throw new AppError('FILE_INVALID', 'Tệp này là trình chiếu PowerPoint, không phải bảng tính Excel (.xlsx).');
    }
    throw new AppError('FILE_INVALID', 'Tệp nén này không phải bảng tính Excel (.xlsx). Hãy lưu danh bạ thành .xlsx hoặc CSV UTF-8.');
  }

  for (const [entry, declared] of sizes) {
    let real: number;
    try {
      real = await inflatedSize(entry, declared);
    } catch {
      throw brokenXlsx(); // also jszip's own "size mismatch" when an entry inflates to less than it declares
    }
    if (real > declared) throw zipBomb();
  }
}
