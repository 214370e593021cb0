import { INCOMING_BOOK_COLUMNS } from '../../shared/registers/schemas';
import { formatDateVN } from '../../shared/domain/dates';
import type { IncomingBookMeta, IncomingBookRow } from './book-types';

/** The same register as a spreadsheet: real dates (dd/mm/yyyy), numbers as numbers, A4 landscape fit to width. */
const WIDTHS = [12, 8, 30, 18, 12, 60, 24, 12, 12, 20];

import { asDate, BOOK_FONT, bookSheet, finishBookSheet } from './book-sheet';

export async function incomingBookXlsx(meta: IncomingBookMeta, rows: IncomingBookRow[]): Promise<Uint8Array> {
  const sheet = bookSheet(
    'Sổ văn bản đến',
    WIDTHS,
    [
      ...(meta.organName ? [{ text: meta.organName.toUpperCase(), bold: true }] : []),
      { text: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', bold: true },
      { text: meta.bookName },
      { text: `Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, italic: true },
      { text: `Từ số ${meta.fromNumber ?? '…'} đến số ${meta.toNumber ?? '…'}`, italic: true },
    ],
    INCOMING_BOOK_COLUMNS,
    false,
  );
  const { ws } = sheet;
  const font = BOOK_FONT;
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
  return finishBookSheet(sheet, meta.anchor);
}
