/** What a file is by its first bytes, whatever its name says: the importer trusts content before extension. */

export type Kind = 'zip' | 'ole' | 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'rar' | '7z' | 'utf16' | 'binary';

export const KIND_LABEL: Partial<Record<Kind, string>> = {
  pdf: 'tệp PDF',
  png: 'ảnh PNG',
  jpeg: 'ảnh JPEG',
  gif: 'ảnh GIF',
  webp: 'ảnh WebP',
  rar: 'tệp nén RAR',
  '7z': 'tệp nén 7z',
  binary: 'tệp nhị phân',
};

export function sniff(d: Uint8Array): Kind | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => d[i] === b);
  // PK\3\4 is any ZIP with content; PK\5\6 an empty one (still a ZIP, refused later as "not a workbook").
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && d[8] === 0x57 && d[9] === 0x45 && d[10] === 0x42 && d[11] === 0x50) return 'webp';
  if (starts(0x52, 0x61, 0x72, 0x21)) return 'rar';
  if (starts(0x37, 0x7a, 0xbc, 0xaf)) return '7z';
  // Excel's "Unicode Text" is UTF-16 with a BOM: an encoding problem, worth its own message.
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'utf16';
  if (d.subarray(0, 8192).includes(0)) return 'binary';
  return null;
}
