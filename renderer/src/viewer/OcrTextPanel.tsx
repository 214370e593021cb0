import { useEffect, useState } from 'react';
import { Alert, Button, Spin, Tooltip, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import type { AttachmentText } from '../../../shared/attachments/schemas';
import { call } from '../api/client';

/** While the text is pending (a scan being recognised in the background), it is asked for again this often. */
const POLL_MS = 4000;

/**
 * An attachment's text as the app knows it (attachments.text), asked for again while it is still being read. Only
 * PDFs and images are asked about: a Word file's text is its own.
 */
export function useAttachmentText(sha256: string | null, mime: string | null): AttachmentText | null {
  const [text, setText] = useState<AttachmentText | null>(null);
  useEffect(() => {
    setText(null);
    if (!sha256 || !mime || !(mime === 'application/pdf' || mime.startsWith('image/'))) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      call('attachments.text', { sha256 }).then(
        (t) => {
          if (stopped) return;
          setText(t);
          if (t.status === 'pending') timer = setTimeout(load, POLL_MS);
        },
        () => undefined,
      );
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [sha256, mime]);
  return text;
}

/** Whether the viewer shows the recognised-text panel: an image, or a PDF whose text was recognised (a scan). */
export function showsOcrPanel(mime: string | null, t: AttachmentText | null): boolean {
  if (!mime || !t) return false;
  if (mime.startsWith('image/')) return t.status !== 'none';
  return t.source === 'ocr';
}

/** «Văn bản nhận dạng (OCR)»: the text recognised in a scan or an image, selectable, with how sure the engine was. */
export function OcrTextPanel({ text }: { text: AttachmentText }) {
  const [copied, setCopied] = useState(false);
  const body = text.text ?? '';
  // The engine keeps the gaps between a line's columns (the organ's name beside the Quốc hiệu): a few spaces show one.
  const shown = body.replace(/[ \t]{4,}/g, '    ');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }} data-testid="ocr-panel">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0, flex: 1 }}>
          Văn bản nhận dạng (OCR)
        </Typography.Title>
        {body && (
          <Tooltip title={copied ? 'Đã chép' : 'Chép văn bản'}>
            <Button
              size="small"
              icon={<CopyOutlined />}
              aria-label="Chép văn bản nhận dạng"
              onClick={() => void navigator.clipboard?.writeText(body).then(() => setCopied(true), () => undefined)}
            />
          </Tooltip>
        )}
      </div>
      {text.status === 'pending' && (
        <Typography.Text type="secondary" data-testid="ocr-pending">
          <Spin size="small" style={{ marginRight: 8 }} />
          Đang nhận dạng chữ trên tệp…
        </Typography.Text>
      )}
      {text.status === 'failed' && <Alert type="warning" showIcon message={text.note ?? 'Không nhận dạng được chữ trên tệp.'} />}
      {text.status === 'done' && (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginBottom: 6 }} data-testid="ocr-meta">
            {text.source === 'ocr'
              ? `Nhận dạng tự động, độ tin cậy ${text.confidence ?? 0} % — có thể sai dấu hoặc chữ, hãy đối chiếu với bản gốc.`
              : 'Văn bản có sẵn trong tệp.'}
          </Typography.Text>
          {text.note && <Alert type="info" showIcon message={text.note} style={{ marginBottom: 6 }} />}
          <div
            data-testid="ocr-text"
            lang="vi"
            tabIndex={0}
            style={{
              flex: 1,
              minHeight: 0,
              overflow: 'auto',
              whiteSpace: 'pre-wrap',
              userSelect: 'text',
              fontFamily: "'Times New Roman', Tinos, serif",
              fontSize: 14,
              lineHeight: 1.5,
              background: '#fafafa',
              border: '1px solid #e5e7eb',
              borderRadius: 4,
              padding: 10,
            }}
          >
            {shown || <Typography.Text type="secondary">Không tìm thấy chữ nào trên tệp.</Typography.Text>}
          </div>
        </>
      )}
    </div>
  );
}
