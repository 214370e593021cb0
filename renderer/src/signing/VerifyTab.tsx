import { useState } from 'react';
import { App, Button, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { VerifyResult } from '../../../shared/signing/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { SignaturePanel } from './SignaturePanel';

/** Kiểm tra chữ ký: any PDF, incoming ones included, against the trust store the user manages. */
export function VerifyTab() {
  const { message } = App.useApp();
  const [result, setResult] = useState<{ name: string; value: VerifyResult } | null>(null);
  async function check(file: File) {
    try {
      setResult({ name: file.name, value: await call('signing.verify', { pdf: new Uint8Array(await file.arrayBuffer()) }) });
    } catch (e) {
      showError(e, (t) => message.error(t));
    }
    return false;
  }
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }}>
      <Upload beforeUpload={check} accept=".pdf" showUploadList={false}>
        <Button type="primary" icon={<UploadOutlined />} data-testid="verify-upload">
          Chọn tệp PDF cần kiểm tra
        </Button>
      </Upload>
      {result && <Typography.Text strong>{result.name}</Typography.Text>}
      <SignaturePanel result={result?.value ?? null} />
    </Space>
  );
}
