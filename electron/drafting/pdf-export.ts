import PDFDocument from 'pdfkit';
import { spanGroups, tableSpans, type DocumentPlan, type PlanPara, type PlanTable, type Run } from '../../shared/drafting/plan';
import { faceOf, parsedFonts, type FontFace } from './fonts';
import type { TextSlotKind } from '../../shared/drafting/notation';

/**
 * The PDF layout engine: our own line breaking (greedy, justified by word spacing) and pagination over pdfkit's
 * font metrics, so that every position is ours to test and the signing step knows where the signature goes.
 * Rules implemented here: ND30 Phụ lục I — A4, the profile's margins, page numbers centred in the top margin from
 * page 2, headings kept with the next paragraph, the signature block never alone on a page.
 */
export const MM = 72 / 25.4;
const A4 = { w: 595.28, h: 841.89 };

export interface SignatureSlot {
  kind: 'signature' | 'seal';
  /** 1-based page. */
  page: number;
  /** PDF user space, origin bottom-left: [llx, lly, urx, ury] (a signature field's /Rect). */
  rect: [number, number, number, number];
}

/** A blank left for the văn thư (number, day, month, year), where the digits go at issuance. */
export interface TextSlot {
  kind: TextSlotKind;
  page: number;
  /** PDF user space: the blank's box, and the baseline of its line. */
  rect: [number, number, number, number];
  baseline: number;
  size: number;
  italic: boolean;
  bold: boolean;
}

export interface PdfResult {
  data: Uint8Array;
  pageCount: number;
  slots: SignatureSlot[];
  textSlots: TextSlot[];
}

interface Piece {
  text: string;
  face: FontFace;
  underline: boolean;
  width: number;
  slot?: TextSlotKind;
}
interface Word {
  pieces: Piece[];
  width: number;
}
interface Line {
  words: Word[];
  width: number;
  /** The last line of a justified paragraph and forced breaks are not stretched. */
  last: boolean;
  indent: number;
}
interface Op {
  page: number;
  y: number;
  draw(doc: PDFKit.PDFDocument, y: number): void;
  height: number;
}

/** Word widths, cached: an official document repeats its words, and pdfkit's measuring is the hot path. */
class Measurer {
  private readonly cache = new Map<string, number>();
  /** The page being drawn, and the blanks found on it. */
  page = 1;
  readonly textSlots: TextSlot[] = [];
  constructor(private readonly doc: PDFKit.PDFDocument) {}
  recordSlot(p: Piece, x: number, y: number, size: number): void {
    if (!p.slot) return;
    // pdfkit sets a line's baseline one ascender below the y it is given.
    const ascender = (this.doc.font(p.face).fontSize(size) as unknown as { _font: { ascender: number } })._font.ascender;
    const baseline = A4.h - (y + (ascender / 1000) * size);
    const italic = p.face === 'italic' || p.face === 'boldItalic';
    const bold = p.face === 'bold' || p.face === 'boldItalic';
    this.textSlots.push({ kind: p.slot, page: this.page, rect: [round(x), round(baseline - size * 0.25), round(x + p.width), round(baseline + size * 0.8)], baseline: round(baseline), size, italic, bold });
  }
  width(text: string, face: FontFace, size: number): number {
    const key = `${face}|${size}|${text}`;
    let w = this.cache.get(key);
    if (w === undefined) this.cache.set(key, (w = this.doc.font(face).fontSize(size).widthOfString(text)));
    return w;
  }
}

/** Splits runs into words (pieces of one style, no spaces) and forced line breaks. */
function words(runs: Run[], size: number, m: Measurer): (Word | 'br')[] {
  const out: (Word | 'br')[] = [];
  let cur: Piece[] = [];
  const flush = () => {
    if (cur.length) out.push({ pieces: cur, width: cur.reduce((s, p) => s + p.width, 0) });
    cur = [];
  };
  for (const r of runs) {
    const face = faceOf(r.bold, r.italic);
    const parts = r.text.split(/(\n| +)/);
    for (const part of parts) {
      if (!part) continue;
      if (part === '\n') {
        flush();
        out.push('br');
      } else if (/^ +$/.test(part)) flush();
      else cur.push({ text: part, face, underline: !!r.underline, width: m.width(part, face, size), ...(r.slot ? { slot: r.slot } : {}) });
    }
  }
  flush();
  return out;
}

/** A word wider than its column (a narrow table column) in pieces that fit, cut after a "/" or "-" where one fits. */
function splitWide(word: Word, avail: number, size: number, m: Measurer): Word[] {
  const chars = word.pieces.flatMap((p) => Array.from(p.text).map((ch) => ({ ch, p })));
  const make = (from: number, to: number): Word => {
    const pieces: Piece[] = [];
    for (let i = from; i < to; i++) {
      const last = pieces[pieces.length - 1];
      if (last && chars[i - 1].p === chars[i].p) last.text += chars[i].ch;
      else pieces.push({ ...chars[i].p, text: chars[i].ch });
    }
    for (const p of pieces) p.width = m.width(p.text, p.face, size);
    return { pieces, width: pieces.reduce((s, p) => s + p.width, 0) };
  };
  const out: Word[] = [];
  for (let start = 0; start < chars.length; ) {
    let end = start + 1;
    let soft = -1;
    while (end < chars.length && make(start, end + 1).width <= avail) {
      if (chars[end - 1].ch === '/' || chars[end - 1].ch === '-') soft = end;
      end++;
    }
    if (end < chars.length && soft > start) end = soft;
    out.push(make(start, end));
    start = end;
  }
  return out;
}

function breakLines(para: PlanPara, width: number, m: Measurer): Line[] {
  const size = para.size;
  const space = m.width(' ', 'regular', size);
  const firstIndent = (para.firstLineIndentMm ?? 0) * MM;
  const lines: Line[] = [];
  let line: Word[] = [];
  let w = 0;
  const push = (last: boolean) => {
    lines.push({ words: line, width: w, last, indent: lines.length === 0 ? firstIndent : 0 });
    line = [];
    w = 0;
  };
  for (const item of words(para.runs, size, m)) {
    if (item === 'br') {
      push(true);
      continue;
    }
    const avail = width - (lines.length === 0 ? firstIndent : 0);
    if (item.width > avail && avail > 0) {
      // Too wide for any line: on lines of its own, cut where it must be.
      if (line.length) push(false);
      const parts = splitWide(item, avail, size, m);
      parts.forEach((part, i) => {
        line = [part];
        w = part.width;
        if (i < parts.length - 1) push(false);
      });
      continue;
    }
    const add = line.length ? space + item.width : item.width;
    if (line.length && w + add > avail) push(false);
    line.push(item);
    w += line.length > 1 ? space + item.width : item.width;
  }
  if (line.length || lines.length === 0) push(true);
  lines[lines.length - 1].last = true;
  return lines;
}

function drawLine(doc: PDFKit.PDFDocument, m: Measurer, l: Line, para: PlanPara, x: number, width: number, y: number): void {
  const size = para.size;
  const space = m.width(' ', 'regular', size);
  const avail = width - l.indent;
  let gap = space;
  let cx = x + l.indent;
  if (para.align === 'center') cx = x + l.indent + (avail - l.width) / 2;
  else if (para.align === 'right') cx = x + width - l.width;
  else if (para.align === 'justify' && !l.last && l.words.length > 1) gap = space + (avail - l.width) / (l.words.length - 1);
  // Consecutive words of one style go out in one text call, stretched by pdfkit's wordSpacing: one call per
  // style run instead of one per word (the hot path of a 10-page export).
  let seg: { text: string; face: FontFace; underline: boolean; x: number; width: number } | null = null;
  const flush = () => {
    if (seg) doc.font(seg.face).fontSize(size).fillColor('black').text(seg.text, seg.x, y, { lineBreak: false, underline: seg.underline, wordSpacing: gap - space });
    seg = null;
  };
  l.words.forEach((wd, wi) => {
    const single = wd.pieces.length === 1 ? wd.pieces[0] : null;
    if (single && seg && seg.face === single.face && seg.underline === single.underline && !single.slot) {
      seg.text += ` ${single.text}`;
    } else {
      flush();
      if (single) {
        m.recordSlot(single, cx, y, size);
        seg = { text: single.text, face: single.face, underline: single.underline, x: cx, width: single.width };
      } else {
        let px = cx;
        for (const p of wd.pieces) {
          m.recordSlot(p, px, y, size);
          doc.font(p.face).fontSize(size).fillColor('black').text(p.text, px, y, { lineBreak: false, underline: p.underline });
          px += p.width;
        }
      }
    }
    cx += wd.width + (wi < l.words.length - 1 ? gap : 0);
  });
  flush();
}

const lineH = (p: PlanPara) => p.size * p.lineHeight;

/** Lays out one paragraph inside a column: returns one op per line (plus its rule), relative heights only. */
function paraOps(doc: PDFKit.PDFDocument, m: Measurer, para: PlanPara, x: number, width: number): { lines: Op[]; widest: number } {
  const lines = breakLines(para, width, m);
  const h = lineH(para);
  const widest = Math.max(...lines.map((l) => l.width));
  const ops: Op[] = lines.map((l, i) => ({
    page: 0,
    y: 0,
    height: h,
    draw: (d, y) => {
      drawLine(d, m, l, para, x, width, y);
      if (para.frameMm && i === 0) {
        // The stamp's frame: its width from the profile, 8 mm high, centred on the line (ND30 Phụ lục I, III.3).
        const fw = para.frameMm * MM;
        const fh = 8 * MM;
        const cy = y + para.size * 0.78;
        d.rect(x + width / 2 - fw / 2, cy - fh / 2, fw, fh).lineWidth(0.8).strokeColor('black').stroke();
      }
      if (para.ruleBelow && i === lines.length - 1) {
        const len = widest * para.ruleBelow;
        const cx = para.align === 'center' ? x + width / 2 : x + l.indent + len / 2;
        // pdfkit puts the baseline about 1.12 em below the y it is given; the rule sits under the descenders.
        const ry = y + para.size * 1.55;
        d.moveTo(cx - len / 2, ry).lineTo(cx + len / 2, ry).lineWidth(0.6).strokeColor('black').stroke();
      }
    },
  }));
  if (para.ruleBelow && ops.length) ops[ops.length - 1].height += para.size * 0.5;
  return { lines: ops, widest };
}

/** A column of paragraphs (header cell, closing column) measured as one unit. */
function columnHeight(m: Measurer, doc: PDFKit.PDFDocument, paras: PlanPara[], width: number): number {
  let h = 0;
  paras.forEach((p, i) => {
    if (i > 0) h += p.spaceBeforePt ?? 0;
    h += paraOps(doc, m, p, 0, width).lines.reduce((s, o) => s + o.height, 0) + (i < paras.length - 1 ? p.spaceAfterPt ?? 0 : 0);
  });
  return h;
}

function drawColumn(doc: PDFKit.PDFDocument, m: Measurer, paras: PlanPara[], x: number, width: number, y0: number, gapAfter?: { index: number; gap: number }): { height: number; gapAt?: number } {
  let y = y0;
  let gapAt: number | undefined;
  paras.forEach((p, i) => {
    if (i > 0) y += p.spaceBeforePt ?? 0;
    for (const op of paraOps(doc, m, p, x, width).lines) {
      op.draw(doc, y);
      y += op.height;
    }
    if (i < paras.length - 1) y += p.spaceAfterPt ?? 0;
    if (gapAfter && gapAfter.index === i) {
      gapAt = y;
      y += gapAfter.gap;
    }
  });
  return { height: y - y0, gapAt };
}

export async function renderPdf(plan: DocumentPlan, opts: { title?: string; now?: Date } = {}): Promise<PdfResult> {
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

const round = (n: number) => Math.round(n * 100) / 100;

/** A table measured once: column widths, each cell's paragraph and height, row heights and the groups of rows. */
interface TableMeasure {
  t: PlanTable;
  cols: number[];
  pad: number;
  spans: number[][];
  /** The cells that print (span ≥ 1), with the height their text needs (padding included). */
  cells: { ri: number; ci: number; span: number; para: PlanPara; textH: number }[];
  rowH: number[];
  /** Rows bound together by merged cells (the header row is a group of its own). */
  groups: { start: number; end: number }[];
  headerH: number;
}

const TABLE_GAP = 6;

function measureTable(doc: PDFKit.PDFDocument, m: Measurer, t: PlanTable, width: number): TableMeasure {
  const total = t.widths.reduce((s, w) => s + w, 0);
  const cols = t.widths.map((w) => (w / total) * width);
  const pad = 4;
  const spans = tableSpans(t);
  const cells: TableMeasure['cells'] = [];
  const minH = t.size * 1.15 + 2 * pad;
  const rowH = t.rows.map(() => minH);
  t.rows.forEach((row, ri) =>
    row.forEach((runs, ci) => {
      const span = spans[ri]?.[ci] ?? 1;
      if (span < 1) return;
      const header = t.header && ri === 0;
      const para: PlanPara = {
        kind: 'para',
        role: 'cell',
        runs: header ? runs.map((r) => ({ ...r, bold: true })) : runs,
        size: t.size,
        align: header ? 'center' : t.align?.[ci] ?? 'left',
        lineHeight: 1.15,
      };
      const textH = columnHeight(m, doc, [para], (cols[ci] ?? 0) - 2 * pad) + 2 * pad;
      cells.push({ ri, ci, span, para, textH });
      if (span === 1) rowH[ri] = Math.max(rowH[ri], textH);
    }),
  );
  // A merged cell taller than the rows it spans shares what it lacks among them, the shortest spans first.
  for (const c of [...cells].filter((c) => c.span > 1).sort((a, b) => a.span - b.span)) {
    const last = Math.min(c.ri + c.span, t.rows.length);
    let sum = 0;
    for (let r = c.ri; r < last; r++) sum += rowH[r];
    if (sum < c.textH) for (let r = c.ri; r < last; r++) rowH[r] += (c.textH - sum) / (last - c.ri);
  }
  const groups = spanGroups(spans);
  return { t, cols, pad, spans, cells, rowH, groups, headerH: t.header ? rowH[0] : 0 };
}

const groupHeight = (tm: TableMeasure, g: { start: number; end: number }) => tm.rowH.slice(g.start, g.end + 1).reduce((s, h) => s + h, 0);

/** What must fit before a table for a paragraph kept with it: the gap, the header row and the first group of rows. */
function tableLeadHeight(tm: TableMeasure, pageBody: number): number {
  const first = tm.groups.find((g) => g.start >= (tm.t.header ? 1 : 0));
  if (!first) return TABLE_GAP + tm.headerH;
  const g = groupHeight(tm, first);
  return TABLE_GAP + tm.headerH + (tm.headerH + g <= pageBody ? g : tm.rowH[first.start]);
}

/**
 * Where each row of a table goes: page (0 = the page the table starts on) and y. A group of rows bound by merged
 * cells stays on one page when it fits on a page; a taller group is split between rows, its merged cells drawn in
 * parts, each part tall enough for the cell's text (the break moves up, or the part's last row grows). The header
 * row repeats at the top of every page; it never stays alone at the foot of a page.
 */
function layoutTable(tm: TableMeasure, y0: number, top: number, bottom: number, breakFirst = false): { rows: { page: number; y: number; h: number }[]; headers: { page: number; y: number }[]; end: { page: number; y: number } } {
  const { t, rowH, headerH } = tm;
  const rows: { page: number; y: number; h: number }[] = [];
  const headers: { page: number; y: number }[] = [];
  const firstBody = t.header ? 1 : 0;
  const avail = bottom - top - headerH;
  let page = 0;
  let y = y0 + TABLE_GAP;
  let onPage = 0; // body rows on the current page
  let pageFirst = firstBody; // the first body row on the current page
  const breakPage = (nextRow: number) => {
    page++;
    y = top;
    onPage = 0;
    pageFirst = nextRow;
    if (t.header) {
      headers.push({ page, y });
      y += headerH;
    }
  };
  const place = (ri: number, h: number) => {
    rows[ri] = { page, y, h };
    y += h;
    onPage++;
  };
  const first = tm.groups.find((g) => g.start >= firstBody);
  if (breakFirst || (y0 > top && first && y + tableLeadHeight(tm, bottom - top) - TABLE_GAP > bottom)) {
    page++;
    y = top;
  }
  if (t.header) {
    headers.push({ page, y });
    rows[0] = { page, y, h: headerH };
    y += headerH;
  }
  const merged = tm.cells.filter((c) => c.span > 1);
  for (const g of tm.groups) {
    if (g.end < firstBody) continue;
    const G = groupHeight(tm, g);
    if (y + G > bottom && onPage > 0 && G <= avail) breakPage(g.start);
    if (y + G <= bottom) {
      for (let ri = g.start; ri <= g.end; ri++) place(ri, rowH[ri]);
      continue;
    }
    // A group taller than a page: row by row.
    for (let ri = g.start; ri <= g.end; ) {
      // A merged cell's last part on a page that it did not start on grows to hold the cell's text again.
      let h = rowH[ri];
      for (const c of merged) {
        if (c.ri < ri && c.ri + c.span - 1 === ri) h = Math.max(h, c.textH - (y - (c.ri >= pageFirst ? rows[c.ri].y : top + headerH)));
      }
      if (y + h > bottom && onPage > 0) {
        // Break before ri, or higher up when a merged cell begun on this page would keep too short a part here.
        let b = ri;
        for (let moved = true; moved; ) {
          moved = false;
          for (const c of merged) {
            if (c.ri >= pageFirst && c.ri < b && c.ri + c.span - 1 >= b && (b === ri ? y : rows[b].y) - rows[c.ri].y < c.textH) {
              b = c.ri;
              moved = true;
            }
          }
        }
        if (b === pageFirst) {
          // Nothing of the table's body would stay on this page: on its first page, the table moves down whole
          // (its header row with it); at the top of a page, the merged cell's part stays short.
          if (page === 0 && y0 > top && !breakFirst) {
            if (t.header) return layoutTable(tm, y0, top, bottom, true);
          } else b = ri;
        }
        breakPage(b);
        ri = b;
        continue;
      }
      place(ri, h);
      ri++;
    }
  }
  return { rows, headers, end: { page, y } };
}

function drawTable(
  doc: PDFKit.PDFDocument,
  m: Measurer,
  tm: TableMeasure,
  x: number,
  y0: number,
  top: number,
  bottom: number,
  newPage: () => number,
): number {
  const t = tm.t;
  const lay = layoutTable(tm, y0, top, bottom);
  const xs = tm.cols.map((_, ci) => x + tm.cols.slice(0, ci).reduce((s, w) => s + w, 0));
  const box = (ci: number, y: number, h: number) => doc.rect(xs[ci], y, tm.cols[ci], h).lineWidth(0.5).strokeColor('black').stroke();
  const text = (c: TableMeasure['cells'][number], y: number, h: number, centre: boolean) => {
    const w = tm.cols[c.ci] - 2 * tm.pad;
    if (c.textH <= h + 0.01) {
      drawColumn(doc, m, [c.para], xs[c.ci] + tm.pad, w, y + tm.pad + (centre ? (h - c.textH) / 2 : 0));
      return;
    }
    // A merged cell's part taller than its box (at the top of a page, where the break could not move up): cut at the box.
    doc.save();
    doc.rect(xs[c.ci], y, tm.cols[c.ci], h).clip();
    drawColumn(doc, m, [c.para], xs[c.ci] + tm.pad, w, y + tm.pad);
    doc.restore();
  };
  // What each page draws: the header row where it repeats, each cell once, a merged cell once per page it runs over
  // (one box, its text repeated in each part).
  const pages: (() => void)[][] = Array.from({ length: lay.end.page + 1 }, () => []);
  for (const hd of lay.headers) {
    for (const c of tm.cells.filter((c) => t.header && c.ri === 0)) {
      pages[hd.page].push(() => {
        text(c, hd.y, tm.headerH, false);
        box(c.ci, hd.y, tm.headerH);
      });
    }
  }
  for (const c of tm.cells) {
    if (t.header && c.ri === 0) continue;
    const parts = new Map<number, { y: number; end: number }>();
    for (const r of lay.rows.slice(c.ri, c.ri + c.span)) {
      const part = parts.get(r.page);
      parts.set(r.page, { y: part ? part.y : r.y, end: r.y + r.h });
    }
    for (const [pg, part] of parts) {
      pages[pg].push(() => {
        text(c, part.y, part.end - part.y, c.span > 1);
        box(c.ci, part.y, part.end - part.y);
      });
    }
  }
  pages.forEach((draws, pg) => {
    if (pg > 0) newPage();
    for (const draw of draws) draw();
  });
  return lay.end.y + TABLE_GAP;
}
