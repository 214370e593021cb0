import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { AppError } from '../../shared/api/result';
import type { PackageProblem, PackageReport } from '../../shared/hoso/schemas';
import { DEFAULT_PARSE_LIMITS, NO_CONTENT } from '../parsing/limits';
import { zipEntries, type ZipEntryInfo } from '../parsing/zip-guard';
import { CONTENTS_PDF, MANIFEST, METADATA } from './package-xml';
import { child, childText, parseXml, XmlError, type XmlElement } from './xml';

/**
 * A hồ sơ package read back as the hostile ZIP it may be — in the parse worker, under its time and memory limits
 * (electron/hosts/parse-worker.ts, task 'hoso.package'): the central directory read by hand (parsing/zip-guard.ts),
 * names checked, each file hashed as it is inflated (never more than its declared size), then every file checked
 * against the manifest's SHA-256 and metadata.xml against both. A changed byte is reported by the file's name.
 */
export type PackageCheck = Omit<PackageReport, 'matches'>;

const MAX_TEXT = 16 * 1024 * 1024;
const MiB = 1024 * 1024;
/** All files of a package together, uncompressed: a hồ sơ's files are at most a few GB (the input is capped at 2 GB). */
export const MAX_PACKAGE_UNCOMPRESSED = 4 * 1024 * MiB;
const refuse = (why: string) => new AppError('FILE_INVALID', `${NO_CONTENT}: ${why}.`);

/**
 * A decompression bomb is refused before a byte is inflated, as parsing/zip-guard.ts does for an Office file's parts:
 * a file over 1 MiB packed more tightly than deflate ever packs real data (the project's ratio, 1:200), a total
 * uncompressed size over MAX_PACKAGE_UNCOMPRESSED, and entries whose data overlap (one stored run of bytes counted as
 * many files).
 */
function refuseBomb(data: Uint8Array, entries: readonly ZipEntryInfo[]): void {
  const ratio = DEFAULT_PARSE_LIMITS.maxZipRatio;
  let total = 0;
  const runs: [number, number, string][] = [];
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (const e of entries) {
    if (e.uncompressed === 0xffffffff || e.compressed === 0xffffffff) throw refuse(`tệp «${e.name}» trong gói khai báo kích thước ZIP64, không được hỗ trợ`);
    if (e.uncompressed > MiB && e.uncompressed > e.compressed * ratio)
      throw refuse(`tệp «${e.name}» trong gói có tỉ lệ nén bất thường (1:${Math.round(e.uncompressed / Math.max(1, e.compressed))})`);
    total += e.uncompressed;
    if (total > MAX_PACKAGE_UNCOMPRESSED) throw refuse(`các tệp trong gói giải nén ra quá ${MAX_PACKAGE_UNCOMPRESSED / 1024 / MiB} GB`);
    const p = e.localOffset;
    // A broken local header is reported per file below; only readable runs are compared.
    if (p + 30 <= data.length && v.getUint32(p, true) === 0x04034b50) runs.push([p, p + 30 + v.getUint16(p + 26, true) + v.getUint16(p + 28, true) + e.compressed, e.name]);
  }
  runs.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < runs.length; i++)
    if (runs[i][0] < runs[i - 1][1]) throw refuse(`tệp «${runs[i][2]}» và «${runs[i - 1][2]}» trong gói dùng chung dữ liệu (gói bị làm giả)`);
}
const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

function dataOf(data: Uint8Array, e: ZipEntryInfo): Uint8Array | null {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const p = e.localOffset;
  if (p + 30 > data.length || v.getUint32(p, true) !== 0x04034b50) return null;
  const start = p + 30 + v.getUint16(p + 26, true) + v.getUint16(p + 28, true);
  return start + e.compressed <= data.length ? data.subarray(start, start + e.compressed) : null;
}

/** The entry's SHA-256 and size, inflated in chunks and never past its declared size; or why it cannot be read. */
function hashEntry(raw: Uint8Array, e: ZipEntryInfo): Promise<{ sha256: string; size: number } | string> {
  if (e.method === 0) return Promise.resolve(raw.length === e.uncompressed ? { sha256: sha256(raw), size: raw.length } : 'kích thước khác với khai báo');
  if (e.method !== 8) return Promise.resolve(`cách nén ${e.method} không được hỗ trợ`);
  return new Promise((resolve) => {
    const h = crypto.createHash('sha256');
    let size = 0;
    const z = zlib.createInflateRaw();
    z.on('data', (c: Buffer) => {
      size += c.length;
      if (size > e.uncompressed) {
        z.destroy();
        resolve('giải nén ra nhiều hơn kích thước khai báo');
      } else h.update(c);
    });
    z.on('error', () => resolve('dữ liệu nén bị hỏng'));
    z.on('end', () => resolve(size === e.uncompressed ? { sha256: h.digest('hex'), size } : 'kích thước khác với khai báo'));
    for (let i = 0; i < raw.length; i += 1 << 20) z.write(raw.subarray(i, i + (1 << 20)));
    z.end();
  });
}

function entryText(raw: Uint8Array, e: ZipEntryInfo): string | null {
  if (e.uncompressed > MAX_TEXT) return null;
  try {
    const out = e.method === 0 ? raw : e.method === 8 ? zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressed) }) : null;
    return out && out.length === e.uncompressed ? new TextDecoder('utf-8', { fatal: true }).decode(out) : null;
  } catch {
    return null;
  }
}

const safeName = (n: string) => n.length > 0 && n.length <= 255 && !n.startsWith('/') && !n.includes('\\') && !n.split('/').some((p) => p === '..' || p === '.') && !/[\u0000-\u001f]/.test(n);

export async function checkPackage(data: Uint8Array): Promise<PackageCheck> {
  const problems: PackageProblem[] = [];
  const say = (file: string, problem: string) => problems.push({ file, problem });
  const whole = sha256(data);
  const entries = zipEntries(data, 50_000);
  refuseBomb(data, entries);
  const hashes = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (!safeName(e.name)) {
      say(e.name, 'tên tệp không hợp lệ trong gói (đường dẫn ra ngoài hoặc ký tự điều khiển)');
      continue;
    }
    if (hashes.has(e.name)) {
      say(e.name, 'tên tệp lặp lại trong gói');
      continue;
    }
    const raw = dataOf(data, e);
    if (!raw) {
      say(e.name, 'phần của tệp trong gói bị hỏng hoặc bị cắt cụt');
      continue;
    }
    const h = await hashEntry(raw, e);
    if (typeof h === 'string') {
      say(e.name, h);
      continue;
    }
    hashes.set(e.name, h.sha256);
    if (e.name === MANIFEST || e.name === METADATA) {
      const t = entryText(raw, e);
      if (t === null) say(e.name, 'không đọc được (không phải văn bản UTF-8 hoặc quá lớn)');
      else texts.set(e.name, t);
    }
  }
  if (!entries.length) throw new AppError('FILE_INVALID', `${NO_CONTENT}: gói nộp lưu rỗng.`);

  // The manifest: every file but itself, once, with the SHA-256 of its bytes.
  const listed = new Map<string, string>();
  const manifest = texts.get(MANIFEST);
  if (manifest === undefined) {
    if (!problems.some((p) => p.file === MANIFEST)) say(MANIFEST, 'thiếu bản kê mã băm trong gói');
  } else {
    manifest.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ''));
      if (!m) return say(MANIFEST, `dòng ${i + 1} không đúng dạng «mã-băm  đường-dẫn»`);
      listed.set(m[2], m[1]);
    });
    for (const [path, sum] of listed) {
      const actual = hashes.get(path);
      if (actual === undefined) {
        if (!problems.some((p) => p.file === path)) say(path, 'có trong bản kê nhưng không có trong gói');
      } else if (actual !== sum) say(path, 'nội dung đã bị thay đổi: mã SHA-256 không khớp bản kê');
    }
    for (const path of hashes.keys()) if (path !== MANIFEST && !listed.has(path)) say(path, 'không có trong bản kê mã băm');
  }

  // metadata.xml: the hồ sơ's fields, and each document's files as the manifest lists them.
  let root: XmlElement | undefined;
  const xml = texts.get(METADATA);
  if (xml === undefined) {
    if (!problems.some((p) => p.file === METADATA)) say(METADATA, 'thiếu tệp metadata.xml');
  } else {
    try {
      root = parseXml(xml);
      if (root.name !== 'HoSo') throw new XmlError('phần tử gốc phải là <HoSo>');
    } catch (e) {
      say(METADATA, `không đọc được: ${e instanceof XmlError ? e.message : 'XML không hợp lệ'}`);
      root = undefined;
    }
  }
  const info = child(root, 'FileInfo');
  const docs = child(root, 'DocList')?.children.filter((d) => d.name === 'Doc') ?? [];
  if (root) {
    if (!info) say(METADATA, 'thiếu phần <FileInfo> (thông tin hồ sơ)');
    const code = childText(info, 'FileCode');
    const parts = ['OrganId', 'FileCatalog', 'FileNotation'].map((n) => childText(info, n) ?? '');
    if (info && (!code || code !== parts.filter(Boolean).join('.'))) say(METADATA, 'FileCode không bằng OrganId + FileCatalog + FileNotation');
    for (const need of ['Title', 'Maintenance', 'Rights', 'Language', 'StartDate', 'EndDate', 'DocTotal', 'PageTotal'])
      if (info && childText(info, need) === undefined) say(METADATA, `thiếu trường <${need}> của hồ sơ`);
    const total = Number(childText(info, 'DocTotal'));
    if (info && total !== docs.length) say(METADATA, `DocTotal ghi ${childText(info, 'DocTotal')} nhưng có ${docs.length} văn bản`);
    const pages = docs.map((d) => childText(d, 'PageAmount') ?? '');
    if (info && pages.every((p) => /^\d+$/.test(p)) && Number(childText(info, 'PageTotal')) !== pages.reduce((s, p) => s + Number(p), 0))
      say(METADATA, 'PageTotal không bằng tổng số trang của các văn bản');
    const files = [...(child(info, 'Contents')?.children ?? []), ...docs.flatMap((d) => child(d, 'Files')?.children ?? [])].filter((f) => f.name === 'File');
    docs.forEach((d, i) => {
      if (childText(d, 'DocOrdinal') !== String(i + 1)) say(METADATA, `văn bản thứ ${i + 1} ghi DocOrdinal «${childText(d, 'DocOrdinal') ?? ''}»`);
    });
    for (const f of files) {
      const path = f.attrs.path ?? '';
      if (!hashes.has(path)) {
        if (!problems.some((p) => p.file === path)) say(path || METADATA, `metadata.xml ghi tệp «${path}» nhưng không có trong gói`);
      } else if (f.attrs.sha256 !== (listed.get(path) ?? hashes.get(path))) say(METADATA, `ghi mã băm của «${path}» khác bản kê`);
    }
    if (!files.some((f) => f.attrs.path === CONTENTS_PDF)) say(METADATA, 'không ghi mục lục văn bản (muc-luc.pdf)');
  }
  return {
    ok: problems.length === 0,
    sha256: whole,
    fileCode: childText(info, 'FileCode') ?? null,
    title: childText(info, 'Title') ?? null,
    docTotal: root ? docs.length : null,
    files: hashes.size,
    problems,
  };
}
