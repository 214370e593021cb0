import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, Input, Radio, Row, Select, Space, Typography, Upload, type FormInstance, type UploadFile } from 'antd';
import { MobileOutlined, UploadOutlined, UsbOutlined } from '@ant-design/icons';
import type { KeyInput, TokenSlotInfo } from '../../../shared/signing/schemas';
import { ApiFailure, call } from '../api/client';
import { useHostKind } from './deskSigning';
import type { Result } from '../../../shared/api/result';

async function deskTokens(module: string): Promise<TokenSlotInfo[]> {
  const r = (await (window.vanphongDesk as unknown as { tokens(m: string): Promise<Result<TokenSlotInfo[]>> }).tokens(module));
  if (!r.ok) throw new ApiFailure(r.error);
  return r.value;
}

/**
 * The key part of any signing form: a .p12/.pfx file with its password, a USB token (PKCS#11) with its PIN, or — when
 * the administrator configured a remote-signing service — ký số từ xa, approved on the signer's phone.
 */
export interface KeyValues {
  method: 'p12' | 'pkcs11' | 'remote';
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
  key: 'method',
};

export const fileOf = async (list?: UploadFile[]) => (list?.[0]?.originFileObj ? new Uint8Array(await (list[0].originFileObj as File).arrayBuffer()) : null);
export const uploadValue = (e: { fileList: UploadFile[] }) => e.fileList.slice(-1);

/** The key the user chose, or null after marking the missing field. */
export async function keyFromValues(v: KeyValues, form: FormInstance): Promise<KeyInput | null> {
  if (v.method === 'remote') return { kind: 'remote' };
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

/** `waiting`: the form's signing call is under way (with ký số từ xa, it waits for the phone). */
export function KeyFields({ form, onError, testId = 'sign', waiting = false }: { form: FormInstance; onError: (e: unknown) => void; testId?: string; waiting?: boolean }) {
  const method = Form.useWatch('method', form) ?? 'p12';
  const slot = Form.useWatch('slot', form);
  const [tokens, setTokens] = useState<TokenSlotInfo[] | null>(null);
  const [remoteUrl, setRemoteUrl] = useState<string | null>(null);
  const host = useHostKind();
  // A browser on the office server may not send a key to the server: only remote signing.
  const keysHere = host !== 'office-browser';
  useEffect(() => {
    if (host === 'office-browser' && remoteUrl && form.getFieldValue('method') !== 'remote') form.setFieldsValue({ method: 'remote' });
  }, [host, remoteUrl, form]);

  useEffect(() => {
    let live = true;
    call('signing.settings', {}).then((s) => live && setRemoteUrl(s.remoteUrl), () => undefined);
    return () => {
      live = false;
    };
  }, []);

  async function readToken() {
    const module = form.getFieldValue('module') as string | undefined;
    try {
      // On the office server's pages in the desktop app, the tokens are this computer's, read by the desktop itself.
      const desk = host === 'office-desktop' ? window.vanphongDesk : undefined;
      const t = desk ? await deskTokens(module ?? '') : await call('signing.tokens', { module: module ?? '' });
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
          {keysHere && <Radio value="p12">Tệp .p12/.pfx</Radio>}
          {keysHere && <Radio value="pkcs11">USB token (PKCS#11)</Radio>}
          {remoteUrl && (
            <Radio value="remote" data-testid={`${testId}-remote`}>
              <MobileOutlined /> Ký số từ xa (xác nhận trên điện thoại)
            </Radio>
          )}
        </Radio.Group>
      </Form.Item>
      {!keysHere && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={`${testId}-browser-note`}
          message={remoteUrl ? 'Trên trình duyệt, ký bằng dịch vụ ký số từ xa.' : 'Trình duyệt không ký được bằng USB token hay tệp .p12 trên máy chủ.'}
          description="Khóa ký không bao giờ được gửi lên máy chủ. Để ký bằng USB token hoặc tệp .p12, hãy dùng ứng dụng Văn phòng điện tử trên máy tính của bạn."
        />
      )}
      {method === 'remote' ? (
        waiting ? (
          <Alert type="info" showIcon icon={<MobileOutlined />} data-testid={`${testId}-remote-waiting`} message="Đang chờ xác nhận trên điện thoại…" description="Mở ứng dụng ký số trên điện thoại và xác nhận yêu cầu ký (tối đa 2 phút)." />
        ) : (
          <Typography.Paragraph type="secondary" data-testid={`${testId}-remote-hint`}>
            Khóa ký do dịch vụ ký số từ xa giữ; sau khi bấm ký, hãy xác nhận yêu cầu trên điện thoại của bạn.
          </Typography.Paragraph>
        )
      ) : method === 'p12' ? (
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
