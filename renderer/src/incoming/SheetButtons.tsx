import { useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import { PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { IncomingDetail } from '../../../shared/incoming/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { download } from '../util/download';

/**
 * What is printed from an incoming document: the Phiếu giải quyết văn bản đến (ND30 Phụ lục IV, with the bút phê) as PDF
 * or Word, and for each PDF attached a copy with the electronic ĐẾN mark on page 1. Both download as files (the same
 * anchor in the desktop window and in browser mode); the stored original is never changed.
 */
export function SheetButtons({ doc }: { doc: IncomingDetail }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const pdfs = doc.attachments.filter((a) => a.mime === 'application/pdf');

  async function run(key: string, fn: () => Promise<void>) {
    setBusy(key);
    try {
      await fn();
    } catch (e) {
      showError(e, (t) => message.error(t));
    } finally {
      setBusy(null);
    }
  }

  const sheet = (format: 'pdf' | 'docx') =>
    run(`sheet-${format}`, async () => {
      const f = await call('incoming.processingSheet', { id: doc.id, format });
      download(f.fileName, f.mime, f.data);
    });

  const stamp = (attachmentId: number) =>
    run(`stamp-${attachmentId}`, async () => {
      const c = await call('incoming.stampedCopy', { id: doc.id, attachmentId });
      download(c.fileName, c.mime, c.data);
      if (c.signedOriginal) message.warning(c.notice, 8);
      else message.success(c.notice, 5);
    });

  return (
    <Space wrap style={{ marginTop: 12 }} data-testid="sheet-buttons">
      <Space.Compact>
        <Button icon={<PrinterOutlined />} loading={busy === 'sheet-pdf'} onClick={() => void sheet('pdf')} data-testid="print-sheet">
          In phiếu giải quyết
        </Button>
        <Button loading={busy === 'sheet-docx'} onClick={() => void sheet('docx')} title="Phiếu giải quyết dạng Word (.docx)" data-testid="print-sheet-docx">
          Word
        </Button>
      </Space.Compact>
      {pdfs.map((a) => (
        <Space key={a.id} size={4}>
          <Button icon={<SafetyCertificateOutlined />} loading={busy === `stamp-${a.id}`} onClick={() => void stamp(a.id)} data-testid="stamped-copy">
            Bản sao có dấu ĐẾN{pdfs.length > 1 ? `: ${a.name}` : ''}
          </Button>
          {a.signatureStatus !== null && <Typography.Text type="secondary">(không thay thế bản gốc đã ký số)</Typography.Text>}
        </Space>
      ))}
    </Space>
  );
}
