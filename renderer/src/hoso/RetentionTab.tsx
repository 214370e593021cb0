import { useCallback, useEffect, useState } from 'react';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { mayCall } from '../../../shared/api/permissions';
import type { RetentionRow } from '../../../shared/hoso/schemas';
import { foldVietnamese } from '../../../shared/text/fold';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { useAuth } from '../auth/AuthGate';

interface Values {
  title: string;
  base?: string;
  years?: number | null;
  permanent: boolean;
}

const matches = (input: string, o?: { label?: unknown }) => foldVietnamese(String(o?.label ?? '')).includes(foldVietnamese(input));

/**
 * Bảng thời hạn bảo quản: the rows of Thông tư 10/2022/TT-BNV by group and the office's own. The quản trị adds rows
 * and lengthens periods; the API refuses a period below the circular's for that kind and says the minimum.
 */
export function RetentionTab() {
  const { message } = App.useApp();
  const { me } = useAuth();
  const admin = mayCall('retention.add', me.roles);
  const [rows, setRows] = useState<RetentionRow[] | null>(null);
  const [editing, setEditing] = useState<RetentionRow | 'new' | null>(null);
  const [form] = Form.useForm<Values>();

  const load = useCallback(() => call('retention.list', {}).then(setRows, (e) => showError(e, message.error)), [message]);
  useEffect(() => void load(), [load]);

  function open(r: RetentionRow | 'new') {
    setEditing(r);
    form.resetFields();
    form.setFieldsValue(r === 'new' ? { permanent: false } : { title: r.title, years: r.years, permanent: r.years === null });
  }

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    const years = v.permanent ? null : (v.years ?? null);
    try {
      const r =
        editing === 'new'
          ? await call('retention.add', { title: v.title, base: v.base, years })
          : await call('retention.update', { id: editing.id, years, title: editing.source === 'TT10/2022' ? undefined : v.title });
      message.success(`Đã lưu dòng ${r.code}: ${r.label}.`);
      setEditing(null);
      void load();
    } catch (e) {
      showError(e, message.error, form, ['title', 'base', 'years']);
    }
  }

  const permanent = Form.useWatch('permanent', form);
  return (
    <>
      {admin && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')} data-testid="retention-new">
          Thêm dòng của cơ quan
        </Button>
      )}
      <Table<RetentionRow>
        rowKey="id"
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        data-testid="retention-table"
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 70 },
          { title: 'Nhóm', dataIndex: 'groupName', width: 230 },
          {
            title: 'Tên nhóm hồ sơ, tài liệu',
            render: (_, r) => (
              <>
                {r.title} {r.source !== 'TT10/2022' && <Tag color="purple">Cơ quan bổ sung{r.baseCode ? ` (theo ${r.baseCode})` : ''}</Tag>}
              </>
            ),
          },
          { title: 'Thời hạn', dataIndex: 'label', width: 100, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: 'Tối thiểu', width: 100, render: (_, r) => r.minimum ?? '' },
          ...(admin ? [{ title: '', width: 50, render: (_: unknown, r: RetentionRow) => <Button type="text" size="small" icon={<EditOutlined />} onClick={() => open(r)} aria-label={`Sửa ${r.code}`} /> }] : []),
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? 'Thêm dòng của cơ quan' : `Sửa dòng ${editing?.code ?? ''}`} okText="Lưu" cancelText="Đóng" onOk={() => void save()} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
          <Form.Item name="title" label="Tên nhóm hồ sơ, tài liệu" rules={[{ required: true, message: 'Nhập tên.' }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} disabled={editing !== 'new' && editing?.source === 'TT10/2022'} />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item name="base" label="Thuộc loại của Thông tư 10/2022/TT-BNV" extra="Thời hạn không được ngắn hơn thời hạn thông tư quy định cho loại này.">
              <Select allowClear showSearch={{ filterOption: matches }} options={(rows ?? []).filter((r) => r.source === 'TT10/2022').map((r) => ({ value: r.code, label: `${r.code} — ${r.title} (${r.label})` }))} />
            </Form.Item>
          )}
          <Space align="start">
            <Form.Item name="years" label="Số năm">
              <InputNumber min={1} max={200} disabled={permanent} />
            </Form.Item>
            <Form.Item name="permanent" valuePropName="checked" label=" ">
              <Checkbox>Vĩnh viễn</Checkbox>
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
