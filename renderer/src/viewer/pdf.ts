import type { PDFDocumentProxy } from 'pdfjs-dist';

export type PdfDoc = PDFDocumentProxy;

/**
 * pdf.js is loaded on first use, not with the app: it is a fifth of the renderer's code, and the login screen, the
 * registers and the schedule never need it.
 */
let loading: Promise<typeof import('pdfjs-dist')> | null = null;
function pdfjs(): Promise<typeof import('pdfjs-dist')> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    // Files from outside are hostile: pdf.js runs in its worker, with eval disabled.
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  });
  return loading;
}

export async function openPdf(data: Uint8Array): Promise<PdfDoc> {
  const lib = await pdfjs();
  return lib.getDocument({ data: new Uint8Array(data), isEvalSupported: false, enableXfa: false }).promise;
}

export async function renderPage(doc: PdfDoc, pageNo: number, canvas: HTMLCanvasElement, width: number): Promise<void> {
  const page = await doc.getPage(pageNo);
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (width / base.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
}
