import { AlignmentType, Paragraph, TableRow } from 'docx';
import { OUTGOING_BOOK_COLUMNS, outgoingNoteText } from '../../shared/registers/book-columns';
import { formatDateVN } from '../../shared/domain/dates';
import type { OutgoingBookMeta, OutgoingBookRow } from './book-types';
import { padNumber } from '../../shared/drafting/notation';

import { bookDocx, centred, linesCell, run } from './book-docx';
/** ND30 Phụ lục IV: Sổ đăng ký văn bản đi, 10 columns, A4 landscape, Times New Roman. */
// Column widths in mm on the 262 mm of text width (297 − 20 − 15): a ref like "123/QĐ-UBND" in bold and a dd/MM/yyyy
// date at 12 pt must fit on one line; the trích yếu and the recipients take the rest.
const WIDTHS_MM = [31, 23, 50, 25, 42, 21, 13, 23, 13, 21];

function bodyRow(r: OutgoingBookRow): TableRow {
  // A used but unissued number stays visible, struck through, with the reason in Ghi chú (ND30 Phụ lục IV: no gaps).
  const struck = r.status !== 'issued';
  return new TableRow({
    cantSplit: true,
    children: [
      linesCell([[run(r.ref, { bold: true, strike: struck })]], WIDTHS_MM[0], AlignmentType.CENTER),
      linesCell([[run(formatDateVN(r.docDate))]], WIDTHS_MM[1], AlignmentType.CENTER),
      linesCell([r.docTypeName ? [run(`${r.docTypeName}: `, { bold: true }), run(r.subject)] : [run(r.subject)]], WIDTHS_MM[2]),
      linesCell([[run(r.signer)]], WIDTHS_MM[3]),
      linesCell(r.recipients.map((x) => [run(x)]), WIDTHS_MM[4]),
      linesCell([[run(r.archive)]], WIDTHS_MM[5]),
      linesCell([[run(r.copies === null ? '' : String(r.copies))]], WIDTHS_MM[6], AlignmentType.CENTER),
      linesCell([[run(formatDateVN(r.transferDate))]], WIDTHS_MM[7], AlignmentType.CENTER),
      linesCell([], WIDTHS_MM[8]),
      linesCell([[run(outgoingNoteText(r.status, r.note))]], WIDTHS_MM[9]),
    ],
  });
}

export async function outgoingBookDocx(meta: OutgoingBookMeta, rows: OutgoingBookRow[]): Promise<Uint8Array> {
  // Both header rows repeat on every page (tableHeader) so a loose page can still be read.
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: OUTGOING_BOOK_COLUMNS.map((c, i) => linesCell([[run(c, { bold: true, size: 11 })]], WIDTHS_MM[i], AlignmentType.CENTER)),
  });
  const numbering = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: OUTGOING_BOOK_COLUMNS.map((_, i) => linesCell([[run(`(${i + 1})`, { italics: true, size: 11 })]], WIDTHS_MM[i], AlignmentType.CENTER)),
  });
  const num = (n: number | null) => (n === null ? '…' : padNumber(n));
  const cover: Paragraph[] = [];
  if (meta.organName) cover.push(centred(meta.organName.toUpperCase(), { bold: true, size: 13 }));
  cover.push(
    centred('SỔ ĐĂNG KÝ VĂN BẢN ĐI', { bold: true, size: 14, after: 80 }),
    centred(meta.bookName, { size: 13 }),
  );
  if (meta.periodLabel) cover.push(centred(meta.periodLabel, { size: 13 }));
  cover.push(
    centred(`Từ ngày ${formatDateVN(meta.from)} đến ngày ${formatDateVN(meta.to)}`, { italics: true, size: 13 }),
    centred(`Từ số ${num(meta.fromNumber)} đến số ${num(meta.toNumber)}`, { italics: true, size: 13, after: 200 }),
  );
  return bookDocx({ title: 'Sổ đăng ký văn bản đi', cover, widthsMm: WIDTHS_MM, rows: [header, numbering, ...rows.map(bodyRow)], rightMarginMm: 15, closing: meta.anchor });
}
