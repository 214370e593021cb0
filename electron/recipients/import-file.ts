import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AppError } from '../../shared/api/result';
import { ORGAN_ID } from '../../shared/directory/schemas';
import { foldVietnamese } from '../../shared/text/fold';

/**
 * Reading the directory of organisations (danh bạ nơi nhận) from a spreadsheet the user picked: .xlsx or .csv.
 * Pure: bytes in, validated rows and per-row Vietnamese issues out; the caller imports the good rows and shows the
 * issues. The file comes from outside, so it is treated as hostile: sizes, row counts and ZIP expansion are bounded
 * before anything big is allocated.
 */

export interface DirectoryImportRow {
  /** 1-based row number as the user sees it in Excel (a CSV record spanning several lines counts once). */
  line: number;
  name: string;
  shortName: string | null;
  organId: string | null;
  address: string | null;
  email: string | null;
  /** Name of the organisation this one is a unit of (đơn vị trực thuộc). */
  parent: string | null;
  groups: string[];
}
export interface DirectoryImportIssue {
  line: number;
  field?: string;
  message: string;
}
export interface DirectoryImportResult {
  rows: DirectoryImportRow[];
  issues: DirectoryImportIssue[];
}

export const DIRECTORY_IMPORT_LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  dataRows: 20_000,
  /** Sum of the sizes the ZIP declares once inflated. */
  zipUncompressedBytes: 100 * 1024 * 1024,
  /** Inflated / compressed, per entry; real sheets stay far below (XML deflates 5–30×). */
  zipRatio: 200,
  /** Entries smaller than this are not ratio-checked: a tiny repetitive part (styles) may deflate well and is harmless. */
  zipRatioFloorBytes: 1024 * 1024,
  zipEntries: 10_000,
  csvColumns: 1_000,
  /** The header may sit below a few title rows ("DANH BẠ NƠI NHẬN", a date…). */
  headerScanRows: 10,
} as const;
const L = DIRECTORY_IMPORT_LIMITS;

type Field = 'name' | 'shortName' | 'organId' | 'address' | 'email' | 'parent' | 'groups';

const LABEL: Record<Field, string> = {
  name: 'tên cơ quan, đơn vị',
  shortName: 'tên viết tắt',
  organId: 'mã định danh',
  address: 'địa chỉ',
  email: 'thư điện tử',
  parent: 'cơ quan cấp trên',
  groups: 'nhóm',
};

const MAX_LENGTH: Record<Exclude<Field, 'groups'>, number> = {
  name: 200,
  shortName: 50,
  // Generous on purpose: the pattern below decides, and says what the code should look like.
  organId: 100,
  address: 300,
  email: 254,
  parent: 200,
};
const MAX_GROUP_NAME = 200;

const HEADER_SYNONYMS: Record<Field, string[]> = {
  name: ['tên cơ quan', 'tên đơn vị', 'tên', 'name', 'cơ quan', 'đơn vị', 'tên cơ quan, đơn vị', 'cơ quan, đơn vị'],
  shortName: ['tên viết tắt', 'viết tắt', 'short name', 'short_name', 'tên tắt'],
  organId: ['mã định danh', 'mã', 'organ id', 'organid', 'ma dinh danh', 'mã định danh cơ quan', 'mã định danh điện tử'],
  address: ['địa chỉ', 'address'],
  email: ['email', 'e-mail', 'thư điện tử', 'địa chỉ email', 'địa chỉ thư điện tử', 'mail'],
  parent: ['trực thuộc', 'cơ quan cấp trên', 'parent', 'đơn vị cấp trên', 'cơ quan chủ quản'],
  groups: ['nhóm', 'groups', 'group', 'nhóm nơi nhận'],
};

/**
 * Header text as a lookup key: folded (case, diacritics, đ), a parenthesised remark such as "(nếu có)" and the
 * required-field star dropped, punctuation turned into single spaces ("E-mail" = "e mail", "Tên cơ quan/đơn vị").
 */
function headerKey(text: string): string {
  return foldVietnamese(text.normalize('NFC'))
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const HEADER_FIELD = new Map<string, Field>(
  (Object.entries(HEADER_SYNONYMS) as [Field, string[]][]).flatMap(([field, names]) => names.map((n) => [headerKey(n), field] as const)),
);

/** Mirrors zod's z.email(), which createOrganizationInput uses: a row accepted here is accepted there too. */
const EMAIL = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Zero-width characters carry no meaning in Vietnamese text but would make equal names look different: dropped. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
/**
 * Control characters (tab, CR and LF excepted: they are whitespace) and bidi overrides, which can make a name display
 * as something other than what it is: refused rather than silently cleaned.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

// ───────────────────────────── entry point ─────────────────────────────

export async function parseDirectoryFile(fileName: string, data: Uint8Array): Promise<DirectoryImportResult> {
  if (data.byteLength === 0) throw new AppError('FILE_INVALID', 'Tệp rỗng, không có dữ liệu.');
  if (data.byteLength > L.fileBytes) {
    throw new AppError('FILE_TOO_LARGE', 'Tệp danh bạ lớn quá 20 MB. Hãy chia thành nhiều tệp nhỏ hơn.');
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const kind = sniff(data);
  // By content first: a workbook saved under another name is still a workbook, and a renamed PDF is not one.
  if (kind === 'zip') return buildResult(await readXlsx(data));
  // Excel also wraps a password-protected .xlsx in the old compound-file format, so the name tells the two apart.
  if (kind === 'ole' && (ext === 'xlsx' || ext === 'xlsm')) {
    throw new AppError(
      'FILE_INVALID',
      'Không đọc được tệp: tệp được đặt mật khẩu hoặc thực chất là tệp Excel 97–2003 (.xls). ' +
        'Hãy mở trong Excel, bỏ mật khẩu (nếu có) rồi lưu thành «Sổ làm việc Excel (.xlsx)» hoặc «CSV UTF-8».',
    );
  }
  if (kind === 'ole' || ext === 'xls') {
    throw new AppError(
      'FILE_INVALID',
      'Tệp Excel 97–2003 (.xls) không được hỗ trợ. Hãy mở tệp trong Excel rồi lưu thành «Sổ làm việc Excel (.xlsx)» hoặc «CSV UTF-8».',
    );
  }
  if (ext === 'xlsx' || ext === 'xlsm') {
    const what = kind && KIND_LABEL[kind] ? `Tệp này thực chất là ${KIND_LABEL[kind]}, không phải` : 'Tệp không phải';
    throw new AppError('FILE_INVALID', `${what} bảng tính Excel (.xlsx) hợp lệ.`);
  }
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return buildResult(readCsvRows(decodeCsv(data, kind)));
  const what = kind && KIND_LABEL[kind] ? `Tệp này là ${KIND_LABEL[kind]}. ` : '';
  throw new AppError('FILE_INVALID', `${what}Chỉ nhập được danh bạ từ bảng tính Excel (.xlsx) hoặc tệp CSV (UTF-8).`);
}

type Kind = 'zip' | 'ole' | 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'rar' | '7z' | 'utf16' | 'binary';

const KIND_LABEL: Partial<Record<Kind, string>> = {
  pdf: 'tệp PDF',
  png: 'ảnh PNG',
  jpeg: 'ảnh JPEG',
  gif: 'ảnh GIF',
  webp: 'ảnh WebP',
  rar: 'tệp nén RAR',
  '7z': 'tệp nén 7z',
  binary: 'tệp nhị phân',
};

function sniff(d: Uint8Array): Kind | null {
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

// ───────────────────────────── rows, whatever the format ─────────────────────────────

interface HeaderCell {
  col: number;
  text: string;
}

/** One non-blank row of the sheet; columns are 0-based. */
interface SourceRow {
  line: number;
  headerCells(): HeaderCell[];
  text(col: number): string;
  /** False for an empty cell and for a cell covered by a merge, which only repeats the merge's top-left value. */
  hasOwnValue(col: number): boolean;
}

interface HeaderMatch {
  index: number;
  columns: Map<Field, number>;
  clash?: { field: Field; first: string; second: string };
}

function findHeader(rows: SourceRow[]): HeaderMatch | null {
  for (let index = 0; index < Math.min(rows.length, L.headerScanRows); index++) {
    const columns = new Map<Field, number>();
    const titles = new Map<Field, string>();
    let clash: HeaderMatch['clash'];
    for (const cell of rows[index].headerCells()) {
      const field = HEADER_FIELD.get(headerKey(cell.text));
      if (!field) continue;
      const title = cell.text.normalize('NFC').trim();
      if (columns.has(field)) clash ??= { field, first: titles.get(field) ?? '', second: title };
      else {
        columns.set(field, cell.col);
        titles.set(field, title);
      }
    }
    if (columns.has('name')) return { index, columns, clash };
  }
  return null;
}

const quote = (s: string, max = 60) => {
  const t = s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return `«${t.length > max ? `${t.slice(0, max)}…` : t}»`;
};
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** 20000 → "20.000", without depending on the ICU data the runtime was built with. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const tooManyRows = () =>
  new AppError('FILE_INVALID', `Tệp có hơn ${thousands(L.dataRows)} dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.`);

function buildResult(rows: SourceRow[]): DirectoryImportResult {
  const header = findHeader(rows);
  if (!header) {
    if (!rows.length) throw new AppError('FILE_INVALID', 'Tệp không có dữ liệu.');
    const found = rows[0]
      .headerCells()
      .map((c) => c.text)
      .filter((t) => t.trim())
      .slice(0, 12);
    throw new AppError(
      'FILE_INVALID',
      'Không tìm thấy cột tên cơ quan. Dòng tiêu đề cần có cột «Tên cơ quan» (hoặc «Tên đơn vị», «Tên»). ' +
        `Các cột trong tệp: ${found.length ? found.map((t) => quote(t, 40)).join(', ') : '(không có)'}.`,
      { details: { columns: found.map((t) => t.normalize('NFC').trim().slice(0, 100)) } },
    );
  }
  if (header.clash) {
    const { field, first, second } = header.clash;
    throw new AppError(
      'FILE_INVALID',
      `Có hai cột cùng là ${LABEL[field]}: ${quote(first, 40)} và ${quote(second, 40)}. Hãy giữ một cột hoặc đổi tên cột kia.`,
    );
  }

  const cols = [...header.columns.values()];
  const rowsOut: DirectoryImportRow[] = [];
  const issues: DirectoryImportIssue[] = [];
  const nameLines = new Map<string, number>();
  const organIdLines = new Map<string, number>();
  let dataRows = 0;
  for (const row of rows.slice(header.index + 1)) {
    // Judged on the known columns only: a template row with just its "STT" filled in is not a row.
    if (!cols.some((c) => row.hasOwnValue(c))) continue;
    if (++dataRows > L.dataRows) throw tooManyRows();
    const raw = (field: Field) => {
      const col = header.columns.get(field);
      return col === undefined ? '' : row.text(col);
    };
    const { value, problems } = validateRow(row.line, raw);
    // Duplicates are judged among every row whose name (or code) is itself valid, even one rejected for another
    // field: the file then says two things about one organisation, and the user has to decide which.
    if (value?.name) {
      const key = foldVietnamese(value.name);
      const first = nameLines.get(key);
      if (first !== undefined) {
        problems.push({ line: row.line, field: 'name', message: `${quote(value.name)} trùng tên với dòng ${first}.` });
      } else nameLines.set(key, row.line);
    }
    if (value?.organId) {
      const first = organIdLines.get(value.organId);
      if (first !== undefined) {
        problems.push({ line: row.line, field: 'organId', message: `Mã định danh ${value.organId} trùng với dòng ${first}.` });
      } else organIdLines.set(value.organId, row.line);
    }
    if (problems.length) issues.push(...problems);
    else if (value?.name) rowsOut.push({ line: row.line, ...value, name: value.name });
  }
  if (dataRows === 0) throw new AppError('FILE_INVALID', 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.');
  return { rows: rowsOut, issues };
}

type RowValue = Omit<DirectoryImportRow, 'line' | 'name'> & { name: string | null };

/** Every field is checked so that one pass shows the user all that is wrong with a row. */
function validateRow(line: number, raw: (field: Field) => string): { value: RowValue | null; problems: DirectoryImportIssue[] } {
  const problems: DirectoryImportIssue[] = [];
  const issue = (field: Field, message: string) => problems.push({ line, field, message });

  /** null: invalid (issue recorded); '': empty. */
  const text = (field: Exclude<Field, 'groups'>, multiline = false): string | null => {
    const s = raw(field);
    if (FORBIDDEN.test(s)) {
      issue(field, `${capitalize(LABEL[field])} chứa ký tự điều khiển không được phép.`);
      return null;
    }
    const v = multiline ? cleanMultiline(s) : cleanLine(s);
    if (v.length > MAX_LENGTH[field]) {
      issue(field, `${capitalize(LABEL[field])} dài quá ${MAX_LENGTH[field]} ký tự.`);
      return null;
    }
    return v;
  };

  const name = text('name');
  if (name === '') issue('name', 'Thiếu tên cơ quan, đơn vị.');
  const shortName = text('shortName');

  const organIdText = text('organId');
  let organId = organIdText?.toUpperCase() ?? null;
  if (organIdText && organId && !ORGAN_ID.test(organId)) {
    issue('organId', `Mã định danh ${quote(organIdText, 30)} không đúng dạng, cần như 000.00.00.H54.`);
    organId = null;
  }

  const address = text('address', true);

  let email = text('email');
  if (email) {
    // Copied from a link, an address may still carry its scheme.
    email = email.replace(/^mailto:/i, '');
    if (!EMAIL.test(email)) {
      issue('email', `Thư điện tử ${quote(email, 60)} không hợp lệ.`);
      email = null;
    }
  }

  const parent = text('parent');
  if (parent && name && foldVietnamese(parent) === foldVietnamese(name)) {
    issue('parent', 'Cơ quan không thể trực thuộc chính nó.');
  }

  const groups: string[] = [];
  const rawGroups = raw('groups');
  if (FORBIDDEN.test(rawGroups)) issue('groups', 'Tên nhóm chứa ký tự điều khiển không được phép.');
  else {
    // Only ";" separates: group names themselves contain commas ("Các ban, đơn vị trực thuộc").
    const seen = new Set<string>();
    for (const part of rawGroups.split(';')) {
      const g = cleanLine(part);
      if (!g) continue;
      if (g.length > MAX_GROUP_NAME) {
        issue('groups', `Tên nhóm ${quote(g, 40)} dài quá ${MAX_GROUP_NAME} ký tự.`);
        continue;
      }
      const key = foldVietnamese(g);
      if (seen.has(key)) continue;
      seen.add(key);
      groups.push(g);
    }
  }

  if (name === null || name === '') return { value: null, problems };
  return {
    value: {
      name,
      shortName: shortName || null,
      organId: organId || null,
      address: address || null,
      email: email || null,
      parent: parent || null,
      groups,
    },
    problems,
  };
}

/** One-line text: NFC, invisible characters dropped, any run of whitespace (Alt+Enter line breaks too) one space. */
function cleanLine(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** An address keeps its line breaks (and may contain tabs); each line is tidied like a one-line text. */
function cleanMultiline(s: string): string {
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

// ───────────────────────────── CSV ─────────────────────────────

function decodeCsv(data: Uint8Array, kind: Kind | null): string {
  const utf8Message = 'Tệp CSV phải mã hóa UTF-8 (Excel: Lưu thành → CSV UTF-8).';
  if (kind === 'utf16') throw new AppError('FILE_INVALID', utf8Message);
  if (kind) {
    throw new AppError('FILE_INVALID', `Tệp này là ${KIND_LABEL[kind] ?? 'tệp nhị phân'}, không phải tệp CSV.`);
  }
  let text: string;
  try {
    // fatal: a Windows-1258 or TCVN3 file must be refused, not turned into replacement characters.
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new AppError('FILE_INVALID', utf8Message);
  }
  // TextDecoder already drops one leading BOM; an editor may have added a second one.
  text = text.replace(/^\uFEFF+/, '');
  if (!text.trim()) throw new AppError('FILE_INVALID', 'Tệp rỗng, không có dữ liệu.');
  return text;
}

interface CsvRecord {
  line: number;
  cells: string[];
}

const csvRow = (r: CsvRecord): SourceRow => ({
  line: r.line,
  headerCells: () => r.cells.map((text, col) => ({ col, text })),
  text: (col) => r.cells[col] ?? '',
  hasOwnValue: (col) => isFilled(r.cells[col] ?? ''),
});

const isFilled = (s: string) => s.replace(INVISIBLE, '').trim() !== '';

const SEPARATORS = [';', '\t', ','] as const;

/**
 * The separator is the one under which the header row is best understood: most recognised columns, then most
 * columns. Counting characters alone fails on a header like "Tên cơ quan, đơn vị;Email", where commas and
 * semicolons tie. A header without any separator is a one-column file, read without splitting so that names keep
 * their commas. When no header is recognised, the most frequent separator of the first line is used, so that the
 * error lists the columns as the user wrote them (or reports the broken quote).
 */
function readCsvRows(text: string): SourceRow[] {
  let best: { sep: string; recognised: number; width: number } | null = null;
  for (const sep of SEPARATORS) {
    let head: CsvRecord[];
    try {
      head = parseCsv(text, sep, L.headerScanRows).records;
    } catch {
      continue; // the full read below reports the problem with the separator finally chosen
    }
    const h = findHeader(head.map(csvRow));
    if (!h) continue;
    const width = head[h.index].cells.length;
    if (!best || h.columns.size > best.recognised || (h.columns.size === best.recognised && width > best.width)) {
      best = { sep, recognised: h.columns.size, width };
    }
  }
  const sep = best ? (best.width > 1 ? best.sep : null) : mostFrequentSeparator(text);
  const { records, more } = parseCsv(text, sep, L.dataRows + L.headerScanRows);
  if (more) throw tooManyRows();
  return records.map(csvRow);
}

function mostFrequentSeparator(text: string): string | null {
  // split + find rather than one regex: a long blank first line must not make a regex backtrack quadratically
  const first = text.slice(0, 64 * 1024).split(/\r\n?|\n/).find((l) => l.trim()) ?? '';
  let best: string | null = null;
  let bestCount = 0;
  for (const sep of SEPARATORS) {
    const count = first.split(sep).length - 1;
    if (count > bestCount) {
      best = sep;
      bestCount = count;
    }
  }
  return best;
}

/**
 * RFC 4180 reader: fields separated by `sep` (null: one column), records by CRLF, LF or CR; a field starting with a
 * double quote runs to the matching quote, "" inside standing for one quote, separators and line breaks included.
 * Like Excel, text after a closing quote is kept and a quote inside an unquoted field is an ordinary character.
 * Only non-blank records are kept; `line` counts every record, blank ones too, as Excel numbers its rows.
 * Stops after `limit` non-blank records, telling whether there were more.
 */
function parseCsv(text: string, sep: string | null, limit: number): { records: CsvRecord[]; more: boolean } {
  const records: CsvRecord[] = [];
  const n = text.length;
  let cells: string[] = [];
  let line = 1;
  let i = 0;
  const endOfField = (k: number) => k >= n || text[k] === sep || text[k] === '\n' || text[k] === '\r';
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new AppError('FILE_INVALID', `Tệp CSV hỏng: dấu ngoặc kép mở ở dòng ${line} không có dấu đóng.`);
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      i = j;
    }
    const start = i;
    while (!endOfField(i)) i++;
    value += text.slice(start, i);
    cells.push(value);
    if (cells.length > L.csvColumns) {
      throw new AppError('FILE_INVALID', `Dòng ${line} của tệp CSV có hơn ${thousands(L.csvColumns)} cột.`);
    }
    if (i < n && text[i] === sep) {
      i++;
      continue;
    }
    // End of record: a line break or the end of the text.
    if (cells.some(isFilled)) {
      if (records.length === limit) return { records, more: true };
      records.push({ line, cells });
    }
    cells = [];
    line++;
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i++;
    if (i >= n) return { records, more: false };
  }
}

// ───────────────────────────── XLSX ─────────────────────────────

const zipBomb = () =>
  new AppError('FILE_INVALID', 'Tệp .xlsx có cấu trúc bất thường (dữ liệu nén bung ra quá lớn), không thể mở an toàn.');
const brokenXlsx = () => new AppError('FILE_INVALID', 'Tệp .xlsx bị hỏng, không đọc được. Hãy mở lại trong Excel và lưu thành .xlsx.');

/** jszip keeps the central directory's sizes on a private field that its typings do not declare. */
function declaredSizes(entry: JSZip.JSZipObject): { compressed: number; uncompressed: number } | null {
  const data: unknown = (entry as unknown as { _data?: unknown })._data;
  if (typeof data !== 'object' || data === null) return null;
  const { compressedSize, uncompressedSize } = data as { compressedSize?: unknown; uncompressedSize?: unknown };
  if (typeof compressedSize !== 'number' || typeof uncompressedSize !== 'number') return null;
  if (!(compressedSize >= 0) || !(uncompressedSize >= 0)) return null;
  return { compressed: compressedSize, uncompressed: uncompressedSize };
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
async function checkWorkbookZip(data: Uint8Array): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw brokenXlsx();
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > L.zipEntries) throw zipBomb();
  const sizes = new Map<JSZip.JSZipObject, number>();
  let total = 0;
  for (const entry of entries) {
    const s = declaredSizes(entry);
    if (!s) throw brokenXlsx();
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

async function readXlsx(data: Uint8Array): Promise<SourceRow[]> {
  await checkWorkbookZip(data);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like "Buffer"; at run time it wants a Node Buffer (a view, no copy).
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw brokenXlsx();
  }
  // The first sheet the user sees: a hidden sheet before it (lookup lists, macros' scratch) is not the directory.
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') ?? wb.worksheets[0];
  if (!ws) throw new AppError('FILE_INVALID', 'Bảng tính không có trang tính nào.');
  const rows: SourceRow[] = [];
  const max = L.dataRows + L.headerScanRows;
  // eachRow cannot be stopped; throwing out of it is how an oversized sheet is cut short.
  ws.eachRow((row, rowNumber) => {
    if (rows.length === max) throw tooManyRows();
    rows.push(xlsxRow(row, rowNumber));
  });
  return rows;
}

function xlsxRow(row: ExcelJS.Row, line: number): SourceRow {
  // findCell, unlike getCell, does not create the cell: asking about a far column must not grow the sheet.
  const cell = (col: number) => row.findCell(col + 1);
  return {
    line,
    headerCells: () => {
      const out: HeaderCell[] = [];
      row.eachCell((c, colNumber) => out.push({ col: colNumber - 1, text: cellText(c.value) }));
      return out;
    },
    text: (col) => cellText(cell(col)?.value),
    hasOwnValue: (col) => {
      const c = cell(col);
      if (!c || (c.isMerged && c.master !== c)) return false;
      return isFilled(cellText(c.value));
    },
  };
}

/**
 * The text a cell shows, from whatever exceljs holds: rich text runs joined, a formula's cached result, a hyperlink's
 * text (its address for a mailto: link whose text is not an address, "Gửi thư"), numbers as written, dates as
 * dd/mm/yyyy, error values (#N/A…) as empty.
 */
export function cellText(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  // Nesting is bounded: a hyperlink's text may be rich text, nothing deeper is legitimate.
  if (typeof value !== 'object' || depth > 2) return '';
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return v.richText.map((run: unknown) => runText(run)).join('');
  }
  if ('hyperlink' in v) {
    const text = cellText(v.text, depth + 1);
    const link = typeof v.hyperlink === 'string' ? v.hyperlink : '';
    if (/^mailto:/i.test(link) && !text.includes('@')) {
      const address = link.slice(7).split('?')[0];
      try {
        return decodeURIComponent(address);
      } catch {
        return address;
      }
    }
    return text || link;
  }
  if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, depth + 1);
  return ''; // { error: '#N/A' } and anything unknown
}

function runText(run: unknown): string {
  if (typeof run !== 'object' || run === null) return '';
  const { text } = run as { text?: unknown };
  return typeof text === 'string' ? text : '';
}
