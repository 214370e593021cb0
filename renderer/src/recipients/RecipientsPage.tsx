import { useCallback, useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tabs, Typography, Upload } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Organization } from '../../../shared/directory/schemas';
import type { DirectoryImportReport, ListEntry, RecipientGroup, RecipientList } from '../../../shared/recipients/schemas';
import { hasRole } from '../../../shared/auth/roles';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useAuth } from '../auth/AuthGate';

/** The purposes offices write after a recipient (the fixtures' "(để b/c)", "(để t/h)"). */
const PURPOSES = ['để báo cáo', 'để thực hiện', 'để phối hợp', 'để phối hợp chỉ đạo', 'để biết', 'để chỉ đạo', 'để theo dõi'];

/** Nơi nhận: saved lists with a purpose per line, groups of organisations, and the directory import. */
export function RecipientsPage() {
  const { me } = useAuth();
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [groups, setGroups] = useState<RecipientGroup[]>([]);
  const reload = useCallback(() => {
    void call('organizations.list', { limit: 500 }).then(setOrgs);
    void call('recipients.groups', {}).then(setGroups);
  }, []);
  useEffect(reload, [reload]);
  const keeper = hasRole(me, 'vanthu', 'quantri');
  return (
    <div data-testid="recipients">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Nơi nhận
      </Typography.Title>
      <Tabs
        items={[
          { key: 'lists', label: 'Danh sách nơi nhận', children: <Lists orgs={orgs} groups={groups} /> },
          { key: 'groups', label: 'Nhóm', children: <Groups orgs={orgs} groups={groups} editable={keeper} onChanged={reload} /> },
          ...(keeper ? [{ key: 'import', label: 'Nhập danh bạ', children: <ImportDirectory onDone={reload} /> }] : []),
        ]}
      />
    </div>
  );
}

type Row = { key: string; ref?: string; text?: string; purpose?: string; expand?: boolean };

function Lists({ orgs, groups }: { orgs: Organization[]; groups: RecipientGroup[] }) {
  const { message } = App.useApp();
  const [lists, setLists] = useState<RecipientList[] | null>(null);
  const [editing, setEditing] = useState<RecipientList | 'new' | null>(null);
  const [name, setName] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => call('recipients.lists', {}).then(setLists, (e) => showError(e, message.error)), [message]);
  useEffect(() => {
    void load();
  }, [load]);

  const options = [
    { label: 'Nhóm', options: groups.map((g) => ({ value: `g:${g.id}`, label: `${g.name} (${g.members.length})` })) },
    { label: 'Cơ quan, đơn vị', options: orgs.map((o) => ({ value: `o:${o.id}`, label: o.name })) },
  ];
  const open = (l: RecipientList | 'new') => {
    setEditing(l);
    setError(null);
    setName(l === 'new' ? '' : l.name);
    setRows(
      l === 'new'
        ? [{ key: '0' }]
        : l.entries.map((e, i) => ({ key: String(i), ref: e.kind === 'organization' ? `o:${e.id}` : e.kind === 'group' ? `g:${e.id}` : undefined, text: e.kind === 'text' ? e.text : undefined, purpose: e.purpose, expand: e.kind === 'group' ? e.expand : undefined })),
    );
  };
  async function save() {
    const entries: ListEntry[] = rows
      .filter((r) => r.ref || r.text?.trim())
      .map((r) => {
        const purpose = r.purpose?.trim() || undefined;
        if (r.ref?.startsWith('o:')) return { kind: 'organization', id: Number(r.ref.slice(2)), purpose };
        if (r.ref?.startsWith('g:')) return { kind: 'group', id: Number(r.ref.slice(2)), purpose, expand: !!r.expand };
        return { kind: 'text', text: r.text!.trim(), purpose };
      });
    try {
      await call('recipients.saveList', { id: editing === 'new' ? undefined : editing!.id, name, entries });
      message.success(`Đã lưu danh sách «${name}».`);
      setEditing(null);
      void load();
    } catch (e) {
      showError(e, setError);
    }
  }
  const set = (i: number, p: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')} data-testid="list-new">
        Tạo danh sách
      </Button>
      <Table
        size="small"
        rowKey="id"
        loading={lists === null}
        dataSource={lists ?? []}
        locale={{ emptyText: 'Chưa có danh sách nào: tạo một danh sách để dùng lại khi soạn văn bản' }}
        onRow={(l) => ({ onClick: () => open(l), style: { cursor: 'pointer' } }) as object}
        columns={[
          { title: 'Tên danh sách', dataIndex: 'name' },
          { title: 'Số nơi nhận', dataIndex: 'entries', width: 120, render: (e: ListEntry[]) => e.length },
          {
            title: '',
            width: 60,
            render: (_: unknown, l: RecipientList) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label="Xóa"
                onClick={(ev) => {
                  ev.stopPropagation();
                  void call('recipients.deleteList', { id: l.id }).then(load, (e) => showError(e, message.error));
                }}
              />
            ),
          },
        ]}
      />
      <Modal open={editing !== null} width={860} title={editing === 'new' ? 'Danh sách nơi nhận mới' : 'Sửa danh sách nơi nhận'} okText="Lưu" cancelText="Hủy" onOk={() => void save()} onCancel={() => setEditing(null)} okButtonProps={{ 'data-testid': 'list-save' } as React.ComponentProps<typeof Button>} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="list-error" />}
        <Form layout="vertical">
          <Form.Item label="Tên danh sách" required>
            <Input value={name} onChange={(e) => setName(e.target.value)} data-testid="list-name" />
          </Form.Item>
          {rows.map((r, i) => (
            <Space key={r.key} align="start" style={{ display: 'flex', marginBottom: 8 }} data-testid="list-entry">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                allowClear
                style={{ width: 360 }}
                placeholder="Chọn cơ quan hoặc nhóm"
                value={r.ref}
                options={options}
                onChange={(ref?: string) => set(i, { ref, text: undefined })}
                data-testid="list-entry-ref"
              />
              {!r.ref && <Input style={{ width: 200 }} placeholder="hoặc ghi tên nơi nhận" value={r.text} onChange={(e) => set(i, { text: e.target.value })} />}
              <AutoComplete style={{ width: 190 }} placeholder="Mục đích (để báo cáo…)" value={r.purpose} options={PURPOSES.map((p) => ({ value: p }))} onChange={(purpose: string) => set(i, { purpose })} data-testid="list-entry-purpose" />
              {r.ref?.startsWith('g:') && (
                <Checkbox checked={r.expand} onChange={(e) => set(i, { expand: e.target.checked })}>
                  In từng cơ quan
                </Checkbox>
              )}
              <Button type="text" danger icon={<DeleteOutlined />} aria-label="Bỏ dòng" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { key: String(Date.now()) }])} data-testid="list-add-entry">
            Thêm nơi nhận
          </Button>
        </Form>
      </Modal>
    </>
  );
}

function Groups({ orgs, groups, editable, onChanged }: { orgs: Organization[]; groups: RecipientGroup[]; editable: boolean; onChanged(): void }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<RecipientGroup | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string; memberIds: number[] }>();
  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await call('recipients.saveGroup', { id: editing === 'new' ? undefined : editing!.id, ...v });
      setEditing(null);
      onChanged();
    } catch (e) {
      showError(e, message.error, form, ['name', 'memberIds']);
    }
  }
  return (
    <>
      {editable && (
        <Button
          icon={<PlusOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() => {
            form.resetFields();
            setEditing('new');
          }}
        >
          Tạo nhóm
        </Button>
      )}
      <Table
        size="small"
        rowKey="id"
        dataSource={groups}
        locale={{ emptyText: 'Chưa có nhóm nào' }}
        onRow={(g) => ({ onClick: () => editable && (form.setFieldsValue({ name: g.name, memberIds: g.members.map((m) => m.id) }), setEditing(g)), style: { cursor: editable ? 'pointer' : undefined } }) as object}
        columns={[
          { title: 'Nhóm', dataIndex: 'name', width: 320 },
          { title: 'Thành viên', dataIndex: 'members', render: (ms: RecipientGroup['members']) => ms.map((m) => m.name).join('; ') },
        ]}
      />
      <Modal open={editing !== null} title="Nhóm nơi nhận" okText="Lưu" cancelText="Hủy" onOk={() => void save()} onCancel={() => setEditing(null)} width={640}>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="Tên nhóm (in đúng như vậy khi không in từng cơ quan)" rules={[{ required: true, whitespace: true, message: 'Nhập tên nhóm.' }]}>
            <Input placeholder="Các ban, đơn vị trực thuộc" />
          </Form.Item>
          <Form.Item name="memberIds" label="Các cơ quan trong nhóm" rules={[{ required: true, message: 'Chọn ít nhất một cơ quan.' }]}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ImportDirectory({ onDone }: { onDone(): void }) {
  const { message } = App.useApp();
  const [report, setReport] = useState<DirectoryImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  async function importFile(file: File) {
    setBusy(true);
    setReport(null);
    try {
      const r = await call('recipients.import', { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) });
      setReport(r);
      onDone();
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
    return false;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        Tệp CSV (UTF-8) hoặc Excel (.xlsx) có dòng tiêu đề: Tên cơ quan; Tên viết tắt; Mã định danh (000.00.00.H54); Địa chỉ; Email; Trực thuộc (cơ quan cấp trên, nếu là đơn vị); Nhóm (nhiều nhóm cách nhau bằng «;»).
      </Typography.Paragraph>
      <Upload beforeUpload={(f) => importFile(f)} showUploadList={false} accept=".csv,.xlsx">
        <Button icon={<UploadOutlined />} loading={busy} data-testid="directory-import">
          Chọn tệp danh bạ
        </Button>
      </Upload>
      {report && (
        <Alert
          type={report.issues.length ? 'warning' : 'success'}
          showIcon
          data-testid="directory-report"
          title={`Đã thêm ${report.added}, cập nhật ${report.updated} cơ quan; ${report.groups} nhóm.${report.issues.length ? ` ${report.issues.length} dòng bị bỏ qua:` : ''}`}
          description={report.issues.length ? <ul style={{ margin: 0 }}>{report.issues.map((i) => <li key={`${i.line}-${i.field}`}>Dòng {i.line}: {i.message}</li>)}</ul> : undefined}
        />
      )}
    </Space>
  );
}
