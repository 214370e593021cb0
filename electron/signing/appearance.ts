import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import type { PNG } from 'pngjs';
import { AppError } from '../../shared/api/result';
import { parsedFonts } from '../drafting/fonts';
import * as lazy from './lazy-libs';

/**
 * What a signature widget shows (ND30 Phụ lục I, II.7.d and II.8):
 * - the signer: their handwritten signature, a blue PNG with a transparent background, centred in the slot;
 * - the organisation on the main document: the seal, a red PNG at its real size, over the left third of the signature;
 * - the organisation on an attachment file: no image, "số/ký hiệu" and the signing time (ISO 8601, +07:00),
 *   Times New Roman 10 pt, black, top right of page 1.
 * Each is a form XObject in the widget's rect coordinates, with the extra objects it needs (image, soft mask, font).
 */
export interface Appearance {
  content: string;
  resources: string;
  /** Objects the resources refer to; `ref(i)` is extra object i's reference ("12 0 R"). */
  extraObjects: { body: (ref: (i: number) => string) => Uint8Array }[];
}

/** Stamp images bigger than this are refused before decoding (a PNG bomb expands to width × height × 4 bytes). */
const MAX_STAMP_PIXELS = 4096 * 4096;

export interface StampImage {
  width: number;
  height: number;
  /** RGB, 8 bits per component. */
  rgb: Buffer;
  /** Alpha, 8 bits; null when the image is fully opaque. */
  alpha: Buffer | null;
  /** The printed width the PNG declares (pHYs chunk), in mm; null when it declares none. */
  widthMm: number | null;
}

/** The pHYs chunk's pixels per metre, when the unit is the metre. */
function pixelsPerMetre(b: Buffer): number | null {
  let at = 8;
  while (at + 12 <= b.length) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && len >= 9) return b[at + 16] === 1 ? b.readUInt32BE(at + 8) || null : null;
    if (type === 'IDAT' || type === 'IEND') return null;
    at += 12 + len;
  }
  return null;
}

/** Reads a PNG signature or seal image; anything else is refused with a message for the user. */
export function decodeStamp(png: Uint8Array): StampImage {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') {
    throw new AppError('FILE_INVALID', 'Ảnh chữ ký/con dấu phải là tệp PNG.', { field: 'image' });
  }
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  if (!width || !height || width * height > MAX_STAMP_PIXELS) {
    throw new AppError('FILE_INVALID', `Ảnh PNG quá lớn (${width}×${height} điểm ảnh; tối đa 4096×4096).`, { field: 'image' });
  }
  let img: PNG;
  try {
    img = lazy.pngjs().PNG.sync.read(b);
  } catch {
    throw new AppError('FILE_INVALID', 'Ảnh PNG bị hỏng, không đọc được.', { field: 'image' });
  }
  const rgb = Buffer.alloc(width * height * 3);
  const alpha = Buffer.alloc(width * height);
  let opaque = true;
  for (let i = 0, j = 0, k = 0; i < img.data.length; i += 4, j += 3, k++) {
    rgb[j] = img.data[i];
    rgb[j + 1] = img.data[i + 1];
    rgb[j + 2] = img.data[i + 2];
    alpha[k] = img.data[i + 3];
    if (alpha[k] !== 255) opaque = false;
  }
  const ppm = pixelsPerMetre(b);
  return { width, height, rgb, alpha: opaque ? null : alpha, widthMm: ppm ? (width / ppm) * 1000 : null };
}

const n = (v: number) => (Math.round(v * 100) / 100).toString();

function stream(dict: string, data: Buffer): Uint8Array {
  return Buffer.concat([Buffer.from(`<<\n${dict}\n/Length ${data.length}\n>>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

/**
 * An image drawn in a box of `w` × `h` points. `contain`: scaled to fit and centred (the signer's signature);
 * `fill`: the box already has the image's real size and aspect (the seal).
 */
export function imageAppearance(img: StampImage, w: number, h: number, mode: 'contain' | 'fill' = 'contain'): Appearance {
  let dw = w;
  let dh = h;
  if (mode === 'contain') {
    const s = Math.min(w / img.width, h / img.height);
    dw = img.width * s;
    dh = img.height * s;
  }
  const dx = (w - dw) / 2;
  const dy = (h - dh) / 2;
  const imageObj = (ref: (i: number) => string) =>
    stream(
      `/Type /XObject\n/Subtype /Image\n/Width ${img.width}\n/Height ${img.height}\n/ColorSpace /DeviceRGB\n/BitsPerComponent 8\n/Filter /FlateDecode` +
        (img.alpha ? `\n/SMask ${ref(1)}` : ''),
      zlib.deflateSync(img.rgb),
    );
  const maskObj = () =>
    stream(`/Type /XObject\n/Subtype /Image\n/Width ${img.width}\n/Height ${img.height}\n/ColorSpace /DeviceGray\n/BitsPerComponent 8\n/Filter /FlateDecode`, zlib.deflateSync(img.alpha!));
  return {
    content: `q ${n(dw)} 0 0 ${n(dh)} ${n(dx)} ${n(dy)} cm /Im0 Do Q`,
    resources: '<< /XObject << /Im0 {obj0} >> >>',
    extraObjects: img.alpha ? [{ body: imageObj }, { body: maskObj }] : [{ body: imageObj }],
  };
}

// ——— Text in Times (the standard Type 1 face readers map to Times New Roman), for attachment stamps ———

/** WinAnsi, plus Đ and đ placed on two codes WinAnsi leaves unused (the Vietnamese ký hiệu use only these). */
const EXTRA_CODES: Record<string, number> = { Đ: 0x81, đ: 0x8d };
const TIMES_FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [129 /Dcroat 141 /dcroat] >> >>';

let timesWidths: Map<number, number> | null = null;

/** Times-Roman advance widths by character code (1/1000 em), from the AFM pdfkit ships. */
function widths(): Map<number, number> {
  if (!timesWidths) {
    const require = createRequire(import.meta.url);
    const afm = fs.readFileSync(path.join(path.dirname(require.resolve('pdfkit')), 'data', 'Times-Roman.afm'), 'latin1');
    const byName = new Map<string, number>();
    timesWidths = new Map();
    for (const m of afm.matchAll(/^C (-?\d+) ; WX (\d+) ; N (\S+)/gm)) {
      byName.set(m[3], Number(m[2]));
      if (Number(m[1]) >= 0) timesWidths.set(Number(m[1]), Number(m[2]));
    }
    timesWidths.set(EXTRA_CODES['Đ'], byName.get('Dcroat') ?? 722);
    timesWidths.set(EXTRA_CODES['đ'], byName.get('dcroat') ?? 500);
  }
  return timesWidths;
}

/** Encodes text for the Times resource; characters outside it are refused (a ký hiệu is capitals, digits, "/", "-"). */
function encodeTimes(text: string): { bytes: number[]; width: number } {
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    const code = EXTRA_CODES[ch] ?? ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) ? cp : -1);
    if (code < 0) throw new AppError('VALIDATION', `Ký tự «${ch}» không in được trong dấu thời gian của tệp đính kèm.`, { field: 'text' });
    bytes.push(code);
  }
  const w = widths();
  return { bytes, width: bytes.reduce((s, c) => s + (w.get(c) ?? 500), 0) / 1000 };
}

const pdfString = (bytes: number[]) => `<${Buffer.from(bytes).toString('hex').toUpperCase()}>`;

/** Lines of text, right-aligned, in a box the function sizes itself; returns the box size with the appearance. */
export function textStamp(lines: string[], size = 10): Appearance & { width: number; height: number } {
  const enc = lines.map(encodeTimes);
  const width = Math.ceil(Math.max(...enc.map((e) => e.width * size))) + 2;
  const leading = size * 1.2;
  const height = Math.ceil(leading * lines.length + size * 0.3);
  const ops = enc.map((e, i) => {
    const x = width - 1 - e.width * size;
    const y = height - leading * (i + 1) + size * 0.25;
    return `BT /F1 ${size} Tf ${n(x)} ${n(y)} Td ${pdfString(e.bytes)} Tj ET`;
  });
  return { content: `0 g\n${ops.join('\n')}`, resources: '<< /Font << /F1 {obj0} >> >>', extraObjects: [{ body: () => Buffer.from(TIMES_FONT, 'latin1') }], width, height };
}

// ——— A signer without a signature image: their name and the time, drawn as outlines of the embedded face ———

interface FontkitPathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}
interface FontkitFont {
  unitsPerEm: number;
  layout(text: string): { glyphs: { path: { commands: FontkitPathCommand[] } }[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
}

/** Text as filled outlines at the origin (Vietnamese needs glyphs no standard PDF font has, and a widget cannot share the page's fonts). */
async function outlinedText(text: string, size: number): Promise<{ ops: string; width: number }> {
  const font = (await parsedFonts()).regular as FontkitFont;
  const run = font.layout(text.normalize('NFC'));
  const k = size / font.unitsPerEm;
  let x = 0;
  const ops: string[] = [];
  run.glyphs.forEach((g, i) => {
    const pos = run.positions[i];
    const ox = (x + pos.xOffset) * k;
    const oy = pos.yOffset * k;
    let cx = 0;
    let cy = 0;
    for (const c of g.path.commands) {
      const a = c.args;
      const p = (px: number, py: number) => `${n(ox + px * k)} ${n(oy + py * k)}`;
      if (c.command === 'moveTo') ops.push(`${p(a[0], a[1])} m`);
      else if (c.command === 'lineTo') ops.push(`${p(a[0], a[1])} l`);
      else if (c.command === 'bezierCurveTo') ops.push(`${p(a[0], a[1])} ${p(a[2], a[3])} ${p(a[4], a[5])} c`);
      else if (c.command === 'quadraticCurveTo') {
        // A quadratic Bézier as a cubic: control points at 2/3 of the way to the quadratic's control point.
        const c1x = cx + (2 / 3) * (a[0] - cx);
        const c1y = cy + (2 / 3) * (a[1] - cy);
        const c2x = a[2] + (2 / 3) * (a[0] - a[2]);
        const c2y = a[3] + (2 / 3) * (a[1] - a[3]);
        ops.push(`${p(c1x, c1y)} ${p(c2x, c2y)} ${p(a[2], a[3])} c`);
      } else ops.push('h');
      if (a.length >= 2) {
        cx = a[a.length - 2];
        cy = a[a.length - 1];
      }
    }
    x += pos.xAdvance;
  });
  return { ops: ops.length ? `${ops.join('\n')}\nf` : '', width: x * k };
}

/** "Ký bởi: …" and "Thời gian: …" in blue, centred in the box: the signer's stamp when no signature image is on file. */
export async function signerTextAppearance(lines: string[], w: number, h: number, size = 10): Promise<Appearance> {
  const leading = size * 1.3;
  const top = h / 2 + (leading * lines.length) / 2;
  const parts: string[] = [];
  for (const [i, line] of lines.entries()) {
    // Outlined once at the origin, then moved into place: centring needs the width the outlining measures.
    const t = await outlinedText(line, size);
    parts.push(`q 1 0 0 1 ${n(Math.max(0, (w - t.width) / 2))} ${n(top - leading * (i + 1) + size * 0.25)} cm\n${t.ops}\nQ`);
  }
  return { content: `0 0 0.6 rg\n${parts.join('\n')}`, resources: '<< >>', extraObjects: [] };
}
