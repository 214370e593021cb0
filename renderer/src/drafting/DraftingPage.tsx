import { useEffect, useState } from 'react';
import { useAuth, useCan } from '../auth/AuthGate';
import { WorkflowPanel, STATUS_COLOR } from '../outgoing/WorkflowPanel';
import { reviewPath } from '../outgoing/reviewRoute';
import { DRAFT_STATUS_LABELS, type DraftStatus } from '../../../shared/outgoing/schemas';
import { App, Button, Input, Modal, Popconfirm, Radio, Select, Space, Spin, Table, Tooltip, Typography, Tag } from 'antd';
import { DeleteOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import type { DraftInput, ProfileId } from '../../../shared/drafting/model';
import type { SourceRef } from '../../../shared/drafting/import-draft';
import type { Recognised } from './ImportSummary';
import type { DraftSummary, StoredDraft } from '../../../shared/drafting/schemas';
import type { OrganisationSettings } from '../../../shared/settings/schemas';
import { draftTemplate, draftableTypes } from '../../../shared/drafting/templates';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { navigate } from '../router';
import { typeName, formatDateTime } from '../labels';
import { DraftEditor } from './DraftEditor';
import { templateOptions, useOrganisation } from '../settings/useOrganisation';

/** What the next "#/drafting/new" opens: a template or an imported text (kept outside React across navigation). */
let pending: { draft: DraftInput; recognised?: Recognised; source?: SourceRef | null } | null = null;
let pendingSeq = 0;

function openNew(p: NonNullable<typeof pending>) {
  pending = p;
  pendingSeq++;
  navigate('/drafting/new');
}

function NewDraftModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const organ = useOrganisation();
  const [profile, setProfile] = useState<ProfileId>('state');
  const [docType, setDocType] = useState('ke-hoach');
  useEffect(() => {
    if (organ) setProfile(organ.profile);
  }, [organ]);
  return (
    <Modal
      open={open}
      title="Soạn văn bản mới theo mẫu"
      okText="Soạn"
      cancelText="Hủy bỏ"
      onCancel={onClose}
      onOk={() => {
        onClose();
        openNew({ draft: draftTemplate({ profile, docType, ...templateOptions(organ) }) });
      }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={profile}
          onChange={(e) => {
            setProfile(e.target.value);
            if (!draftableTypes(e.target.value).some((t) => t.code === docType)) setDocType('ke-hoach');
          }}
          options={[
            { value: 'state', label: 'Văn bản hành chính (NĐ 30/2020)' },
            { value: 'party', label: 'Văn bản của Đảng (HD 36)' },
          ]}
          data-testid="new-profile"
        />
        <Select style={{ width: '100%' }} value={docType} onChange={setDocType} options={draftableTypes(profile).map((t) => ({ value: t.code, label: t.name }))} showSearch={{ optionFilterProp: 'label' }} data-testid="new-type" />
      </Space>
    </Modal>
  );
}

function ImportTextModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [profile, setProfile] = useState<ProfileId | 'auto'>('auto');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      width={820}
      title="Nhập văn bản từ chữ dán vào (thư điện tử, tệp Word, PDF cũ)"
      okText="Nhận dạng"
      cancelText="Hủy bỏ"
      okButtonProps={{ disabled: busy || !text.trim(), ...{ 'data-testid': 'import-run' } }}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        try {
          // A new draft: the source's number and date stay out of it, shown as "in the source" (import-draft.ts).
          const r = await call('drafting.parseText', { text, profile: profile === 'auto' ? undefined : profile, newDraft: true });
          onClose();
          openNew({ draft: r.draft, recognised: { lines: r.recognised, warnings: r.warnings }, source: r.source });
        } catch (e) {
          showError(e, (t) => message.error(t));
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Radio.Group
        value={profile}
        onChange={(e) => setProfile(e.target.value)}
        style={{ marginBottom: 8 }}
        options={[
          { value: 'auto', label: 'Tự nhận biết thể thức' },
          { value: 'state', label: 'Nhà nước' },
          { value: 'party', label: 'Đảng' },
        ]}
      />
      <Input.TextArea autoSize={{ minRows: 14, maxRows: 24 }} value={text} onChange={(e) => setText(e.target.value)} placeholder="Dán toàn văn văn bản vào đây…" data-testid="import-text" />
    </Modal>
  );
}

function DraftList() {
  const canDraft = useCan('drafts.save');
  const canDelete = useCan('drafts.delete');
  const { me } = useAuth();
  // Only a draft never submitted, by its drafter (or made before accounts existed), may be deleted (drafts.ts).
  const deletable = (r: DraftSummary) => canDelete && r.status === 'du-thao' && (r.ownerId === null || r.ownerId === me.id);
  const { message } = App.useApp();
  const [rows, setRows] = useState<DraftSummary[] | null>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const load = () => call('drafts.list', {}).then(setRows, (e) => showError(e, (t) => message.error(t)));
  useEffect(() => {
    void load();
  }, []);
  return (
    <div data-testid="draft-list">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Soạn thảo văn bản
        </Typography.Title>
        {canDraft && (
          <Space>
            <Button icon={<FileTextOutlined />} onClick={() => setImportOpen(true)} data-testid="open-import">
              Nhập từ văn bản
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewOpen(true)} data-testid="new-draft">
              Soạn văn bản mới
            </Button>
          </Space>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        locale={{ emptyText: 'Chưa có bản dự thảo nào' }}
        onRow={(r) => ({ onClick: () => navigate(`/drafting/${r.id}`), style: { cursor: 'pointer' }, 'data-testid': 'draft-row' } as object)}
        columns={[
          { title: 'Số', dataIndex: 'id', width: 60 },
          { title: 'Loại', dataIndex: 'docType', width: 140, render: (c: string) => typeName(c) },
          { title: 'Trích yếu', dataIndex: 'subject' },
          { title: 'Thể thức', dataIndex: 'profile', width: 100, render: (p: ProfileId) => (p === 'state' ? 'Nhà nước' : 'Đảng') },
          { title: 'Người soạn', dataIndex: 'ownerName', width: 150, render: (n: string | null) => n ?? '—' },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            width: 170,
            render: (st: DraftStatus, r: DraftSummary) => (
              <Tag color={STATUS_COLOR[st]} data-testid="draft-status">
                {r.ref ? `Số ${r.ref}` : DRAFT_STATUS_LABELS[st]}
              </Tag>
            ),
          },
          { title: 'Cập nhật', dataIndex: 'updatedAt', width: 150, render: (t: string) => formatDateTime(t) },
          {
            title: '',
            width: 50,
            render: (_: unknown, r: DraftSummary) =>
              deletable(r) && (
                <span onClick={(e) => e.stopPropagation()}>
                  <Popconfirm title="Xóa bản dự thảo này?" okText="Xóa" cancelText="Không" onConfirm={() => call('drafts.delete', { id: r.id }).then(load, (e) => showError(e, (t) => message.error(t)))}>
                    <Tooltip title="Xóa bản dự thảo">
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="Xóa bản dự thảo" data-testid="draft-delete" />
                    </Tooltip>
                  </Popconfirm>
                </span>
              ),
          },
        ]}
      />
      <NewDraftModal open={newOpen} onClose={() => setNewOpen(false)} />
      <ImportTextModal open={importOpen} onClose={() => setImportOpen(false)} />
    </div>
  );
}

function StoredDraftEditor({ id }: { id: number }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<StoredDraft | null>(null);
  const [editable, setEditable] = useState<boolean | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setDraft(null);
    call('drafts.get', { id }).then(setDraft, (e) => showError(e, (t) => message.error(t)));
    call('outgoing.workflow', { id }).then(
      (w) => {
        // The leader it waits for decides in the review view (Văn bản đi), not in the drafting form.
        if (w.can.review || w.can.sign) location.replace(`#${reviewPath(id)}`);
        else setEditable(w.can.edit);
      },
      () => setEditable(false),
    );
  }, [id, message, version]);
  if (!draft || editable === null) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  // A workflow step changes what may be edited, and issuance writes the number and date into the text: reload.
  const top = <WorkflowPanel id={id} onChanged={() => setVersion((v) => v + 1)} />;
  return <DraftEditor key={`${id}-${version}`} id={id} initial={draft.draft} updatedAt={draft.updatedAt} onSaved={() => undefined} top={top} readOnly={!editable} />;
}

/** #/drafting (list), #/drafting/new (a template or an import), #/drafting/:id (a saved draft). */
export function DraftingPage({ id }: { id?: number | 'new' }) {
  const known = useOrganisation();
  // Opened by its address (a reload): the default template waits for the organisation's header rather than being
  // replaced once it arrives — a second editor would ask a second time to restore the unsaved draft.
  const [read, setRead] = useState<OrganisationSettings | null | undefined>(undefined);
  const opensDefault = id === 'new' && !pending;
  useEffect(() => {
    if (opensDefault) void call('settings.organisation', {}).then(setRead, () => setRead(null));
  }, [opensDefault]);
  if (id === undefined) return <DraftList />;
  if (id === 'new') {
    const organ = known ?? read ?? null;
    if (!pending && !known && read === undefined) return <Spin style={{ display: 'block', marginTop: 80 }} />;
    const p = pending ?? { draft: draftTemplate({ profile: organ?.profile ?? 'state', docType: 'ke-hoach', ...templateOptions(organ) }) };
    return <DraftEditor key={pending ? pendingSeq : 'default'} initial={p.draft} recognised={p.recognised} source={p.source} onSaved={(newId) => navigate(`/drafting/${newId}`)} />;
  }
  return <StoredDraftEditor id={id} />;
}
