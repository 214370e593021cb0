import type { DocumentPlan, PlanPara, PlanTable, Run } from '../../shared/drafting/plan';
import { addresseeBlock, DASH, placeAddressees, type AddresseePlace } from './addressee-layout';
import { faceOf, parsedFonts } from './fonts';
import { fitHeader, headerTexts, withTitleSizes } from './header-layout';
import { A4, columnHeight, drawColumn, Measurer, MM, paraOps, round, type Op, type TextSlot } from './pdf-lines';
import { drawTable, measureTable, tableLeadHeight, type TableMeasure } from './pdf-tables';

export { MM, type TextSlot } from './pdf-lines';

/**
 * The PDF layout engine: our own line breaking (greedy, justified by word spacing; pdf-lines.ts), tables
 * (pdf-tables.ts) and pagination (here) over pdfkit's font metrics, so that every position is ours to test and the
 * signing step knows where the signature goes.
 * Rules implemented here: ND30 Phụ lục I — A4, the profile's margins, page numbers centred in the top margin from
 * page 2, headings kept with the next paragraph, no paragraph leaving a single line at the foot or the head of a
 * page (widows and orphans), the signature block never alone on a page.
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

/** A line placed: `para` is its paragraph's index in the flow, `line` its index in the paragraph. */
type Placed = { op: Op; page: number; y: number; para: number; line: number };

/**
 * Where the lines that go over with the closing block start: the body's last two lines, or more so that a paragraph
 * cut there keeps two lines on each page; never lines from above the last table (`fixed`), never every line of a
 * page that would then be empty.
 */
function carryFrom(placed: Placed[], fixed: number, page: number, tablePage: number): number {
  const first = Math.max(placed.length - 2, fixed);
  let from = first;
  const onPage = (k: number) => k >= fixed && placed[k]?.page === page;
  for (let guard = 0; guard < 4 && from > fixed; guard++) {
    const cut = placed[from];
    if (!cut || cut.line === 0 || !onPage(from - 1)) break;
    const carried = placed.slice(from).filter((pl) => pl.para === cut.para).length;
    const kept = placed.slice(0, from).filter((pl) => pl.para === cut.para && pl.page === page).length;
    if (carried >= 2 && kept !== 1) break;
    from--;
  }
  // A page holding nothing else (no header, no table) is not emptied: the plain two lines go over.
  const empties = page > 1 && tablePage !== page && !placed.slice(0, from).some((pl) => pl.page === page);
  return empties ? first : from;
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

  // Header: a borderless two-column table, rows aligned so that Số and the date share a line (ô 3 and 4). The title
  // column takes the width the Quốc hiệu needs (header-layout.ts).
  const runsWidth = (para: PlanPara) => para.runs.reduce((s: number, r: Run) => s + m.width(r.text, faceOf(r.bold, r.italic), para.size), 0);
  const { titles, placeDate } = headerTexts(plan);
  const fit = fitHeader({ width: W, leftShare: p.headerLeftShare, titles: titles.map((t) => ({ width: runsWidth(t), size: t.size })), placeDate: placeDate ? runsWidth(placeDate) : 0 });
  const leftW = fit.left;
  const rightW = fit.right;
  withTitleSizes(plan, fit.titleSizes).forEach((row, ri) => {
    // The space above a row (6 pt above Số and the date) is kept under whichever column ends lower: under the rule
    // of an organ name wrapped onto three lines as under the Quốc hiệu's (ND30 Phụ lục I, II.2–3).
    if (ri > 0) y += Math.max(row.left[0]?.spaceBeforePt ?? 0, row.right[0]?.spaceBeforePt ?? 0);
    const a = drawColumn(doc, m, row.left, margin.left, leftW, y);
    const b = drawColumn(doc, m, row.right, margin.left + leftW, rightW, y);
    y += Math.max(a.height, b.height);
  });

  // The flow: placed line by line; ops are kept so that the end of the body can move with the signature block.
  /** The ops placed, how many of them come before the flow's last table (drawn at once: those cannot move), and
   * the page that table ends on. */
  const placeFlow = (flowParas: DocumentPlan['flow']): { placed: Placed[]; fixed: number; tablePage: number } => {
    const placed: Placed[] = [];
    let fixed = 0;
    let tablePage = 0;
    const laidOut = new Map<number, Op[]>();
    const measured = new Map<number, TableMeasure>();
    // Kính gửi: each paragraph of the block at its place (addressee-layout.ts).
    const places = new Map<number, AddresseePlace>();
    flowParas.forEach((_, i) => {
      const block = addresseeBlock(flowParas, i);
      if (!block) return;
      const widths = { label: m.width(block.label, block.face, block.size), dash: m.width(DASH, block.face, block.size), paras: block.paras.map(runsWidth) };
      placeAddressees(block.paras, widths, W, p.body.firstLineIndentMm * MM).forEach((pl, k) => places.set(i + k, pl));
    });
    const opsOf = (i: number, el: PlanPara) => {
      let ops = laidOut.get(i);
      if (!ops) {
        const pl = places.get(i);
        ops = pl
          ? paraOps(doc, m, { ...el, align: 'left', firstLineIndentMm: 0 }, margin.left + pl.x, W - pl.x, pl.hang).lines
          : paraOps(doc, m, el, margin.left, W).lines;
        laidOut.set(i, ops);
      }
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
        tablePage = page;
        continue;
      }
      const ops = opsOf(i, el);
      const before = y === top ? 0 : el.spaceBeforePt ?? 0;
      const own = ops.reduce((s, o) => s + o.height, 0);
      // How many lines fit on this page: a paragraph that would leave one line here (orphan) or send one line alone
      // to the next page (widow) starts on the next page when it cannot give up a line and keep two.
      let fit = 0;
      for (let h = y + before; fit < ops.length && h + ops[fit].height <= bottom; fit++) h += ops[fit].height;
      const split = fit < ops.length;
      if (el.keepWithNext && y + before + own + heightOfFirstLines(i + 1, 2) > bottom && y > top) newPage();
      else if (split && y > top && (fit < 2 || (ops.length - fit < 2 && fit - 1 < 2))) newPage();
      y += y === top ? 0 : el.spaceBeforePt ?? 0;
      let onPage = 0;
      ops.forEach((op, j) => {
        // A widow: the last line alone on the next page takes the line before it along.
        const widow = j === ops.length - 2 && onPage >= 2 && y + op.height <= bottom && y + op.height + ops[j + 1].height > bottom;
        if (y + op.height > bottom || widow) {
          newPage();
          onPage = 0;
        }
        placed.push({ op, page, y, para: i, line: j });
        y += op.height;
        onPage++;
      });
      y += el.spaceAfterPt ?? 0;
    }
    return { placed, fixed, tablePage };
  };
  const drawPlaced = (placed: Placed[]) => {
    for (const pl of placed) {
      doc.switchToPage(pl.page - 1);
      pl.op.draw(doc, pl.y);
    }
    doc.switchToPage(page - 1);
  };
  const { placed, fixed, tablePage } = placeFlow(plan.flow);

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
    const carry = placed.slice(carryFrom(placed, fixed, page, tablePage)).filter((pl) => pl.page === page);
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
