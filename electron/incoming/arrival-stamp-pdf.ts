import { EventEmitter } from 'node:events';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import { AppError } from '../../shared/api/result';
import { HARDENED_PDF_OPTIONS } from '../parsing/pdf';

/**
 * The electronic ĐẾN mark (ND30 Điều 22, Phụ lục IV: a 35 × 50 mm rectangle with TÊN CƠ QUAN, ĐẾN, Số, Ngày, Chuyển,
 * Số và ký hiệu HS) drawn on page 1 of a COPY of an incoming PDF. Runs only inside the parse worker (task
 * 'pdf.stampArrival', electron/hosts/parse-worker.ts): the file comes from outside. pdf.js (hardened, as every hostile
 * PDF is opened) finds where page 1 has text, so the mark goes where it covers none if there is such a place, top right
 * first; pdf-lib then writes a new file with the mark in the page's own orientation (a /Rotate page gets it upright as
 * shown). The text is real text in the embedded Tinos face (Times New Roman metrics, Vietnamese), so the mark is read
 * by search and by pdftotext like the page's own text.
 */

export interface ArrivalMark {
  /** The office's name (TÊN CƠ QUAN), printed in capitals. */
  organ: string;
  /** Số đến, as printed ("05"). */
  number: string;
  /** Ngày đến, dd/mm/yyyy. */
  date: string;
  /** Chuyển: the lead handler(s) named by the bút phê; empty: a dotted blank. */
  forward: string;
  /** Số và ký hiệu hồ sơ; empty: a dotted blank. */
  file: string;
}

export interface StampedPdf {
  data: Uint8Array;
  pageCount: number;
  /** Where the mark went on page 1, in millimetres from the page's top-left corner as shown, and its scale. */
  placement: { xMm: number; yMm: number; widthMm: number; heightMm: number; scale: number; rotation: number; clearOfText: boolean };
}

const MM = 72 / 25.4;
/** The mark as the decree sizes it: 50 mm wide, 35 mm high. */
export const MARK_W = 50 * MM;
export const MARK_H = 35 * MM;
const EDGE = 10 * MM;
const STEP = 5 * MM;
const CLEARANCE = 1.5 * MM;
/** Stamp-pad red. */
const INK = { r: 0.8, g: 0.08, b: 0.1 };

type Box = { x0: number; y0: number; x1: number; y1: number };

interface FontkitSubset {
  encode(): Uint8Array;
  encodeStream?: () => EventEmitter;
}

/**
 * pdf-lib subsets fonts through @pdf-lib/fontkit's streaming API; the project has fontkit 2 (pdfkit's), whose subset
 * encodes in one call. This adapter gives its subsets the stream pdf-lib reads. A fresh font per file: fontkit caches
 * glyphs with the code points first laid out, which would go into another file's /ToUnicode (drafting/fonts.ts).
 */
async function fontkitForPdfLib(): Promise<{ create(data: Uint8Array): unknown }> {
  const fontkit = (await import('fontkit')) as unknown as { create(data: Uint8Array): { createSubset(): FontkitSubset } };
  return {
    create(data: Uint8Array) {
      const font = fontkit.create(data);
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => {
        const subset = createSubset();
        subset.encodeStream = () => {
          const out = new EventEmitter();
          setImmediate(() => {
            try {
              out.emit('data', subset.encode());
              out.emit('end');
            } catch (e) {
              out.emit('error', e);
            }
          });
          return out;
        };
        return subset;
      };
      return font;
    },
  };
}

const refuse = (name: string, why: string) => new AppError('FILE_INVALID', `Không đóng được dấu ĐẾN lên bản sao của «${name}»: ${why}.`, { field: 'attachmentId' });

/** Text boxes of page 1 in the page's shown coordinates (points from the top-left, y down). */
async function textBoxes(data: Uint8Array, name: string): Promise<Box[]> {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = lib.getDocument({ data, ...HARDENED_PDF_OPTIONS, verbosity: 0 });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw refuse(name, (e as { name?: string }).name === 'PasswordException' ? 'tệp được đặt mật khẩu' : 'cấu trúc PDF bị hỏng hoặc không đầy đủ');
  }
  try {
    if (doc.numPages < 1) throw refuse(name, 'tệp không có trang nào');
    const page = await doc.getPage(1);
    const vp = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const boxes: Box[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [a, b, c, d, e, f] = item.transform as number[];
      const len = Math.hypot(a, b) || 1;
      const dir = [(a / len) * item.width, (b / len) * item.width];
      // The run's corners in user space (a quarter of the font size below the baseline for descenders), then shown.
      const corners = [
        [e - c * 0.25, f - d * 0.25],
        [e + dir[0] - c * 0.25, f + dir[1] - d * 0.25],
        [e + c, f + d],
        [e + dir[0] + c, f + dir[1] + d],
      ].map(([x, y]) => vp.convertToViewportPoint(x, y) as [number, number]);
      const xs = corners.map((p) => p[0]);
      const ys = corners.map((p) => p[1]);
      boxes.push({ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
    }
    return boxes;
  } finally {
    await task.destroy();
  }
}

/** The highest place for a w × h mark that covers no text, at the right edge, else the left; none: top right. */
export function placeMark(page: { width: number; height: number }, boxes: Box[], w: number, h: number, edge: number): { x: number; y: number; clear: boolean } {
  const free = (x: number, y: number) =>
    !boxes.some((b) => b.x1 > x - CLEARANCE && b.x0 < x + w + CLEARANCE && b.y1 > y - CLEARANCE && b.y0 < y + h + CLEARANCE);
  const right = page.width - edge - w;
  const left = edge;
  const xs = right - left > STEP ? [right, left] : [right];
  for (let y = edge; y + h <= page.height - edge + 0.01; y += STEP) for (const x of xs) if (free(x, y)) return { x, y, clear: true };
  return { x: right, y: edge, clear: false };
}

/** pdf-lib draws in user space: the matrix from the page as shown (points, y up from the shown bottom-left) to it. */
function shownToUser(page: PDFPage): { m: [number, number, number, number, number, number]; width: number; height: number; rotation: number } {
  const box = page.getCropBox();
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const { x: bx, y: by, width: w, height: h } = box;
  if (rotation === 90) return { m: [0, 1, -1, 0, bx + w, by], width: h, height: w, rotation };
  if (rotation === 180) return { m: [-1, 0, 0, -1, bx + w, by + h], width: w, height: h, rotation };
  if (rotation === 270) return { m: [0, -1, 1, 0, bx, by + h], width: h, height: w, rotation };
  return { m: [1, 0, 0, 1, bx, by], width: w, height: h, rotation: 0 };
}

/** Lines of at most `max` of `width`, the last one cut with "…" when the text is longer. */
function wrap(text: string, font: PDFFont, size: number, width: number, max: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur ? `${cur} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) <= width || !cur) cur = next;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length <= max) return lines.map((l) => cutToWidth(l, font, size, width));
  const kept = lines.slice(0, max);
  kept[max - 1] = cutToWidth(`${kept[max - 1]} ${lines.slice(max).join(' ')}`, font, size, width);
  return kept;
}

function cutToWidth(line: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(line, size) <= width) return line;
  let s = line;
  while (s.length > 1 && font.widthOfTextAtSize(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/** The largest size from `max` down to `min` at which the text fits in `lines` lines. */
function fitSize(text: string, font: PDFFont, width: number, lines: number, max: number, min: number): number {
  for (let size = max; size > min; size -= 0.5) {
    const l = wrap(text, font, size, width, lines + 1);
    if (l.length <= lines && l.every((x) => font.widthOfTextAtSize(x, size) <= width)) return size;
  }
  return min;
}

const blank = (v: string) => v.trim() || '……………………';

/** Draws the mark in its own space: origin at its bottom-left, MARK_W × MARK_H points. */
function drawMark(page: PDFPage, mark: ArrivalMark, regular: PDFFont, bold: PDFFont, color: Color): void {
  const pad = 2 * MM;
  const inner = MARK_W - 2 * pad;
  page.drawRectangle({ x: 0.6, y: 0.6, width: MARK_W - 1.2, height: MARK_H - 1.2, borderColor: color, borderWidth: 1.2 });
  let y = MARK_H - pad;
  const line = (text: string, font: PDFFont, size: number, x: number, center = false) => {
    y -= size * 1.12;
    const w = font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: center ? (MARK_W - w) / 2 : x, y, size, font, color });
    y -= size * 0.12;
  };
  // TÊN CƠ QUAN: capitals, bold, centred, on two lines at most.
  const organ = (mark.organ.trim() || 'TÊN CƠ QUAN, TỔ CHỨC').toLocaleUpperCase('vi');
  const organSize = fitSize(organ, bold, inner, 2, 8.5, 5.5);
  for (const l of wrap(organ, bold, organSize, inner, 2)) line(l, bold, organSize, pad, true);
  y -= 2.5;
  // ĐẾN on the left, Số and Ngày beside it.
  const denSize = 15;
  const denW = bold.widthOfTextAtSize('ĐẾN', denSize);
  const col = pad + denW + 3 * MM;
  const top = y;
  const numSize = fitSize(`Số: ${mark.number}`, regular, MARK_W - pad - col, 1, 10, 7);
  line(`Số: ${mark.number}`, regular, numSize, col);
  line(`Ngày: ${mark.date}`, regular, numSize, col);
  page.drawText('ĐẾN', { x: pad, y: (top + y) / 2 - denSize * 0.33, size: denSize, font: bold, color });
  y -= 2;
  const forward = `Chuyển: ${blank(mark.forward)}`;
  const fwdSize = fitSize(forward, regular, inner, 2, 9.5, 6.5);
  for (const l of wrap(forward, regular, fwdSize, inner, 2)) line(l, regular, fwdSize, pad);
  const file = `Số và ký hiệu HS: ${blank(mark.file)}`;
  const fileSize = fitSize(file, regular, inner, 1, 9.5, 6.5);
  for (const l of wrap(file, regular, fileSize, inner, 1)) line(l, regular, fileSize, pad);
}

/** Page 1 of a copy gets the mark; the bytes given are never written to (the caller's original stays as stored). */
export async function stampArrivalPdf(data: Uint8Array, name: string, mark: ArrivalMark, fonts: { regular: Uint8Array; bold: Uint8Array }): Promise<StampedPdf> {
  const boxes = await textBoxes(new Uint8Array(data), name);
  const { PDFDocument, rgb, pushGraphicsState, popGraphicsState, concatTransformationMatrix } = await import('pdf-lib');
  let doc: Awaited<ReturnType<typeof PDFDocument.load>>;
  try {
    doc = await PDFDocument.load(new Uint8Array(data), { ignoreEncryption: true, updateMetadata: false });
  } catch {
    throw refuse(name, 'cấu trúc PDF bị hỏng hoặc không đầy đủ');
  }
  if (doc.isEncrypted) throw refuse(name, 'tệp được mã hóa (đặt mật khẩu hoặc giới hạn quyền): không ghi được bản sao');
  if (doc.getPageCount() < 1) throw refuse(name, 'tệp không có trang nào');
  doc.registerFontkit((await fontkitForPdfLib()) as Parameters<typeof doc.registerFontkit>[0]);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const page = doc.getPage(0);
  const t = shownToUser(page);
  // A page smaller than A4 (a slip, A5) gets a smaller mark; the mark is never larger than the decree's 35 × 50 mm.
  const edge = Math.min(EDGE, 0.05 * Math.min(t.width, t.height));
  const scale = Math.min(1, (t.width - 2 * edge) / MARK_W, (t.height - 2 * edge) / MARK_H);
  if (!(scale >= 0.2)) throw refuse(name, 'trang đầu quá nhỏ để đóng dấu');
  const w = MARK_W * scale;
  const h = MARK_H * scale;
  const place = placeMark({ width: t.width, height: t.height }, boxes, w, h, edge);
  const X = place.x;
  const Yb = t.height - place.y - h;
  const [a, b, c, d, e, f] = t.m;
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(a * scale, b * scale, c * scale, d * scale, a * X + c * Yb + e, b * X + d * Yb + f));
  drawMark(page, mark, regular, bold, rgb(INK.r, INK.g, INK.b));
  page.pushOperators(popGraphicsState());
  const out = await doc.save({ updateFieldAppearances: false });
  const r2 = (n: number) => Math.round((n / MM) * 10) / 10;
  return {
    data: out,
    pageCount: doc.getPageCount(),
    placement: { xMm: r2(place.x), yMm: r2(place.y), widthMm: r2(w), heightMm: r2(h), scale: Math.round(scale * 1000) / 1000, rotation: t.rotation, clearOfText: place.clear },
  };
}
