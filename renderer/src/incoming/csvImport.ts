import { foldVietnamese } from '../../../shared/text/fold';
import type { Urgency } from '../../../shared/domain/marks';

/** One register line read from the file, as incoming.bulkRegister takes it. */
export interface ImportRecord {
  arrivalDate?: string;
  sender: string;
  ref: string;
  docDate: string;
  docType?: string;
  subject: string;
  urgency?: Urgency;
  pageCount?: number;
  recipient?: string;
  note?: string;
}

export interface ImportParse {
  records: ImportRecord[];
  /** Problems by line of the file (1 = the header), in Vietnamese. */
  problems: string[];
  /** The columns found, by their header in the file. */
  columns: string[];
}

type Field = keyof ImportRecord;

/** Headers as a register kept in Excel names them (folded: no diacritics, lower case, single spaces). */
const HEADERS: [Field, string[]][] = [
  ['arrivalDate', ['ngay den']],
  ['sender', ['tac gia', 'co quan gui', 'noi gui', 'co quan ban hanh', 'tac gia (co quan gui)']],
  ['ref', ['so ky hieu', 'so, ky hieu', 'so va ky hieu', 'so/ky hieu', 'so ky hieu van ban']],
  ['docDate', ['ngay van ban', 'ngay vb', 'ngay thang van ban', 'ngay ban hanh']],
  ['docType', ['ten loai', 'loai', 'loai van ban', 'ten loai van ban']],
  ['subject', ['trich yeu', 'trich yeu noi dung']],
  ['urgency', ['do khan']],
  ['pageCount', ['so trang']],
  ['recipient', ['don vi hoac nguoi nhan', 'don vi nhan', 'nguoi nhan', 'noi nhan']],
  ['note', ['ghi chu']],
];
const REQUIRED: [Field, string][] = [
  ['sender', 'Tác giả'],
  ['ref', 'Số, ký hiệu'],
  ['docDate', 'Ngày văn bản'],
  ['subject', 'Trích yếu'],
];

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

/** RFC 4180 with the separator Excel used (comma, semicolon or tab); quoted fields may hold separators and newlines. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = [',', ';', '\t'].map((c) => [c, firstLine.split(c).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** dd/mm/yyyy (or d/m/yyyy, with - or .) and yyyy-mm-dd, checked as a real date; anything else is null. */
export function isoFromVn(s: string): string | null {
  const t = s.trim();
  const iso8601 = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const parts = iso8601 ? [iso8601[1], iso8601[2], iso8601[3]] : vn ? [vn[3], vn[2], vn[1]] : null;
  if (!parts) return null;
  const [y, mo, d] = parts;
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

const URGENCY: Record<string, Urgency> = { '': 'thuong', thuong: 'thuong', khan: 'khan', 'thuong khan': 'thuong-khan', 'hoa toc': 'hoa-toc' };

/** Reads an old register saved as CSV: one document a line, columns found by their headers. */
export function readRegisterCsv(text: string): ImportParse {
  const rows = parseCsv(text);
  const problems: string[] = [];
  if (rows.length === 0) return { records: [], problems: ['Tệp rỗng.'], columns: [] };
  const header = rows[0].map(fold);
  const at = new Map<Field, number>();
  for (const [field, names] of HEADERS) {
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) at.set(field, i);
  }
  const missing = REQUIRED.filter(([f]) => !at.has(f)).map(([, label]) => `«${label}»`);
  if (missing.length) return { records: [], problems: [`Thiếu cột ${missing.join(', ')} ở dòng tiêu đề.`], columns: rows[0] };
  const records: ImportRecord[] = [];
  rows.slice(1).forEach((cells, k) => {
    const line = k + 2;
    const get = (f: Field) => (at.has(f) ? (cells[at.get(f)!] ?? '').normalize('NFC').trim() : '');
    const empty = REQUIRED.filter(([f]) => get(f) === '').map(([, label]) => label);
    if (empty.length) return void problems.push(`Dòng ${line}: thiếu ${empty.join(', ')}.`);
    const docDate = isoFromVn(get('docDate'));
    if (!docDate) return void problems.push(`Dòng ${line}: ngày văn bản «${get('docDate')}» không đúng dạng ngày/tháng/năm.`);
    const arrivalText = get('arrivalDate');
    const arrivalDate = arrivalText ? isoFromVn(arrivalText) : undefined;
    if (arrivalDate === null) return void problems.push(`Dòng ${line}: ngày đến «${arrivalText}» không đúng dạng ngày/tháng/năm.`);
    const urgency = URGENCY[fold(get('urgency'))];
    if (!urgency) return void problems.push(`Dòng ${line}: độ khẩn «${get('urgency')}» không hợp lệ (Thường, Khẩn, Thượng khẩn, Hỏa tốc).`);
    const pages = get('pageCount');
    const pageCount = pages ? Number(pages) : undefined;
    if (pageCount !== undefined && !(Number.isInteger(pageCount) && pageCount > 0)) return void problems.push(`Dòng ${line}: số trang «${pages}» không phải số nguyên dương.`);
    records.push({
      arrivalDate,
      sender: get('sender'),
      ref: get('ref'),
      docDate,
      docType: get('docType') || undefined,
      subject: get('subject'),
      urgency,
      pageCount,
      recipient: get('recipient') || undefined,
      note: get('note') || undefined,
    });
  });
  return { records, problems, columns: [...at.values()].map((i) => rows[0][i]) };
}
