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

export { imageSize } from './image-size';
