import { AlignmentType, Paragraph, TableCell, TextRun, VerticalAlign, WidthType } from 'docx';

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
