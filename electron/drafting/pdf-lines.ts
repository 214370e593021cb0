/// <reference types="pdfkit" />
import type { PlanPara, Run } from '../../shared/drafting/plan';
import type { TextSlotKind } from '../../shared/drafting/notation';
import type { TextSlotInfo } from '../../shared/drafting/schemas';
import { faceOf, type FontFace } from './fonts';

/**
 * Line breaking for the PDF layout engine: words measured with pdfkit's font metrics, greedy breaking, justification
 * by word spacing, and paragraphs laid out as ops (one per line) that the page flow places and draws.
 */
export const MM = 72 / 25.4;
export const A4 = { w: 595.28, h: 841.89 };

export const round = (n: number) => Math.round(n * 100) / 100;

/** A blank left for the văn thư (number, day, month, year), where the digits go at issuance (the API's shape). */
export type TextSlot = TextSlotInfo;

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
export interface Op {
  page: number;
  y: number;
  draw(doc: PDFKit.PDFDocument, y: number): void;
  height: number;
}

/** Word widths, cached: an official document repeats its words, and pdfkit's measuring is the hot path. */
export class Measurer {
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

/** `hang`: the indent of every line after the first (a hanging indent, pt). */
function breakLines(para: PlanPara, width: number, m: Measurer, hang = 0): Line[] {
  const size = para.size;
  const space = m.width(' ', 'regular', size);
  const firstIndent = (para.firstLineIndentMm ?? 0) * MM;
  const indentOf = (n: number) => (n === 0 ? firstIndent : hang);
  const lines: Line[] = [];
  let line: Word[] = [];
  let w = 0;
  const push = (last: boolean) => {
    lines.push({ words: line, width: w, last, indent: indentOf(lines.length) });
    line = [];
    w = 0;
  };
  for (const item of words(para.runs, size, m)) {
    if (item === 'br') {
      push(true);
      continue;
    }
    const avail = width - indentOf(lines.length);
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

/**
 * Lays out one paragraph inside a column: returns one op per line (plus its rule), relative heights only.
 * `hangPt` indents the lines after the first (Kính gửi).
 */
export function paraOps(doc: PDFKit.PDFDocument, m: Measurer, para: PlanPara, x: number, width: number, hangPt = 0): { lines: Op[]; widest: number } {
  const lines = breakLines(para, width, m, hangPt);
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
export function columnHeight(m: Measurer, doc: PDFKit.PDFDocument, paras: PlanPara[], width: number): number {
  let h = 0;
  paras.forEach((p, i) => {
    if (i > 0) h += p.spaceBeforePt ?? 0;
    h += paraOps(doc, m, p, 0, width).lines.reduce((s, o) => s + o.height, 0) + (i < paras.length - 1 ? p.spaceAfterPt ?? 0 : 0);
  });
  return h;
}

export function drawColumn(doc: PDFKit.PDFDocument, m: Measurer, paras: PlanPara[], x: number, width: number, y0: number, gapAfter?: { index: number; gap: number }): { height: number; gapAt?: number } {
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
