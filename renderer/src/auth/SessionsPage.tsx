import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { Result } from '../../../shared/api/result';
import type { ServerInfo, SessionInfo, SessionSettings } from '../../../shared/sessions/schemas';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { useCan } from './AuthGate';

/**
 * Quản trị: the office server's certificate fingerprint (what clients compare on their first connection), who is
 * logged in from where (and ending a login), and how long logins last.
 */
export function SessionsPage() {
  const { message } = App.useApp();
  const canEnd = useCan('sessions.end');
  const canSave = useCan('sessions.saveSettings');
  const [info, setInfo] = useState<ServerInfo | null>(null);
  const [rows, setRows] = useState<SessionInfo[] | null>(null);
  const [form] = Form.useForm<SessionSettings>();
  const load = useCallback(() => {
    call('sessions.serverInfo', {}).then(setInfo, (e) => showError(e, message.error));
    call('sessions.list', {}).then(setRows, (e) => showError(e, message.error));
    call('sessions.settings', {}).then((s) => form.setFieldsValue(s), (e) => showError(e, message.error));
  }, [message, form]);
  useEffect(load, [load]);

  async function end(s: SessionInfo) {
    try {
      await call('sessions.end', { id: s.id });
      message.success(`Đã kết thúc phiên của ${s.fullName} (${s.address}).`);
      load();
    } catch (e) {
      showError(e, message.error);
    }
  }

  async function save(v: SessionSettings) {
    try {
      form.setFieldsValue(await call('sessions.saveSettings', v));
      message.success('Đã lưu thời hạn đăng nhập.');
    } catch (e) {
      showError(e, message.error, form, ['idleMinutes', 'maxHours']);
    }
  }

  return (
    <div data-testid="sessions-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Máy chủ và phiên đăng nhập
      </Typography.Title>
      <Card size="small" title="Máy chủ cơ quan" style={{ marginBottom: 16 }}>
        {info?.mode === 'office' ? (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="Địa chỉ">{info.url}</Descriptions.Item>
            <Descriptions.Item label="Dấu vân tay SHA-256 của chứng thư">
              <Typography.Text code copyable data-testid="server-fingerprint">
                {info.fingerprint}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="Tên và địa chỉ trong chứng thư">{info.names.join(', ')}</Descriptions.Item>
            <Descriptions.Item label="Khởi động lúc">{info.startedAt ? formatDateTimeVN(info.startedAt) : ''}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">
            Ứng dụng đang chạy trên máy này. Để cả cơ quan cùng dùng, chạy «vanphong server --listen 0.0.0.0:8443» trên máy làm máy chủ (xem «vanphong server --help»).
          </Typography.Text>
        )}
        {info?.mode === 'office' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            Lần đầu kết nối, máy khách hiện dấu vân tay của máy chủ: người dùng chỉ chấp nhận khi trùng với dấu vân tay trên.
          </Typography.Paragraph>
        )}
      </Card>
      {window.vanphong && window.vanphongDesk && <ShareCard />}
      <Card size="small" title="Thời hạn đăng nhập" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={save} onValuesChange={clearErrorsOnChange(form)}>
          <Form.Item name="idleMinutes" label="Hết hạn sau (phút không dùng)" rules={[{ required: true, message: 'Nhập số phút.' }]}>
            <InputNumber min={5} max={1440} disabled={!canSave} data-testid="session-idle" />
          </Form.Item>
          <Form.Item name="maxHours" label="Dài nhất (giờ)" rules={[{ required: true, message: 'Nhập số giờ.' }]}>
            <InputNumber min={1} max={720} disabled={!canSave} data-testid="session-max" />
          </Form.Item>
          {canSave && <Button htmlType="submit">Lưu</Button>}
        </Form>
      </Card>
      <Table
        size="small"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        locale={{ emptyText: 'Không có ai đăng nhập qua trình duyệt hoặc máy khách.' }}
        columns={[
          { title: 'Người dùng', render: (_: unknown, s: SessionInfo) => `${s.fullName} (${s.username})` },
          { title: 'Từ máy', dataIndex: 'address', width: 150 },
          { title: 'Trình duyệt, ứng dụng', dataIndex: 'client', ellipsis: true },
          { title: 'Đăng nhập lúc', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTimeVN(t) },
          { title: 'Dùng lần cuối', dataIndex: 'seenAt', width: 150, render: (t: string) => formatDateTimeVN(t) },
          {
            title: '',
            width: 150,
            render: (_: unknown, s: SessionInfo) =>
              s.current ? (
                <Tag color="blue">Phiên này</Tag>
              ) : !canEnd ? null : (
                <Popconfirm title={`Kết thúc phiên của ${s.fullName}? Người đó phải đăng nhập lại.`} okText="Kết thúc" cancelText="Thôi" onConfirm={() => end(s)}>
                  <Button size="small" danger data-testid="session-end">
                    Kết thúc phiên
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </div>
  );
}

interface SharingInfo {
  url: string;
  fingerprint: string;
  caFile: string | null;
}
interface DeskShare {
  share(port: number | null): Promise<Result<SharingInfo | null>>;
  sharing(): Promise<Result<SharingInfo | null>>;
}

/**
 * «Chia sẻ cho cơ quan» (desktop app, this computer's data): for a small office where one PC is the server. The
 * others open the address in a browser, or connect their desktop app to it and compare the fingerprint.
 */
function ShareCard() {
  const desk = window.vanphongDesk as unknown as DeskShare;
  const [info, setInfo] = useState<SharingInfo | null>(null);
  const [port, setPort] = useState<number | null>(8443);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void desk.sharing().then((r) => r.ok && setInfo(r.value));
  }, [desk]);
  async function toggle(on: boolean) {
    setBusy(true);
    setError(null);
    const r = await desk.share(on ? (port ?? 8443) : null);
    setBusy(false);
    if (r.ok) setInfo(r.value);
    else setError(r.error.message);
  }
  return (
    <Card size="small" title="Chia sẻ cho cơ quan" style={{ marginBottom: 16 }} data-testid="share-card">
      {info ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="Địa chỉ cho các máy khác">{info.url}</Descriptions.Item>
          <Descriptions.Item label="Dấu vân tay SHA-256">
            <Typography.Text code copyable>
              {info.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">
          Máy này làm máy chủ cho cơ quan nhỏ: các máy khác trong mạng nội bộ mở địa chỉ được cấp bằng trình duyệt, hoặc kết nối ứng dụng trên máy của họ. Máy này phải bật trong giờ làm việc.
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Space>
        {!info && <InputNumber min={1} max={65535} value={port} onChange={setPort} addonBefore="Cổng" />}
        <Button type={info ? 'default' : 'primary'} loading={busy} onClick={() => toggle(!info)} data-testid="share-toggle">
          {info ? 'Dừng chia sẻ' : 'Chia sẻ cho cơ quan'}
        </Button>
      </Space>
    </Card>
  );
}
