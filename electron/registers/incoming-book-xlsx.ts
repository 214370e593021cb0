import ExcelJS from 'exceljs';
import { INCOMING_BOOK_COLUMNS } from '../../shared/registers/schemas';
import { formatDateVN } from '../../shared/domain/dates';
import type { IncomingBookMeta, IncomingBookRow } from './book-types';

/** The same register as a spreadsheet: real dates (dd/mm/yyyy), numbers as numbers, A4 landscape fit to width. */
const WIDTHS = [12, 8, 30, 18, 12, 60, 24, 12, 12, 20];

const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export async function incomingBookXlsx(meta: IncomingBookMeta, rows: IncomingBookRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Văn phòng điện tử';
  const ws = wb.addWorksheet('Sổ văn bản đến', {
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
  if (meta.organName) title(meta.organName.toUpperCase(), true);
  title('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', true);
  title(meta.bookName);
  title(`Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, false, true);
  title(`Từ số ${meta.fromNumber ?? '…'} đến số ${meta.toNumber ?? '…'}`, false, true);
  ws.addRow([]);
  const header = ws.addRow([...INCOMING_BOOK_COLUMNS]);
  header.eachCell((c) => {
    c.font = { ...font, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const thin = { style: 'thin' as const };
  for (const r of rows) {
    const row = ws.addRow([
      asDate(r.arrivalDate),
      r.arrivalNumber,
      r.sender,
      r.ref,
      asDate(r.docDate),
      r.docTypeName ? `${r.docTypeName} ${r.subject}` : r.subject,
      r.recipient ?? '',
      asDate(r.transferDate),
      '',
      [r.note, r.cancelled ? '(Đã hủy)' : ''].filter(Boolean).join(' '),
    ]);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.font = font;
      c.alignment = { vertical: 'top', wrapText: true, horizontal: [1, 2, 5, 8].includes(col) ? 'center' : 'left' };
      if ([1, 5, 8].includes(col)) c.numFmt = 'dd/mm/yyyy';
    });
  }
  for (let i = header.number; i <= ws.rowCount; i++) {
    ws.getRow(i).eachCell({ includeEmpty: true }, (c) => (c.border = { top: thin, bottom: thin, left: thin, right: thin }));
  }
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
