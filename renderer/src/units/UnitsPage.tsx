import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UserInfo } from '../../../shared/auth/schemas';
import type { SecrecySettings, UnitInfo } from '../../../shared/units/schemas';
import { foldVietnamese } from '../../../shared/text/fold';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';

interface UnitForm {
  name: string;
  head?: string;
  members?: string[];
}

interface SecrecyForm {
  secretClerks: string[];
  officeHeads: string[];
  offlineMachine: boolean;
}

const byName = (input: string, o?: { label?: unknown }) => foldVietnamese(String(o?.label ?? '')).includes(foldVietnamese(input));

/**
 * Quản trị: the office's units (phòng, ban) with their heads and members — what is routed to a unit reaches them —
 * and who reads secret documents besides the people named on them.
 */
export function UnitsPage() {
  const { message, modal } = App.useApp();
  const [units, setUnits] = useState<UnitInfo[] | null>(null);
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [editing, setEditing] = useState<UnitInfo | 'new' | null>(null);
  const [unitForm] = Form.useForm<UnitForm>();
  const [secrecyForm] = Form.useForm<SecrecyForm>();
  const [secrecy, setSecrecy] = useState<SecrecySettings | null>(null);

  const load = useCallback(() => {
    call('units.list', {}).then(setUnits, (e) => showError(e, message.error));
    call('users.list', {}).then(setUsers, (e) => showError(e, message.error));
    call('units.secrecy', {}).then(setSecrecy, (e) => showError(e, message.error));
  }, [message]);
  useEffect(load, [load]);
  useEffect(() => {
    if (secrecy) secrecyForm.setFieldsValue({ secretClerks: secrecy.secretClerks.map((p) => p.username), officeHeads: secrecy.officeHeads.map((p) => p.username), offlineMachine: secrecy.offlineMachine });
  }, [secrecy, secrecyForm]);

  const people = (role?: string) => users.filter((u) => u.active && (!role || u.roles.includes(role as never))).map((u) => ({ value: u.username, label: `${u.fullName} (${u.username})` }));

  function open(u: UnitInfo | 'new') {
    setEditing(u);
    unitForm.resetFields();
    if (u !== 'new') unitForm.setFieldsValue({ name: u.name, head: u.head?.username, members: u.members.map((m) => m.username) });
  }

  async function saveUnit() {
    let v: UnitForm;
    try {
      v = await unitForm.validateFields();
    } catch {
      return;
    }
    try {
      const saved = await call('units.save', { id: editing === 'new' || editing === null ? undefined : editing.id, name: v.name, head: v.head, members: v.members ?? [] });
      message.success(`Đã lưu đơn vị «${saved.name}».`);
      setEditing(null);
      load();
    } catch (e) {
      showError(e, message.error, unitForm, ['name', 'head', 'members']);
    }
  }

  /** A unit with open work, tasks or hồ sơ is refused by the API, which says what to move first. */
  function removeUnit(u: UnitInfo) {
    modal.confirm({
      title: `Xóa đơn vị «${u.name}»?`,
      content: 'Văn bản, công việc đã giao cho đơn vị vẫn giữ tên đơn vị; đơn vị không còn được chọn khi chuyển văn bản hay giao việc.',
      okText: 'Xóa đơn vị',
      okButtonProps: { danger: true },
      cancelText: 'Không',
      onOk: async () => {
        try {
          await call('units.remove', { id: u.id });
          message.success(`Đã xóa đơn vị «${u.name}».`);
          load();
        } catch (e) {
          showError(e, message.error);
        }
      },
    });
  }

  async function saveSecrecy(v: SecrecyForm) {
    try {
      setSecrecy(await call('units.saveSecrecy', v));
      message.success('Đã lưu quy định đọc văn bản mật.');
    } catch (e) {
      showError(e, message.error, secrecyForm, ['secretClerks', 'officeHeads', 'offlineMachine']);
    }
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="units-page">
      <Card
        title="Đơn vị của cơ quan"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="unit-add">
            Thêm đơn vị
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          Văn bản đến chuyển cho một đơn vị thì mọi thành viên của đơn vị đọc được; văn bản mật chỉ đến trưởng đơn vị. Chuyên viên chỉ thấy văn bản chuyển cho mình hoặc đơn vị mình.
        </Typography.Paragraph>
        <Table<UnitInfo>
          rowKey="id"
          size="small"
          loading={units === null}
          dataSource={units ?? []}
          pagination={false}
          locale={{ emptyText: 'Chưa có đơn vị nào.' }}
          onRow={(u) => ({ onDoubleClick: () => open(u) })}
          columns={[
            { title: 'Đơn vị', dataIndex: 'name' },
            { title: 'Trưởng đơn vị', render: (_, u) => u.head?.fullName ?? <Typography.Text type="secondary">chưa có</Typography.Text> },
            { title: 'Thành viên', render: (_, u) => (u.members.length ? u.members.map((m) => m.fullName).join(', ') : <Typography.Text type="secondary">chưa có</Typography.Text>) },
            {
              title: '',
              width: 130,
              render: (_, u) => (
                <Space size={4}>
                  <Button size="small" onClick={() => open(u)}>
                    Sửa
                  </Button>
                  <Button size="small" danger onClick={() => removeUnit(u)} data-testid={`unit-remove-${u.id}`}>
                    Xóa
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title="Văn bản mật">
        <Typography.Paragraph type="secondary">
          Văn bản có độ mật vào sổ văn bản mật, chỉ văn thư giữ sổ mật, thủ trưởng cơ quan và người có tên trên văn bản đọc được (Luật Bảo vệ bí mật nhà nước 2018).
        </Typography.Paragraph>
        {secrecy && secrecy.secretClerks.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="Chưa chọn văn thư giữ sổ mật: mọi văn thư đều đọc được văn bản mật." />}
        {secrecy && secrecy.officeHeads.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="Chưa chọn thủ trưởng cơ quan: mọi lãnh đạo đều đọc được văn bản mật." />}
        <Form form={secrecyForm} layout="vertical" onFinish={saveSecrecy} onValuesChange={clearErrorsOnChange(secrecyForm)} style={{ maxWidth: 640 }} data-testid="secrecy-form">
          <Form.Item name="secretClerks" label="Văn thư giữ sổ văn bản mật">
            <Select mode="multiple" options={people('vanthu')} filterOption={byName} placeholder="Chọn văn thư" />
          </Form.Item>
          <Form.Item name="officeHeads" label="Thủ trưởng cơ quan">
            <Select mode="multiple" options={people('lanhdao')} filterOption={byName} placeholder="Chọn lãnh đạo" />
          </Form.Item>
          <Form.Item name="offlineMachine" label="Máy này không nối mạng (được lưu tệp của văn bản mật)" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() =>
              secrecyForm.getFieldValue('offlineMachine') ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message="Chỉ bật khi máy tính này không bao giờ nối mạng (kể cả Wi-Fi, USB 3G). Tệp văn bản mật lưu trên máy nối mạng là vi phạm quy định bảo vệ bí mật nhà nước."
                />
              ) : null
            }
          </Form.Item>
          <Button type="primary" htmlType="submit">
            Lưu
          </Button>
        </Form>
      </Card>

      <Modal open={editing !== null} title={editing === 'new' ? 'Thêm đơn vị' : 'Sửa đơn vị'} okText="Lưu" cancelText="Hủy bỏ" onOk={saveUnit} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={unitForm} layout="vertical" onValuesChange={clearErrorsOnChange(unitForm)} data-testid="unit-form">
          <Form.Item name="name" label="Tên đơn vị" rules={[{ required: true, whitespace: true, message: 'Nhập tên đơn vị.' }]}>
            <Input placeholder="Ví dụ: Phòng Tổng hợp" data-testid="unit-name" />
          </Form.Item>
          <Form.Item name="head" label="Trưởng đơn vị">
            <Select allowClear showSearch options={people()} filterOption={byName} placeholder="Chọn tài khoản" />
          </Form.Item>
          <Form.Item name="members" label="Thành viên">
            <Select mode="multiple" options={people()} filterOption={byName} placeholder="Chọn tài khoản" data-testid="unit-members" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
