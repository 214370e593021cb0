import type { ParseLimits } from '../parsing/limits';

/**
 * What recognising one file may cost. Each page is one task of the parse worker (electron/parsing/untrusted.ts), so
 * each page has its own budget of time and memory: a page over it fails with its reason, and the next page starts
 * on a fresh worker. Pages past `maxPages` are left out, with a note.
 */
export interface OcrLimits {
  /** Pages recognised per file (a 500-page scan: the first ones, and a note saying so). */
  maxPages: number;
  /** Wall-clock time of one page: render or decode, orientation, recognition (twice when the page is checked upside down). */
  pageMs: number;
  /** The parse worker's heap + ArrayBuffers during one page (a decoded 40 MP image is 160 MB of RGBA). */
  workerMemoryMb: number;
  /** The process's RSS growth during one page: the engine's own worker and its WebAssembly memory count here. */
  rssGrowthMb: number;
  /** A page image is scaled down to this many pixels before recognition: A4 at 300 dpi (2480 × 3508). */
  pagePixels: number;
  /** Images (and images inside PDFs) over this many pixels are not decoded at all: 40 MP, A4 at 600 dpi and more. */
  maxSourcePixels: number;
}

export const DEFAULT_OCR_LIMITS: Readonly<OcrLimits> = Object.freeze({
  maxPages: 50,
  pageMs: 60_000,
  workerMemoryMb: 640,
  rssGrowthMb: 1024,
  pagePixels: 2480 * 3508,
  maxSourcePixels: 40_000_000,
});

let overrides: Partial<OcrLimits> = {};

/** Changes the limits for this process (tests shorten the page budget); `null` restores the defaults. */
export function setOcrLimits(next: Partial<OcrLimits> | null): void {
  overrides = next ?? {};
}

/** Defaults, then VANPHONG_OCR_PAGE_MS / VANPHONG_OCR_MAX_PAGES, then setOcrLimits. */
export function ocrLimits(env: NodeJS.ProcessEnv = process.env): OcrLimits {
  const fromEnv: Partial<OcrLimits> = {};
  const t = Number(env.VANPHONG_OCR_PAGE_MS);
  if (t > 0) fromEnv.pageMs = t;
  const p = Number(env.VANPHONG_OCR_MAX_PAGES);
  if (p > 0) fromEnv.maxPages = Math.floor(p);
  return { ...DEFAULT_OCR_LIMITS, ...fromEnv, ...overrides };
}

/** The parse worker's limits for one page. */
export function pageParseLimits(l: OcrLimits): Partial<ParseLimits> {
  return { timeMs: l.pageMs, workerMemoryMb: l.workerMemoryMb, rssGrowthMb: l.rssGrowthMb };
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 3 });

/** Why a page was not recognised, as the end of "Trang 3: không nhận dạng được (…)". */
export function pageLimitDetail(kind: 'time' | 'memory' | 'crash' | 'unavailable', l: OcrLimits): string {
  switch (kind) {
    case 'time':
      return `trang cần quá ${seconds(l.pageMs)} giây để nhận dạng`;
    case 'memory':
      return 'trang cần quá nhiều bộ nhớ để nhận dạng';
    case 'crash':
      return 'trình nhận dạng dừng bất thường';
    case 'unavailable':
      return 'không khởi động được trình nhận dạng';
  }
}
