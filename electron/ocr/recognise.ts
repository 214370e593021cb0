import crypto from 'node:crypto';
import { AppError } from '../../shared/api/result';
import type { ParseLimits } from '../parsing/limits';
import { parserError, runUntrusted, type Lane, type UntrustedResult } from '../parsing/untrusted';
import { imageKind, imageMayHoldText } from './image-size';
import { ocrLimits, pageLimitDetail, pageParseLimits, type OcrLimits } from './limits';
import type { OcrFileKind, OcrPageInput, OcrPageOutput } from './page-task';

/**
 * Offline OCR of scans and images (Vietnamese): PDFs whose pages carry no text layer, PNG, JPEG and multi-page TIFF.
 * Everything that reads the file runs in the parse worker (electron/parsing/untrusted.ts), one task per page, each
 * page under its own time and memory budget (limits.ts); the engine (engine.ts) runs beside it in tesseract.js's own
 * worker thread. Nothing here blocks the thread serving the API, and nothing is downloaded.
 */
export interface OcrPage {
  text: string;
  confidence: number;
  ms: number;
  rotation: 0 | 90 | 180 | 270;
  /** 1-based. */
  page: number;
  /** `ocr`: recognised; `layer`: the PDF page's own text; `empty`: nothing to read; `failed`: see `error`. */
  source: 'ocr' | 'layer' | 'empty' | 'failed';
  /** Degrees the page was levelled by before recognition. */
  skew: number;
  /** Why the page was not recognised, when `source` is `failed`: a sentence ("Trang 3: không nhận dạng được (…).")… */
  error?: string;
  /** …and its reason alone ("trang cần quá 60 giây để nhận dạng"). */
  reason?: string;
}
export interface OcrProgress {
  page: number;
  pages: number;
  stage: 'render' | 'recognise' | 'done';
}
export interface OcrOptions {
  onProgress?: (p: OcrProgress) => void;
  signal?: AbortSignal;
  maxPages?: number;
  /** The parse worker's lane: `intake` for a file someone waits on (a form's file drop); `background` else. */
  lane?: Lane;
}
export interface OcrResult {
  pages: OcrPage[];
  /** The pages' text, page after page (NFC). */
  text: string;
  pageCount: number;
  /** Pages actually recognised (not their own text layer, not empty). */
  recognised: number;
  /** Mean confidence of the recognised pages, 0–100 (0 when none was). */
  confidence: number;
  /** What the reader should know (pages left out, pages that failed), in Vietnamese; null when nothing. */
  note: string | null;
}

type FileIn = { data: Uint8Array; name: string };

function kindOf(file: FileIn): OcrFileKind | null {
  const head = Buffer.from(file.data.buffer, file.data.byteOffset, Math.min(file.data.byteLength, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  return imageKind(file.data);
}

/** The bytes in shared memory: each page's task sees them without a copy on this thread. */
function shared(data: Uint8Array): Uint8Array {
  if (data.buffer instanceof SharedArrayBuffer) return data;
  const out = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  out.set(data);
  return out;
}

const local = async <T>(fn: (m: typeof import('./page-task')) => Promise<T>): Promise<T> => fn(await import('./page-task'));

/**
 * Whether a file needs OCR (an image, or a PDF whose pages carry no text layer). For a PDF: some page among the first
 * `maxPages` has no text (or a few characters) and draws an image — a scan; a page with neither is blank, not a scan.
 * The check parses the PDF (text, and the operator list without decoding images) in the parse worker under the
 * ordinary parse limits (`limits`, those of text extraction); a PDF that does not open needs none.
 */
export async function needsOcr(file: FileIn, opts: { signal?: AbortSignal; lane?: Lane; limits?: Partial<ParseLimits> } = {}): Promise<boolean> {
  const kind = kindOf(file);
  if (!kind) return false;
  if (kind !== 'pdf') return imageMayHoldText(file.data);
  const r = await inspect(file.data, kind, `needs-${crypto.randomUUID()}`, ocrLimits(), { ...opts, images: true });
  return r.ok ? r.value.withoutText.length > 0 : false;
}

function inspect(
  data: Uint8Array,
  kind: OcrFileKind,
  key: string,
  limits: OcrLimits,
  opts: { signal?: AbortSignal; lane?: Lane; images?: boolean; limits?: Partial<ParseLimits> },
) {
  const input = { data, key, kind, page: 1, maxPages: limits.maxPages, images: opts.images, limits: { pagePixels: limits.pagePixels, maxSourcePixels: limits.maxSourcePixels } };
  return runUntrusted<{ pageCount: number; withoutText: number[] }>('ocr.inspect', input, {
    lane: opts.lane ?? 'background',
    limits: opts.limits ?? {},
    signal: opts.signal,
    local: () => local((m) => m.ocrInspect(input, () => new Uint8Array(data))),
  });
}

/** The worker lets go of the file it holds open between pages. */
function closeFile(lane: Lane = 'background'): Promise<unknown> {
  return runUntrusted('ocr.close', {}, { lane, local: () => local((m) => m.close()) });
}

/** Why a page's task did not give a page: a limit, or the parser's refusal. */
function failure(r: Exclude<UntrustedResult<unknown>, { ok: true }>, limits: OcrLimits): string {
  if (r.limit !== null) return pageLimitDetail(r.limit, limits);
  const refused = parserError(r);
  if (refused) return refused.message.replace(/\.$/, '');
  console.error('[vanphong] OCR page refused:', r.reason);
  return 'trang bị hỏng hoặc không đọc được';
}

/**
 * Recognises the file's pages (a PDF's pages with their own text layer give that text instead), the first
 * `maxPages` of them. A page over its budget, or broken, fails alone (its `error`, and the result's `note`); the
 * others go on. A file that is neither a PDF nor an image, or that does not open, is refused (AppError). Cancelled
 * through `signal`: throws the signal's reason (an AbortError).
 */
export async function recogniseFile(file: FileIn, opts: OcrOptions = {}): Promise<OcrResult> {
  const kind = kindOf(file);
  if (!kind) throw new AppError('FILE_INVALID', `Tệp «${file.name}» không phải PDF hay ảnh PNG, JPEG, TIFF: không nhận dạng chữ được.`);
  const limits = { ...ocrLimits(), ...(opts.maxPages ? { maxPages: Math.max(1, Math.floor(opts.maxPages)) } : {}) };
  const lane = opts.lane ?? 'background';
  const data = shared(file.data);
  const key = `${crypto.randomUUID()}`;
  const cancelled = () => opts.signal?.throwIfAborted();
  cancelled();
  // Opening the file (its page count, a PDF's text layers) is a parse like any other: the ordinary parse limits.
  const opened = await inspect(data, kind, key, limits, { signal: opts.signal, lane });
  cancelled();
  if (!opened.ok) {
    const refused = parserError(opened);
    if (refused) throw new AppError(refused.code, `Tệp «${file.name}»: ${refused.message}`, { details: { reason: refused.message } });
    if (opened.limit === 'unavailable') throw new AppError('INTERNAL', `Không nhận dạng được tệp «${file.name}»: ${pageLimitDetail('unavailable', limits)}.`);
    throw new AppError('FILE_INVALID', `Không nhận dạng được tệp «${file.name}»: ${pageLimitDetail(opened.limit ?? 'crash', limits)}.`);
  }
  const pageCount = opened.value.pageCount;
  const pages = Math.min(pageCount, limits.maxPages);
  const out: OcrPage[] = [];
  try {
    opts.onProgress?.({ page: 0, pages, stage: 'render' });
    for (let p = 1; p <= pages; p++) {
      cancelled();
      opts.onProgress?.({ page: p, pages, stage: 'recognise' });
      const input: OcrPageInput = { data, key, kind, page: p, limits: { pagePixels: limits.pagePixels, maxSourcePixels: limits.maxSourcePixels } };
      const r = await runUntrusted<OcrPageOutput>('ocr.page', input, {
        lane,
        limits: pageParseLimits(limits),
        signal: opts.signal,
        local: () => local((m) => m.ocrPage(input, () => new Uint8Array(data))),
      });
      cancelled();
      if (r.ok) {
        const { pageCount: _, ...page } = r.value;
        out.push({ ...page, page: p });
      } else {
        if (r.limit === 'unavailable') throw new AppError('INTERNAL', `Không nhận dạng được tệp «${file.name}»: ${pageLimitDetail('unavailable', limits)}.`);
        // The engine itself could not start: no page of any file would read; said once, and the file kept for later.
        if (parserError(r)?.code === 'INTERNAL') throw parserError(r)!;
        const reason = failure(r, limits);
        out.push({ page: p, source: 'failed', text: '', confidence: 0, ms: 0, rotation: 0, skew: 0, error: `Trang ${p}: không nhận dạng được (${reason}).`, reason });
      }
    }
    opts.onProgress?.({ page: pages, pages, stage: 'done' });
  } finally {
    void closeFile(lane);
  }
  return summarise(out, pageCount, pages);
}

function summarise(pages: OcrPage[], pageCount: number, done: number): OcrResult {
  const recognised = pages.filter((p) => p.source === 'ocr');
  const notes: string[] = [];
  if (done < pageCount) notes.push(`Chỉ nhận dạng ${done} trang đầu trong ${pageCount} trang.`);
  for (const p of pages) if (p.error) notes.push(p.error);
  return {
    pages,
    text: pages
      .map((p) => p.text)
      .filter(Boolean)
      .join('\n\n'),
    pageCount,
    recognised: recognised.length,
    confidence: recognised.length ? Math.round(recognised.reduce((s, p) => s + p.confidence, 0) / recognised.length) : 0,
    note: notes.length ? notes.join(' ') : null,
  };
}
