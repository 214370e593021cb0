import { AlignmentType, Paragraph, TableRow } from 'docx';
import { INCOMING_BOOK_COLUMNS } from '../../shared/registers/schemas';
import { formatDateVN } from '../../shared/domain/dates';
import type { IncomingBookMeta, IncomingBookRow } from './book-types';
import { padNumber } from '../../shared/drafting/notation';

import { bookDocx, cell, centred, run } from './book-docx';
/** ND30 Phụ lục IV: Sổ đăng ký văn bản đến, 10 columns, A4 landscape, Times New Roman. */
// Column widths in mm on the 257 mm of text width (297 − 2 × 20).
const WIDTHS_MM = [20, 14, 35, 26, 20, 62, 30, 18, 16, 16];


export async function incomingBookDocx(meta: IncomingBookMeta, rows: IncomingBookRow[]): Promise<Uint8Array> {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: INCOMING_BOOK_COLUMNS.map((c, i) => cell([run(c, { bold: true, size: 11 })], WIDTHS_MM[i], AlignmentType.CENTER)),
  });
  const numbering = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: INCOMING_BOOK_COLUMNS.map((_, i) => cell([run(`(${i + 1})`, { italics: true, size: 11 })], WIDTHS_MM[i], AlignmentType.CENTER)),
  });
  const body = rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([run(formatDateVN(r.arrivalDate))], WIDTHS_MM[0], AlignmentType.CENTER),
          cell([run(padNumber(r.arrivalNumber), { bold: true })], WIDTHS_MM[1], AlignmentType.CENTER),
          cell([run(r.sender)], WIDTHS_MM[2]),
          cell([run(r.ref)], WIDTHS_MM[3]),
          cell([run(formatDateVN(r.docDate))], WIDTHS_MM[4], AlignmentType.CENTER),
          cell(r.docTypeName ? [run(`${r.docTypeName} `, { bold: true }), run(r.subject)] : [run(r.subject)], WIDTHS_MM[5]),
          cell([run(r.recipient ?? '')], WIDTHS_MM[6]),
          cell([run(r.transferDate ? formatDateVN(r.transferDate) : '')], WIDTHS_MM[7], AlignmentType.CENTER),
          cell([run('')], WIDTHS_MM[8]),
          cell([run([r.note, r.cancelled ? '(Đã hủy)' : ''].filter(Boolean).join(' '))], WIDTHS_MM[9]),
        ],
      }),
  );
  const cover: Paragraph[] = [];
  if (meta.organName) cover.push(centred(meta.organName.toUpperCase(), { bold: true, size: 13 }));
  cover.push(
    centred('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN', { bold: true, size: 14, after: 80 }),
    centred(meta.bookName, { size: 13 }),
    centred(`Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, { italics: true, size: 13 }),
    centred(
      `Từ số ${meta.fromNumber === null ? '…' : padNumber(meta.fromNumber)} đến số ${meta.toNumber === null ? '…' : padNumber(meta.toNumber)}`,
      { italics: true, size: 13, after: 200 },
    ),
  );
  return bookDocx({ title: 'Sổ đăng ký văn bản đến', cover, widthsMm: WIDTHS_MM, rows: [header, numbering, ...body], closing: meta.anchor });
}
