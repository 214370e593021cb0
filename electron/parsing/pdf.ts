import { AppError } from '../../shared/api/result';
import { NO_CONTENT, type ParseLimits } from './limits';

/**
 * PDF page count and text with pdfjs-dist's legacy build — only ever inside the parse worker (parse-worker.ts), never
 * on the thread that serves the API. pdf.js runs there with its "fake worker" (same thread); eval is disabled (no
 * font program is ever turned into JavaScript: CVE-2024-4367), no fonts are loaded, nothing is fetched, XFA is off.
 * Output is capped: `maxPages` pages, `maxTextChars` characters (the text stream is cancelled at the cap).
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
const pdfjs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * How every hostile PDF is opened: no eval, no font loading, no image decoders or canvases of the platform, no
 * fetches, no XFA, and past errors instead of stopping (a broken file still gives what it can).
 */
export const HARDENED_PDF_OPTIONS = {
  isEvalSupported: false,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  useWorkerFetch: false,
  enableXfa: false,
  stopAtErrors: false,
} as const;

/** Opens the document; one that does not parse is refused with `refuse(why)`. */
async function openPdf(data: Uint8Array, refuse: (why: string) => AppError) {
  const lib = await pdfjs();
  // pdfjs transfers (detaches) the buffer it is given: the worker owns this copy.
  const task = lib.getDocument({ data, ...HARDENED_PDF_OPTIONS, verbosity: 0 });
  try {
    return { doc: await task.promise, task };
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const err = e as { name?: string; message?: string };
    const why = err.name === 'PasswordException' ? 'tệp được đặt mật khẩu' : 'cấu trúc PDF bị hỏng hoặc không đầy đủ';
    throw refuse(why);
  }
}

export async function pdfInspect(data: Uint8Array, name: string): Promise<{ pageCount: number }> {
  const { doc, task } = await openPdf(data, (why) => new AppError('FILE_INVALID', `Không đọc được tệp PDF «${name}»: ${why}.`));
  try {
    return { pageCount: doc.numPages };
  } finally {
    await task.destroy();
  }
}

export interface ExtractedText {
  text: string;
  /** Pages or characters were left out at a cap. */
  truncated: boolean;
}

/** The first `max` characters, never ending inside a surrogate pair. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
  return text.slice(0, end);
}

interface TextChunk {
  items: ({ str: string; hasEOL?: boolean } | { type: string })[];
}

export async function pdfText(data: Uint8Array, limits: ParseLimits): Promise<ExtractedText> {
  const { doc, task } = await openPdf(data, (why) => new AppError('FILE_INVALID', `${NO_CONTENT}: ${why}.`));
  try {
    const pages: string[] = [];
    let total = 0;
    let truncated = doc.numPages > limits.maxPages;
    const last = Math.min(doc.numPages, limits.maxPages);
    for (let i = 1; i <= last; i++) {
      if (total >= limits.maxTextChars) {
        truncated = true;
        break;
      }
      const page = await doc.getPage(i);
      const reader = (page.streamTextContent() as ReadableStream<TextChunk>).getReader();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const item of value.items) {
          if (!('str' in item)) continue;
          text += item.str;
          if (item.hasEOL) text += '\n';
          else if (item.str && !item.str.endsWith(' ')) text += ' ';
        }
        if (total + text.length > limits.maxTextChars) {
          reader.releaseLock();
          truncated = true;
          break;
        }
      }
      text = text.trim();
      pages.push(text);
      total += text.length + 2;
      page.cleanup();
    }
    const text = capText(pages.join('\n\n'), limits.maxTextChars);
    return { text: text.normalize('NFC'), truncated: truncated || text.length < total - 2 };
  } finally {
    await task.destroy();
  }
}
