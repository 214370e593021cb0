import ExcelJS from 'exceljs';
import { FOLLOWUP_BOOK_COLUMNS } from '../../shared/registers/book-columns';
import { formatDateVN } from '../../shared/domain/dates';
import type { FollowUpMeta, FollowUpRow } from './book-types';

/** The Sổ theo dõi giải quyết văn bản đến (ND30 Phụ lục IV) as a spreadsheet: real dates, numbers as numbers, A4 landscape. */
const WIDTHS = [9, 60, 28, 14, 28, 22, 20];
const DEADLINE_COL = 4;
const PROGRESS_COL = 5;

const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export async function followUpBookXlsx(meta: FollowUpMeta, rows: FollowUpRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Văn phòng điện tử';
  const ws = wb.addWorksheet('Sổ theo dõi giải quyết', {
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
  title('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN', true);
  title(meta.bookName);
  title(`Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, false, true);
  ws.addRow([]);
  const header = ws.addRow([...FOLLOWUP_BOOK_COLUMNS]);
  header.eachCell((c) => {
    c.font = { ...font, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const numbering = ws.addRow(FOLLOWUP_BOOK_COLUMNS.map((_, i) => `(${i + 1})`));
  numbering.eachCell((c) => {
    c.font = { ...font, italic: true, size: 11 };
    c.alignment = { horizontal: 'center' };
  });
  const thin = { style: 'thin' as const };
  for (const r of rows) {
    const row = ws.addRow([r.arrivalNumber, r.document, r.recipient ?? '', asDate(r.deadline), r.progress, r.replyRef ?? '', r.note ?? '']);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.font = font;
      c.alignment = { vertical: 'top', wrapText: true, horizontal: [1, DEADLINE_COL].includes(col) ? 'center' : 'left' };
      if (col === DEADLINE_COL) c.numFmt = 'dd/mm/yyyy';
    });
    // An overdue document must stand out on the printed book, not only on screen: Tiến độ in bold red.
    if (r.overdue) row.getCell(PROGRESS_COL).font = { ...font, bold: true, color: { argb: 'FFC00000' } };
  }
  for (let i = header.number; i <= ws.rowCount; i++) {
    ws.getRow(i).eachCell({ includeEmpty: true }, (c) => (c.border = { top: thin, bottom: thin, left: thin, right: thin }));
  }
  ws.views = [{ state: 'frozen', ySplit: numbering.number }];
  // The header and its column numbers repeat on every printed page.
  ws.pageSetup.printTitlesRow = `${header.number}:${numbering.number}`;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
