import { AppError } from '../../shared/api/result';

/**
 * PDF and DOCX text for the search index. pdfjs-dist's legacy build runs in Node with a "fake worker" loaded from
 * its own folder; eval is disabled and no fonts are loaded: we read text, we do not render.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
const pdfjs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

async function openPdf(data: Uint8Array, name: string) {
  const lib = await pdfjs();
  // pdfjs transfers (detaches) the buffer it is given: always pass a copy.
  const task = lib.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return { doc: await task.promise, task };
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const err = e as { name?: string; message?: string };
    const why = err.name === 'PasswordException' ? 'tệp được đặt mật khẩu' : 'cấu trúc PDF bị hỏng hoặc không đầy đủ';
    throw new AppError('FILE_INVALID', `Không đọc được tệp PDF «${name}»: ${why}.`);
  }
}

export async function inspectPdf(data: Uint8Array, name = 'tệp'): Promise<{ pageCount: number }> {
  const { doc, task } = await openPdf(data, name);
  try {
    return { pageCount: doc.numPages };
  } finally {
    await task.destroy();
  }
}

async function pdfText(data: Uint8Array): Promise<string> {
  const { doc, task } = await openPdf(data, 'tệp');
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
        else if (item.str && !item.str.endsWith(' ')) text += ' ';
      }
      pages.push(text.trim());
      page.cleanup();
    }
    return pages.join('\n\n');
  } finally {
    await task.destroy();
  }
}

async function docxText(data: Uint8Array): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  const r = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  return r.value;
}

export async function extractText(mime: string, data: Uint8Array): Promise<string> {
  let text = '';
  if (mime === 'application/pdf') text = await pdfText(data);
  else if (mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') text = await docxText(data);
  return text.normalize('NFC');
}
