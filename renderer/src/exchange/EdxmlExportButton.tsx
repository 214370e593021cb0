import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, List, Modal, Select, Tooltip, Typography, Upload } from 'antd';
import { ExportOutlined, UploadOutlined } from '@ant-design/icons';
import type { OutgoingRecord } from '../../../shared/outgoing/schemas';
import { BUSINESS_LABELS, BUSINESSES, type Business } from '../../../shared/exchange/edxml-model';
import type { ExportedEdxml } from '../../../shared/exchange/edxml-api';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';
import { download } from '../util/download';

interface Values {
  to: string[];
  business: Business;
  reason?: string;
  /** A replace: the earlier document of the register this one replaces. */
  replaces?: number;
  password: string;
}

/**
 * «Xuất gói edXML» on an issued outgoing document (issue 18): extra recipients by mã định danh, the organisation's
 * .p12 and its password; the package is signed, downloaded, and the recipients sent to and those without a mã định
 * danh are listed. Not offered for a document with độ mật (QĐ 28/2018/QĐ-TTg).
 */
export function EdxmlExportButton({ record }: { record: OutgoingRecord }) {
  const { message } = App.useApp();
  const can = useCan('exchange.exportEdxml');
  const [open, setOpen] = useState(false);
  const [p12, setP12] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportedEdxml | null>(null);
  const [form] = Form.useForm<Values>();
  const [earlier, setEarlier] = useState<OutgoingRecord[]>([]);
  const business = Form.useWatch('business', form);
  // The register's other issued documents, for «Thay thế»: which one this replaces.
  useEffect(() => {
    if (!open || business !== 'replace' || earlier.length) return;
    let live = true;
    call('outgoing.list', { limit: 500 })
      .then((list) => live && setEarlier(list.filter((r) => r.status === 'issued' && r.id !== record.id)))
      .catch((e) => showError(e, message.error));
    return () => {
      live = false;
    };
  }, [open, business, earlier.length, record.id, message]);
  // (A record brought in from an old register is refused by the API, which says why.)
  if (!can || record.status !== 'issued' || record.secrecy !== 'thuong') return null;
  const close = () => {
    setOpen(false);
    setDone(null);
    setP12(null);
    form.resetFields();
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (!p12) {
      form.setFields([{ name: 'password', errors: ['Chọn tệp chữ ký số (.p12/.pfx) của cơ quan.'] }]);
      return;
    }
    setBusy(true);
    try {
      const r = await call('exchange.exportEdxml', {
        id: record.id,
        to: v.to ?? [],
        business: v.business,
        reason: v.reason,
        replaces: v.business === 'replace' ? v.replaces : undefined,
        key: { kind: 'p12', data: new Uint8Array(await p12.arrayBuffer()), password: v.password ?? '' },
      });
      download(r.fileName, 'application/xml', r.bytes);
      setDone(r);
      message.success(`Đã xuất gói edXML ${r.fileName}.`);
    } catch (e) {
      showError(e, (t) => message.error(t, 8), form, ['to', 'reason', 'replaces', 'password', 'business']);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Tooltip title="Xuất gói edXML (trục liên thông)">
        <Button type="text" icon={<ExportOutlined />} aria-label="Xuất gói edXML" onClick={() => setOpen(true)} data-testid="edxml-export" />
      </Tooltip>
      <Modal
        open={open}
        title={`Xuất gói edXML — văn bản số ${record.ref}`}
        okText={done ? 'Đóng' : 'Ký và xuất gói'}
        cancelText="Hủy"
        onOk={() => (done ? close() : void submit())}
        onCancel={close}
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        {done ? (
          <div data-testid="edxml-export-result">
            <Typography.Paragraph>
              Mã văn bản: <Typography.Text copyable>{done.documentId}</Typography.Text>
            </Typography.Paragraph>
            <List
              size="small"
              header={`Gửi điện tử cho ${done.recipients.length} nơi nhận`}
              dataSource={done.recipients}
              renderItem={(x) => <List.Item>{`${x.organId} — ${x.name}${x.email ? ` <${x.email}>` : ''}`}</List.Item>}
            />
            {done.notSendable.length > 0 && (
              <List
                size="small"
                style={{ marginTop: 8 }}
                header="Không gửi điện tử được"
                dataSource={done.notSendable}
                renderItem={(x) => <List.Item>{`${x.name} — ${x.why}`}</List.Item>}
              />
            )}
          </div>
        ) : (
          <Form form={form} layout="vertical" initialValues={{ to: [], business: 'new' }} onValuesChange={clearErrorsOnChange(form)}>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="Nơi nhận có mã định danh trong danh bạ được đưa vào gói; nơi nhận khác được liệt kê để gửi bằng cách khác." />
            <Form.Item name="business" label="Loại gói tin">
              <Select options={BUSINESSES.map((b) => ({ value: b, label: BUSINESS_LABELS[b] }))} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.business !== b.business}>
              {() =>
                form.getFieldValue('business') !== 'new' && (
                  <>
                    {form.getFieldValue('business') === 'replace' && (
                      <Form.Item name="replaces" label="Thay thế văn bản" extra="Văn bản đã gửi trước mà văn bản này thay thế; bỏ trống: gói thay thế chính văn bản này." data-testid="edxml-replaces">
                        <Select
                          allowClear
                          showSearch
                          optionFilterProp="label"
                          placeholder="Chọn văn bản bị thay thế"
                          options={earlier.map((r) => ({ value: r.id, label: `${r.ref} — ${r.subject}` }))}
                        />
                      </Form.Item>
                    )}
                    <Form.Item name="reason" label="Lý do" rules={[{ required: true, message: 'Nhập lý do.' }]}>
                      <Input.TextArea rows={2} maxLength={500} />
                    </Form.Item>
                  </>
                )
              }
            </Form.Item>
            <Form.Item name="to" label="Thêm nơi nhận theo mã định danh" extra="Dạng 000.00.00.H30; nhấn Enter sau mỗi mã.">
              <Select mode="tags" tokenSeparators={[',', ' ', ';']} open={false} />
            </Form.Item>
            <Form.Item label="Chữ ký số của cơ quan (.p12/.pfx)" required>
              <Upload accept=".p12,.pfx" maxCount={1} beforeUpload={(f) => (setP12(f), false)} onRemove={() => setP12(null)} fileList={p12 ? [{ uid: '1', name: p12.name }] : []}>
                <Button icon={<UploadOutlined />} data-testid="edxml-p12">
                  Chọn tệp
                </Button>
              </Upload>
            </Form.Item>
            <Form.Item name="password" label="Mật khẩu tệp chữ ký số">
              <Input.Password autoComplete="off" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
