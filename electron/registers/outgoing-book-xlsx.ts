import { OUTGOING_BOOK_COLUMNS, outgoingNoteText } from '../../shared/registers/book-columns';
import { formatDateVN } from '../../shared/domain/dates';
import type { OutgoingBookMeta, OutgoingBookRow } from './book-types';
import { padNumber } from '../../shared/drafting/notation';

/** The Sổ đăng ký văn bản đi (ND30 Phụ lục IV) as a spreadsheet: real dates (dd/mm/yyyy), numbers as numbers, A4 landscape. */
const WIDTHS = [18, 12, 48, 20, 32, 18, 9, 12, 10, 22];
const DATE_COLS = [2, 8];
const CENTRE_COLS = [1, 2, 7, 8];

import { asDate, BOOK_FONT, bookSheet, finishBookSheet } from './book-sheet';

export async function outgoingBookXlsx(meta: OutgoingBookMeta, rows: OutgoingBookRow[]): Promise<Uint8Array> {
  const num = (n: number | null) => (n === null ? '…' : padNumber(n));
  const sheet = bookSheet(
    'Sổ văn bản đi',
    WIDTHS,
    [
      ...(meta.organName ? [{ text: meta.organName.toUpperCase(), bold: true }] : []),
      { text: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI', bold: true },
      { text: meta.bookName },
      ...(meta.periodLabel ? [{ text: meta.periodLabel }] : []),
      { text: `Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, italic: true },
      { text: `Từ số ${num(meta.fromNumber)} đến số ${num(meta.toNumber)}`, italic: true },
    ],
    OUTGOING_BOOK_COLUMNS,
    true,
  );
  const { ws } = sheet;
  const font = BOOK_FONT;
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
  // The header and its column numbers repeat on every printed page.
  return finishBookSheet(sheet, meta.anchor);
}
