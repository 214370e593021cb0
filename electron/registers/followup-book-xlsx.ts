import { FOLLOWUP_BOOK_COLUMNS } from '../../shared/registers/book-columns';
import { formatDateVN } from '../../shared/domain/dates';
import type { FollowUpMeta, FollowUpRow } from './book-types';

/** The Sổ theo dõi giải quyết văn bản đến (ND30 Phụ lục IV) as a spreadsheet: real dates, numbers as numbers, A4 landscape. */
const WIDTHS = [9, 60, 28, 14, 28, 22, 20];
const DEADLINE_COL = 4;
const PROGRESS_COL = 5;

import { asDate, BOOK_FONT, bookSheet, finishBookSheet } from './book-sheet';

export async function followUpBookXlsx(meta: FollowUpMeta, rows: FollowUpRow[]): Promise<Uint8Array> {
  const sheet = bookSheet(
    'Sổ theo dõi giải quyết',
    WIDTHS,
    [
      ...(meta.organName ? [{ text: meta.organName.toUpperCase(), bold: true }] : []),
      { text: 'SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN', bold: true },
      { text: meta.bookName },
      { text: `Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, italic: true },
    ],
    FOLLOWUP_BOOK_COLUMNS,
    true,
  );
  const { ws } = sheet;
  const font = BOOK_FONT;
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
  // The header and its column numbers repeat on every printed page.
  return finishBookSheet(sheet, meta.anchor);
}
