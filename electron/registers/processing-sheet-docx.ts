import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TabStopType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { BOOK_FONT_NAME, mm } from './book-docx';
import { BLANK_DATE, type SheetModel } from './processing-sheet';

/**
 * The Phiếu giải quyết văn bản đến as a Word file (docx): A4 portrait, the margins of ND30 Phụ lục I, Times New Roman
 * 13 pt (14 pt headings), the same content as the PDF; an empty part's dotted lines are dot leaders to the margin.
 */
const BODY = 13;
const HEAD = 14;
/** The text width: 210 − 30 − 15 mm. */
const TEXT_MM = 165;

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: BOOK_FONT_NAME, size: (o.size ?? BODY) * 2, bold: o.bold, italics: o.italics });

const p = (children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; indentLeftMm?: number } = {}) =>
  new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 40, after: 0, line: 312 },
    indent: o.indentLeftMm ? { left: mm(o.indentLeftMm) } : undefined,
    children,
  });

/** The date and the name in the right half, centred. */
const signed = (date: string, by: string | null) => [
  p([run(date, { italics: true })], { align: AlignmentType.CENTER, before: 80, indentLeftMm: TEXT_MM / 2 }),
  ...(by ? [p([run(by, { bold: true })], { align: AlignmentType.CENTER, indentLeftMm: TEXT_MM / 2 })] : []),
];

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

export async function sheetDocx(model: SheetModel): Promise<Uint8Array> {
  // The header over the left half, as a borderless one-cell table (how the drafting exporter places ô 1–2).
  const headerLines = [
    ...(model.parentOrgan ? [p([run(model.parentOrgan)], { align: AlignmentType.CENTER, before: 0 })] : []),
    ...model.organ.map((l) => p([run(l, { bold: true })], { align: AlignmentType.CENTER, before: 0 })),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run('———————', { size: 10 })] }),
  ];
  const header = new Table({
    width: { size: mm(TEXT_MM / 2), type: WidthType.DXA },
    columnWidths: [mm(TEXT_MM / 2)],
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [new TableRow({ children: [new TableCell({ width: { size: mm(TEXT_MM / 2), type: WidthType.DXA }, children: headerLines })] })],
  });
  const body: Paragraph[] = [
    p([run(model.title, { bold: true, size: HEAD })], { align: AlignmentType.CENTER, before: 360 }),
    ...model.fields.map((line, k) =>
      p(
        line.flatMap(([label, value], i) => [run(`${i ? '; ' : ''}${label}: `), run(value, { bold: label === 'Số đến' || label === 'Số, ký hiệu' })]),
        { align: AlignmentType.LEFT, before: k === 0 ? 160 : 40 },
      ),
    ),
  ];
  model.parts.forEach((part, i) => {
    body.push(p([run(`${i + 1}. ${part.title}:`, { bold: true, size: HEAD })], { align: AlignmentType.LEFT, before: 280 }));
    if (!part.entries.length) {
      for (let k = 0; k < 3; k++) {
        body.push(new Paragraph({ spacing: { before: 60, line: 312 }, tabStops: [{ type: TabStopType.RIGHT, position: mm(TEXT_MM), leader: 'dot' }], children: [run('\t')] }));
      }
      body.push(...signed(BLANK_DATE, null), p([run('')], { before: 360 }));
      return;
    }
    part.entries.forEach((e, k) => {
      e.lines.forEach((l, j) => body.push(p([run(l)], { before: k > 0 && j === 0 ? 160 : 40 })));
      body.push(...signed(e.date, e.by));
    });
  });
  const doc = new Document({
    creator: 'Văn phòng điện tử',
    title: 'Phiếu giải quyết văn bản đến',
    styles: { default: { document: { run: { font: BOOK_FONT_NAME, size: BODY * 2 } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } },
        children: [header, ...body],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
