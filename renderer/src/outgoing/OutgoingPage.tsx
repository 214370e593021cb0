import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Tooltip, Typography, Upload } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined, ImportOutlined, StopOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import type { DraftSummary } from '../../../shared/drafting/schemas';
import { DRAFT_STATUS_LABELS, OUTGOING_STATUS_LABELS, SEND_METHOD_LABELS, SEND_METHODS, type OutgoingRecord, type SendMethod } from '../../../shared/outgoing/schemas';
import { formatDateTimeVN, formatDateVN } from '../../../shared/domain/dates';
import { docTypeByCode } from '../../../shared/domain/doc-types';
import { call } from '../api/client';
import { useLive } from '../api/live';
import { clearErrorsOnChange, showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';
import { navigate } from '../router';
import { download } from '../util/download';
import { AttachmentViewer } from '../viewer/AttachmentViewer';
import { STATUS_COLOR } from './WorkflowPanel';
import { pdfAttachment } from './pdfAttachment';
import { ReviewView } from './ReviewView';
import { reviewPath, useReviewId } from './reviewRoute';
import { EdxmlExportButton } from '../exchange/EdxmlExportButton';
import { RecipientStatuses } from '../exchange/RecipientStatuses';

/**
 * Văn bản đi: what waits for me, and the outgoing register (ND30 Điều 16) with sending and cancellation; a document
 * waiting for a decision opens in the review view (#/outgoing/review/7), still under Văn bản đi in the menu.
 */
export function OutgoingPage() {
  const reviewing = useReviewId();
  if (reviewing !== null) return <ReviewView key={reviewing} id={reviewing} />;
  return (
    <div data-testid="outgoing">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Văn bản đi
      </Typography.Title>
      <Tabs
        // #/outgoing/register opens on the register (coming back from «Nhập sổ cũ», say).
        defaultActiveKey={location.hash.startsWith('#/outgoing/register') ? 'register' : 'inbox'}
        items={[
          { key: 'inbox', label: 'Chờ tôi xử lý', children: <Inbox /> },
          { key: 'register', label: 'Sổ văn bản đi', children: <Register /> },
        ]}
      />
    </div>
  );
}

function Inbox() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<DraftSummary[] | null>(null);
  const load = useCallback(() => call('outgoing.inbox', {}).then(setRows, (e) => showError(e, message.error)), [message]);
  useEffect(() => {
    void load();
  }, [load]);
  useLive(['drafts', 'outgoing'], () => void load());
  return (
    <Table
      size="small"
      rowKey="id"
      loading={rows === null}
      dataSource={rows ?? []}
      locale={{ emptyText: 'Không có văn bản nào chờ bạn' }}
      // Returned to its drafter: back to the drafting form to revise; anything else waits for a decision: the review view.
      onRow={(r) => ({ onClick: () => navigate(r.status === 'tra-lai' ? `/drafting/${r.id}` : reviewPath(r.id)), style: { cursor: 'pointer' }, 'data-testid': 'inbox-row' }) as object}
      columns={[
        { title: 'Loại', dataIndex: 'docType', width: 130, render: (c: string) => docTypeByCode(c)?.name ?? c },
        { title: 'Trích yếu', dataIndex: 'subject' },
        { title: 'Người soạn', dataIndex: 'ownerName', width: 170 },
        { title: 'Trạng thái', dataIndex: 'status', width: 180, render: (s: DraftSummary['status']) => <Tag color={STATUS_COLOR[s]}>{DRAFT_STATUS_LABELS[s]}</Tag> },
        { title: 'Cập nhật', dataIndex: 'updatedAt', width: 140, render: (t: string) => formatDateTimeVN(t) },
      ]}
    />
  );
}

const year = () => new Date().getFullYear();

function Register() {
  // Each action shows only to the roles the API lets call it (shared/outgoing/access.ts).
  const canExport = useCan('registerBook.export');
  const canSkip = useCan('outgoing.skipNumber');
  const canSend = useCan('outgoing.send');
  const canCancel = useCan('outgoing.cancel');
  const canImportOld = useCan('imports.run');
  const { message } = App.useApp();
  const [rows, setRows] = useState<OutgoingRecord[] | null>(null);
  const [viewing, setViewing] = useState<OutgoingRecord | null>(null);
  const [sending, setSending] = useState<OutgoingRecord | null>(null);
  const [cancelling, setCancelling] = useState<OutgoingRecord | null>(null);
  const [skipping, setSkipping] = useState(false);
  const load = useCallback(() => call('outgoing.list', { year: year() }).then(setRows, (e) => showError(e, message.error)), [message]);
  useEffect(() => {
    void load();
  }, [load]);
  useLive(['outgoing'], () => void load());

  async function exportBook(format: 'docx' | 'xlsx') {
    try {
      const f = await call('registerBook.export', { kind: 'outgoing', from: `${year()}-01-01`, to: `${year()}-12-31`, format });
      download(f.fileName, f.mime, f.data);
      message.success(`Đã xuất ${f.rowCount} số vào ${f.fileName}`);
    } catch (e) {
      showError(e, message.error);
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {canExport && (
          <>
            <Button icon={<FileWordOutlined />} onClick={() => void exportBook('docx')} data-testid="outgoing-export-docx">
              Xuất sổ (Word)
            </Button>
            <Button icon={<FileExcelOutlined />} onClick={() => void exportBook('xlsx')} data-testid="outgoing-export-xlsx">
              Xuất sổ (Excel)
            </Button>
          </>
        )}
        {canSkip && (
          <Button onClick={() => setSkipping(true)} data-testid="outgoing-skip">
            Bỏ số / giữ số
          </Button>
        )}
        {canImportOld && (
          <Button icon={<ImportOutlined />} onClick={() => navigate('/import/outgoing')} data-testid="outgoing-import-old">
            Nhập sổ cũ
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: `Chưa có văn bản đi nào năm ${year()}` }}
        rowClassName={(r) => (r.status === 'issued' ? '' : 'vp-row-cancelled')}
        onRow={() => ({ 'data-testid': 'outgoing-row' }) as object}
        columns={[
          { title: 'Số, ký hiệu', dataIndex: 'ref', width: 150, render: (ref: string, r) => (r.status === 'issued' ? <b>{ref}</b> : <s>{ref}</s>) },
          { title: 'Ngày', dataIndex: 'docDate', width: 100, render: (d: string) => formatDateVN(d) },
          { title: 'Tên loại và trích yếu', render: (_: unknown, r) => (r.subject ? `${docTypeByCode(r.docType ?? '')?.name ?? ''}: ${r.subject}` : <i>{r.note}</i>) },
          { title: 'Người ký', dataIndex: 'signer', width: 150 },
          { title: 'Nơi nhận', dataIndex: 'recipients', width: 220, render: (rs: string[]) => rs.join('; ') },
          {
            title: 'Trạng thái',
            width: 170,
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={r.status === 'issued' ? 'green' : 'default'}>{OUTGOING_STATUS_LABELS[r.status]}</Tag>
                {r.sends.length > 0 && <Typography.Text type="secondary">Đã gửi {r.sends.length} nơi</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '',
            width: 120,
            render: (_: unknown, r) =>
              r.status === 'issued' && (
                <Space size={0}>
                  {r.sha256 && (
                    <Tooltip title="Xem văn bản">
                      <Button type="text" icon={<FilePdfOutlined />} aria-label="Xem văn bản" onClick={() => setViewing(r)} />
                    </Tooltip>
                  )}
                  {canSend && (
                    <Tooltip title="Ghi gửi văn bản">
                      <Button type="text" icon={<SendOutlined />} aria-label="Gửi văn bản" onClick={() => setSending(r)} data-testid="outgoing-send" />
                    </Tooltip>
                  )}
                  <EdxmlExportButton record={r} />
                  {canCancel && (
                    <Tooltip title="Hủy văn bản (giữ số)">
                      <Button type="text" danger icon={<StopOutlined />} aria-label="Hủy văn bản" onClick={() => setCancelling(r)} data-testid="outgoing-cancel" />
                    </Tooltip>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <AttachmentViewer attachment={viewing?.sha256 ? pdfAttachment(`${viewing.ref.replace(/\//g, '-')}.pdf`, viewing.sha256) : null} onClose={() => setViewing(null)} />
      <SendModal record={sending} onClose={() => setSending(null)} onDone={() => void load()} />
      <NoteModal
        open={cancelling !== null}
        title={cancelling ? `Hủy văn bản số ${cancelling.ref}` : ''}
        label="Lý do hủy (số vẫn được giữ, không cấp lại)"
        onClose={() => setCancelling(null)}
        onSubmit={async (note) => {
          await call('outgoing.cancel', { id: cancelling!.id, note });
          void load();
        }}
      />
      <SkipModal open={skipping} onClose={() => setSkipping(false)} onDone={() => void load()} />
    </>
  );
}

function SendModal({ record, onClose, onDone }: { record: OutgoingRecord | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ recipients: string[]; method: SendMethod; password?: string }>();
  const [busy, setBusy] = useState(false);
  // Issue 18: an edXML package carries the organisation's XML signature — its .p12 and password, as «Xuất gói edXML».
  const [p12, setP12] = useState<File | null>(null);
  const method = Form.useWatch('method', form);
  useEffect(() => {
    if (record) form.setFieldsValue({ recipients: record.recipients, method: 'edxml' });
    setP12(null);
  }, [record, form]);
  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v || !record) return;
    if (v.method === 'edxml' && !p12) {
      form.setFields([{ name: 'password', errors: ['Chọn tệp chữ ký số (.p12/.pfx) của cơ quan để ký gói edXML.'] }]);
      return;
    }
    setBusy(true);
    try {
      const key = v.method === 'edxml' && p12 ? { kind: 'p12' as const, data: new Uint8Array(await p12.arrayBuffer()), password: v.password ?? '' } : undefined;
      const r = await call('outgoing.send', { id: record.id, sends: v.recipients.map((recipient) => ({ recipient, method: v.method })), key });
      // Issue 18: edXML and e-mail sends go into the exchange's outbox (sent by «Trao đổi văn bản»).
      const d = r.delivery;
      message.success(`Đã ghi gửi ${v.recipients.length} nơi nhận.${d?.queued.length ? ` Đã xếp ${d.queued.length} gói vào hàng gửi${d.signed ? '' : ' (không ký số gói)'}.` : ''}`);
      if (d?.notSendable.length) message.warning(`Chỉ ghi sổ, chưa gửi điện tử được: ${d.notSendable.map((n) => `${n.name} (${n.why})`).join('; ')}.`);
      onDone();
      onClose();
    } catch (e) {
      showError(e, message.error, form, ['recipients', 'password']);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={record !== null} title={record ? `Gửi văn bản số ${record.ref}` : ''} okText="Ghi đã gửi" cancelText="Hủy" onOk={() => void submit()} onCancel={onClose} okButtonProps={{ disabled: busy }} destroyOnHidden>
      {record && record.sends.length > 0 && (
        <Typography.Paragraph type="secondary">
          Đã gửi: {record.sends.map((s) => `${s.recipient} (${SEND_METHOD_LABELS[s.method]}, ${formatDateTimeVN(s.sentAt)}, ${s.userName})`).join('; ')}
        </Typography.Paragraph>
      )}
      {record && <RecipientStatuses outgoingId={record.id} />}
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="recipients" label="Nơi nhận" rules={[{ required: true, message: 'Chọn ít nhất một nơi nhận.' }]}>
          <Select mode="tags" data-testid="send-recipients" />
        </Form.Item>
        <Form.Item name="method" label="Cách gửi">
          <Radio.Group options={SEND_METHODS.map((m) => ({ value: m, label: SEND_METHOD_LABELS[m] }))} />
        </Form.Item>
        {method === 'edxml' && (
          <>
            <Form.Item label="Chữ ký số của cơ quan (.p12/.pfx) để ký gói edXML" required>
              <Upload accept=".p12,.pfx" maxCount={1} beforeUpload={(f) => (setP12(f), false)} onRemove={() => setP12(null)} fileList={p12 ? [{ uid: '1', name: p12.name }] : []}>
                <Button icon={<UploadOutlined />} data-testid="send-p12">
                  Chọn tệp
                </Button>
              </Upload>
            </Form.Item>
            <Form.Item name="password" label="Mật khẩu tệp chữ ký số">
              <Input.Password autoComplete="off" data-testid="send-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function NoteModal({ open, title, label, onClose, onSubmit }: { open: boolean; title: string; label: string; onClose(): void; onSubmit(note: string): Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await onSubmit(v.note);
      onClose();
    } catch (e) {
      showError(e, message.error, form, ['note']);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={open} title={title} okText="Đồng ý" cancelText="Hủy" onOk={() => void submit()} onCancel={onClose} okButtonProps={{ disabled: busy }} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={label} rules={[{ required: true, whitespace: true, message: 'Ghi rõ lý do.' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SkipModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: 'skipped' | 'reserved'; reason: string }>();
  const [busy, setBusy] = useState(false);
  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await call('outgoing.skipNumber', v);
      message.success(`${r.status === 'reserved' ? 'Đã giữ' : 'Đã bỏ'} số ${r.ref} trong «${r.bookName}».`);
      onDone();
      onClose();
    } catch (e) {
      showError(e, message.error, form, ['reason']);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={open} title="Bỏ số hoặc giữ số" okText="Lấy số" cancelText="Hủy" onOk={() => void submit()} onCancel={onClose} okButtonProps={{ disabled: busy }} destroyOnHidden>
      <Typography.Paragraph type="secondary">Số tiếp theo của sổ mặc định được lấy ra và ghi vào sổ cùng lý do, để dãy số không bị hở.</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ kind: 'reserved' }}>
        <Form.Item name="kind">
          <Radio.Group options={[{ value: 'reserved', label: 'Giữ số' }, { value: 'skipped', label: 'Bỏ số' }]} />
        </Form.Item>
        <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Ghi rõ lý do.' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
