import { DOC_TYPES } from '../domain/doc-types';
import { isValidIsoDate } from '../domain/dates';

/**
 * Reading an old register (issue 18, `vanphong import` and «Nhập sổ cũ»): which column holds which field, found by the
 * header line's words (ND30 Phụ lục IV, with or without diacritics, any case), and the cells' dates and numbers.
 * Plain functions over strings, shared by the Node side (the run) and the screen (the mapping's Selects).
 */

/** The two registers an old one may be brought into: sổ văn bản đến and sổ văn bản đi (the names of import_runs.kind). */
export const REGISTER_KINDS = ['incoming', 'outgoing'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];
export const REGISTER_KIND_LABELS: Record<RegisterKind, string> = { incoming: 'Sổ văn bản đến', outgoing: 'Sổ văn bản đi' };

/** The fields a register column may hold: those of ND30 Phụ lục IV's sổ đăng ký văn bản đến, then văn bản đi's own. */
export const IMPORT_FIELDS = [
  'arrivalDate',
  'arrivalNumber',
  'sender',
  'docNumber',
  'ref',
  'docDate',
  'typeSubject',
  'docType',
  'signer',
  'recipient',
  'recipients',
  'archive',
  'copies',
  'instruction',
  'transferDate',
  'signedBy',
  'note',
  'pageCount',
  'file',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  arrivalDate: 'Ngày đến',
  arrivalNumber: 'Số đến',
  sender: 'Tác giả (nơi gửi)',
  docNumber: 'Số',
  ref: 'Số, ký hiệu',
  docDate: 'Ngày văn bản',
  typeSubject: 'Tên loại và trích yếu nội dung',
  docType: 'Tên loại',
  signer: 'Người ký',
  recipient: 'Đơn vị hoặc người nhận',
  recipients: 'Nơi nhận văn bản',
  archive: 'Đơn vị, người nhận bản lưu',
  copies: 'Số lượng bản',
  instruction: 'Ý kiến phân phối, chỉ đạo',
  transferDate: 'Ngày chuyển',
  signedBy: 'Ký nhận',
  note: 'Ghi chú',
  pageCount: 'Số trang',
  file: 'Tệp bản quét',
};

/** The columns each register has, in its order (ND30 Phụ lục IV). */
export const FIELDS_OF: Record<RegisterKind, readonly ImportField[]> = {
  incoming: ['arrivalDate', 'arrivalNumber', 'sender', 'ref', 'docDate', 'typeSubject', 'docType', 'recipient', 'instruction', 'transferDate', 'signedBy', 'note', 'pageCount', 'file'],
  outgoing: ['docNumber', 'ref', 'docDate', 'typeSubject', 'docType', 'signer', 'recipients', 'archive', 'copies', 'transferDate', 'signedBy', 'note', 'pageCount', 'file'],
};

/**
 * A register cannot be brought in without these (a record of that register needs each). The số of an outgoing
 * document is its own column or the start of its số, ký hiệu ("125/UBND-VP").
 */
export const REQUIRED_OF: Record<RegisterKind, readonly ImportField[]> = {
  incoming: ['arrivalNumber', 'arrivalDate', 'sender', 'ref', 'docDate', 'typeSubject'],
  outgoing: ['ref', 'docDate', 'typeSubject'],
};

/** Field → column (0-based) of the register's rows. */
export type ImportMapping = Partial<Record<ImportField, number>>;

/** Header words, folded (see foldHeader), that name each field. */
const ALIASES: Record<ImportField, string[]> = {
  arrivalDate: ['ngay den', 'ngay nhan', 'ngay thang den'],
  arrivalNumber: ['so den', 'so thu tu den', 'so vao so'],
  sender: ['tac gia', 'co quan ban hanh', 'noi gui', 'co quan gui', 'noi ban hanh', 'don vi gui', 'co quan to chuc ban hanh', 'tac gia noi gui'],
  docNumber: ['so', 'so van ban', 'so di'],
  ref: ['so ky hieu', 'so va ky hieu', 'so ky hieu van ban', 'so hieu', 'ky hieu', 'so ky hieu cua van ban'],
  docDate: ['ngay thang van ban', 'ngay van ban', 'ngay thang', 'ngay ban hanh', 'ngay thang nam van ban'],
  typeSubject: ['ten loai va trich yeu noi dung', 'ten loai va trich yeu', 'ten loai va trich yeu noi dung van ban', 'trich yeu noi dung', 'trich yeu', 'noi dung'],
  docType: ['ten loai', 'loai van ban', 'the loai'],
  signer: ['nguoi ky', 'nguoi ky van ban', 'nguoi ky ban hanh'],
  recipient: ['don vi hoac nguoi nhan', 'don vi nguoi nhan', 'don vi nhan', 'nguoi nhan', 'noi nhan'],
  recipients: ['noi nhan van ban', 'noi nhan', 'gui den', 'noi gui den'],
  archive: ['don vi nguoi nhan ban luu', 'don vi hoac nguoi nhan ban luu', 'noi luu', 'ban luu', 'luu'],
  copies: ['so luong ban', 'so luong', 'so ban'],
  instruction: ['y kien phan phoi chi dao', 'y kien phan phoi', 'y kien chi dao', 'but phe'],
  transferDate: ['ngay chuyen'],
  signedBy: ['ky nhan', 'nguoi ky nhan'],
  note: ['ghi chu'],
  pageCount: ['so trang', 'so to'],
  file: ['tep', 'ten tep', 'tep dinh kem', 'ban quet', 'file'],
};

/**
 * Words that name a field only as the whole cell: "Số" is the số column, while "Số lượng", "Số TT" or "Số lượng văn bản"
 * are not (a column read as the số would number every row wrongly).
 */
const EXACT_ONLY = new Set(['so']);

/** A header cell as compared: no diacritics, đ → d, lower case, punctuation as spaces. */
export function foldHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The field of a register a header cell names, and how sure: 1 its exact words, 0.7 they start the cell ("Số đến (1)"). */
export function fieldOfHeader(cell: string, kind: RegisterKind = 'incoming'): { field: ImportField; score: number } | null {
  const f = foldHeader(cell);
  if (!f) return null;
  let best: { field: ImportField; score: number; len: number } | null = null;
  for (const field of FIELDS_OF[kind]) {
    for (const a of ALIASES[field]) {
      const score = f === a ? 1 : !EXACT_ONLY.has(a) && f.startsWith(`${a} `) ? 0.7 : 0;
      if (score && (!best || score > best.score || (score === best.score && a.length > best.len))) best = { field, score, len: a.length };
    }
  }
  return best && { field: best.field, score: best.score };
}

export interface HeaderGuess {
  /** Index of the header line among the rows given. */
  index: number;
  /** The register the header is of (as asked, or as its columns say). */
  kind: RegisterKind;
  mapping: ImportMapping;
  /** Every required field found by a cell naming it. */
  confident: boolean;
  missing: ImportField[];
}

/** The mapping the header line proposes for a register (the first column naming a field wins). */
export function mappingOfHeader(cells: string[], kind: RegisterKind = 'incoming'): { mapping: ImportMapping; scores: Partial<Record<ImportField, number>> } {
  const mapping: ImportMapping = {};
  const scores: Partial<Record<ImportField, number>> = {};
  cells.forEach((c, i) => {
    const hit = fieldOfHeader(c ?? '', kind);
    if (hit && (scores[hit.field] ?? 0) < hit.score) {
      mapping[hit.field] = i;
      scores[hit.field] = hit.score;
    }
  });
  return { mapping, scores };
}

/** Columns only one register has: Số đến, Ngày đến, Tác giả… or Người ký, Nơi nhận văn bản, Số lượng bản… */
const OWN_FIELDS: Record<RegisterKind, readonly ImportField[]> = {
  incoming: ['arrivalDate', 'arrivalNumber', 'sender', 'instruction'],
  outgoing: ['signer', 'recipients', 'archive', 'copies'],
};

/**
 * The register's header line among its first rows: the first one naming at least three fields (merged title rows above
 * it — "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Năm 2019" — name none), and the register it is of: `kind` when given, else the one
 * whose own columns it names (`prefer`, else the incoming register, when it names as many of each's).
 */
export function detectHeader(rows: string[][], kind?: RegisterKind, prefer: RegisterKind = 'incoming'): HeaderGuess | null {
  for (let index = 0; index < rows.length; index++) {
    const own = (k: RegisterKind) => OWN_FIELDS[k].filter((f) => mappingOfHeader(rows[index], k).mapping[f] !== undefined).length;
    const other: RegisterKind = prefer === 'incoming' ? 'outgoing' : 'incoming';
    const k = kind ?? (own(other) > own(prefer) ? other : prefer);
    const { mapping } = mappingOfHeader(rows[index], k);
    if (Object.keys(mapping).length < 3) continue;
    const missing = missingFields(mapping, k);
    return { index, kind: k, mapping, confident: missing.length === 0, missing };
  }
  return null;
}

/** The key a confirmed mapping is remembered by: the header line's folded cells. */
export const headerKeyOf = (cells: string[]) => cells.map((c) => foldHeader(c ?? '')).join('|');

/** The fields a mapping lacks for a register. */
export const missingFields = (m: ImportMapping, kind: RegisterKind = 'incoming') => REQUIRED_OF[kind].filter((f) => m[f] === undefined);

/** "A" → 0, "AB" → 27: a spreadsheet column's letters. */
export function columnIndex(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * `--map "Số đến=A,Ngày đến=B,Trích yếu=Tên cột"`: each field by its label (or a header word naming it) and its column
 * by letter or header text. Returns the mapping or the first part not understood.
 */
export function parseMapSpec(spec: string, header: string[], kind: RegisterKind = 'incoming'): { mapping: ImportMapping } | { error: string } {
  const mapping: ImportMapping = {};
  const fields = FIELDS_OF[kind];
  for (const part of mapParts(spec)) {
    const eq = part.indexOf('=');
    if (eq < 0) return { error: `«${part}»: viết TRƯỜNG=CỘT, ví dụ «${kind === 'incoming' ? 'Số đến' : 'Số, ký hiệu'}=A».` };
    const name = part.slice(0, eq).trim();
    const col = part.slice(eq + 1).trim();
    const field = fields.find((f) => foldHeader(IMPORT_FIELD_LABELS[f]) === foldHeader(name) || f === name) ?? fieldOfHeader(name, kind)?.field;
    if (!field) return { error: `«${name}» không phải trường của ${REGISTER_KIND_LABELS[kind].toLowerCase()} (${fields.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')}).` };
    const byHeader = header.findIndex((h) => foldHeader(h ?? '') === foldHeader(col));
    const index = byHeader >= 0 ? byHeader : columnIndex(col);
    if (index === null) return { error: `«${col}» không phải cột (chữ cái A, B… hoặc tên cột ở dòng tiêu đề).` };
    mapping[field] = index;
  }
  return { mapping };
}

/**
 * The parts of a --map spec. Field names hold commas themselves ("Số, ký hiệu", "Đơn vị, người nhận bản lưu"), so a
 * comma or semicolon ends a part only once the part has its "=": "Số, ký hiệu=A,Ngày văn bản=B" is two parts.
 */
function mapParts(spec: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (const ch of spec) {
    if ((ch === ',' || ch === ';') && cur.includes('=')) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * A date cell: ISO (what the reader makes of an Excel date), dd/mm/yyyy, d/m/yy (yy ≤ this year's two digits: 20yy),
 * dd.mm.yyyy, dd-mm-yyyy, or an Excel serial number (days since 1899-12-30). Null when it is no real date.
 */
export function parseCellDate(raw: string, thisYear = new Date().getFullYear()): string | null {
  const s = raw.trim();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return checked(m[1], m[2], m[3]);
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(s);
  if (m) {
    let y = m[3];
    if (y.length === 2) y = String(Number(y) <= thisYear % 100 ? 2000 + Number(y) : 1900 + Number(y));
    return checked(y, m[2], m[1]);
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    if (serial < 10_000 || serial > 80_000) return null;
    return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

function checked(y: string, mo: string, d: string): string | null {
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** A số đến (or số) cell: "125", "125.0" (Excel), "125/2019" → 125. */
export function parseArrivalNumber(raw: string): number | null {
  const m = /^\s*0*(\d{1,9})(?:[.,]0+)?(?:\s*\/.*)?\s*$/.exec(raw);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

/** A số, ký hiệu as registers print it, without the "Số:" some write before it: "Số: 07/KH-UBND" → "07/KH-UBND". */
export const bareRef = (ref: string) => ref.normalize('NFC').replace(/^\s*s[oố]\s*:\s*/i, '').trim();

/** The số at the start of a số, ký hiệu: "125/UBND-VP", "Số: 07/KH-UBND", "15-KH/TU" (Party) → 125, 7, 15. */
export function numberOfRef(ref: string): number | null {
  const m = /^\s*(?:s[oố]\s*:?\s*)?0*(\d{1,9})\s*[/\-–]/i.exec(ref.normalize('NFC'));
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

const TYPES_BY_LENGTH = [...DOC_TYPES].sort((a, b) => b.name.length - a.name.length);
const foldWords = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

/**
 * "Tên loại và trích yếu nội dung" split: "Kế hoạch tổ chức Hội nghị…" → Kế hoạch + "Tổ chức Hội nghị…" when it starts
 * with a type's name (with or without diacritics); otherwise no type and the whole text as the subject.
 */
export function splitTypeSubject(text: string): { docType: string | null; subject: string } {
  const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const folded = foldWords(t);
  for (const type of TYPES_BY_LENGTH) {
    const name = foldWords(type.name);
    if (folded.startsWith(name) && (folded.length === name.length || /[\s:,.\-–]/.test(folded[name.length]))) {
      const rest = t.slice(type.name.length).replace(/^[\s:,.\-–]+/, '').trim();
      if (!rest) return { docType: type.name, subject: t };
      return { docType: type.name, subject: rest[0].toLocaleUpperCase('vi') + rest.slice(1) };
    }
  }
  return { docType: null, subject: t };
}

/** A số ký hiệu or a file's name as compared: folded, letters and digits only ("12/STC-NV" → "12stcnv"). */
export const refKey = (s: string) => foldWords(s).replace(/[^a-z0-9]/g, '');
