import fs from 'node:fs';
import { Transform } from 'node:stream';
import { AppError } from '../../shared/api/result';

/**
 * Runs in the parse worker (electron/hosts/parse-worker.ts 'imports.read'): an old register's rows, streamed from an
 * .xlsx (ExcelJS's streaming reader: the first sheet, row by row, never the whole sheet in memory) or a .csv (UTF-8
 * with or without BOM, UTF-16 as Excel's «Unicode Text» writes it, else Windows-1258; separator guessed). Every row becomes its cells as
 * strings (an Excel date as YYYY-MM-DD) and, when `out` is given, one JSON line `[rowNumber, cells]` of that file —
 * the API's thread reads the register from there, a line at a time, as plain data of our own making.
 */
export interface ReadRegisterInput {
  path: string;
  kind: 'xlsx' | 'csv';
  /** Where to write every non-empty row (NDJSON); absent: only the preview. */
  out?: string;
  previewRows: number;
}

export interface ReadRegisterOutput {
  preview: { row: number; cells: string[] }[];
  /** Non-empty rows in the register, the header and title lines included. */
  rows: number;
}

const MAX_CELL = 4000;
const MAX_COLUMNS = 60;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    return '';
  }
  return '';
}

const clean = (s: string) => s.normalize('NFC').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_CELL);

class Sink {
  preview: { row: number; cells: string[] }[] = [];
  rows = 0;
  private fd: number | null;
  private buf: string[] = [];
  constructor(private input: ReadRegisterInput) {
    this.fd = input.out ? fs.openSync(input.out, 'w') : null;
  }
  /** False once there is nothing more to read (preview only, and it is full). */
  add(row: number, raw: string[]): boolean {
    const cells = raw.slice(0, MAX_COLUMNS).map(clean);
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    if (!cells.length) return true;
    this.rows++;
    if (this.preview.length < this.input.previewRows) this.preview.push({ row, cells });
    if (this.fd !== null) {
      this.buf.push(JSON.stringify([row, cells]));
      if (this.buf.length >= 500) this.flush();
      return true;
    }
    return this.preview.length < this.input.previewRows;
  }
  flush(): void {
    if (this.fd !== null && this.buf.length) fs.writeSync(this.fd, `${this.buf.join('\n')}\n`);
    this.buf = [];
  }
  close(): ReadRegisterOutput {
    this.flush();
    if (this.fd !== null) fs.closeSync(this.fd);
    return { preview: this.preview, rows: this.rows };
  }
}

export async function readRegister(input: ReadRegisterInput): Promise<ReadRegisterOutput> {
  const sink = new Sink(input);
  try {
    if (input.kind === 'xlsx') await readXlsx(input.path, sink);
    else await readCsv(input.path, sink);
  } catch (e) {
    sink.close();
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_INVALID', `Không đọc được sổ «${input.path.split(/[\\/]/).pop()}»: ${(e as Error).message ?? 'tệp hỏng'}.`);
  }
  return sink.close();
}

async function readXlsx(file: string, sink: Sink): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<{ number: number; values: unknown[] }>) {
      const values = Array.isArray(row.values) ? row.values : [];
      const cells: string[] = [];
      for (let i = 1; i < values.length && i <= MAX_COLUMNS; i++) cells.push(cellText(values[i]));
      if (!sink.add(row.number, cells)) return;
    }
    return; // the first sheet is the register
  }
}

/** The text encoding of a CSV by its first bytes: BOMs, or UTF-16LE without one (every other byte zero). */
function encodingOf(head: Buffer): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258'; skip: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (head.length >= 4 && head[1] === 0 && head[3] === 0 && head[0] !== 0) return { encoding: 'utf-16le', skip: 0 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', skip: 0 };
  } catch {
    // Not UTF-8: Excel's «CSV (Comma delimited)» on a Vietnamese Windows writes its ANSI code page, Windows-1258.
    return { encoding: 'windows-1258', skip: 0 };
  }
}

function delimiterOf(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

async function readCsv(file: string, sink: Sink): Promise<void> {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const { encoding, skip } = encodingOf(head.subarray(0, n));
  const sample = new TextDecoder(encoding).decode(head.subarray(skip, n));
  const delimiter = delimiterOf(sample.split(/\r?\n/).find((l) => l.trim()) ?? '');
  const { parse } = await import('csv-parse');
  // Decoded as a stream; a byte sequence that is no text in that encoding refuses the file (a CSV saved as ANSI).
  const decoder = new TextDecoder(encoding, { fatal: true });
  const decode = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        cb(null, decoder.decode(chunk, { stream: true }));
      } catch {
        cb(new AppError('FILE_INVALID', 'Tệp CSV có đoạn không phải chữ UTF-8: trong Excel chọn Lưu thành «CSV UTF-8 (Comma delimited)» rồi nhập lại.'));
      }
    },
    flush(cb) {
      try {
        cb(null, decoder.decode());
      } catch {
        cb(new AppError('FILE_INVALID', 'Tệp CSV kết thúc giữa chừng một ký tự: tệp bị cắt?'));
      }
    },
  });
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: 256 * 1024, info: true });
  const source = fs.createReadStream(file, { start: skip });
  source.pipe(decode).pipe(parser);
  let failure: unknown = null;
  decode.on('error', (e) => {
    failure = e;
    parser.destroy();
  });
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!sink.add(rec.info.lines, rec.record)) break;
    }
  } catch (e) {
    throw failure ?? e;
  } finally {
    source.destroy();
  }
  if (failure) throw failure;
}
