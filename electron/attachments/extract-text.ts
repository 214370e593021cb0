import { AppError } from '../../shared/api/result';
import { foldVietnamese } from '../../shared/text/fold';
import { NO_CONTENT, type ParseLimits } from '../parsing/limits';
import { parserError, runUntrusted } from '../parsing/untrusted';

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

/** `retry`: no worker could run (a broken install, the app closing): not the file's fault, try again later. */
export type Extraction = { ok: true; text: string; truncated: boolean } | { ok: false; reason: string; retry?: boolean };

/**
 * The text of a file: bytes (copied to the worker; shared without a copy when they live in a SharedArrayBuffer) or a
 * plaintext file's path (the worker reads it). Never throws: a file that cannot be read gives its reason, "Không trích
 * được nội dung: …".
 */
export async function extractText(
  mime: string,
  source: Uint8Array | { path: string },
  opts: { limits?: Partial<ParseLimits>; signal?: AbortSignal } = {},
): Promise<Extraction> {
  const task = mime === 'application/pdf' ? 'pdf.text' : mime === DOCX_MIME ? 'docx.text' : null;
  if (!task) return { ok: true, text: '', truncated: false };
  const input = source instanceof Uint8Array ? { data: source } : { path: source.path };
  const r = await runUntrusted<{ text: string; truncated: boolean }>(task, input, { lane: 'background', ...opts });
  if (r.ok) return { ok: true, ...r.value };
  if (r.limit === 'unavailable') return { ok: false, reason: r.reason, retry: true };
  if (r.limit !== null || parserError(r)?.message.startsWith(NO_CONTENT)) return { ok: false, reason: r.reason };
  // A library's own error (a broken ZIP, malformed XML): its English detail goes to the log, not to users.
  console.error('[vanphong] text extraction refused:', r.reason);
  return { ok: false, reason: `${NO_CONTENT}: tệp bị hỏng hoặc không đúng định dạng.` };
}

/** Texts folded for the search index: small ones here, large ones in the worker (megabytes take most of a second). */
export async function foldForIndex(texts: string[], signal?: AbortSignal): Promise<string> {
  const size = texts.reduce((n, t) => n + t.length, 0);
  if (size < 64 * 1024) return foldVietnamese(texts.join('\n'));
  const r = await runUntrusted<string>('text.fold', { texts }, { lane: 'background', signal });
  if (r.ok || signal?.aborted) return r.ok ? r.value : '';
  return foldVietnamese(texts.join('\n'));
}
