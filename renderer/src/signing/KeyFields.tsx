import { useState } from 'react';
import { Button, Col, Form, Input, Radio, Row, Select, Space, Upload, type FormInstance, type UploadFile } from 'antd';
import { UploadOutlined, UsbOutlined } from '@ant-design/icons';
import type { KeyInput, TokenSlotInfo } from '../../../shared/signing/schemas';
import { call } from '../api/client';

/** The key part of any signing form: a .p12/.pfx file with its password, or a USB token (PKCS#11) with its PIN. */
export interface KeyValues {
  method: 'p12' | 'pkcs11';
  p12?: UploadFile[];
  password?: string;
  module?: string;
  slot?: number;
  certificateId?: string;
  pin?: string;
}

/** Where the server's field path lands on a form with these fields ("key.password" → the password box). */
export const KEY_FIELD_OF: Record<string, keyof KeyValues> = {
  'key.data': 'p12',
  p12: 'p12',
  'key.password': 'password',
  password: 'password',
  'key.module': 'module',
  pkcs11: 'module',
  'key.pin': 'pin',
  pin: 'pin',
  'key.slot': 'slot',
  slot: 'slot',
  certificate: 'certificateId',
  'key.certificateId': 'certificateId',
};

export const fileOf = async (list?: UploadFile[]) => (list?.[0]?.originFileObj ? new Uint8Array(await (list[0].originFileObj as File).arrayBuffer()) : null);
export const uploadValue = (e: { fileList: UploadFile[] }) => e.fileList.slice(-1);

/** The key the user chose, or null after marking the missing field. */
export async function keyFromValues(v: KeyValues, form: FormInstance): Promise<KeyInput | null> {
  if (v.method === 'p12') {
    const data = await fileOf(v.p12);
    if (!data) {
      form.setFields([{ name: 'p12', errors: ['Chọn tệp chữ ký số (.p12/.pfx).'] }]);
      return null;
    }
    return { kind: 'p12', data, password: v.password ?? '' };
  }
  return { kind: 'pkcs11', module: v.module ?? '', slot: v.slot ?? 0, pin: v.pin ?? '', certificateId: v.certificateId };
}

export function KeyFields({ form, onError, testId = 'sign' }: { form: FormInstance; onError: (e: unknown) => void; testId?: string }) {
  const method = Form.useWatch('method', form) ?? 'p12';
  const slot = Form.useWatch('slot', form);
  const [tokens, setTokens] = useState<TokenSlotInfo[] | null>(null);

  async function readToken() {
    const module = form.getFieldValue('module') as string | undefined;
    try {
      const t = await call('signing.tokens', { module: module ?? '' });
      setTokens(t);
      form.setFieldsValue({ slot: t[0]?.slot, certificateId: t[0]?.certificates[0]?.id });
      if (!t.length) form.setFields([{ name: 'module', errors: ['Không thấy USB token nào: cắm token rồi thử lại.'] }]);
    } catch (e) {
      setTokens(null);
      onError(e);
    }
  }

  const certs = tokens?.find((t) => t.slot === slot)?.certificates ?? [];
  return (
    <>
      <Form.Item name="method" label="Khóa ký">
        <Radio.Group optionType="button" data-testid={`${testId}-method`}>
          <Radio value="p12">Tệp .p12/.pfx</Radio>
          <Radio value="pkcs11">USB token (PKCS#11)</Radio>
        </Radio.Group>
      </Form.Item>
      {method === 'p12' ? (
        <>
          <Form.Item name="p12" label="Tệp chữ ký số" valuePropName="fileList" getValueFromEvent={uploadValue}>
            <Upload beforeUpload={() => false} accept=".p12,.pfx" maxCount={1} data-testid={`${testId}-p12`}>
              <Button icon={<UploadOutlined />}>Chọn tệp .p12/.pfx</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="password" label="Mật khẩu của tệp">
            <Input.Password autoComplete="off" data-testid={`${testId}-password`} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item label="Thư viện PKCS#11 của token" extra="Ví dụ: C:\Windows\System32\vnpt-ca_csp11.dll, /usr/lib/…/libsofthsm2.so" required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="module" noStyle>
                <Input data-testid={`${testId}-module`} placeholder="Đường dẫn tệp .dll/.so/.dylib" />
              </Form.Item>
              <Button icon={<UsbOutlined />} onClick={readToken} data-testid={`${testId}-read-token`}>
                Đọc token
              </Button>
            </Space.Compact>
          </Form.Item>
          {tokens && (
            <Row gutter={8}>
              <Col span={10}>
                <Form.Item name="slot" label="Khe">
                  <Select options={tokens.map((t) => ({ value: t.slot, label: `${t.slot}: ${t.label}` }))} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name="certificateId" label="Chứng thư">
                  <Select options={certs.map((c) => ({ value: c.id, label: c.subject, title: `${c.subject} — hết hạn ${c.validTo.slice(0, 10)}` }))} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item name="pin" label="Mã PIN">
            <Input.Password autoComplete="off" data-testid={`${testId}-pin`} />
          </Form.Item>
        </>
      )}
    </>
  );
}
