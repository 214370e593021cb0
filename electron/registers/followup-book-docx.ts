import { AlignmentType, Paragraph, TableRow } from 'docx';
import { FOLLOWUP_BOOK_COLUMNS } from '../../shared/registers/book-columns';
import { formatDateVN } from '../../shared/domain/dates';
import type { FollowUpMeta, FollowUpRow } from './book-types';
import { padNumber } from '../../shared/drafting/notation';

import { bookDocx, cell, centred, run } from './book-docx';
/** ND30 Phụ lục IV: Sổ theo dõi giải quyết văn bản đến, 7 columns, A4 landscape, Times New Roman. */
const OVERDUE_COLOR = 'C00000';
// Column widths in mm on the 257 mm of text width (297 − 2 × 20).
const WIDTHS_MM = [15, 80, 40, 23, 40, 32, 27];

function bodyRow(r: FollowUpRow): TableRow {
  // An overdue document must stand out on the printed book, not only on screen: Tiến độ in bold red.
  const progress = r.overdue ? run(r.progress, { bold: true, color: OVERDUE_COLOR }) : run(r.progress);
  return new TableRow({
    cantSplit: true,
    children: [
      cell([run(padNumber(r.arrivalNumber), { bold: true })], WIDTHS_MM[0], AlignmentType.CENTER),
      cell([run(r.document)], WIDTHS_MM[1]),
      cell([run(r.recipient ?? '')], WIDTHS_MM[2]),
      cell([run(formatDateVN(r.deadline))], WIDTHS_MM[3], AlignmentType.CENTER),
      cell([progress], WIDTHS_MM[4]),
      cell([run(r.replyRef ?? '')], WIDTHS_MM[5]),
      cell([run(r.note ?? '')], WIDTHS_MM[6]),
    ],
  });
}

export async function followUpBookDocx(meta: FollowUpMeta, rows: FollowUpRow[]): Promise<Uint8Array> {
  // Both header rows repeat on every page (tableHeader) so a loose page can still be read.
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: FOLLOWUP_BOOK_COLUMNS.map((c, i) => cell([run(c, { bold: true, size: 11 })], WIDTHS_MM[i], AlignmentType.CENTER)),
  });
  const numbering = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: FOLLOWUP_BOOK_COLUMNS.map((_, i) => cell([run(`(${i + 1})`, { italics: true, size: 11 })], WIDTHS_MM[i], AlignmentType.CENTER)),
  });
  const cover: Paragraph[] = [];
  if (meta.organName) cover.push(centred(meta.organName.toUpperCase(), { bold: true, size: 13 }));
  cover.push(
    centred('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN', { bold: true, size: 14, after: 80 }),
    centred(meta.bookName, { size: 13 }),
    centred(`Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, { italics: true, size: 13, after: 200 }),
  );
  return bookDocx({ title: 'Sổ theo dõi giải quyết văn bản đến', cover, widthsMm: WIDTHS_MM, rows: [header, numbering, ...rows.map(bodyRow)], closing: meta.anchor });
}
