import ExcelJS from 'exceljs';
import { OUTGOING_BOOK_COLUMNS, outgoingNoteText } from '../../shared/registers/book-columns';
import { formatDateVN } from '../../shared/domain/dates';
import type { OutgoingBookMeta, OutgoingBookRow } from './book-types';
import { padNumber } from '../../shared/drafting/notation';

/** The Sổ đăng ký văn bản đi (ND30 Phụ lục IV) as a spreadsheet: real dates (dd/mm/yyyy), numbers as numbers, A4 landscape. */
const WIDTHS = [18, 12, 48, 20, 32, 18, 9, 12, 10, 22];
const DATE_COLS = [2, 8];
const CENTRE_COLS = [1, 2, 7, 8];

const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export async function outgoingBookXlsx(meta: OutgoingBookMeta, rows: OutgoingBookRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Văn phòng điện tử';
  const ws = wb.addWorksheet('Sổ văn bản đi', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const font = { name: 'Times New Roman', size: 12 };
  const title = (text: string, bold = false, italic = false) => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, WIDTHS.length);
    r.getCell(1).font = { ...font, bold, italic, size: bold ? 14 : 12 };
    r.getCell(1).alignment = { horizontal: 'center' };
  };
  const num = (n: number | null) => (n === null ? '…' : padNumber(n));
  if (meta.organName) title(meta.organName.toUpperCase(), true);
  title('SỔ ĐĂNG KÝ VĂN BẢN ĐI', true);
  title(meta.bookName);
  if (meta.periodLabel) title(meta.periodLabel);
  title(`Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, false, true);
  title(`Từ số ${num(meta.fromNumber)} đến số ${num(meta.toNumber)}`, false, true);
  ws.addRow([]);
  const header = ws.addRow([...OUTGOING_BOOK_COLUMNS]);
  header.eachCell((c) => {
    c.font = { ...font, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const numbering = ws.addRow(OUTGOING_BOOK_COLUMNS.map((_, i) => `(${i + 1})`));
  numbering.eachCell((c) => {
    c.font = { ...font, italic: true, size: 11 };
    c.alignment = { horizontal: 'center' };
  });
  const thin = { style: 'thin' as const };
  for (const r of rows) {
    const row = ws.addRow([
      r.ref,
      asDate(r.docDate),
      r.docTypeName ? `${r.docTypeName}: ${r.subject}` : r.subject,
      r.signer,
      // Nơi nhận: one recipient per line, as on the document itself.
      r.recipients.join('\n'),
      r.archive,
      r.copies,
      asDate(r.transferDate),
      '',
      outgoingNoteText(r.status, r.note),
    ]);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.font = font;
      c.alignment = { vertical: 'top', wrapText: true, horizontal: CENTRE_COLS.includes(col) ? 'center' : 'left' };
      if (DATE_COLS.includes(col)) c.numFmt = 'dd/mm/yyyy';
    });
    // A used but unissued number stays visible, struck through (ND30 Phụ lục IV: numbers run without gaps).
    row.getCell(1).font = { ...font, bold: true, strike: r.status !== 'issued' };
  }
  for (let i = header.number; i <= ws.rowCount; i++) {
    ws.getRow(i).eachCell({ includeEmpty: true }, (c) => (c.border = { top: thin, bottom: thin, left: thin, right: thin }));
  }
  ws.views = [{ state: 'frozen', ySplit: numbering.number }];
  // The header and its column numbers repeat on every printed page.
  ws.pageSetup.printTitlesRow = `${header.number}:${numbering.number}`;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
