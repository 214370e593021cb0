/// <reference types="pdfkit" />
import type { PlanPara, PlanTable, Run } from '../../shared/drafting/plan';
import { parsedFonts } from '../drafting/fonts';
import { columnHeight, drawColumn, Measurer, MM } from '../drafting/pdf-lines';
import { drawTable, measureTable } from '../drafting/pdf-tables';

/**
 * A printed list as PDF — title lines, one bordered table whose header row repeats on every page, a closing line —
 * with the drafting engine's own line breaking and tables (electron/drafting/pdf-lines.ts, pdf-tables.ts) and its
 * embedded Times-compatible font: A4 landscape, 20 mm margins, page numbers from page 2, as the register books print
 * (electron/registers/book-docx.ts is the Word side).
 */
export interface TablePdf {
  title: string;
  /** Lines above the table, centred (bold / italic as given). */
  cover: { text: string; bold?: boolean; italic?: boolean; size?: number }[];
  header: string[];
  /** Relative column widths. */
  widths: number[];
  align: ('left' | 'center' | 'right')[];
  rows: string[][];
  closing?: string;
  now?: Date;
}

const LANDSCAPE = { w: 841.89, h: 595.28 };

const para = (runs: Run[], size: number, align: PlanPara['align'], after = 2): PlanPara => ({ kind: 'para', role: 'cover', runs, size, align, lineHeight: 1.2, spaceAfterPt: after });

export async function tablePdf(o: TablePdf): Promise<{ data: Uint8Array; pageCount: number }> {
  const { default: PDFDocument } = await import('pdfkit');
  const margin = 20 * MM;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    autoFirstPage: false,
    bufferPages: true,
    info: { Title: o.title, Creator: 'Văn phòng điện tử', Producer: 'Văn phòng điện tử', CreationDate: o.now ?? new Date(0) },
  });
  for (const [face, font] of Object.entries(await parsedFonts())) doc.registerFont(face, font as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const m = new Measurer(doc);
  const W = LANDSCAPE.w - 2 * margin;
  const top = margin;
  const bottom = LANDSCAPE.h - margin;
  doc.addPage();
  let page = 1;
  const cover = o.cover.map((l, i) => para([{ text: l.text, bold: l.bold, italic: l.italic }], l.size ?? 13, 'center', i === o.cover.length - 1 ? 10 : 2));
  let y = top + drawColumn(doc, m, cover, margin, W, top).height + 6;
  const table: PlanTable = {
    kind: 'table',
    role: 'table',
    header: true,
    size: 11,
    widths: o.widths,
    align: o.align,
    rows: [o.header.map((h) => [{ text: h, bold: true }]), ...o.rows.map((r) => r.map((c) => [{ text: c }]))],
  };
  y = drawTable(doc, m, measureTable(doc, m, table, W), margin, y, top, bottom, () => {
    doc.addPage();
    page++;
    m.page = page;
    return top;
  });
  if (o.closing) {
    const closing = [para([{ text: o.closing, italic: true }], 10, 'left', 0)];
    if (y + columnHeight(m, doc, closing, W) + 8 > bottom) {
      doc.addPage();
      page++;
      y = top;
    }
    drawColumn(doc, m, closing, margin, W, y + 8);
  }
  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(i);
    const label = String(i + 1);
    doc.font('regular').fontSize(11).text(label, (LANDSCAPE.w - m.width(label, 'regular', 11)) / 2, top / 2 - 5.5, { lineBreak: false });
  }
  doc.end();
  await done;
  const buf = Buffer.concat(chunks);
  return { data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), pageCount: range.count };
}
