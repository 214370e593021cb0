import { useCallback, useEffect, useState } from 'react';
import { App, Button, Checkbox, Col, Form, Input, Modal, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/auth/roles';
import type { UserInfo } from '../../../shared/auth/schemas';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { useCan } from './AuthGate';

interface Values {
  username: string;
  fullName: string;
  title?: string;
  unit?: string;
  roles: Role[];
  password?: string;
  active?: boolean;
}

/** Accounts (quản trị): who works here and in which roles. */
export function UsersPage() {
  const { message } = App.useApp();
  const canCreate = useCan('users.create');
  const canUpdate = useCan('users.update');
  const [rows, setRows] = useState<UserInfo[] | null>(null);
  const [editing, setEditing] = useState<UserInfo | 'new' | null>(null);
  const load = useCallback(() => call('users.list', {}).then(setRows, (e) => showError(e, message.error)), [message]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div data-testid="users">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Tài khoản
        </Typography.Title>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-new">
            Thêm tài khoản
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        onRow={(r) => ({ onClick: () => canUpdate && setEditing(r), style: { cursor: canUpdate ? 'pointer' : undefined }, 'data-testid': 'user-row' }) as object}
        columns={[
          { title: 'Tên đăng nhập', dataIndex: 'username', width: 160 },
          { title: 'Họ và tên', dataIndex: 'fullName' },
          { title: 'Chức vụ', dataIndex: 'title', width: 180 },
          { title: 'Đơn vị', dataIndex: 'unit', width: 120 },
          { title: 'Vai trò', dataIndex: 'roles', width: 300, render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>) },
          { title: 'Trạng thái', dataIndex: 'active', width: 110, render: (a: boolean) => (a ? <Tag color="green">Hoạt động</Tag> : <Tag>Đã khóa</Tag>) },
        ]}
      />
      <UserModal
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
    </div>
  );
}

function UserModal({ user, onClose, onSaved }: { user: UserInfo | 'new' | null; onClose(): void; onSaved(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const isNew = user === 'new';
  useEffect(() => {
    form.resetFields();
    if (user && user !== 'new') form.setFieldsValue({ ...user, password: undefined });
    if (user === 'new') form.setFieldsValue({ roles: [], active: true });
  }, [user, form]);
  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v || !user) return;
    setBusy(true);
    try {
      if (user === 'new') await call('users.create', { username: v.username, fullName: v.fullName, title: v.title, unit: v.unit, roles: v.roles, password: v.password ?? '' });
      else await call('users.update', { id: user.id, fullName: v.fullName, title: v.title ?? '', unit: v.unit ?? '', roles: v.roles, active: v.active, password: v.password || undefined });
      message.success('Đã lưu tài khoản.');
      onSaved();
    } catch (e) {
      showError(e, message.error, form, ['username', 'fullName', 'title', 'unit', 'roles', 'password']);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={user !== null} title={isNew ? 'Thêm tài khoản' : 'Sửa tài khoản'} okText="Lưu" cancelText="Hủy" onOk={() => void submit()} onCancel={onClose} okButtonProps={{ disabled: busy }} destroyOnHidden>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="user-form">
        <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, message: 'Nhập tên đăng nhập.' }]}>
          <Input disabled={!isNew} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="fullName" label="Họ và tên (đúng như in dưới chữ ký)" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên.' }]}>
          <Input data-testid="user-fullname" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="title" label="Chức vụ">
              <Input data-testid="user-title" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="unit" label="Đơn vị (viết tắt)" tooltip="In ở dòng «Lưu» của văn bản người này soạn, ví dụ «Lưu: VT, KHTC».">
              <Input placeholder="VP, KHTC" data-testid="user-unit" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="roles" label="Vai trò" rules={[{ required: true, message: 'Chọn ít nhất một vai trò.' }]}>
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="password" label={isNew ? 'Mật khẩu' : 'Đặt lại mật khẩu (để trống: giữ nguyên)'} rules={isNew ? [{ required: true, min: 8, message: 'Mật khẩu phải có ít nhất 8 ký tự.' }] : [{ min: 8, message: 'Mật khẩu phải có ít nhất 8 ký tự.' }]}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        {!isNew && (
          <Form.Item name="active" label="Đang hoạt động" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
