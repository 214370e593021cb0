import type { DocumentPlan, PlanPara, PlanTable } from '../../shared/drafting/plan';
import { parsedFonts } from './fonts';
import { A4, columnHeight, drawColumn, Measurer, MM, paraOps, round, type Op, type TextSlot } from './pdf-lines';
import { drawTable, measureTable, tableLeadHeight, type TableMeasure } from './pdf-tables';

export { MM, type TextSlot } from './pdf-lines';

/**
 * The PDF layout engine: our own line breaking (greedy, justified by word spacing; pdf-lines.ts), tables
 * (pdf-tables.ts) and pagination (here) over pdfkit's font metrics, so that every position is ours to test and the
 * signing step knows where the signature goes.
 * Rules implemented here: ND30 Phụ lục I — A4, the profile's margins, page numbers centred in the top margin from
 * page 2, headings kept with the next paragraph, the signature block never alone on a page.
 * pdfkit is loaded on the first render, not when this module is imported (the CLI starts without it).
 */
export interface SignatureSlot {
  kind: 'signature' | 'seal';
  /** 1-based page. */
  page: number;
  /** PDF user space, origin bottom-left: [llx, lly, urx, ury] (a signature field's /Rect). */
  rect: [number, number, number, number];
}

export interface PdfResult {
  data: Uint8Array;
  pageCount: number;
  slots: SignatureSlot[];
  textSlots: TextSlot[];
}

export async function renderPdf(plan: DocumentPlan, opts: { title?: string; now?: Date } = {}): Promise<PdfResult> {
  const { default: PDFDocument } = await import('pdfkit');
  const p = plan.profile;
  const margin = { top: p.marginsMm.top * MM, bottom: p.marginsMm.bottom * MM, left: p.marginsMm.left * MM, right: p.marginsMm.right * MM };
  const doc = new PDFDocument({
    size: 'A4',
    margins: margin,
    autoFirstPage: false,
    bufferPages: true,
    info: { Title: opts.title ?? 'Văn bản', Creator: 'Văn phòng điện tử', Producer: 'Văn phòng điện tử', CreationDate: opts.now ?? new Date(0) },
  });
  for (const [face, font] of Object.entries(await parsedFonts())) doc.registerFont(face, font as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const m = new Measurer(doc);
  const W = A4.w - margin.left - margin.right;
  const top = margin.top;
  const bottom = A4.h - margin.bottom;
  let page = 1;
  doc.addPage();
  let y = top;
  const newPage = () => {
    doc.addPage();
    page++;
    m.page = page;
    y = top;
  };

  // Header: a borderless two-column table, rows aligned so that Số and the date share a line (ô 3 and 4).
  const leftW = W * p.headerLeftShare;
  const rightW = W - leftW;
  for (const row of plan.header) {
    const a = drawColumn(doc, m, row.left, margin.left, leftW, y);
    const b = drawColumn(doc, m, row.right, margin.left + leftW, rightW, y);
    y += Math.max(a.height, b.height);
  }

  // The flow: placed line by line; ops are kept so that the end of the body can move with the signature block.
  type Placed = { op: Op; page: number; y: number };
  /** The ops placed, and how many of them come before the flow's last table (drawn at once: those cannot move). */
  const placeFlow = (flowParas: DocumentPlan['flow']): { placed: Placed[]; fixed: number } => {
    const placed: Placed[] = [];
    let fixed = 0;
    const laidOut = new Map<number, Op[]>();
    const measured = new Map<number, TableMeasure>();
    const opsOf = (i: number, el: PlanPara) => {
      let ops = laidOut.get(i);
      if (!ops) laidOut.set(i, (ops = paraOps(doc, m, el, margin.left, W).lines));
      return ops;
    };
    const tableOf = (i: number, el: PlanTable) => {
      let t = measured.get(i);
      if (!t) measured.set(i, (t = measureTable(doc, m, el, W)));
      return t;
    };
    const heightOfFirstLines = (i: number, n: number) => {
      const next = flowParas[i];
      if (!next) return 0;
      // A table's first lines: its header row and the first group of rows that stays together.
      if (next.kind === 'table') return Math.min(tableLeadHeight(tableOf(i, next), bottom - top), bottom - top);
      return opsOf(i, next).slice(0, n).reduce((s, o) => s + o.height, 0) + (next.spaceBeforePt ?? 0);
    };
    for (let i = 0; i < flowParas.length; i++) {
      const el = flowParas[i];
      if (el.kind === 'table') {
        y = drawTable(doc, m, tableOf(i, el), margin.left, y, top, bottom, () => {
          newPage();
          return y;
        });
        fixed = placed.length;
        continue;
      }
      const ops = opsOf(i, el);
      const before = y === top ? 0 : el.spaceBeforePt ?? 0;
      const own = ops.reduce((s, o) => s + o.height, 0);
      if (el.keepWithNext && y + before + own + heightOfFirstLines(i + 1, 2) > bottom && y > top) newPage();
      else if (y + before + Math.min(own, ops[0].height * 2) > bottom && y > top) newPage();
      y += y === top ? 0 : el.spaceBeforePt ?? 0;
      for (const op of ops) {
        if (y + op.height > bottom) newPage();
        placed.push({ op, page, y });
        y += op.height;
      }
      y += el.spaceAfterPt ?? 0;
    }
    return { placed, fixed };
  };
  const drawPlaced = (placed: Placed[]) => {
    for (const pl of placed) {
      doc.switchToPage(pl.page - 1);
      pl.op.draw(doc, pl.y);
    }
    doc.switchToPage(page - 1);
  };
  const { placed, fixed } = placeFlow(plan.flow);

  // The closing block (Nơi nhận | signature) is never split and never alone: if it does not fit, it takes the body's
  // last two lines with it to the next page.
  const c = plan.closing;
  const colL = W * 0.5;
  const colR = W - colL;
  const gap = c.signatureGapMm * MM;
  const leftH = columnHeight(m, doc, c.left, colL);
  const closingH = Math.max(leftH, columnHeight(m, doc, c.right, colR) + gap) + 12;
  if (y + closingH > bottom) {
    // Never lines from above a table: the table is already drawn and cannot move.
    const carry = placed.slice(Math.max(placed.length - 2, fixed)).filter((pl) => pl.page === page);
    newPage();
    for (const pl of carry) {
      pl.page = page;
      pl.y = y;
      y += pl.op.height;
    }
    y += 6;
  } else y += 12;

  drawPlaced(placed);
  drawColumn(doc, m, c.left, margin.left, colL, y);
  const r = drawColumn(doc, m, c.right, margin.left + colL, colR, y, { index: c.signatureAfterIndex, gap });
  let yEnd = y + Math.max(leftH, r.height);
  for (const f of plan.footer) {
    const ops = paraOps(doc, m, f, margin.left, W).lines;
    yEnd += 6;
    for (const op of ops) {
      op.draw(doc, yEnd);
      yEnd += op.height;
    }
  }

  // Signature and seal slots (ND30 Phụ lục I, II.7.d and II.8): the seal overlaps the left third of the signature.
  const slots: SignatureSlot[] = [];
  if (r.gapAt !== undefined) {
    const cx = margin.left + colL + colR / 2;
    const sigW = 50 * MM;
    const sig = { x: cx - sigW / 2, y: r.gapAt, w: sigW, h: gap };
    const d = Math.min(36 * MM, gap + 8 * MM);
    const seal = { x: sig.x + sig.w / 3 - d, y: sig.y + sig.h / 2 - d / 2, w: d, h: d };
    const toPdf = (b: { x: number; y: number; w: number; h: number }): [number, number, number, number] => [
      round(b.x),
      round(A4.h - b.y - b.h),
      round(b.x + b.w),
      round(A4.h - b.y),
    ];
    slots.push({ kind: 'signature', page, rect: toPdf(sig) }, { kind: 'seal', page, rect: toPdf(seal) });
  }

  // Phụ lục: each starts a new page and is paginated on its own (ND30 Phụ lục I, III.1.đ).
  const sectionStarts = [1];
  for (const a of plan.appendices) {
    newPage();
    sectionStarts.push(page);
    drawPlaced(placeFlow(a.flow).placed);
  }

  // Page numbers: centred in the top margin, none on the first page of the document or of a phụ lục (ND30 Phụ lục I, I).
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    const start = Math.max(...sectionStarts.filter((s) => s <= i + 1));
    const n = i + 1 - start + 1;
    if (n === 1) continue;
    doc.switchToPage(i);
    const label = String(n);
    const wdt = m.width(label, 'regular', p.pageNumber.size);
    doc.font('regular').fontSize(p.pageNumber.size).text(label, (A4.w - wdt) / 2, top / 2 - p.pageNumber.size / 2, { lineBreak: false });
  }
  const pageCount = range.count;
  // The slots travel inside the file too, so that `vanphong sign` finds them in any PDF this engine exported.
  (doc.info as Record<string, unknown>).VanphongSlots = JSON.stringify([...slots, ...m.textSlots]);
  doc.end();
  await done;
  const buf = Buffer.concat(chunks);
  return { data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), pageCount, slots, textSlots: m.textSlots };
}
