import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, FilePdfOutlined, RollbackOutlined, SafetyCertificateOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { RegisterBook } from '../../../shared/directory/schemas';
import type { UserInfo } from '../../../shared/auth/schemas';
import { DRAFT_STATUS_LABELS, STEP_LABELS, type DraftStatus, type WorkflowInfo } from '../../../shared/outgoing/schemas';
import { formatDateTimeVN, formatDateVN } from '../../../shared/domain/dates';
import { ApiFailure, call } from '../api/client';
import { clearErrorsOnChange } from '../api/errors';
import { SealNotice } from './SealNotice';
import { ReservedNumberField } from './ReservedNumberField';
import { KEY_FIELD_OF, KeyFields, keyFromValues, type KeyValues } from '../signing/KeyFields';
import { issueDraft, signDraft } from '../signing/deskSigning';
import { useLive } from '../api/live';
import { useCan } from '../auth/AuthGate';
import { AttachmentViewer } from '../viewer/AttachmentViewer';
import { pdfAttachment } from './pdfAttachment';

export const STATUS_COLOR: Record<DraftStatus, string> = {
  'du-thao': 'default',
  'cho-duyet': 'gold',
  'tra-lai': 'red',
  'da-duyet': 'blue',
  'da-ky': 'geekblue',
  'dang-phat-hanh': 'purple',
  'da-phat-hanh': 'green',
};

type Action = 'submit' | 'return' | 'approve' | 'sign' | 'issue';
const TITLES: Record<Action, string> = {
  submit: 'Trình lãnh đạo',
  return: 'Trả lại để sửa',
  approve: 'Duyệt văn bản',
  sign: 'Ký số văn bản (lãnh đạo)',
  issue: 'Phát hành: cấp số, ngày và ký số cơ quan',
};

const DONE: Record<Exclude<Action, 'issue'>, string> = {
  submit: 'Đã trình lãnh đạo.',
  return: 'Đã trả lại cho người soạn thảo.',
  approve: 'Đã duyệt.',
  sign: 'Đã ký số; văn bản chờ văn thư phát hành.',
};

interface Values extends KeyValues {
  to?: number;
  comment?: string;
  book?: string;
  date?: dayjs.Dayjs;
  reservedNumber?: number;
}

/**
 * Where a draft is in the workflow, what happened to it, and the one next step the caller may take. In the leader's
 * review view (`review`), a comment box sits above Trả lại / Duyệt: what is typed there opens in their dialog, and
 * `children` (the changes since the last version) comes before the history.
 */
export function WorkflowPanel({ id, onChanged, review = false, children }: { id: number; onChanged(w: WorkflowInfo): void; review?: boolean; children?: ReactNode }) {
  const { message } = App.useApp();
  // What the server says this caller may do now, and what their roles may call at all: both, or the button is hidden.
  const canSubmit = useCan('outgoing.submit');
  const canReturn = useCan('outgoing.return');
  const canApprove = useCan('outgoing.approve');
  const canSign = useCan('outgoing.sign');
  const canPrepareSign = useCan('outgoing.prepareSign');
  const canIssue = useCan('outgoing.issue');
  const canPrepareIssue = useCan('outgoing.prepareIssue');
  const may = { submit: canSubmit, review: canReturn && canApprove, sign: canSign || canPrepareSign, issue: canIssue || canPrepareIssue };
  const [note, setNote] = useState('');
  const [w, setW] = useState<WorkflowInfo | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [leaders, setLeaders] = useState<UserInfo[]>([]);
  const [books, setBooks] = useState<RegisterBook[]>([]);
  const [busy, setBusy] = useState(false);
  const [viewing, setViewing] = useState<{ name: string; sha: string } | null>(null);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    call('outgoing.workflow', { id }).then(setW, () => undefined);
  }, [id]);
  // Someone else moved this document on (the leader approved, the văn thư issued): show it without a reload.
  useLive(['drafts', 'outgoing'], () => {
    if (busy || action) return;
    void call('outgoing.workflow', { id }).then((next) => {
      if (w && (next.status !== w.status || next.version !== w.version)) onChanged(next);
      setW(next);
    }, () => undefined);
  });

  function open(a: Action) {
    form.resetFields();
    form.setFieldsValue({ method: 'p12', date: dayjs(), ...(note.trim() && (a === 'return' || a === 'approve') ? { comment: note.trim() } : {}) });
    if (a === 'submit') void call('users.list', {}).then((u) => setLeaders(u.filter((x) => x.active && x.roles.includes('lanhdao'))));
    if (a === 'issue') void call('books.list', { kind: 'outgoing' }).then(setBooks);
    setAction(a);
  }

  function fail(e: unknown) {
    if (e instanceof ApiFailure) {
      const f = e.error.field;
      const name = f ? (KEY_FIELD_OF[f] ?? (['to', 'comment', 'book', 'date', 'reservedNumber'].includes(f) ? f : undefined)) : undefined;
      if (name) form.setFields([{ name, errors: [e.error.message] }]);
      else message.error(e.error.message);
      return;
    }
    message.error(`Lỗi không mong đợi: ${(e as Error)?.message ?? String(e)}`);
  }

  async function run() {
    if (!action || !w) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      let next: WorkflowInfo;
      if (action === 'submit') next = await call('outgoing.submit', { id, to: v.to!, comment: v.comment });
      else if (action === 'return') next = await call('outgoing.return', { id, comment: v.comment ?? '' });
      else if (action === 'approve') next = await call('outgoing.approve', { id, comment: v.comment });
      else {
        const key = await keyFromValues(v, form);
        if (!key) return;
        if (action === 'sign') next = await signDraft(id, key);
        else {
          const r = await issueDraft({ id, book: v.book, date: v.date?.format('YYYY-MM-DD'), reservedNumber: v.reservedNumber }, key);
          message.success(`Đã phát hành văn bản số ${r.ref}, ngày ${formatDateVN(r.docDate)}.`);
          next = await call('outgoing.workflow', { id });
        }
      }
      setW(next);
      onChanged(next);
      setAction(null);
      if (action === 'return' || action === 'approve') setNote('');
      if (action !== 'issue') message.success(DONE[action]);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  if (!w) return null;
  const issued = w.outgoing && w.outgoing.status === 'issued' ? w.outgoing : null;
  const deciding = review && ((w.can.review && may.review) || (w.can.sign && may.sign));
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="workflow" title={<Space>{deciding ? 'Duyệt văn bản' : 'Trình duyệt và phát hành'} <Tag color={STATUS_COLOR[w.status]} data-testid="workflow-status">{DRAFT_STATUS_LABELS[w.status]}</Tag></Space>}>
      {deciding && (
        <div style={{ marginBottom: 8 }}>
          <label htmlFor="review-comment" style={{ display: 'block', fontSize: 12, color: '#4b5563', marginBottom: 2 }}>
            Ý kiến của lãnh đạo (gửi kèm khi trả lại hoặc duyệt)
          </label>
          <Input.TextArea id="review-comment" value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder="Cần sửa gì, hoặc ý kiến khi duyệt…" data-testid="review-comment" />
        </div>
      )}
      <Space wrap style={{ marginBottom: 8 }}>
        {w.can.submit && may.submit && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => open('submit')} data-testid="wf-submit">
            {w.status === 'tra-lai' ? 'Trình lại' : 'Trình ký'}
          </Button>
        )}
        {w.can.review && may.review && (
          <Button danger icon={<RollbackOutlined />} onClick={() => open('return')} data-testid="wf-return">
            Trả lại
          </Button>
        )}
        {w.can.review && may.review && w.status === 'cho-duyet' && (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => open('approve')} data-testid="wf-approve">
            Duyệt
          </Button>
        )}
        {w.can.sign && may.sign && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => open('sign')} data-testid="wf-sign">
            Ký số
          </Button>
        )}
        {w.can.issue && may.issue && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => open('issue')} data-testid="wf-issue">
            Phát hành
          </Button>
        )}
        {w.signedSha256 && !issued && (
          <Button icon={<FilePdfOutlined />} onClick={() => setViewing({ name: 'ban-da-ky.pdf', sha: w.signedSha256! })} data-testid="wf-view-signed">
            Xem bản lãnh đạo đã ký
          </Button>
        )}
        {issued?.sha256 && (
          <Button icon={<FilePdfOutlined />} onClick={() => setViewing({ name: `${issued.ref.replace(/\//g, '-')}.pdf`, sha: issued.sha256! })} data-testid="wf-view-issued">
            Xem văn bản số {issued.ref}
          </Button>
        )}
      </Space>
      {issued && (
        <Typography.Paragraph data-testid="wf-issued">
          Đã phát hành: số <b>{issued.ref}</b>, ngày {formatDateVN(issued.docDate)}, vào «{issued.bookName}».
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        Người soạn: {w.ownerName ?? '—'} · Lãnh đạo: {w.reviewerName ?? '—'} · {w.versions.length ? `${w.versions.length} phiên bản đã trình` : 'chưa trình'}
      </Typography.Paragraph>
      {children}
      {w.steps.length > 0 && (
        <Timeline
          style={{ marginTop: 12, marginBottom: -16 }}
          data-testid="wf-steps"
          items={w.steps.map((s) => ({
            color: s.action === 'return' || s.action === 'issue-failed' ? 'red' : s.action === 'issue' ? 'green' : 'blue',
            children: (
              <div>
                <b>{STEP_LABELS[s.action]}</b> — {s.userName}
                {s.toUserName ? ` → ${s.toUserName}` : ''} · phiên bản {s.version} · {formatDateTimeVN(s.at)}
                {s.comment && <div style={{ color: '#374151' }}>«{s.comment}»</div>}
              </div>
            ),
          }))}
        />
      )}
      <Modal
        open={action !== null}
        title={action ? TITLES[action] : ''}
        okText={action === 'issue' ? 'Cấp số và phát hành' : action === 'sign' ? 'Ký số' : 'Đồng ý'}
        cancelText="Hủy"
        onOk={() => void run()}
        onCancel={() => setAction(null)}
        okButtonProps={{ disabled: busy, loading: busy, 'data-testid': 'wf-ok' } as React.ComponentProps<typeof Button>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="wf-form" onValuesChange={clearErrorsOnChange(form)}>
          {action === 'submit' && (
            <Form.Item name="to" label="Lãnh đạo nhận trình" rules={[{ required: true, message: 'Chọn lãnh đạo.' }]}>
              <Select data-testid="wf-to" placeholder="Chọn lãnh đạo" options={leaders.map((u) => ({ value: u.id, label: `${u.fullName}${u.title ? ` — ${u.title}` : ''}`, title: u.fullName }))} />
            </Form.Item>
          )}
          {(action === 'submit' || action === 'return' || action === 'approve') && (
            <Form.Item
              name="comment"
              label={action === 'return' ? 'Ý kiến (cần sửa gì)' : 'Ý kiến (không bắt buộc)'}
              rules={action === 'return' ? [{ required: true, whitespace: true, message: 'Ghi rõ ý kiến để người soạn sửa.' }] : []}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="wf-comment" />
            </Form.Item>
          )}
          {action === 'sign' && (
            <Typography.Paragraph type="secondary">
              Văn bản được ký đúng như phiên bản {w.version} đã duyệt, chưa có số và ngày: văn thư cấp số, ngày khi phát hành (Nghị định 30/2020/NĐ-CP, Điều 15).
            </Typography.Paragraph>
          )}
          {action === 'issue' && (
            <>
              <SealNotice id={id} />
              <Form.Item name="book" label="Sổ văn bản đi" extra="Để trống: sổ mặc định (văn bản mật vào sổ mật).">
                <Select allowClear data-testid="wf-book" options={books.map((b) => ({ value: b.name, label: b.name }))} />
              </Form.Item>
              <Form.Item name="date" label="Ngày ban hành">
                <DatePicker format="DD/MM/YYYY" placeholder="Chọn ngày" style={{ width: '100%' }} />
              </Form.Item>
              <ReservedNumberField id={id} form={form} />
            </>
          )}
          {(action === 'sign' || action === 'issue') && <KeyFields form={form} onError={fail} testId="wf-key" waiting={busy} />}
        </Form>
      </Modal>
      <AttachmentViewer attachment={viewing ? pdfAttachment(viewing.name, viewing.sha) : null} onClose={() => setViewing(null)} />
    </Card>
  );
}
