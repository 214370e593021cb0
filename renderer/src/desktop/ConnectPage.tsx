import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Radio, Space, Typography } from 'antd';
import type { Result } from '../../../shared/api/result';

/**
 * The desktop app's first start (and "Đổi nơi làm việc"): work on this computer only, or connect to the office server.
 * Connecting shows the server's certificate fingerprint, which the user compares with the one the administrator sees
 * (Máy chủ, phiên) before accepting it; the app then pins it. A server that later shows another certificate brings the
 * user back here with a warning.
 */
interface Probe {
  url: string;
  fingerprint: string;
  subject: string;
  names: string;
}
interface DeskConnect {
  status(): Promise<Result<{ config: { mode: string; server?: { url: string; fingerprint: string } } | null; mismatch: string | null }>>;
  probe(url: string): Promise<Result<Probe>>;
  choose(c: unknown): Promise<Result<unknown>>;
}

export function ConnectPage() {
  const desk = window.vanphongDesk as unknown as DeskConnect;
  const problem = new URLSearchParams(location.search).get('problem');
  const [mode, setMode] = useState<'local' | 'office'>(problem ? 'office' : 'local');
  const [url, setUrl] = useState('');
  const [probe, setProbe] = useState<Probe | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pinned, setPinned] = useState<{ url: string; fingerprint: string } | null>(null);
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void desk.status().then((r) => {
      if (!r.ok) return;
      if (r.value.config?.server) {
        setPinned(r.value.config.server);
        setUrl(r.value.config.server.url);
      }
      setMismatch(r.value.mismatch);
    });
  }, [desk]);

  async function check() {
    setBusy(true);
    setError(null);
    setProbe(null);
    const r = await desk.probe(url);
    setBusy(false);
    if (r.ok) setProbe(r.value);
    else setError(r.error.message);
  }

  async function accept(choice: unknown) {
    const r = await desk.choose(choice);
    if (!r.ok) setError(r.error.message);
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#0f2c4f' }}>
      <Card style={{ width: 640 }} title="Văn phòng điện tử — làm việc ở đâu?" data-testid="connect-page">
        {problem === 'certificate' && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="connect-mismatch"
            message="Chứng thư của máy chủ đã thay đổi: chưa kết nối."
            description={`Dấu vân tay đã ghim: ${pinned?.fingerprint ?? '—'}. Máy chủ đưa ra: ${mismatch ?? '—'}. Chỉ chấp nhận dấu vân tay mới khi quản trị xác nhận đã đổi chứng thư; nếu không, có thể có máy mạo danh máy chủ.`}
          />
        )}
        {problem === 'unreachable' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="Không kết nối được máy chủ cơ quan. Kiểm tra mạng, hoặc chọn làm việc trên máy này." />}
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 16 }}>
          <Space direction="vertical">
            <Radio value="local" data-testid="connect-local">
              Chỉ trên máy này (dữ liệu trong thư mục của người dùng)
            </Radio>
            <Radio value="office" data-testid="connect-office">
              Kết nối máy chủ của cơ quan
            </Radio>
          </Space>
        </Radio.Group>
        {mode === 'local' ? (
          <Button type="primary" block onClick={() => accept({ mode: 'local' })} data-testid="connect-local-go">
            Làm việc trên máy này
          </Button>
        ) : (
          <>
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <Input placeholder="https://may-chu.coquan.local:8443" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="connect-url" />
              <Button onClick={check} loading={busy} data-testid="connect-check">
                Kiểm tra
              </Button>
            </Space.Compact>
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
            {probe && (
              <>
                <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
                  <Descriptions.Item label="Máy chủ">{probe.url}</Descriptions.Item>
                  <Descriptions.Item label="Chứng thư">{probe.subject}</Descriptions.Item>
                  <Descriptions.Item label="Dấu vân tay SHA-256">
                    <Typography.Text code data-testid="connect-fingerprint">
                      {probe.fingerprint}
                    </Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Paragraph>
                  So dấu vân tay trên với dấu vân tay quản trị xem ở mục «Máy chủ, phiên» (hoặc in ra khi máy chủ khởi động). Chỉ bấm chấp nhận khi hai dãy trùng nhau.
                </Typography.Paragraph>
                <Button type="primary" block onClick={() => accept({ mode: 'office', url: probe.url, fingerprint: probe.fingerprint })} data-testid="connect-accept">
                  Trùng khớp — kết nối và ghi nhớ máy chủ này
                </Button>
              </>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
