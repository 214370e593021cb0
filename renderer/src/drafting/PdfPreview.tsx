import { useEffect, useRef, useState } from 'react';
import { openPdf, renderPage, type PdfDoc } from '../viewer/pdf';

function Page({ doc, n, width }: { doc: PdfDoc; n: number; width: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) void renderPage(doc, n, ref.current, width).catch(() => undefined);
  }, [doc, n, width]);
  return <canvas ref={ref} className="vp-preview-page" data-testid="preview-page" />;
}

/** The exported PDF itself, drawn page by page with pdf.js: what you see is the file that will be exported. */
export function PdfPreview({ data, width }: { data: Uint8Array | null; width: number }) {
  const [doc, setDoc] = useState<PdfDoc | null>(null);
  useEffect(() => {
    if (!data) return;
    let live = true;
    let opened: PdfDoc | null = null;
    openPdf(data).then((d) => {
      opened = d;
      if (live) setDoc(d);
      else void d.destroy();
    }, () => undefined);
    return () => {
      live = false;
      // The previous document stays on screen until the next one is ready; it is released when replaced.
      if (opened) setTimeout(() => void opened?.destroy(), 2000);
    };
  }, [data]);
  if (!doc) return null;
  return (
    <div data-testid="preview" data-pages={doc.numPages}>
      {Array.from({ length: doc.numPages }, (_, i) => (
        <Page key={`${i}-${doc.fingerprints[0]}`} doc={doc} n={i + 1} width={width} />
      ))}
    </div>
  );
}
