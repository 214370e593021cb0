import ExcelJS from 'exceljs';
import { AppError } from '../../shared/api/result';
import { DIRECTORY_IMPORT_LIMITS as L, isFilled, tooManyRows, type HeaderCell, type SourceRow } from './import-rows';
import { brokenXlsx, checkWorkbookZip } from './import-zip';

/** Reading the directory from an .xlsx workbook with exceljs, once the ZIP guard (import-zip.ts) has passed it. */

export async function readXlsx(data: Uint8Array): Promise<SourceRow[]> {
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
