import { useEffect, useRef, useState } from 'react';
import { Spin } from 'antd';
import { openPdf, renderPage, type PdfDoc } from '../viewer/pdf';

/** A4 portrait: what a page takes before it is drawn, so the preview never collapses to a grey strip. */
const A4 = 297 / 210;
const centred = { display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 12 } as const;

/** A white page with a spinner: shown while the document is rendered (never an empty grey box). */
function PagePlaceholder({ width, label }: { width: number; label: string }) {
  return (
    <div
      style={{ ...centred, width, height: Math.round(width * A4), margin: '0 auto 12px', background: '#fff', color: '#4b5563', boxShadow: '0 2px 8px rgba(0, 0, 0, .45)' }}
      data-testid="preview-loading"
      role="status"
      aria-live="polite"
    >
      <Spin size="large" />
      <div>{label}</div>
    </div>
  );
}

function Page({ doc, n, width }: { doc: PdfDoc; n: number; width: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!ref.current) return;
    let live = true;
    void renderPage(doc, n, ref.current, width).then(
      () => live && setDrawn(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [doc, n, width]);
  return (
    <div style={{ position: 'relative', width, margin: '0 auto', minHeight: drawn ? undefined : Math.round(width * A4) + 12 }}>
      <canvas ref={ref} className="vp-preview-page" data-testid="preview-page" data-drawn={drawn ? 'true' : 'false'} aria-label={`Trang ${n}`} />
      {!drawn && (
        <div style={{ ...centred, position: 'absolute', inset: '0 0 12px', background: '#fff' }}>
          <Spin />
        </div>
      )}
    </div>
  );
}

/**
 * The exported PDF itself, drawn page by page with pdf.js: what you see is the file that will be exported. A spinner
 * shows while the first rendering is on its way (`data` null, or the file still opening), and a small "Đang cập nhật"
 * over the pages while a newer one is (`busy`).
 */
export function PdfPreview({ data, width, busy = false }: { data: Uint8Array | null; width: number; busy?: boolean }) {
  const [doc, setDoc] = useState<PdfDoc | null>(null);
  const [opening, setOpening] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!data) return;
    let live = true;
    let opened: PdfDoc | null = null;
    setOpening(true);
    openPdf(data).then(
      (d) => {
        opened = d;
        if (live) {
          setDoc(d);
          setOpening(false);
          setFailed(null);
        } else void d.destroy();
      },
      (e: unknown) => {
        if (!live) return;
        setOpening(false);
        setFailed(`Không hiển thị được bản xem trước (${(e as Error)?.message ?? String(e)}).`);
      },
    );
    return () => {
      live = false;
      // The previous document stays on screen until the next one is ready; it is released when replaced.
      if (opened) setTimeout(() => void opened?.destroy(), 2000);
    };
  }, [data]);
  if (!doc && failed) {
    return (
      <div style={{ color: '#e5e7eb', textAlign: 'center', marginTop: 24 }} role="alert" data-testid="preview-failed">
        {failed}
      </div>
    );
  }
  if (!doc) return <PagePlaceholder width={width} label="Đang dựng bản xem trước…" />;
  return (
    <div data-testid="preview" data-pages={doc.numPages} aria-busy={busy || opening} style={{ position: 'relative' }}>
      {(busy || opening) && (
        // Sticky and of no height: the pages do not move when it comes and goes.
        <div style={{ position: 'sticky', top: 40, zIndex: 2, height: 0 }}>
          <div
            style={{ width: 'fit-content', margin: '8px auto 0', padding: '4px 12px', borderRadius: 12, background: '#fff', color: '#1f2937', boxShadow: '0 1px 4px rgba(0, 0, 0, .3)' }}
            data-testid="preview-updating"
            role="status"
          >
            <Spin size="small" /> Đang cập nhật…
          </div>
        </div>
      )}
      {Array.from({ length: doc.numPages }, (_, i) => (
        <Page key={`${i}-${doc.fingerprints[0]}`} doc={doc} n={i + 1} width={width} />
      ))}
    </div>
  );
}
