import { useCallback, useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tabs, Typography, Upload } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import type { Organization } from '../../../shared/directory/schemas';
import type { DirectoryImportReport, ListEntry, RecipientGroup, RecipientList } from '../../../shared/recipients/schemas';
import { hasRole } from '../../../shared/auth/roles';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useAuth, useCan } from '../auth/AuthGate';
import { foldVietnamese } from '../../../shared/text/fold';

/** The purposes offices write after a recipient (the fixtures' "(để b/c)", "(để t/h)"). */
const PURPOSES = ['để báo cáo', 'để thực hiện', 'để phối hợp', 'để phối hợp chỉ đạo', 'để biết', 'để chỉ đạo', 'để theo dõi'];

/** Nơi nhận: saved lists with a purpose per line, groups of organisations, and the directory import. */
export function RecipientsPage() {
  const canGroups = useCan('recipients.saveGroup');
  const canImport = useCan('recipients.import');
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [groups, setGroups] = useState<RecipientGroup[]>([]);
  const reload = useCallback(() => {
    void call('organizations.list', { limit: 500 }).then(setOrgs);
    void call('recipients.groups', {}).then(setGroups);
  }, []);
  useEffect(reload, [reload]);
  return (
    <div data-testid="recipients">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Nơi nhận
      </Typography.Title>
      <Tabs
        items={[
          { key: 'lists', label: 'Danh sách nơi nhận', children: <Lists orgs={orgs} groups={groups} onOrgAdded={reload} /> },
          { key: 'groups', label: 'Nhóm', children: <Groups orgs={orgs} groups={groups} editable={canGroups} onChanged={reload} /> },
          ...(canImport ? [{ key: 'import', label: 'Nhập danh bạ', children: <ImportDirectory onDone={reload} /> }] : []),
        ]}
      />
    </div>
  );
}

type Row = { key: string; ref?: string; text?: string; purpose?: string; expand?: boolean };
type Options = { label: string; options: { value: string; label: string }[] }[];

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

/**
 * One recipient: a group or an organisation of the directory, or a name typed that the directory does not have. A
 * typed name is never dropped: picked (or left, leaving the field) it stays as written, and the row says so and
 * offers to add it to the directory.
 */
function EntryPicker({ row, options, disabled, onRef, onText }: { row: Row; options: Options; disabled: boolean; onRef(ref?: string): void; onText(text: string): void }) {
  const [search, setSearch] = useState('');
  const typed = search.trim();
  const known = typed !== '' && options.some((g) => g.options.some((o) => fold(o.label) === fold(typed)));
  const free = [...(typed && !known ? [typed] : []), ...(row.text && row.text !== typed ? [row.text] : [])];
  const all = [...options, ...(free.length ? [{ label: 'Không có trong danh bạ', options: free.map((t) => ({ value: `t:${t}`, label: t === typed ? `Ghi «${t}» như đã gõ` : t })) }] : [])];
  return (
    <Select
      allowClear
      disabled={disabled}
      style={{ width: 400 }}
      placeholder="Chọn cơ quan, nhóm, hoặc gõ tên nơi nhận"
      value={row.ref ?? (row.text ? `t:${row.text}` : undefined)}
      options={all}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: (input, o) => String((o as { value?: string } | undefined)?.value ?? '').startsWith('t:') || fold(String(o?.label ?? '')).includes(fold(input)) }}
      onChange={(v?: string) => {
        setSearch('');
        if (v?.startsWith('t:')) onText(v.slice(2));
        else onRef(v);
      }}
      onBlur={() => {
        // Leaving the field with a name typed but not picked keeps it as written (and says so below).
        if (typed && !known) onText(typed);
        setSearch('');
      }}
      data-testid="list-entry-ref"
    />
  );
}

function Lists({ orgs, groups, onOrgAdded }: { orgs: Organization[]; groups: RecipientGroup[]; onOrgAdded(): void }) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const canSave = useCan('recipients.saveList');
  const canDelete = useCan('recipients.deleteList');
  const canAddOrg = useCan('organizations.create');
  // A list is changed or deleted by whoever made it, or by the văn thư and the administrator (the server's rule).
  const mine = (l: RecipientList) => l.createdBy === null || l.createdBy === me.id || hasRole(me, 'vanthu', 'quantri');
  const [lists, setLists] = useState<RecipientList[] | null>(null);
  const [editing, setEditing] = useState<RecipientList | 'new' | null>(null);
  const [name, setName] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => call('recipients.lists', {}).then(setLists, (e) => showError(e, message.error)), [message]);
  useEffect(() => {
    void load();
  }, [load]);

  const options: Options = [
    { label: 'Nhóm', options: groups.map((g) => ({ value: `g:${g.id}`, label: `${g.name} (${g.members.length})` })) },
    { label: 'Cơ quan, đơn vị', options: orgs.map((o) => ({ value: `o:${o.id}`, label: o.name })) },
  ];
  const editable = editing !== null && canSave && (editing === 'new' || mine(editing));
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
  async function addToDirectory(i: number, name: string) {
    try {
      const o = await call('organizations.create', { name });
      message.success(`Đã thêm «${o.name}» vào danh bạ cơ quan.`);
      onOrgAdded();
      set(i, { ref: `o:${o.id}`, text: undefined });
    } catch (e) {
      showError(e, message.error);
    }
  }
  return (
    <>
      {canSave && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')} data-testid="list-new">
          Tạo danh sách
        </Button>
      )}
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
            render: (_: unknown, l: RecipientList) =>
              canDelete &&
              mine(l) && (
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
      <Modal
        open={editing !== null}
        width={900}
        title={editing === 'new' ? 'Danh sách nơi nhận mới' : editable ? 'Sửa danh sách nơi nhận' : 'Danh sách nơi nhận'}
        okText="Lưu"
        cancelText={editable ? 'Hủy' : 'Đóng'}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okButtonProps={{ 'data-testid': 'list-save', style: editable ? undefined : { display: 'none' } } as React.ComponentProps<typeof Button>}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="list-error" />}
        <Form layout="vertical">
          <Form.Item label="Tên danh sách" required>
            <Input value={name} disabled={!editable} onChange={(e) => setName(e.target.value)} data-testid="list-name" />
          </Form.Item>
          {rows.map((r, i) => (
            <div key={r.key} style={{ marginBottom: 8 }} data-testid="list-entry">
              <Space align="start" style={{ display: 'flex' }}>
                <EntryPicker row={r} options={options} disabled={!editable} onRef={(ref) => set(i, { ref, text: undefined })} onText={(text) => set(i, { ref: undefined, text })} />
                <AutoComplete disabled={!editable} style={{ width: 190 }} placeholder="Mục đích (để báo cáo…)" value={r.purpose} options={PURPOSES.map((p) => ({ value: p }))} onChange={(purpose: string) => set(i, { purpose })} data-testid="list-entry-purpose" />
                {r.ref?.startsWith('g:') && (
                  <Checkbox disabled={!editable} checked={r.expand} onChange={(e) => set(i, { expand: e.target.checked })}>
                    In từng cơ quan
                  </Checkbox>
                )}
                {editable && <Button type="text" danger icon={<DeleteOutlined />} aria-label="Bỏ dòng" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} />}
              </Space>
              {!r.ref && r.text?.trim() && (
                <div className="vp-free-recipient" data-testid="list-entry-free">
                  <WarningOutlined /> «{r.text.trim()}» không có trong danh bạ: sẽ in đúng như đã gõ.
                  {canAddOrg && editable && (
                    <Button size="small" type="link" onClick={() => void addToDirectory(i, r.text!.trim())} data-testid="list-entry-add-org">
                      Thêm vào danh bạ
                    </Button>
                  )}
                </div>
              )}
            </div>
          ))}
          {editable && (
            <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { key: String(Date.now()) }])} data-testid="list-add-entry">
              Thêm nơi nhận
            </Button>
          )}
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
