/// <reference types="pdfkit" />
import type { PlanPara, Run } from '../../shared/drafting/plan';
import { parsedFonts } from '../drafting/fonts';
import { A4, drawColumn, Measurer, MM, paraOps } from '../drafting/pdf-lines';
import { BLANK_DATE, type SheetModel } from './processing-sheet';

/**
 * The Phiếu giải quyết văn bản đến as PDF through the drafting engine's writer: pdfkit with the Tinos faces (Times New
 * Roman metrics, Vietnamese) and its line breaking (drafting/pdf-lines.ts); A4 portrait with the margins of ND30
 * Phụ lục I (top and bottom 20 mm, left 30 mm, right 15 mm), 13 pt text, 14 pt headings. A page break may fall
 * between lines when the trail is long.
 */
const BODY = 13;
const HEAD = 14;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const W = A4.w - MARGIN.left - MARGIN.right;
/** Dotted lines left to be filled by hand in an empty part. */
const DOTTED_LINES = 3;

const para = (runs: Run[], o: Partial<PlanPara> = {}): PlanPara => ({ kind: 'para', role: 'sheet', runs, size: BODY, align: 'justify', lineHeight: 1.3, ...o });

export async function sheetPdf(model: SheetModel, now: Date): Promise<Uint8Array> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    autoFirstPage: false,
    info: { Title: 'Phiếu giải quyết văn bản đến', Creator: 'Văn phòng điện tử', Producer: 'Văn phòng điện tử', CreationDate: now },
  });
  for (const [face, font] of Object.entries(await parsedFonts())) doc.registerFont(face, font as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const m = new Measurer(doc);
  const bottom = A4.h - MARGIN.bottom;
  doc.addPage();
  let y = MARGIN.top;

  const place = (p: PlanPara, x = MARGIN.left, width = W) => {
    y += p.spaceBeforePt ?? 0;
    for (const op of paraOps(doc, m, p, x, width).lines) {
      if (y + op.height > bottom) {
        doc.addPage();
        m.page++;
        y = MARGIN.top;
      }
      op.draw(doc, y);
      y += op.height;
    }
  };
  /** The date and the name under an opinion, centred in the right half (where a signature goes on paper). */
  const signed = (date: string, by: string | null) => {
    place(para([{ text: date, italic: true }], { align: 'center', spaceBeforePt: 4 }), MARGIN.left + W / 2, W / 2);
    if (by) place(para([{ text: by, bold: true }], { align: 'center' }), MARGIN.left + W / 2, W / 2);
  };

  // The header: TÊN CQ CHỦ QUẢN and TÊN CƠ QUAN, centred over the left half, a short rule under the name.
  const header: PlanPara[] = [
    ...(model.parentOrgan ? [para([{ text: model.parentOrgan }], { align: 'center', lineHeight: 1.15 })] : []),
    ...model.organ.map((l, i) => para([{ text: l, bold: true }], { align: 'center', lineHeight: 1.15, ruleBelow: i === model.organ.length - 1 ? 1 / 3 : undefined })),
  ];
  y += drawColumn(doc, m, header, MARGIN.left, W * 0.5, y).height;
  place(para([{ text: model.title, bold: true }], { size: HEAD, align: 'center', spaceBeforePt: 18, lineHeight: 1.2 }));
  y += 8;
  for (const line of model.fields) {
    const runs = line.flatMap(([label, value], i): Run[] => [{ text: `${i ? '; ' : ''}${label}: ` }, { text: value, bold: label === 'Số đến' || label === 'Số, ký hiệu' }]);
    place(para(runs, { align: 'left', spaceBeforePt: 2 }));
  }

  const dots = '…'.repeat(Math.floor(W / m.width('…', 'regular', BODY)) - 1);
  model.parts.forEach((part, i) => {
    place(para([{ text: `${i + 1}. ${part.title}:`, bold: true }], { size: HEAD, align: 'left', spaceBeforePt: 14 }));
    if (!part.entries.length) {
      for (let k = 0; k < DOTTED_LINES; k++) place(para([{ text: dots }], { align: 'left', spaceBeforePt: 3 }));
      signed(BLANK_DATE, null);
      y += 2 * BODY; // room to sign under the date
      return;
    }
    part.entries.forEach((e, k) => {
      e.lines.forEach((l, j) => place(para([{ text: l }], { firstLineIndentMm: 0, spaceBeforePt: k > 0 && j === 0 ? 8 : 2 })));
      signed(e.date, e.by);
    });
  });

  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
