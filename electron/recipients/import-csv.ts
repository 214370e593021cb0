import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../shared/api/result';
import { KIND_LABEL, type Kind } from './import-kind';
import { DIRECTORY_IMPORT_LIMITS as L, findHeader, isFilled, thousands, tooManyRows, type SourceRow } from './import-rows';

/** Reading the directory from a CSV file: UTF-8 text, separator chosen from the header, records parsed by csv-parse. */

export function readCsv(data: Uint8Array, kind: Kind | null): SourceRow[] {
  return readCsvRows(decodeCsv(data, kind));
}

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

const SEPARATORS = [';', '\t', ','] as const;

/**
 * The separator is the one under which the header row is best understood: most recognised columns, then most
 * columns. Counting characters alone fails on a header like "Tên cơ quan, đơn vị;Email", where commas and
 * semicolons tie. A header without any separator is a one-column file, read without splitting so that names keep
 * their commas. When no header is recognised, the most frequent separator of the first line is used, so that the
 * error lists the columns as the user wrote them (or reports the broken quote).
 */
function readCsvRows(text: string): SourceRow[] {
  const bytes = Buffer.from(text, 'utf8');
  let best: { sep: string; recognised: number; width: number } | null = null;
  for (const sep of SEPARATORS) {
    let head: CsvRecord[];
    try {
      head = parseCsv(bytes, sep, L.headerScanRows).records;
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
  const { records, more } = parseCsv(bytes, sep, L.dataRows + L.headerScanRows);
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
 * RFC 4180 reading, by csv-parse: fields separated by `sep` (null: one column), records by CRLF, LF or CR; a field
 * starting with a double quote runs to the matching quote, "" inside standing for one quote, separators and line
 * breaks included. Like Excel, text after a closing quote is kept and a quote inside an unquoted field is an ordinary
 * character. Only non-blank records are kept; `line` counts every record, blank ones too, as Excel numbers its rows.
 * Stops after `limit` non-blank records, telling whether there were more.
 *
 * Each field is a csv-parse "record" of its own: the separator is given to it as one more record delimiter, and the
 * byte before the field's end tells what ended it (the separator, a line break or, if neither, the end of the text).
 * So the columns are counted as they come, and csv-parse never meets records of different lengths, each of which
 * costs it an Error object (~15 µs: minutes for a file of ragged blank rows). It skips empty fields as "empty lines",
 * cheaply (a sheet exported with a million blank rows is mostly those); skippedFields() reads them back.
 */
function parseCsv(bytes: Buffer, sep: string | null, limit: number): { records: CsvRecord[]; more: boolean } {
  const sepByte = sep === null ? -1 : sep.charCodeAt(0);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let line = 1;
  const endField = (value: string, endsRecord: boolean) => {
    cells.push(value);
    if (cells.length > L.csvColumns) {
      throw new AppError('FILE_INVALID', `Dòng ${line} của tệp CSV có hơn ${thousands(L.csvColumns)} cột.`);
    }
    if (!endsRecord) return;
    if (cells.some(isFilled)) {
      if (records.length === limit) throw LIMIT_REACHED;
      records.push({ line, cells });
    }
    cells = [];
    line++;
  };
  /** Where the next field starts, once the empty fields csv-parse skipped are read. */
  let next = 0;
  /** The empty fields csv-parse skipped at `next`: each is a bare separator or line break. */
  const skippedFields = () => {
    for (let b = bytes[next]; b === sepByte || b === CR || b === LF; b = bytes[next]) {
      next += b === CR && bytes[next + 1] === LF ? 2 : 1;
      endField('', b !== sepByte);
    }
  };
  try {
    try {
      parse(bytes, {
        delimiter: NO_SEPARATOR,
        record_delimiter: sep === null ? LINE_BREAKS : [sep, ...LINE_BREAKS],
        relax_quotes: true,
        skip_empty_lines: true,
        on_record: ([value]: string[], { bytes: end }) => {
          skippedFields();
          // `end` is just past the field and what ended it, if anything did: the end of the text has no terminator.
          const start = next;
          next = end;
          const last = bytes[end - 1];
          const ending = last === sepByte || last === CR ? 1 : last === LF ? (bytes[end - 2] === CR ? 2 : 1) : 0;
          const cell = bytes[start] === QUOTE ? excelQuotedField(bytes.toString('utf8', start, end - ending), value) : value;
          endField(cell, last !== sepByte);
          return null;
        },
      });
    } catch (e) {
      if (!(e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED')) throw e;
      skippedFields(); // up to the field whose quote opens, and its line
      throw new AppError('FILE_INVALID', `Tệp CSV hỏng: dấu ngoặc kép mở ở dòng ${line} không có dấu đóng.`);
    }
    skippedFields();
    // A separator right at the end of the text still opens one last, empty field.
    if (cells.length) endField('', true);
  } catch (e) {
    if (e === LIMIT_REACHED) return { records, more: true };
    throw e;
  }
  return { records, more: false };
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const LINE_BREAKS = ['\r\n', '\n', '\r'];
/** csv-parse needs a field delimiter; here it must never match: the byte 0xFF is never part of UTF-8. */
const NO_SEPARATOR = Buffer.from([0xff]);
/** Thrown out of on_record to stop csv-parse once enough records are kept. */
const LIMIT_REACHED = new Error('CSV record limit reached');

/**
 * A quoted field as Excel reads it. When its closing quote is followed by more text, csv-parse (relax_quotes) keeps
 * that text, as Excel does, but keeps both quotes too: `"Sở Nội vụ" cũ` reads `"Sở Nội vụ" cũ` there and
 * `Sở Nội vụ cũ` in Excel. `raw` is the field as written, `value` csv-parse's reading of it; the closing quote is the
 * first one not doubled.
 */
function excelQuotedField(raw: string, value: string): string {
  let close = raw.indexOf('"', 1);
  while (close >= 0 && raw[close + 1] === '"') close = raw.indexOf('"', close + 2);
  if (close < 0 || close === raw.length - 1) return value; // the quote closes the field: csv-parse read it as Excel
  return raw.slice(1, close).replaceAll('""', '"') + raw.slice(close + 1);
}
