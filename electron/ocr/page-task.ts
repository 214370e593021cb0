import { AppError } from '../../shared/api/result';
import { recogniseChecked, theEngine } from './engine';
import { openImage, type OpenedImage } from './images';
import type { OcrLimits } from './limits';
import type { ParseInput } from '../parsing/tasks';
import { MIN_LAYER_CHARS, openPdf, type OpenedPdf } from './pdf-pages';
import { applyOrientation, detectOrientation } from './orientation';
import { hasInk, removeRules, type Gray } from './preprocess';

/**
 * The parse worker's OCR tasks (registered in electron/hosts/parse-worker.ts): one page per task, so that each page
 * has the worker's time and memory budget to itself. The file stays open in the worker between the pages of one
 * file (`key`), so a PDF is parsed once, not once per page.
 */
export type OcrFileKind = 'pdf' | 'png' | 'jpg' | 'tif';

export interface OcrPageInput extends ParseInput {
  data: Uint8Array;
  key: string;
  kind: OcrFileKind;
  /** 1-based. */
  page: number;
  limits: Pick<OcrLimits, 'pagePixels' | 'maxSourcePixels'>;
}

export interface OcrPageOutput {
  pageCount: number;
  /** `layer`: the PDF page's own text; `empty`: nothing on the page to read. */
  source: 'ocr' | 'layer' | 'empty';
  text: string;
  confidence: number;
  /** Clockwise degrees the page was turned to be read upright. */
  rotation: 0 | 90 | 180 | 270;
  /** Degrees the page was levelled by. */
  skew: number;
  ms: number;
}

/** Below this confidence, what the engine read is not text (a photo, a drawing): the page counts as empty. */
export const MIN_CONFIDENCE = 35;

/**
 * Whether what the engine read is text rather than shapes read as letters (a photo gives a few stray marks, "⁄ ..
 * VỀ Y Y", at confidence ~40): sure enough, any word of two letters or more; unsure, at least five of three or more.
 */
export function looksLikeText(text: string, confidence: number): boolean {
  const words = text.match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  if (confidence >= 60) return words.length > 0;
  return confidence >= MIN_CONFIDENCE && words.filter((w) => w.length >= 3).length >= 5;
}

let opened: { key: string; pdf?: OpenedPdf; image?: OpenedImage } | null = null;

async function open(input: OcrPageInput, data: () => Uint8Array): Promise<{ pdf?: OpenedPdf; image?: OpenedImage }> {
  if (opened?.key === input.key) return opened;
  await close();
  if (input.kind === 'pdf') opened = { key: input.key, pdf: await openPdf(data(), input.limits) };
  else opened = { key: input.key, image: await openImage(data(), input.limits) };
  return opened;
}

/** Lets go of the open file (the last page done, or another file coming). */
export async function close(): Promise<void> {
  const o = opened;
  opened = null;
  await o?.pdf?.close().catch(() => undefined);
}

/**
 * The file's pages, and those that need recognition among its first `maxPages`: every page of an image; a PDF's pages
 * whose text layer is missing or too thin — with `images`, only those of them that draw an image (a scan), counted
 * without decoding any (a separate, probing parse that renders nothing).
 */
export async function ocrInspect(input: OcrPageInput & { maxPages: number; images?: boolean }, data: () => Uint8Array) {
  if (input.images && input.kind === 'pdf') {
    const probe = await openPdf(data(), input.limits, { probeImages: true });
    try {
      const scans: number[] = [];
      for (let i = 1; i <= Math.min(probe.pageCount, input.maxPages); i++)
        if (thin(await probe.layerText(i)) && (await probe.imageCount(i)) > 0) scans.push(i);
      return { pageCount: probe.pageCount, withoutText: scans };
    } finally {
      await probe.close().catch(() => undefined);
    }
  }
  const f = await open(input, data);
  const withoutText: number[] = [];
  if (!f.pdf) for (let i = 1; i <= Math.min(f.image!.pageCount, input.maxPages); i++) withoutText.push(i);
  else for (let i = 1; i <= Math.min(f.pdf.pageCount, input.maxPages); i++) if (thin(await f.pdf.layerText(i))) withoutText.push(i);
  // Pages to recognise: the engine starts now, in its own thread, while the first page is decoded or rendered.
  if (withoutText.length) theEngine().catch(() => undefined);
  return { pageCount: f.pdf?.pageCount ?? f.image!.pageCount, withoutText };
}

const thin = (layer: string) => layer.replace(/\s+/g, '').length < MIN_LAYER_CHARS;

export async function ocrPage(input: OcrPageInput, data: () => Uint8Array): Promise<OcrPageOutput> {
  const t0 = performance.now();
  const f = await open(input, data);
  const pageCount = f.pdf?.pageCount ?? f.image!.pageCount;
  if (!(input.page >= 1 && input.page <= pageCount)) throw new AppError('VALIDATION', `Tệp không có trang ${input.page}.`);
  const done = (o: Omit<OcrPageOutput, 'pageCount' | 'ms'>): OcrPageOutput => ({ ...o, pageCount, ms: Math.round(performance.now() - t0) });
  let layer = '';
  if (f.pdf) {
    layer = await f.pdf.layerText(input.page);
    if (!thin(layer)) return done({ source: 'layer', text: layer, confidence: 100, rotation: 0, skew: 0 });
  }
  const { gray, dpi } = f.pdf ? await f.pdf.render(input.page) : await f.image!.page(input.page);
  const r = await recognisePage(gray, dpi);
  // Nothing recognised on a page with a few characters of its own (a scanner's stamp, a page number): those.
  if (r.source === 'empty' && layer) return done({ ...r, source: 'layer', text: layer, confidence: 100 });
  return done(r);
}

/** Orientation, skew, recognition, and the check that what came out is text. */
export async function recognisePage(gray: Gray, dpi: number): Promise<Omit<OcrPageOutput, 'pageCount' | 'ms'>> {
  if (!hasInk(gray)) return { source: 'empty', text: '', confidence: 0, rotation: 0, skew: 0 };
  // Ruling lines out first (orientation and the engine both read text better without them), and again once the
  // page is levelled: a skewed rule was only broken into steps the first time.
  const minRun = Math.round(0.3 * dpi);
  const clean = removeRules(gray, minRun);
  const o = detectOrientation(clean);
  const upright = o.skew ? removeRules(applyOrientation(clean, o), minRun) : applyOrientation(clean, o);
  const r = await recogniseChecked(upright, dpi, o.certainty >= 0.2);
  const turns = ((o.turns + (r.flipped ? 2 : 0)) % 4) as 0 | 1 | 2 | 3;
  const rotation = (turns * 90) as OcrPageOutput['rotation'];
  const text = tidy(r.text);
  if (!looksLikeText(text, r.confidence)) return { source: 'empty', text: '', confidence: r.confidence, rotation, skew: o.skew };
  return { source: 'ocr', text, confidence: r.confidence, rotation, skew: o.skew };
}

/** The engine's text with its blank-line runs and trailing spaces tidied. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
