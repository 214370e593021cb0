import { AppError } from '../../shared/api/result';
import { ORGAN_ID } from '../../shared/directory/schemas';
import { foldVietnamese } from '../../shared/text/fold';

/**
 * The directory import, whatever the file format: the rows a reader found (CSV or XLSX, see import-csv.ts and
 * import-xlsx.ts) are matched to the known columns by their header, then each row is validated and mapped to a
 * DirectoryImportRow or to per-row Vietnamese issues.
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

export interface HeaderCell {
  col: number;
  text: string;
}

/** One non-blank row of the sheet; columns are 0-based. */
export interface SourceRow {
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

export function findHeader(rows: SourceRow[]): HeaderMatch | null {
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
export const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
export const tooManyRows = () =>
  new AppError('FILE_INVALID', `Tệp có hơn ${thousands(L.dataRows)} dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.`);

export function buildResult(rows: SourceRow[]): DirectoryImportResult {
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

/** A cell holds something once invisible characters and whitespace are set aside. */
export const isFilled = (s: string) => s.replace(INVISIBLE, '').trim() !== '';
