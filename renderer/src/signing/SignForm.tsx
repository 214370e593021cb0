import { useEffect, useRef, useState } from 'react';
import { App, Button, Col, Form, Input, Radio, Row, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Organization } from '../../../shared/directory/schemas';
import { ROLE_LABELS, type Person, type SignResult, type StampInfo, type SignatureRoleName } from '../../../shared/signing/schemas';
import { ApiFailure, call } from '../api/client';
import { clearErrorsOnChange } from '../api/errors';
import { openPdf, renderPage } from '../viewer/pdf';
import { download } from '../util/download';
import { SignaturePanel } from './SignaturePanel';
import { fileOf, KEY_FIELD_OF, KeyFields, keyFromValues, uploadValue, type KeyValues } from './KeyFields';

interface Values extends KeyValues {
  pdf?: UploadFile[];
  role: SignatureRoleName;
  personId?: number;
  organizationId?: number;
  stampText?: string;
  reason?: string;
}

/** Where the server's field path lands on this form. */
const FIELD_OF: Record<string, keyof Values> = {
  ...KEY_FIELD_OF,
  pdf: 'pdf',
  page: 'pdf',
  rect: 'pdf',
  personId: 'personId',
  organizationId: 'organizationId',
  stampText: 'stampText',
  reason: 'reason',
};

/** The signed page, drawn by pdf.js as any reader would draw it: the stamp is checked by eye before sending. */
function SignedPage({ result }: { result: SignResult }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    void openPdf(result.pdf).then(async (doc) => {
      if (!cancelled && canvas.current) await renderPage(doc, result.page, canvas.current, 470);
    });
    return () => {
      cancelled = true;
    };
  }, [result]);
  return <canvas ref={canvas} data-testid="signed-page" style={{ background: '#fff', boxShadow: '0 2px 8px rgba(0,0,0,.3)' }} />;
}

export function SignForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form) ?? 'signer';
  const [people, setPeople] = useState<Person[]>([]);
  const [orgs, setOrgs] = useState<(Organization & { hasSeal: boolean })[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ name: string; value: SignResult } | null>(null);

  useEffect(() => {
    Promise.all([call('people.list', {}), call('organizations.list', { limit: 500 }), call('stamps.list', {})]).then(([p, o, s]: [Person[], Organization[], StampInfo[]]) => {
      setPeople(p);
      const seals = new Set(s.filter((x) => x.kind === 'seal').map((x) => x.organizationId));
      setOrgs(o.map((x) => ({ ...x, hasSeal: seals.has(x.id) })).sort((a, b) => Number(b.hasSeal) - Number(a.hasSeal)));
    }, () => undefined);
  }, []);

  function fail(e: unknown) {
    if (e instanceof ApiFailure) {
      const name = e.error.field ? FIELD_OF[e.error.field] ?? FIELD_OF[e.error.field.split('.')[0]] : undefined;
      if (name) {
        form.setFields([{ name, errors: [e.error.message] }]);
        return;
      }
      message.error(e.error.message);
      return;
    }
    message.error(`Lỗi không mong đợi: ${(e as Error)?.message ?? String(e)}`);
  }

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const pdf = await fileOf(v.pdf);
    if (!pdf) return form.setFields([{ name: 'pdf', errors: ['Chọn tệp PDF cần ký.'] }]);
    const key = await keyFromValues(v, form);
    if (!key) return;
    setBusy(true);
    setResult(null);
    try {
      const value = await call('signing.sign', {
        pdf,
        role: v.role,
        key,
        personId: v.role === 'signer' ? v.personId : undefined,
        organizationId: v.role === 'organisation' ? v.organizationId : undefined,
        stampText: v.role === 'attachment' ? v.stampText : undefined,
        reason: v.reason || undefined,
      });
      const name = (v.pdf![0].name || 'van-ban.pdf').replace(/\.pdf$/i, '').replace(/-da-ky$/, '') + '-da-ky.pdf';
      setResult({ name, value });
      message.success('Đã ký số. Kiểm tra hình chữ ký trên trang rồi tải tệp về.');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Row gutter={24} wrap={false}>
      <Col flex="400px">
        <Form form={form} layout="vertical" initialValues={{ role: 'signer', method: 'p12' }} onValuesChange={clearErrorsOnChange(form)} data-testid="sign-form">
          <Form.Item name="pdf" label="Tệp PDF cần ký" valuePropName="fileList" getValueFromEvent={uploadValue}>
            <Upload beforeUpload={() => false} accept=".pdf" maxCount={1} data-testid="sign-pdf">
              <Button icon={<UploadOutlined />}>Chọn tệp PDF</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="role" label="Ký với vai trò">
            <Radio.Group data-testid="sign-role">
              <Space direction="vertical" size={4}>
                {(Object.keys(ROLE_LABELS) as SignatureRoleName[]).map((r) => (
                  <Radio key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          {role === 'signer' && (
            <Form.Item name="personId" label="Người ký (ảnh chữ ký lấy từ «Mẫu chữ ký, con dấu»)" extra="Không chọn: in họ tên và thời gian ký thay cho ảnh chữ ký.">
              <Select
                allowClear
                data-testid="sign-person"
                placeholder="Chọn người ký"
                options={people.map((p) => ({ value: p.id, label: `${p.fullName}${p.position ? ` — ${p.position}` : ''}${p.hasSignature ? '' : ' (chưa có ảnh chữ ký)'}`, title: p.fullName }))}
              />
            </Form.Item>
          )}
          {role === 'organisation' && (
            <Form.Item name="organizationId" label="Cơ quan ban hành (ảnh con dấu)" rules={[{ required: true, message: 'Chọn cơ quan có con dấu.' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="sign-org"
                placeholder="Chọn cơ quan"
                options={orgs.map((o) => ({ value: o.id, label: `${o.name}${o.hasSeal ? '' : ' (chưa có ảnh con dấu)'}`, title: o.name, disabled: !o.hasSeal }))}
              />
            </Form.Item>
          )}
          {role === 'attachment' && (
            <Form.Item name="stampText" label="Số và ký hiệu của văn bản chính" rules={[{ required: true, whitespace: true, message: 'Nhập số và ký hiệu, ví dụ 15/QĐ-UBND.' }]}>
              <Input placeholder="15/QĐ-UBND" data-testid="sign-stamp-text" />
            </Form.Item>
          )}
          <KeyFields form={form} onError={fail} />
          <Form.Item name="reason" label="Lý do ký (không bắt buộc)">
            <Input />
          </Form.Item>
          <Button type="primary" onClick={submit} disabled={busy} loading={busy} data-testid="sign-submit">
            Ký số
          </Button>
        </Form>
      </Col>
      <Col flex="auto">
        {result ? (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="sign-result">
            <Space>
              <Button type="primary" icon={<DownloadOutlined />} onClick={() => download(result.name, 'application/pdf', result.value.pdf)} data-testid="sign-download">
                Tải tệp đã ký
              </Button>
              <Typography.Text type="secondary">
                {result.name} · chữ ký ở trang {result.value.page}
              </Typography.Text>
            </Space>
            <Row gutter={16} wrap={false}>
              <Col flex="480px">
                <SignedPage result={result.value} />
              </Col>
              <Col flex="auto" style={{ minWidth: 0 }}>
                <SignaturePanel result={result.value.verification} />
              </Col>
            </Row>
          </Space>
        ) : (
          <Typography.Paragraph type="secondary" style={{ maxWidth: 520 }}>
            Thứ tự theo Nghị định 30/2020/NĐ-CP: lãnh đạo ký trước (ảnh chữ ký màu xanh giữa chức vụ và họ tên), văn thư ký sau bằng chữ ký số của cơ quan (ảnh
            con dấu màu đỏ, kích thước thật, trùm lên khoảng 1/3 ảnh chữ ký về bên trái). Tệp đính kèm riêng được ký số của cơ quan ở góc trên bên phải trang đầu,
            không có ảnh. Mỗi lần ký chỉ nối thêm vào cuối tệp nên các chữ ký trước vẫn hợp lệ.
          </Typography.Paragraph>
        )}
      </Col>
    </Row>
  );
}

