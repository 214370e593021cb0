import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCan } from '../auth/AuthGate';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { formatDateVN } from '../../../shared/domain/dates';
import type { TrustedCertificate } from '../../../shared/signing/schemas';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';

/** Chứng thư tin cậy: the roots and intermediates signatures are checked against (e.g. Root CA quốc gia, Ban Cơ yếu). */
export function TrustTab() {
  const canManage = useCan('trust.add');
  const canRemove = useCan('trust.remove');
  const canSettings = useCan('signing.saveSettings');
  const { message } = App.useApp();
  const [rows, setRows] = useState<TrustedCertificate[]>([]);
  const load = useCallback(() => {
    call('trust.list', {}).then(setRows, (e) => showError(e, (t) => message.error(t)));
  }, [message]);
  useEffect(load, [load]);
  const [tsaForm] = Form.useForm<{ tsaUrl: string }>();
  const [remoteForm] = Form.useForm<{ remoteUrl: string }>();
  useEffect(() => {
    call('signing.settings', {}).then((v) => {
      tsaForm.setFieldsValue({ tsaUrl: v.tsaUrl ?? '' });
      remoteForm.setFieldsValue({ remoteUrl: v.remoteUrl ?? '' });
    }, () => undefined);
  }, [tsaForm, remoteForm]);

  async function saveTsa() {
    try {
      const v = await call('signing.saveSettings', { tsaUrl: tsaForm.getFieldValue('tsaUrl') ?? '' });
      message.success(v.tsaUrl ? 'Từ nay mỗi chữ ký kèm dấu thời gian (PAdES B-T).' : 'Đã bỏ máy chủ dấu thời gian: chữ ký lấy giờ của máy tính (PAdES B-B).');
    } catch (e) {
      showError(e, (t) => message.error(t), tsaForm, ['tsaUrl']);
    }
  }

  async function saveRemote() {
    try {
      const v = await call('signing.saveSettings', { tsaUrl: tsaForm.getFieldValue('tsaUrl') ?? '', remoteUrl: remoteForm.getFieldValue('remoteUrl') ?? '' });
      message.success(v.remoteUrl ? 'Người ký có thể chọn «Ký số từ xa» và xác nhận trên điện thoại.' : 'Đã bỏ dịch vụ ký số từ xa.');
    } catch (e) {
      showError(e, (t) => message.error(t), remoteForm, ['remoteUrl']);
    }
  }

  async function add(file: File) {
    try {
      const added = await call('trust.add', { data: new Uint8Array(await file.arrayBuffer()), name: file.name });
      message.success(`Đã thêm ${added.length} chứng thư. Trạng thái chữ ký của các tệp đã lưu được kiểm tra lại.`);
      load();
    } catch (e) {
      showError(e, (t) => message.error(t));
    }
    return false;
  }

  async function remove(id: number) {
    try {
      await call('trust.remove', { id });
      load();
    } catch (e) {
      showError(e, (t) => message.error(t));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="Máy chủ dấu thời gian (TSA)">
        <Form form={tsaForm} layout="inline" onValuesChange={clearErrorsOnChange(tsaForm)}>
          <Form.Item name="tsaUrl" style={{ width: 480 }} extra="Để trống: chữ ký lấy giờ của máy tính. Có địa chỉ: mỗi chữ ký kèm dấu thời gian RFC 3161 của máy chủ.">
            <Input placeholder="http://tsa.ca.gov.vn" data-testid="tsa-url" disabled={!canSettings} />
          </Form.Item>
          {canSettings && (
            <Button onClick={saveTsa} data-testid="tsa-save">
              Lưu
            </Button>
          )}
        </Form>
      </Card>
      <Card size="small" title="Dịch vụ ký số từ xa (xác nhận trên điện thoại)">
        <Form form={remoteForm} layout="inline" onValuesChange={clearErrorsOnChange(remoteForm)}>
          <Form.Item name="remoteUrl" style={{ width: 480 }} extra="Địa chỉ https:// của dịch vụ ký số từ xa của tổ chức chứng thực. Để trống: không dùng ký số từ xa.">
            <Input placeholder="https://ky-so-tu-xa.example.vn/api" data-testid="remote-url" disabled={!canSettings} />
          </Form.Item>
          {canSettings && (
            <Button onClick={saveRemote} data-testid="remote-save">
              Lưu
            </Button>
          )}
        </Form>
      </Card>
      {canManage && (
        <Space>
          <Upload beforeUpload={add} accept=".cer,.crt,.pem,.der" showUploadList={false} multiple>
            <Button type="primary" icon={<UploadOutlined />} data-testid="trust-upload">
              Nhập chứng thư gốc/trung gian
            </Button>
          </Upload>
          <Typography.Text type="secondary">Tệp .cer, .crt, .der hoặc .pem (có thể nhiều chứng thư trong một tệp).</Typography.Text>
        </Space>
      )}
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        data-testid="trust-table"
        locale={{ emptyText: 'Chưa có chứng thư tin cậy: mọi chữ ký sẽ ở trạng thái «cần xem lại».' }}
        columns={[
          { title: 'Chủ thể', dataIndex: 'subject' },
          { title: 'Cấp bởi', dataIndex: 'issuer' },
          { title: 'Loại', width: 110, render: (_: unknown, c: TrustedCertificate) => (c.isCa ? <Tag color="blue">Gốc/trung gian</Tag> : <Tag>Người dùng</Tag>) },
          { title: 'Hiệu lực', width: 190, render: (_: unknown, c: TrustedCertificate) => `${formatDateVN(c.notBefore.slice(0, 10))} – ${formatDateVN(c.notAfter.slice(0, 10))}` },
          ...(canRemove
            ? [
                {
                  title: '',
                  width: 60,
                  render: (_: unknown, c: TrustedCertificate) => (
                    <Popconfirm title="Bỏ chứng thư này khỏi danh sách tin cậy?" okText="Bỏ" cancelText="Không" onConfirm={() => remove(c.id)}>
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label="Bỏ chứng thư" />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
