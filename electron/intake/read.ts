import { AppError } from '../../shared/api/result';
import { todayInVietnam } from '../../shared/domain/dates';
import type { EmlParsed } from '../../shared/intake/eml';
import { decodeText, imageSize, sniffIntake } from '../../shared/intake/kind';
import type { IntakeEmail, IntakeKind, IntakeProgress, TextSource } from '../../shared/intake/schemas';
import type { ParseLimits } from '../parsing/limits';
import { runUntrusted, type UntrustedResult } from '../parsing/untrusted';

/**
 * A file's text for the extractor, read where the file's kind is read safely: a PDF's text layer, a DOCX and an e-mail
 * in the parse worker (electron/parsing/, time and memory limits), a scan or an image by OCR (electron/ocr/, its own
 * worker and page budget), a text file decoded here (a few MB at most). Nothing here parses a file on this thread.
 */
export interface IntakeFile {
  name: string;
  data: Uint8Array;
}

export interface ReadText {
  kind: IntakeKind;
  text: string;
  /** The first page apart, when the reader knows it (OCR): where độ khẩn and độ mật are stamped. */
  firstPage?: string;
  source: TextSource;
  pageCount: number | null;
  ocrConfidence?: number;
  ocrPages?: number;
  email?: IntakeEmail;
  /** .eml: the document it carried, to attach in its place. */
  attachment?: IntakeFile;
  warnings: string[];
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (p: IntakeProgress) => void;
  /** Overrides of the parse limits (tests shorten the time). */
  limits?: Partial<ParseLimits>;
  now?: Date;
}

/** Pages of a text layer read for the register's fields: the header is on page 1, the signature on the last. */
export const PDF_PAGES = 30;
/** Pages of a scan recognised: OCR takes seconds a page; the header and usually the signature are on the first two. */
export const OCR_PAGES = 2;
/** Fewer letters than this per page read: the PDF is a scan (its text layer, if any, is a signature stamp or a page number). */
const LETTERS_PER_PAGE = 60;
/** A text file larger than this is no document's text. */
export const TEXT_MAX_BYTES = 4 * 1024 * 1024;
/** An image larger than this (pixels) is refused before it is decoded: A4 at 600 dpi is 35 megapixels. */
export const IMAGE_MAX_PIXELS = 100_000_000;

const TEXT_LIMITS: Partial<ParseLimits> = { maxPages: PDF_PAGES, maxTextChars: 400_000 };

export const cancelled = (name: string) => new AppError('CONFLICT', `Đã dừng đọc tệp «${name}».`, { details: { cancelled: true } });

/** The worker's answer, or the refusal the văn thư reads: the parser's own reason, or the limit the file went over. */
function valueOr<T>(r: UntrustedResult<T>, name: string, signal?: AbortSignal): T {
  if (r.ok) return r.value;
  if (signal?.aborted) throw cancelled(name);
  if (r.limit === null && r.error instanceof AppError) {
    const why = r.error.message.replace(/^Không trích được nội dung:\s*/, '').replace(/^Không đọc được tệp PDF «[^»]*»:\s*/, '');
    throw new AppError('FILE_INVALID', `Không đọc được tệp «${name}»: ${why.replace(/\.$/, '')}.`);
  }
  if (r.limit === null) {
    // A library's own error (a broken ZIP, malformed XML, an entity it refuses): the detail goes to the log.
    console.error(`[vanphong] intake: «${name}» refused:`, r.reason);
    throw new AppError('FILE_INVALID', `Không đọc được tệp «${name}»: tệp bị hỏng hoặc không đúng định dạng.`);
  }
  throw new AppError('FILE_INVALID', `Không đọc được tệp «${name}»: ${r.detail ?? r.reason}.`);
}

const letters = (s: string) => (s.match(/\p{L}/gu) ?? []).length;

export async function readIntakeFile(file: IntakeFile, opts: ReadOptions = {}): Promise<ReadText> {
  const sniffed = sniffIntake(file.name, file.data);
  if (!sniffed.kind) throw new AppError('FILE_INVALID', `Không đọc được tệp «${file.name}»: ${sniffed.why}.`, { field: 'file' });
  if (opts.signal?.aborted) throw cancelled(file.name);
  opts.onProgress?.({ stage: 'read' });
  const run = <T>(task: string, input: Record<string, unknown>, limits?: Partial<ParseLimits>) =>
    runUntrusted<T>(task, { ...input, name: file.name }, { lane: 'intake', signal: opts.signal, limits: { ...opts.limits, ...limits } }).then((r) =>
      valueOr(r, file.name, opts.signal),
    );
  switch (sniffed.kind) {
    case 'pdf': {
      const { pageCount } = await run<{ pageCount: number }>('pdf.inspect', { data: file.data });
      const warnings: string[] = [];
      const { text, truncated } = await run<{ text: string; truncated: boolean }>('pdf.text', { data: file.data }, TEXT_LIMITS);
      const read = Math.max(1, Math.min(pageCount, PDF_PAGES));
      if (letters(text) < LETTERS_PER_PAGE * read) {
        try {
          return await ocr(file, 'pdf', pageCount, opts);
        } catch (e) {
          // A scan OCR could not read, with a few words of text layer after all: those words, said plainly.
          if (opts.signal?.aborted || !(e instanceof AppError) || letters(text) < 20) throw e;
          return { kind: 'pdf', text, source: 'pdf-text', pageCount, warnings: [`${e.message.replace(/\.$/, '')}; chỉ đọc được phần chữ có sẵn trong tệp.`] };
        }
      }
      if (pageCount > PDF_PAGES) warnings.push(`Tệp có ${pageCount} trang: chỉ đọc ${read} trang đầu (Nơi nhận và chữ ký ở trang cuối có thể không được đọc).`);
      else if (truncated) warnings.push('Văn bản rất dài: chỉ đọc phần đầu.');
      return { kind: 'pdf', text, source: 'pdf-text', pageCount, warnings };
    }
    case 'docx': {
      const { text, truncated } = await run<{ text: string; truncated: boolean }>('docx.text', { data: file.data }, TEXT_LIMITS);
      return { kind: 'docx', text, source: 'docx', pageCount: null, warnings: truncated ? ['Văn bản rất dài: chỉ đọc phần đầu.'] : [] };
    }
    case 'image': {
      const size = imageSize(file.data);
      if (size && size.width * size.height > IMAGE_MAX_PIXELS) {
        const n = (x: number) => x.toLocaleString('vi-VN');
        throw new AppError('FILE_INVALID', `Không đọc được ảnh «${file.name}»: ảnh quá lớn (${n(size.width)} × ${n(size.height)} điểm ảnh; tối đa ${n(IMAGE_MAX_PIXELS / 1_000_000)} triệu điểm ảnh). Hãy quét lại ở 300 dpi.`);
      }
      return ocr(file, 'image', null, opts);
    }
    case 'eml':
      return readEml(file, run, opts);
    case 'text':
    case 'markdown': {
      if (file.data.byteLength > TEXT_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', `Tệp chữ «${file.name}» quá lớn để là một văn bản (tối đa ${TEXT_MAX_BYTES / 1048576} MB).`);
      return { kind: sniffed.kind, text: decodeText(file.data), source: 'plain', pageCount: null, warnings: [] };
    }
  }
}

type Run = <T>(task: string, input: Record<string, unknown>, limits?: Partial<ParseLimits>) => Promise<T>;

async function readEml(file: IntakeFile, run: Run, opts: ReadOptions): Promise<ReadText> {
  const mail = await run<EmlParsed>('eml.parse', { data: file.data }, { maxTextChars: 400_000 });
  const email: IntakeEmail = {
    from: mail.fromName,
    address: mail.fromAddress,
    subject: mail.subject,
    date: mail.date ? todayInVietnam(new Date(mail.date)) : null,
    document: mail.document?.name ?? null,
    attachments: mail.attachments.map((a) => a.name),
  };
  const warnings: string[] = [];
  if (mail.document) {
    const inner = await readIntakeFile({ name: mail.document.name, data: mail.document.data }, opts);
    const others = mail.attachments.length - 1;
    if (others > 0) warnings.push(`Thư có ${mail.attachments.length} tệp đính kèm: đọc «${mail.document.name}», các tệp khác chỉ được liệt kê.`);
    return { ...inner, kind: 'eml', email, attachment: { name: mail.document.name, data: mail.document.data }, warnings: [...warnings, ...inner.warnings] };
  }
  if (mail.attachments.length) warnings.push(`Thư không có tệp PDF, Word hay ảnh: ${mail.attachments.map((a) => `«${a.name}»`).join(', ')} không đọc được; đọc nội dung thư.`);
  else warnings.push('Thư không có tệp đính kèm: đọc nội dung thư.');
  return { kind: 'eml', text: mail.body, source: 'email-body', pageCount: null, email, warnings };
}

/** A scan or an image through OCR (electron/ocr): progress page by page, cancellable, the first pages only. */
async function ocr(file: IntakeFile, kind: 'pdf' | 'image', pageCount: number | null, opts: ReadOptions): Promise<ReadText> {
  const { recogniseFile } = await import('../ocr/recognise');
  opts.onProgress?.({ stage: 'ocr', page: 0, pages: Math.min(pageCount ?? 1, OCR_PAGES) });
  let result;
  try {
    result = await recogniseFile(file, {
      signal: opts.signal,
      maxPages: OCR_PAGES,
      lane: 'intake',
      onProgress: (p) => opts.onProgress?.({ stage: 'ocr', page: p.page, pages: p.pages }),
    });
  } catch (e) {
    if (opts.signal?.aborted) throw cancelled(file.name);
    if (e instanceof AppError) throw e;
    console.error(`[vanphong] intake: OCR of «${file.name}» failed:`, (e as Error)?.message ?? e);
    throw new AppError('FILE_INVALID', `Không nhận dạng được chữ trong tệp «${file.name}» (OCR).`);
  }
  if (opts.signal?.aborted) throw cancelled(file.name);
  const pages = result.pages;
  const recognised = pages.filter((pg) => pg.source === 'ocr');
  const total = pageCount ?? result.pageCount;
  const warnings: string[] = [];
  if (result.note) warnings.push(result.note);
  // Pages that carried their own text layer after all (a partly scanned PDF): read as such, not as OCR.
  if (!recognised.length && pages.some((pg) => pg.source === 'layer')) {
    return { kind, text: result.text, firstPage: pages[0]?.text, source: 'pdf-text', pageCount: total || null, warnings };
  }
  // tesseract's confidence is 0–100.
  const conf = recognised.length ? recognised.reduce((n, pg) => n + (pg.confidence > 1 ? pg.confidence / 100 : pg.confidence), 0) / recognised.length : 0;
  if (recognised.length) warnings.unshift('Chữ được nhận dạng từ ảnh quét (OCR): kiểm tra kỹ từng trường trước khi vào sổ.');
  return { kind, text: result.text, firstPage: pages[0]?.text, source: 'ocr', pageCount: total || null, ocrConfidence: conf, ocrPages: recognised.length, warnings };
}
