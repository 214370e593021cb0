import { useEffect, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { SMTP_SECURITY, SMTP_SECURITY_LABELS, type ExchangeSettings, type SmtpSecurity } from '../../../shared/exchange/settings';
import { ApiFailure, call } from '../api/client';
import { showError } from '../api/errors';

interface Values {
  outbox: string;
  inbox: string;
  autoStatuses: boolean;
  smtpOn: boolean;
  smtp: { host: string; port: number; security: SmtpSecurity; user: string; from: string; password: string };
}

/**
 * The exchange's settings (issue 18): the folder pair the LGSP / trục client syncs, the SMTP server for e-mail, the
 * automatic statuses. A refused field shows its Vietnamese message under the field (the server names it, e.g.
 * "smtp.port"). The SMTP password is write-only: left empty, the stored one is kept.
 */
export function ExchangeSettingsForm({ editable }: { editable: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState<ExchangeSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const smtpOn = Form.useWatch('smtpOn', form);

  const fill = (s: ExchangeSettings) => {
    setSaved(s);
    form.setFieldsValue({
      outbox: s.outbox,
      inbox: s.inbox,
      autoStatuses: s.autoStatuses,
      smtpOn: !!s.smtp,
      smtp: { host: s.smtp?.host ?? '', port: s.smtp?.port ?? 587, security: s.smtp?.security ?? 'starttls', user: s.smtp?.user ?? '', from: s.smtp?.from ?? '', password: '' },
    });
  };
  useEffect(() => {
    call('exchange.settings', {}).then(fill, (e) => showError(e, message.error));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save() {
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    try {
      const s = await call('exchange.saveSettings', {
        outbox: v.outbox ?? '',
        inbox: v.inbox ?? '',
        autoStatuses: v.autoStatuses,
        smtp: v.smtpOn ? { ...v.smtp, password: v.smtp.password ? v.smtp.password : undefined } : null,
      });
      fill(s);
      message.success('Đã lưu cài đặt trao đổi văn bản.');
    } catch (e) {
      const field = e instanceof ApiFailure ? e.error.field : undefined;
      const path = field?.split('.') ?? [];
      const known = path[0] === 'smtp' ? ['host', 'port', 'security', 'user', 'from', 'password'].includes(path[1] ?? '') : ['outbox', 'inbox'].includes(path[0] ?? '');
      if (e instanceof ApiFailure && known) form.setFields([{ name: path.slice(0, 2) as never, errors: [e.error.message] }]);
      else showError(e, message.error);
    } finally {
      setBusy(false);
    }
  }

  const clear = (changed: Record<string, unknown>) => {
    for (const k of Object.keys(changed)) {
      if (k === 'smtp') for (const s of Object.keys(changed.smtp as object)) form.setFields([{ name: ['smtp', s] as never, errors: [] }]);
      else form.setFields([{ name: k as never, errors: [] }]);
    }
  };

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 640 }} disabled={!editable} onValuesChange={clear} data-testid="exchange-settings-form">
      <Typography.Paragraph type="secondary">
        Phần mềm ghi gói tin cần gửi vào thư mục gửi và đọc gói tin đến (tệp .edxml, thư .eml) từ thư mục nhận; phần mềm kết nối trục liên thông/LGSP của cơ quan đồng bộ hai thư mục này.
      </Typography.Paragraph>
      <Form.Item name="outbox" label="Thư mục gửi (đường dẫn đầy đủ)">
        <Input placeholder="/srv/lgsp/gui" data-testid="exchange-outbox" />
      </Form.Item>
      <Form.Item name="inbox" label="Thư mục nhận (đường dẫn đầy đủ)">
        <Input placeholder="/srv/lgsp/nhan" data-testid="exchange-inbox" />
      </Form.Item>
      <Form.Item name="autoStatuses" label="Tự gửi trạng thái cho cơ quan gửi (đã đến, đã vào sổ, lãnh đạo phân công, hoàn thành)" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="smtpOn" label="Gửi bằng thư điện tử (SMTP)" valuePropName="checked">
        <Switch data-testid="exchange-smtp-on" />
      </Form.Item>
      {smtpOn && (
        <>
          <Form.Item name={['smtp', 'host']} label="Máy chủ SMTP">
            <Input placeholder="mail.haugiang.gov.vn" data-testid="exchange-smtp-host" />
          </Form.Item>
          <Form.Item name={['smtp', 'port']} label="Cổng">
            <InputNumber min={1} max={65535} style={{ width: 140 }} data-testid="exchange-smtp-port" />
          </Form.Item>
          <Form.Item name={['smtp', 'security']} label="Bảo mật">
            <Select style={{ width: 220 }} options={SMTP_SECURITY.map((s) => ({ value: s, label: SMTP_SECURITY_LABELS[s] }))} />
          </Form.Item>
          <Form.Item name={['smtp', 'user']} label="Tài khoản">
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name={['smtp', 'password']} label="Mật khẩu" extra={saved?.smtp?.hasPassword ? 'Đã lưu mật khẩu; để trống để giữ nguyên.' : undefined}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name={['smtp', 'from']} label="Địa chỉ gửi">
            <Input placeholder="vanthu@haugiang.gov.vn" data-testid="exchange-smtp-from" />
          </Form.Item>
        </>
      )}
      {editable && (
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="exchange-settings-save">
          Lưu cài đặt
        </Button>
      )}
    </Form>
  );
}
