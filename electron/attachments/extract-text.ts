import { AppError } from '../../shared/api/result';
import { foldVietnamese } from '../../shared/text/fold';
import { NO_CONTENT, parseLimits, type ParseLimits } from '../parsing/limits';
import { capText } from '../parsing/pdf';
import { parserError, runUntrusted } from '../parsing/untrusted';
import { imageMayHoldText } from '../ocr/image-size';
import { needsOcr, recogniseFile, type OcrProgress } from '../ocr/recognise';
import type { TextSource } from './repo';

/**
 * PDF and DOCX content for registration and the search index. The files come from outside: they are parsed only in
 * the parse worker (electron/parsing/), under a time, memory and output limit, never on the thread serving the API.
 */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A PDF's page count when it is registered. A PDF that does not parse is refused (FILE_INVALID, naming the file); one
 * that needs more time or memory than allowed is accepted without a page count (its text extraction will fail too,
 * with its reason, in the background).
 */
export async function inspectPdf(data: Uint8Array, name = 'tệp', limits?: Partial<ParseLimits>): Promise<{ pageCount: number | null }> {
  const r = await runUntrusted<{ pageCount: number }>('pdf.inspect', { data, name }, { lane: 'interactive', limits });
  if (r.ok) return r.value;
  const refused = parserError(r);
  if (refused) throw refused;
  if (r.limit === null) throw new AppError('FILE_INVALID', `Không đọc được tệp PDF «${name}»: cấu trúc PDF bị hỏng hoặc không đầy đủ.`);
  console.error(`[vanphong] page count of «${name}» not read: ${r.reason}`);
  return { pageCount: null };
}

/**
 * `retry`: no worker could run (a broken install, the app closing), or recognition was put off: not the file's fault,
 * try again later. `source`: the file's own text, or OCR (`confidence`, `note`: pages left out or failed).
 */
export type Extraction =
  | { ok: true; text: string; truncated: boolean; source?: TextSource; confidence?: number | null; note?: string | null }
  | { ok: false; reason: string; retry?: boolean };

export interface ExtractOptions {
  limits?: Partial<ParseLimits>;
  signal?: AbortSignal;
  /**
   * Scans (PDFs whose pages carry no text layer but an image) and images are recognised (electron/ocr/), page by page
   * with each page's own budget; `false` puts them off (`retry`: the next long-running host recognises them).
   */
  ocr?: boolean;
  onOcrProgress?: (p: OcrProgress) => void;
  /** A PDF's page count when known (registration read it): how thin its text is, per page. */
  pageCount?: number | null;
}

const IMAGE_MIMES = new Set(['image/png', 'image/jpeg', 'image/tiff']);

/**
 * Under this many characters (not spaces) per page on average, a PDF's pages are looked at one by one for scans
 * (a typed page holds 1,500–3,000; a scanned one none).
 */
const THIN_PER_PAGE = 1000;

/**
 * The text of a file: bytes (copied to the worker; shared without a copy when they live in a SharedArrayBuffer) or a
 * plaintext file's path (the worker reads it). Never throws: a file that cannot be read gives its reason, "Không trích
 * được nội dung: …". A PDF's own text is read first, under the ordinary limits; only a PDF whose text is thin is
 * looked at for scanned pages (and a hostile PDF that fails its text extraction is never rendered).
 */
export async function extractText(mime: string, source: Uint8Array | { path: string }, opts: ExtractOptions = {}): Promise<Extraction> {
  if (IMAGE_MIMES.has(mime) && source instanceof Uint8Array) {
    if (!imageMayHoldText(source)) return { ok: true, text: '', truncated: false };
    if (opts.ocr === false) return { ok: false, reason: 'OCR put off', retry: true };
    return recognised(source, opts);
  }
  const task = mime === 'application/pdf' ? 'pdf.text' : mime === DOCX_MIME ? 'docx.text' : null;
  if (!task) return { ok: true, text: '', truncated: false };
  const input = source instanceof Uint8Array ? { data: source } : { path: source.path };
  const r = await runUntrusted<{ text: string; truncated: boolean }>(task, input, { lane: 'background', limits: opts.limits, signal: opts.signal });
  if (r.ok) {
    const thin = r.value.text.replace(/\s+/g, '').length < THIN_PER_PAGE * Math.max(1, opts.pageCount ?? 1);
    if (task === 'pdf.text' && thin && source instanceof Uint8Array && (await needsOcr({ data: source, name: 'tệp' }, opts))) {
      if (opts.signal?.aborted) return { ok: false, reason: 'stopped', retry: true };
      if (opts.ocr === false) return { ok: false, reason: 'OCR put off', retry: true };
      return recognised(source, opts);
    }
    return { ok: true, ...r.value, source: 'layer' };
  }
  if (r.limit === 'unavailable') return { ok: false, reason: r.reason, retry: true };
  if (r.limit !== null || parserError(r)?.message.startsWith(NO_CONTENT)) return { ok: false, reason: r.reason };
  // A library's own error (a broken ZIP, malformed XML): its English detail goes to the log, not to users.
  console.error('[vanphong] text extraction refused:', r.reason);
  return { ok: false, reason: `${NO_CONTENT}: tệp bị hỏng hoặc không đúng định dạng.` };
}

/** A scan's or an image's text by OCR, as an extraction: the pages' text, or why none could be had. */
async function recognised(data: Uint8Array, opts: ExtractOptions): Promise<Extraction> {
  try {
    const r = await recogniseFile({ data, name: 'tệp' }, { signal: opts.signal, onProgress: opts.onOcrProgress });
    const failed = r.pages.filter((p) => p.source === 'failed');
    if (failed.length > 0 && failed.length === r.pages.length) return { ok: false, reason: `${NO_CONTENT}: ${failed[0].reason}.` };
    const max = opts.limits?.maxTextChars ?? parseLimits().maxTextChars;
    const text = capText(r.text, max);
    const note = r.recognised === 0 && !text ? joinNote('Không tìm thấy chữ nào trên tệp.', r.note) : r.note;
    return {
      ok: true,
      text,
      truncated: text.length < r.text.length || r.pages.length < r.pageCount,
      source: r.recognised > 0 ? 'ocr' : 'layer',
      confidence: r.recognised > 0 ? r.confidence : null,
      note,
    };
  } catch (e) {
    if (opts.signal?.aborted) return { ok: false, reason: 'stopped', retry: true };
    if (e instanceof AppError && e.code === 'INTERNAL') return { ok: false, reason: e.message, retry: true };
    if (e instanceof AppError) {
      const reason = (e.details as { reason?: string } | undefined)?.reason ?? e.message;
      return { ok: false, reason: `${NO_CONTENT}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` };
    }
    console.error('[vanphong] OCR failed:', (e as Error).message);
    return { ok: false, reason: `${NO_CONTENT}: tệp bị hỏng hoặc không đúng định dạng.` };
  }
}

const joinNote = (a: string, b: string | null) => (b ? `${a} ${b}` : a);

/** Texts folded for the search index: small ones here, large ones in the worker (megabytes take most of a second). */
export async function foldForIndex(texts: string[], signal?: AbortSignal): Promise<string> {
  const size = texts.reduce((n, t) => n + t.length, 0);
  if (size < 64 * 1024) return foldVietnamese(texts.join('\n'));
  const r = await runUntrusted<string>('text.fold', { texts }, { lane: 'background', signal });
  if (r.ok || signal?.aborted) return r.ok ? r.value : '';
  return foldVietnamese(texts.join('\n'));
}
