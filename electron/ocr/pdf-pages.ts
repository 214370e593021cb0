import { HARDENED_PDF_OPTIONS } from '../parsing/pdf';
import { AppError } from '../../shared/api/result';
import type { Gray } from './preprocess';
import { toGray } from './preprocess';

/**
 * A PDF's pages for recognition, in the parse worker only: each page's own text layer when it has one, else the page
 * rendered by pdf.js (legacy build, its canvas from @napi-rs/canvas) to a grey image of at most `pagePixels` (A4 at
 * 300 dpi). The options are those of electron/parsing/pdf.ts: no eval (CVE-2024-4367), no font loading, nothing
 * fetched, no XFA. Images inside the PDF over `maxSourcePixels` are not decoded (pdf.js's maxImageSize): the page
 * says so instead of holding gigabytes.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type Doc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

let pdfjsPromise: Promise<PdfJs> | null = null;
const pdfjs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * Characters (not spaces) a page's text layer needs to count as the page's text: fewer, and the page is recognised.
 * A typed page holds 1,500–3,000; a scan signed digitally carries its signature's caption ("Ký bởi: …, Thời gian ký:
 * …", some 100–150) over a page of pixels.
 */
export const MIN_LAYER_CHARS = 200;

const SKIPPED = 'exceeded maximum allowed size';

const imageTooLarge = (max: number) =>
  new AppError(
    'FILE_TOO_LARGE',
    `Trang có ảnh quá lớn để nhận dạng (hơn ${(max / 1e6).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} triệu điểm ảnh).`,
  );

export interface OpenedPdf {
  pageCount: number;
  /**
   * The images the page draws (opened with `probeImages`: counted from the operator list without decoding any; such
   * a document does not render).
   */
  imageCount(i: number): Promise<number>;
  /** The page's text layer (NFC), possibly empty. */
  layerText(i: number): Promise<string>;
  /** The page rendered as grey, with its resolution. */
  render(i: number): Promise<{ gray: Gray; dpi: number }>;
  close(): Promise<void>;
}

export async function openPdf(
  data: Uint8Array,
  limits: { pagePixels: number; maxSourcePixels: number },
  opts: { probeImages?: boolean } = {},
): Promise<OpenedPdf> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    data,
    ...HARDENED_PDF_OPTIONS,
    // Probing: every image is "too large" and left out undecoded, with a warning each, which is what is counted.
    maxImageSize: opts.probeImages ? 1 : limits.maxSourcePixels,
    // Warnings on: the one saying an image was left out is caught below (nothing is printed).
    verbosity: 1,
  });
  let doc: Doc;
  try {
    doc = await quiet(() => task.promise);
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const why = (e as { name?: string }).name === 'PasswordException' ? 'tệp được đặt mật khẩu' : 'cấu trúc PDF bị hỏng hoặc không đầy đủ';
    throw new AppError('FILE_INVALID', `Không đọc được tệp PDF: ${why}.`);
  }
  return {
    pageCount: doc.numPages,
    async layerText(i) {
      const page = await quiet(() => doc.getPage(i));
      const content = await quiet(() => page.getTextContent());
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        text += item.hasEOL ? '\n' : item.str && !item.str.endsWith(' ') ? ' ' : '';
      }
      return text.normalize('NFC').trim();
    },
    async imageCount(i) {
      const page = await quiet(() => doc.getPage(i));
      const warnings: string[] = [];
      await quiet(() => page.getOperatorList(), warnings);
      page.cleanup();
      return warnings.filter((w) => w.includes(SKIPPED)).length;
    },
    async render(i) {
      if (opts.probeImages) throw new Error('a probing document does not render');
      const page = await quiet(() => doc.getPage(i));
      const base = page.getViewport({ scale: 1 });
      // 300 dpi, or less for a page larger than A4, so that the image holds at most `pagePixels`.
      const scale = Math.min(300 / 72, Math.sqrt(limits.pagePixels / Math.max(1, base.width * base.height)));
      const viewport = page.getViewport({ scale });
      const width = Math.max(1, Math.floor(viewport.width));
      const height = Math.max(1, Math.floor(viewport.height));
      // A page of absurd proportions (10⁸ × 10⁻⁸ pt) keeps a small area but not small sides: refused before a canvas.
      if (width > 20_000 || height > 20_000 || width * height > limits.pagePixels * 1.01) {
        throw new AppError('FILE_INVALID', `Trang ${i} có kích thước bất thường (${width} × ${height} điểm ảnh): không nhận dạng được.`);
      }
      const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
      const cc = factory.create(width, height);
      const warnings: string[] = [];
      try {
        await quiet(() => page.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport }).promise, warnings);
        const img = cc.context.getImageData(0, 0, width, height);
        const gray = toGray(new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength), width, height, 4);
        if (warnings.some((w) => w.includes(SKIPPED))) {
          // Some image of the page was too large to decode: say so rather than recognise a page without it.
          throw imageTooLarge(limits.maxSourcePixels);
        }
        return { gray, dpi: Math.round(scale * 72) };
      } finally {
        factory.destroy(cc);
        page.cleanup();
      }
    },
    close: () => task.destroy(),
  };
}

interface CanvasFactory {
  create(w: number, h: number): { canvas: unknown; context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
  destroy(cc: unknown): void;
}

/** Runs `fn` with console.warn caught (pdf.js's warnings, collected in `into`, never printed from the worker). */
async function quiet<T>(fn: () => Promise<T>, into: string[] = []): Promise<T> {
  const warn = console.warn;
  const log = console.log;
  console.warn = (...a: unknown[]) => void into.push(a.map(String).join(' '));
  console.log = console.warn;
  try {
    return await fn();
  } finally {
    console.warn = warn;
    console.log = log;
  }
}
