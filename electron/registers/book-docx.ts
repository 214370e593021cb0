import { AlignmentType, BorderStyle, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';

/** What every printed register shares as a Word table: Times New Roman, mm widths, centred titles, cells of lines. */
export const BOOK_FONT_NAME = 'Times New Roman';
export const mm = (v: number) => Math.round((v / 25.4) * 1440);

export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export const run = (text: string, o: { bold?: boolean; italics?: boolean; strike?: boolean; size?: number; color?: string } = {}) =>
  new TextRun({ text, font: BOOK_FONT_NAME, size: (o.size ?? 12) * 2, bold: o.bold, italics: o.italics, strike: o.strike, color: o.color });

export const centred = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; after?: number } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: o.after ?? 60 }, children: [run(text, o)] });

/** A cell of one or more lines; each line is its own paragraph so LibreOffice and Word wrap them alike. */
export function linesCell(lines: TextRun[][], widthMm: number, align: Align = AlignmentType.LEFT): TableCell {
  return new TableCell({
    width: { size: mm(widthMm), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: (lines.length ? lines : [[]]).map((children) => new Paragraph({ alignment: align, children })),
  });
}

/** A cell of one line. */
export const cell = (children: TextRun[], widthMm: number, align: Align = AlignmentType.LEFT) => linesCell([children], widthMm, align);

/**
 * The book as a Word file: the cover lines, then one bordered table whose header rows repeat on every page; A4
 * landscape, Times New Roman 12 pt (ND30 Phụ lục IV).
 */
export async function bookDocx(o: { title: string; cover: Paragraph[]; widthsMm: number[]; rows: TableRow[]; rightMarginMm?: number; closing?: string }): Promise<Uint8Array> {
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const table = new Table({
    width: { size: mm(o.widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: o.widthsMm.map(mm),
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: o.rows,
  });
  const doc = new Document({
    creator: 'Văn phòng điện tử',
    title: o.title,
    styles: { default: { document: { run: { font: BOOK_FONT_NAME, size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for a landscape page: give the portrait size (A4 210 × 297 mm).
            size: { orientation: PageOrientation.LANDSCAPE, width: mm(210), height: mm(297) },
            margin: { top: mm(20), bottom: mm(20), left: mm(20), right: mm(o.rightMarginMm ?? 20) },
          },
        },
        children: [...o.cover, table, ...(o.closing ? [new Paragraph({ spacing: { before: 240 }, children: [run(o.closing, { italics: true, size: 20 })] })] : [])],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
