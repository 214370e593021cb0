import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { NewPasswordFields } from './NewPasswordFields';

interface Values {
  current: string;
  password: string;
  confirm: string;
}

/**
 * Every user changes their own password from the user menu: the current one, the new one twice. The server checks
 * the current one (failed tries count against the login throttle) and ends the account's other sessions.
 */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await call('auth.changePassword', { current: v.current, password: v.password });
      message.success('Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã kết thúc.');
      form.resetFields();
      onClose();
    } catch (e) {
      showError(e, (t) => message.error(t), form, ['current', 'password']);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title="Đổi mật khẩu"
      okText="Đổi mật khẩu"
      cancelText="Hủy"
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} requiredMark={false}>
        <Form.Item name="current" label="Mật khẩu hiện tại" rules={[{ required: true, message: 'Nhập mật khẩu hiện tại.' }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <NewPasswordFields label="Mật khẩu mới" testId="new" />
      </Form>
    </Modal>
  );
}
