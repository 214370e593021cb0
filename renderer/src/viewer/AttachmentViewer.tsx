import { useEffect, useRef, useState } from 'react';
import { App, Button, Modal, Space, Spin, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileTextOutlined, LeftOutlined, RightOutlined, SafetyCertificateOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import type { VerifyResult } from '../../../shared/signing/schemas';
import { SignaturePanel } from '../signing/SignaturePanel';
import { SignatureBadge } from '../signing/SignatureBadge';
import type { AttachmentInfo } from '../../../shared/incoming/schemas';
import { attachmentBytes, call } from '../api/client';
import { showError } from '../api/errors';
import { openPdf, renderPage, type PdfDoc } from './pdf';
import { download } from '../util/download';
import { OcrTextPanel, showsOcrPanel, useAttachmentText } from './OcrTextPanel';

function Thumb({ doc, page, active, onClick }: { doc: PdfDoc; page: number; active: boolean; onClick(): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) void renderPage(doc, page, ref.current, 110).catch(() => undefined);
  }, [doc, page]);
  return (
    <div onClick={onClick} style={{ textAlign: 'center' }}>
      <canvas ref={ref} className={`vp-thumb${active ? ' active' : ''}`} data-testid="pdf-thumb" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {page}
      </Typography.Text>
    </div>
  );
}

/**
 * Attachments open inside the app: PDFs with pdf.js (thumbnails on the left), images as they are, DOCX to download;
 * beside a scan or an image, the text recognised in it («Văn bản nhận dạng (OCR)», selectable).
 */
export function AttachmentViewer({ attachment, onClose }: { attachment: AttachmentInfo | null; onClose(): void }) {
  const { message } = App.useApp();
  const [data, setData] = useState<Uint8Array | null>(null);
  const [doc, setDoc] = useState<PdfDoc | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [imgUrl, setImgUrl] = useState<string | null>(null);
  const [sigs, setSigs] = useState<VerifyResult | null>(null);
  const [showSigs, setShowSigs] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const ocr = useAttachmentText(attachment?.sha256 ?? null, attachment?.mime ?? null);
  const hasOcr = showsOcrPanel(attachment?.mime ?? null, ocr);
  const [hideOcr, setHideOcr] = useState(false);
  const showOcr = hasOcr && !hideOcr;
  const ocrSide = showOcr && ocr && (
    <div style={{ flex: '0 0 360px', minWidth: 0, borderLeft: '1px solid #e5e7eb', paddingLeft: 10 }} data-testid="ocr-side">
      <OcrTextPanel text={ocr} />
    </div>
  );

  useEffect(() => {
    setData(null);
    setDoc(null);
    setPage(1);
    setZoom(1);
    setSigs(null);
    setHideOcr(false);
    if (!attachment) return;
    if (attachment.mime === 'application/pdf') {
      // Verified now against the current trust store: the panel says what holds today.
      call('attachments.signatures', { sha256: attachment.sha256 }).then((r) => {
        setSigs(r);
        setShowSigs(r.signatures.length > 0);
      }, (e) => showError(e, (t) => message.error(t)));
    }
    let url: string | null = null;
    attachmentBytes(attachment.sha256).then(async (bytes) => {
      setData(bytes);
      if (attachment.mime === 'application/pdf') setDoc(await openPdf(bytes));
      else if (attachment.mime.startsWith('image/')) setImgUrl((url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: attachment.mime }))));
    }, (e) => showError(e, (t) => message.error(t)));
    return () => {
      if (url) URL.revokeObjectURL(url);
      setImgUrl(null);
    };
  }, [attachment, message]);

  useEffect(() => {
    if (doc && canvas.current) void renderPage(doc, page, canvas.current, 640 * zoom).catch(() => undefined);
  }, [doc, page, zoom]);

  return (
    <Modal
      open={attachment !== null}
      onCancel={onClose}
      footer={null}
      width={980 + (showSigs ? 280 : 0) + (showOcr ? 380 : 0)}
      title={attachment?.name}
      destroyOnHidden
      styles={{ body: { height: '75vh', overflow: 'hidden' } }}
    >
      {!data && <Spin style={{ display: 'block', marginTop: 80 }} />}
      {doc && (
        <div style={{ display: 'flex', height: '100%', gap: 12 }} data-testid="pdf-viewer">
          <div style={{ flex: '0 0 140px', overflowY: 'auto', borderRight: '1px solid #e5e7eb', paddingRight: 8 }}>
            {Array.from({ length: doc.numPages }, (_, i) => (
              <Thumb key={i} doc={doc} page={i + 1} active={page === i + 1} onClick={() => setPage(i + 1)} />
            ))}
          </div>
          <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            <Space style={{ marginBottom: 8 }}>
              <Tooltip title="Trang trước">
                <Button icon={<LeftOutlined />} disabled={page <= 1} onClick={() => setPage((p) => p - 1)} aria-label="Trang trước" data-testid="viewer-prev" />
              </Tooltip>
              <span data-testid="pdf-page">
                Trang {page}/{doc.numPages}
              </span>
              <Tooltip title="Trang sau">
                <Button icon={<RightOutlined />} disabled={page >= doc.numPages} onClick={() => setPage((p) => p + 1)} aria-label="Trang sau" data-testid="viewer-next" />
              </Tooltip>
              <Tooltip title="Thu nhỏ">
                <Button icon={<ZoomOutOutlined />} onClick={() => setZoom((z) => Math.max(0.5, z - 0.25))} aria-label="Thu nhỏ" />
              </Tooltip>
              <span>{Math.round(zoom * 100)}%</span>
              <Tooltip title="Phóng to">
                <Button icon={<ZoomInOutlined />} onClick={() => setZoom((z) => Math.min(3, z + 0.25))} aria-label="Phóng to" />
              </Tooltip>
              <Button icon={<DownloadOutlined />} onClick={() => attachment && data && download(attachment.name, attachment.mime, data)}>
                Tải xuống
              </Button>
              <Button icon={<SafetyCertificateOutlined />} onClick={() => setShowSigs((v) => !v)} data-testid="sig-toggle" aria-pressed={showSigs}>
                Chữ ký số{sigs ? ` (${sigs.signatures.length})` : ''}
              </Button>
              {sigs && <SignatureBadge status={sigs.status} />}
              {hasOcr && (
                <Button icon={<FileTextOutlined />} onClick={() => setHideOcr((v) => !v)} data-testid="ocr-toggle" aria-pressed={showOcr}>
                  Văn bản OCR
                </Button>
              )}
            </Space>
            <div style={{ flex: 1, overflow: 'auto', background: '#525659', padding: 12, textAlign: 'center' }}>
              <canvas ref={canvas} data-testid="pdf-page-canvas" style={{ background: '#fff', boxShadow: '0 2px 8px rgba(0,0,0,.4)' }} />
            </div>
          </div>
          {showSigs && (
            <div style={{ flex: '0 0 320px', overflowY: 'auto', borderLeft: '1px solid #e5e7eb', paddingLeft: 10 }} data-testid="sig-side">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                Chữ ký số
              </Typography.Title>
              {sigs ? <SignaturePanel result={sigs} /> : <Spin />}
            </div>
          )}
          {ocrSide}
        </div>
      )}
      {imgUrl && (
        <div style={{ display: 'flex', height: '100%', gap: 12 }} data-testid="image-viewer">
          <div style={{ flex: 1, minWidth: 0, overflow: 'auto', textAlign: 'center' }}>
            <img src={imgUrl} alt={attachment?.name} style={{ maxWidth: '100%', maxHeight: '100%' }} />
          </div>
          {ocrSide}
        </div>
      )}
      {data && attachment && !doc && !imgUrl && (
        <Space direction="vertical">
          <Typography.Text>Tệp Word được xem bằng phần mềm soạn thảo trên máy.</Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={() => download(attachment.name, attachment.mime, data)}>
            Tải xuống
          </Button>
        </Space>
      )}
    </Modal>
  );
}
