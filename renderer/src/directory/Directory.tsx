import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useCan } from '../auth/AuthGate';
import { PlusOutlined } from '@ant-design/icons';
import type { Organization } from '../../../shared/directory/schemas';
import { call } from '../api/client';
import { showError, clearErrorsOnChange } from '../api/errors';

type NewOrg = { name: string; shortName?: string; organId?: string; address?: string; email?: string };
const FIELDS = ['name', 'shortName', 'organId', 'address', 'email'];

/** Danh bạ cơ quan: grows from what the registers already know, and by hand. */
export function Directory() {
  const canAdd = useCan('organizations.create');
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Organization[]>([]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<NewOrg>();

  const load = useCallback(() => {
    call('organizations.list', { query: q || undefined, limit: 500 }).then(setRows, (e) => showError(e, (t) => message.error(t)));
  }, [q, message]);
  useEffect(() => {
    const t = setTimeout(load, 200);
    return () => clearTimeout(t);
  }, [load]);

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await call('organizations.create', v);
      message.success(`Đã thêm ${v.name}`);
      setAdding(false);
      load();
    } catch (e) {
      showError(e, (t) => message.error(t), form, FIELDS);
    }
  }

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Danh bạ cơ quan
        </Typography.Title>
        <Space>
          <Input.Search placeholder="Tìm cơ quan" allowClear value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 280 }} />
          {canAdd && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => (form.resetFields(), setAdding(true))}>
              Thêm cơ quan
            </Button>
          )}
        </Space>
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: 'Tên cơ quan', dataIndex: 'name' },
          { title: 'Viết tắt', dataIndex: 'shortName', width: 120 },
          { title: 'Mã định danh', dataIndex: 'organId', width: 150 },
          { title: 'Thư điện tử', dataIndex: 'email', width: 200 },
          { title: 'Văn bản đến', dataIndex: 'incomingCount', width: 110, align: 'right' },
        ]}
      />
      <Modal open={adding} title="Thêm cơ quan" okText="Lưu" cancelText="Hủy bỏ" onOk={save} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
          <Form.Item name="name" label="Tên cơ quan" rules={[{ required: true, whitespace: true, message: 'Nhập tên cơ quan.' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="shortName" label="Tên viết tắt">
            <Input />
          </Form.Item>
          <Form.Item name="organId" label="Mã định danh (000.00.00.H30)">
            <Input />
          </Form.Item>
          <Form.Item name="address" label="Địa chỉ">
            <Input />
          </Form.Item>
          <Form.Item name="email" label="Thư điện tử">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
