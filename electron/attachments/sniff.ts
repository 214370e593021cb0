import { AppError } from '../../shared/api/result';

/** What a file really is, judged by its bytes; the extension must agree. */
export interface Sniffed {
  mime: string;
  ext: 'pdf' | 'docx' | 'png' | 'jpg' | 'tif';
}

const KINDS: Record<string, { ext: Sniffed['ext']; mime: string; label: string }> = {
  pdf: { ext: 'pdf', mime: 'application/pdf', label: 'PDF' },
  docx: { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)' },
  png: { ext: 'png', mime: 'image/png', label: 'ảnh PNG' },
  jpg: { ext: 'jpg', mime: 'image/jpeg', label: 'ảnh JPEG' },
  jpeg: { ext: 'jpg', mime: 'image/jpeg', label: 'ảnh JPEG' },
  tif: { ext: 'tif', mime: 'image/tiff', label: 'ảnh TIFF' },
  tiff: { ext: 'tif', mime: 'image/tiff', label: 'ảnh TIFF' },
};

const startsWith = (d: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => d[at + i] === b);

function isPdf(d: Uint8Array): boolean {
  // The header may follow up to 1 KiB of junk (PDF 1.7, 7.5.2 implementation note).
  const head = Buffer.from(d.buffer, d.byteOffset, Math.min(d.byteLength, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/**
 * Reads a ZIP's central directory with bounds checks and says whether it names `wanted`.
 * Only the directory is read: nothing is inflated, so a zip bomb costs nothing here.
 */
export function zipHasEntry(d: Uint8Array, wanted: string): boolean {
  if (!startsWith(d, [0x50, 0x4b, 0x03, 0x04])) return false;
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  // End of central directory: 22 bytes + a comment of up to 65535 bytes, at the end.
  const minEocd = Math.max(0, d.byteLength - 22 - 0xffff);
  let eocd = -1;
  for (let i = d.byteLength - 22; i >= minEocd; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return false;
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset + cdSize > d.byteLength) return false;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > d.byteLength || view.getUint32(p, true) !== 0x02014b50) return false;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > d.byteLength) return false;
    const name = Buffer.from(d.buffer, d.byteOffset + p + 46, nameLen).toString('utf8');
    if (name === wanted) return true;
    p += 46 + nameLen + extraLen + commentLen;
  }
  return false;
}

function matches(ext: Sniffed['ext'], d: Uint8Array): boolean {
  switch (ext) {
    case 'pdf':
      return isPdf(d);
    case 'docx':
      return zipHasEntry(d, 'word/document.xml');
    case 'png':
      return startsWith(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpg':
      return startsWith(d, [0xff, 0xd8, 0xff]);
    case 'tif':
      return startsWith(d, [0x49, 0x49, 0x2a, 0x00]) || startsWith(d, [0x4d, 0x4d, 0x00, 0x2a]);
  }
}

/** Files from outside are hostile: accept only supported kinds whose content matches their extension. */
export function sniffFile(name: string, data: Uint8Array): Sniffed {
  if (data.byteLength === 0) throw new AppError('FILE_EMPTY', `Tệp «${name}» rỗng (0 byte).`);
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const kind = KINDS[ext];
  if (!kind) {
    throw new AppError(
      'FILE_INVALID',
      `Tệp «${name}» không được hỗ trợ: chỉ nhận PDF, Word (.docx) và ảnh PNG, JPEG, TIFF.`,
    );
  }
  if (!matches(kind.ext, data)) {
    throw new AppError('FILE_INVALID', `Tệp «${name}» không phải là ${kind.label}: nội dung không khớp với phần mở rộng.`);
  }
  return { mime: kind.mime, ext: kind.ext };
}
