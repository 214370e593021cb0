import { useRef, useState } from 'react';
import { App, Button } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { VERDICT_LABELS } from '../../../shared/exchange/edxml-model';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';

/** Larger packages are refused before they are sent (the server's own cap: electron/exchange/edxml-parse.ts). */
const MAX_BYTES = 200 * 1024 * 1024;

/**
 * «Nhận gói edXML» on the incoming register (issue 18): a package file from another office is registered (or its
 * revoke/update applied) and the record opens; a refusal (not for this office, already received, hostile) is shown.
 */
export function EdxmlImportButton({ onImported }: { onImported(incomingId: number): void }) {
  const { message } = App.useApp();
  const can = useCan('exchange.importEdxml');
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  if (!can) return null;
  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      message.error(`Gói tin «${file.name}» quá lớn (hơn 200 MB): không nhận.`);
      return;
    }
    setBusy(true);
    try {
      const r = await call('exchange.importEdxml', { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) });
      const xml = r.signatures.find((s) => s.kind === 'xml');
      const sig = xml ? ` Chữ ký gói tin: ${VERDICT_LABELS[xml.status].toLowerCase()}.` : '';
      const left = r.skipped.length ? ` Tệp không lưu được: ${r.skipped.map((x) => x.name).join(', ')}.` : '';
      message.success(r.business === 'new' ? `Đã vào sổ văn bản đến số ${r.arrivalNumber} từ ${r.fromOrganId}.${sig}${left}` : `Đã áp dụng gói tin cho văn bản đến số ${r.arrivalNumber}.${sig}${left}`, 8);
      onImported(r.incomingId);
    } catch (e) {
      showError(e, (t) => message.error(t, 8));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <input ref={input} type="file" accept=".edxml,.xml" style={{ display: 'none' }} onChange={(e) => void pick(e.target.files?.[0])} data-testid="edxml-import-input" />
      <Button icon={<CloudDownloadOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid="edxml-import">
        Nhận gói edXML
      </Button>
    </>
  );
}
