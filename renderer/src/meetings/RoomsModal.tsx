import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Room } from '../../../shared/meetings/schemas';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';

interface Values {
  name: string;
  capacity?: number | null;
  location?: string;
}

/** Phòng họp: add, rename, set the capacity, retire (a retired room keeps its past meetings) or bring back. */
export function RoomsModal({ open, rooms, onClose, onChanged }: { open: boolean; rooms: Room[]; onClose(): void; onChanged(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Room | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(room: Partial<Room> & Values, done?: string) {
    setBusy(true);
    try {
      const r = await call('rooms.save', { id: room.id, name: room.name, capacity: room.capacity ?? null, location: room.location || undefined, active: room.active ?? true });
      message.success(done ?? `Đã lưu phòng «${r.name}».`);
      setEditing(null);
      form.resetFields();
      onChanged();
    } catch (e) {
      showError(e, message.error, form, ['name', 'capacity', 'location']);
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (v) await save({ ...v, id: editing?.id, active: editing?.active ?? true });
  }

  return (
    <Modal open={open} title="Phòng họp" width={760} footer={null} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="inline" onValuesChange={clearErrorsOnChange(form)} style={{ marginBottom: 12, rowGap: 8 }} data-testid="room-form">
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: 'Nhập tên phòng.' }]}>
          <Input placeholder="Tên phòng (Phòng họp số 1)" style={{ width: 220 }} data-testid="room-name" />
        </Form.Item>
        <Form.Item name="capacity">
          <InputNumber min={1} max={5000} placeholder="Sức chứa" style={{ width: 110 }} data-testid="room-capacity" />
        </Form.Item>
        <Form.Item name="location">
          <Input placeholder="Vị trí (tầng 2, nhà A)" style={{ width: 170 }} data-testid="room-location" />
        </Form.Item>
        <Space>
          <Button type="primary" icon={editing ? <EditOutlined /> : <PlusOutlined />} loading={busy} onClick={() => void submit()} data-testid="room-save">
            {editing ? 'Lưu' : 'Thêm phòng'}
          </Button>
          {editing && (
            <Button
              onClick={() => {
                setEditing(null);
                form.resetFields();
              }}
            >
              Thôi sửa
            </Button>
          )}
        </Space>
      </Form>
      <Table
        size="small"
        rowKey="id"
        dataSource={rooms}
        pagination={false}
        locale={{ emptyText: 'Chưa có phòng họp nào' }}
        onRow={() => ({ 'data-testid': 'room-row' }) as object}
        columns={[
          { title: 'Tên phòng', dataIndex: 'name', render: (n: string, r) => (r.active ? n : <s>{n}</s>) },
          { title: 'Sức chứa', dataIndex: 'capacity', width: 90, render: (c: number | null) => (c ? `${c} chỗ` : '—') },
          { title: 'Vị trí', dataIndex: 'location', width: 160 },
          { title: 'Trạng thái', dataIndex: 'active', width: 110, render: (a: boolean) => (a ? <Tag color="green">Đang dùng</Tag> : <Tag>Ngừng dùng</Tag>) },
          {
            title: '',
            width: 170,
            render: (_: unknown, r: Room) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    setEditing(r);
                    form.setFieldsValue({ name: r.name, capacity: r.capacity, location: r.location });
                  }}
                >
                  Sửa
                </Button>
                <Button type="link" size="small" danger={r.active} onClick={() => void save({ ...r, active: !r.active }, r.active ? `Phòng «${r.name}» ngừng sử dụng.` : `Phòng «${r.name}» dùng lại.`)} data-testid="room-toggle">
                  {r.active ? 'Ngừng dùng' : 'Dùng lại'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Modal>
  );
}
