import type { IntakeKind } from './schemas';

/**
 * What a file handed to the extractor is, judged by its first bytes and its name (the bytes decide; the name only
 * tells text from Markdown and an e-mail from other text). Pure: the API thread reads a few header bytes, nothing more.
 */
export type Sniffed = { kind: IntakeKind; mime: string; label: string } | { kind: null; why: string };

const starts = (d: Uint8Array, sig: number[], at = 0) => d.byteLength >= at + sig.length && sig.every((b, i) => d[at + i] === b);

function latin1(d: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < Math.min(to, d.byteLength); i++) s += String.fromCharCode(d[i]);
  return s;
}

export const PDF_MIME = 'application/pdf';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const extOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/** A binary file: NUL bytes, or many control characters in the first few KiB. */
function looksBinary(d: Uint8Array): boolean {
  const n = Math.min(d.byteLength, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = d[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control > n / 50;
}

/** An RFC 5322 message: header lines ("From:", "Subject:", "MIME-Version:"…) before the first blank line. */
function looksLikeEmail(d: Uint8Array): boolean {
  const head = latin1(d, 0, 16384);
  const end = head.search(/\r?\n\r?\n/);
  const block = end >= 0 ? head.slice(0, end) : head;
  const names = [...block.matchAll(/^([A-Za-z][A-Za-z0-9-]*):/gm)].map((m) => m[1].toLowerCase());
  return names.includes('from') && names.some((n) => n === 'subject' || n === 'date' || n === 'mime-version' || n === 'to');
}

export function sniffIntake(name: string, d: Uint8Array): Sniffed {
  if (d.byteLength === 0) return { kind: null, why: 'tệp rỗng (0 byte)' };
  const ext = extOf(name);
  if (latin1(d, 0, 1024).includes('%PDF-')) return { kind: 'pdf', mime: PDF_MIME, label: 'PDF' };
  if (starts(d, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext === 'docx' || ext === '') return { kind: 'docx', mime: DOCX_MIME, label: 'Word (DOCX)' };
    return { kind: null, why: `tệp nén (ZIP) «.${ext}» không phải văn bản Word .docx` };
  }
  if (starts(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mime: 'image/png', label: 'ảnh PNG' };
  if (starts(d, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg', label: 'ảnh JPEG' };
  if (starts(d, [0x49, 0x49, 0x2a, 0x00]) || starts(d, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'image', mime: 'image/tiff', label: 'ảnh TIFF' };
  if (starts(d, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: null, why: 'tệp Word cũ (.doc) chưa đọc được: hãy lưu lại thành .docx hoặc PDF' };
  if (looksBinary(d) && !starts(d, [0xff, 0xfe]) && !starts(d, [0xfe, 0xff])) {
    return { kind: null, why: 'chỉ đọc được PDF, Word (.docx), ảnh PNG, JPEG, TIFF, thư điện tử (.eml) và tệp chữ (.txt, .md)' };
  }
  if (ext === 'eml' || looksLikeEmail(d)) return { kind: 'eml', mime: 'message/rfc822', label: 'thư điện tử (.eml)' };
  if (ext === 'md' || ext === 'markdown') return { kind: 'markdown', mime: 'text/markdown', label: 'Markdown' };
  if (ext === 'txt' || ext === 'text' || ext === '') return { kind: 'text', mime: 'text/plain', label: 'tệp chữ' };
  return { kind: null, why: `không đọc được tệp «.${ext}»: chỉ đọc được PDF, Word (.docx), ảnh, thư điện tử (.eml) và tệp chữ (.txt, .md)` };
}

/** Text bytes as a string: UTF-8 (with or without BOM) or UTF-16 with its BOM; NFC. */
export function decodeText(d: Uint8Array): string {
  const [enc, from] = starts(d, [0xff, 0xfe]) ? ['utf-16le', 2] : starts(d, [0xfe, 0xff]) ? ['utf-16be', 2] : ['utf-8', starts(d, [0xef, 0xbb, 0xbf]) ? 3 : 0];
  return new TextDecoder(enc as string).decode(d.subarray(from as number)).normalize('NFC');
}

/**
 * An image's size in pixels from its header (PNG IHDR, JPEG SOFn, TIFF IFD0), without decoding it: a file claiming
 * 20,000 × 20,000 pixels is refused before anything allocates 1.6 GB for it. null when the header does not say.
 */
export function imageSize(d: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  if (starts(d, [0x89, 0x50, 0x4e, 0x47]) && d.byteLength >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (starts(d, [0xff, 0xd8])) {
    let p = 2;
    while (p + 9 < d.byteLength) {
      if (d[p] !== 0xff) return null;
      const marker = d[p + 1];
      if (marker === 0xff) {
        p++;
        continue;
      }
      const len = view.getUint16(p + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: view.getUint16(p + 5), width: view.getUint16(p + 7) };
      }
      if (len < 2) return null;
      p += 2 + len;
    }
    return null;
  }
  const le = starts(d, [0x49, 0x49, 0x2a, 0x00]);
  if (le || starts(d, [0x4d, 0x4d, 0x00, 0x2a])) {
    if (d.byteLength < 8) return null;
    const ifd = view.getUint32(4, le);
    if (ifd + 2 > d.byteLength) return null;
    const n = view.getUint16(ifd, le);
    let width = 0;
    let height = 0;
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      if (e + 12 > d.byteLength) break;
      const tag = view.getUint16(e, le);
      const type = view.getUint16(e + 2, le);
      const value = type === 3 ? view.getUint16(e + 8, le) : view.getUint32(e + 8, le);
      if (tag === 256) width = value;
      if (tag === 257) height = value;
    }
    return width && height ? { width, height } : null;
  }
  return null;
}
