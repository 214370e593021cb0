import ExcelJS from 'exceljs';

/** What every printed register shares as a spreadsheet: A4 landscape fit to width, Times New Roman, titles, header. */
export const BOOK_FONT = { name: 'Times New Roman', size: 12 };

export const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export interface BookTitle {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface BookSheet {
  wb: ExcelJS.Workbook;
  ws: ExcelJS.Worksheet;
  /** The column titles' row. */
  header: ExcelJS.Row;
  /** The last row that repeats on every page: the header, or the (1)…(n) row under it. */
  lastTitleRow: number;
}

/** The sheet up to the first data row: titles merged across, the column titles, and optionally their numbers. */
export function bookSheet(name: string, widths: number[], titles: BookTitle[], columns: readonly string[], numbered: boolean): BookSheet {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Văn phòng điện tử';
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = widths.map((width) => ({ width }));
  for (const t of titles) {
    const r = ws.addRow([t.text]);
    ws.mergeCells(r.number, 1, r.number, widths.length);
    r.getCell(1).font = { ...BOOK_FONT, bold: t.bold, italic: t.italic, size: t.bold ? 14 : 12 };
    r.getCell(1).alignment = { horizontal: 'center' };
  }
  ws.addRow([]);
  const header = ws.addRow([...columns]);
  header.eachCell((c) => {
    c.font = { ...BOOK_FONT, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  let lastTitleRow = header.number;
  if (numbered) {
    const numbering = ws.addRow(columns.map((_, i) => `(${i + 1})`));
    numbering.eachCell((c) => {
      c.font = { ...BOOK_FONT, italic: true, size: 11 };
      c.alignment = { horizontal: 'center' };
    });
    lastTitleRow = numbering.number;
  }
  return { wb, ws, header, lastTitleRow };
}

/** Borders on the table, titles frozen on screen and repeated on every printed page; the file's bytes. */
export async function finishBookSheet(s: BookSheet, closing?: string): Promise<Uint8Array> {
  const thin = { style: 'thin' as const };
  for (let i = s.header.number; i <= s.ws.rowCount; i++) {
    s.ws.getRow(i).eachCell({ includeEmpty: true }, (c) => (c.border = { top: thin, bottom: thin, left: thin, right: thin }));
  }
  if (closing) {
    s.ws.addRow([]);
    const row = s.ws.addRow([closing]);
    row.getCell(1).font = { ...BOOK_FONT, italic: true, size: 10 };
  }
  s.ws.views = [{ state: 'frozen', ySplit: s.lastTitleRow }];
  s.ws.pageSetup.printTitlesRow = `${s.header.number}:${s.lastTitleRow}`;
  return new Uint8Array(await s.wb.xlsx.writeBuffer());
}
