import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, InputNumber, Popconfirm, Row, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import type { AccountStamp, StampMeta } from '../../../shared/settings/schemas';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';
import { StampImage } from '../signing/StampImage';

/** The seal (no account) or an account's signature image. */
function AccountStampImage({ userId, version }: { userId?: number; version: string }) {
  const load = () => call('settings.stampImage', { userId }).then((r) => r.png);
  const seal = userId === undefined;
  return <StampImage source={String(userId)} version={version} load={load} alt={seal ? 'Ảnh con dấu' : 'Ảnh chữ ký'} testId={seal ? 'seal-image' : `signature-image-${userId}`} height={64} maxWidth={180} />;
}

const sizeOf = (m: StampMeta) => `${m.widthMm.toLocaleString('vi-VN')} mm`;

/**
 * Con dấu và chữ ký: the office's seal, stamped by the văn thư at issuance, and each account's signature image,
 * placed where the leader signs in the workflow. Linked to the accounts, not to a separate list of people.
 */
export function StampsSection() {
  const { message } = App.useApp();
  const canManage = useCan('settings.setStamp');
  const [seal, setSeal] = useState<StampMeta | null>(null);
  const [accounts, setAccounts] = useState<AccountStamp[]>([]);
  const [sealWidth, setSealWidth] = useState<number | null>(null);

  const load = useCallback(() => {
    call('settings.stamps', {}).then((s) => {
      setSeal(s.seal);
      setAccounts(s.accounts);
    }, (e) => showError(e, (t) => message.error(t)));
  }, [message]);
  useEffect(load, [load]);

  async function upload(userId: number | undefined, file: File) {
    try {
      await call('settings.setStamp', { userId, png: new Uint8Array(await file.arrayBuffer()), widthMm: userId === undefined ? (sealWidth ?? undefined) : undefined });
      message.success(userId === undefined ? 'Đã lưu ảnh con dấu của cơ quan.' : 'Đã lưu ảnh chữ ký.');
      load();
    } catch (e) {
      showError(e, (t) => message.error(t));
    }
    return false;
  }

  async function remove(userId?: number) {
    try {
      await call('settings.removeStamp', { userId });
      message.success('Đã xóa ảnh.');
      load();
    } catch (e) {
      showError(e, (t) => message.error(t));
    }
  }

  return (
    <Row gutter={16}>
      <Col span={9}>
        <Card title="Con dấu của cơ quan" size="small" extra={<Typography.Text type="secondary">PNG màu đỏ, nền trong suốt</Typography.Text>} data-testid="seal-card">
          <Space direction="vertical" style={{ width: '100%' }}>
            <AccountStampImage version={seal?.updatedAt ?? ''} />
            <Typography.Text type={seal ? undefined : 'warning'} data-testid="seal-state">
              {seal ? `Cỡ thật: ${sizeOf(seal)}. Văn thư đóng dấu này khi phát hành.` : 'Chưa có ảnh con dấu: văn bản phát hành được ký số nhưng không có hình con dấu trên trang.'}
            </Typography.Text>
            <Space wrap>
              <InputNumber
                min={5}
                max={120}
                step={0.5}
                value={sealWidth}
                onChange={(v) => setSealWidth(v)}
                placeholder="36"
                addonAfter="mm"
                style={{ width: 150 }}
                aria-label="Đường kính thật của con dấu (mm)"
                data-testid="seal-width"
                disabled={!canManage}
              />
              <Upload beforeUpload={(f) => upload(undefined, f)} accept=".png,image/png" showUploadList={false} disabled={!canManage}>
                <Button icon={<UploadOutlined />} data-testid="seal-upload" disabled={!canManage}>
                  {seal ? 'Thay ảnh con dấu' : 'Tải ảnh con dấu'}
                </Button>
              </Upload>
              {seal && canManage && (
                <Popconfirm title="Xóa ảnh con dấu?" okText="Xóa" cancelText="Không" onConfirm={() => void remove()}>
                  <Button danger icon={<DeleteOutlined />} aria-label="Xóa ảnh con dấu" data-testid="seal-remove" />
                </Popconfirm>
              )}
            </Space>
            <Typography.Text type="secondary">Đường kính để trống: lấy theo độ phân giải ghi trong ảnh, nếu không có thì 36 mm.</Typography.Text>
          </Space>
        </Card>
      </Col>
      <Col span={15}>
        <Card title="Chữ ký của người có thẩm quyền" size="small" extra={<Typography.Text type="secondary">PNG màu xanh, nền trong suốt</Typography.Text>}>
          <Table
            rowKey="userId"
            size="small"
            pagination={false}
            dataSource={accounts}
            data-testid="signature-table"
            locale={{ emptyText: 'Chưa có tài khoản' }}
            columns={[
              {
                title: 'Tài khoản',
                render: (_: unknown, a: AccountStamp) => (
                  <div>
                    <div>{a.fullName}</div>
                    <Typography.Text type="secondary">
                      {a.title || a.username} {a.roles.includes('lanhdao') && <Tag color="blue">{ROLE_LABELS.lanhdao}</Tag>}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: 'Ảnh chữ ký', width: 200, render: (_: unknown, a: AccountStamp) => <AccountStampImage userId={a.userId} version={a.signature?.updatedAt ?? ''} /> },
              {
                title: '',
                width: 170,
                render: (_: unknown, a: AccountStamp) =>
                  canManage && (
                    <Space>
                      <Upload beforeUpload={(f) => upload(a.userId, f)} accept=".png,image/png" showUploadList={false}>
                        <Button size="small" icon={<UploadOutlined />} data-testid={`signature-upload-${a.username}`}>
                          {a.signature ? 'Thay ảnh' : 'Tải ảnh lên'}
                        </Button>
                      </Upload>
                      {a.signature && (
                        <Tooltip title="Xóa ảnh chữ ký">
                          <Popconfirm title={`Xóa ảnh chữ ký của ${a.fullName}?`} okText="Xóa" cancelText="Không" onConfirm={() => void remove(a.userId)}>
                            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Xóa ảnh chữ ký của ${a.fullName}`} />
                          </Popconfirm>
                        </Tooltip>
                      )}
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
