import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Slider, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { formatDateVN } from '../../../shared/domain/dates';
import { foldVietnamese } from '../../../shared/text/fold';
import type { IncomingDetail } from '../../../shared/incoming/schemas';
import type { OutgoingRecord } from '../../../shared/outgoing/schemas';
import { call } from '../api/client';
import { clearErrorsOnChange } from '../api/errors';
import { useSubmit } from './ActionModals';
import { handlerRef, useFlowOptions } from './useHandlerOptions';

/**
 * The forms of the flow (ND30 Điều 23–24): trình lãnh đạo, bút phê, phân công, báo cáo tiến độ, hoàn thành, trả lại.
 * Each sends one API call; the server's refusals show under the field they name.
 */
interface Props {
  open: boolean;
  doc: IncomingDetail;
  onClose(): void;
  onDone(d: IncomingDetail): void;
}

const search = { filterOption: (input: string, o?: { label?: unknown }) => foldVietnamese(String(o?.label ?? '')).includes(foldVietnamese(input)) };
const day = (d?: Dayjs | null) => d?.format('YYYY-MM-DD');
const docTitle = (doc: IncomingDetail) => `văn bản đến số ${doc.arrivalNumber}/${doc.year}`;

/** Opens a form empty each time it is shown. */
function useReset(open: boolean, reset: () => void) {
  useEffect(() => {
    if (open) reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the form opens
  }, [open]);
}

function FlowModal({ open, title, okText, busy, onOk, onClose, children }: { open: boolean; title: string; okText: string; busy: boolean; onOk(): void; onClose(): void; children: React.ReactNode }) {
  return (
    <Modal open={open} title={title} okText={okText} cancelText="Hủy bỏ" onOk={onOk} okButtonProps={{ disabled: busy }} onCancel={onClose} destroyOnHidden width={600}>
      {children}
    </Modal>
  );
}

/** Văn thư → lãnh đạo. */
export function SubmitModal({ open, doc, onClose, onDone }: Props) {
  const { leaders } = useFlowOptions(open);
  const { form, busy, submit } = useSubmit<{ to: number; note?: string }>(['to', 'note'], (v) => call('incoming.submit', { id: doc.id, to: v.to, note: v.note }), onDone);
  useReset(open, () => form.resetFields());
  return (
    <FlowModal open={open} title={`Trình lãnh đạo ${docTitle(doc)}`} okText="Trình" busy={busy} onOk={submit} onClose={onClose}>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="submit-form">
        <Form.Item name="to" label="Lãnh đạo cho ý kiến chỉ đạo" rules={[{ required: true, message: 'Chọn lãnh đạo để trình.' }]}>
          <Select options={leaders} showSearch={search} placeholder="Chọn lãnh đạo" data-testid="submit-to" />
        </Form.Item>
        <Form.Item name="note" label="Ý kiến của văn thư (nếu có)">
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </FlowModal>
  );
}

type InstructValues = { lead: string; co?: string[]; info?: string[]; deadlineKind: 'date' | 'days'; deadline?: Dayjs; workingDays?: number; note: string };

/** Bút phê: chủ trì, phối hợp, để biết, hạn giải quyết (a date, or N working days by the office's calendar). */
export function InstructModal({ open, doc, onClose, onDone }: Props) {
  const { handlers } = useFlowOptions(open);
  const { form, busy, submit } = useSubmit<InstructValues>(['lead', 'co', 'info', 'deadline', 'workingDays', 'note'], (v) =>
    call('incoming.instruct', {
      id: doc.id,
      lead: handlerRef(v.lead),
      co: (v.co ?? []).map(handlerRef),
      info: (v.info ?? []).map(handlerRef),
      deadline: v.deadlineKind === 'date' ? day(v.deadline) : undefined,
      workingDays: v.deadlineKind === 'days' ? (v.workingDays ?? undefined) : undefined,
      note: v.note,
    }),
    onDone,
  );
  useReset(open, () => form.setFieldsValue({ lead: undefined, co: [], info: [], deadlineKind: 'date', deadline: undefined, workingDays: undefined, note: undefined }));
  const kind = Form.useWatch('deadlineKind', form);
  const behalf = doc.flow.onBehalfOf;
  return (
    <FlowModal open={open} title={`Bút phê ${docTitle(doc)}`} okText="Ghi bút phê" busy={busy} onOk={submit} onClose={onClose}>
      {behalf && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`Bạn cho ý kiến theo ủy quyền của ${behalf.name}; quá trình xử lý ghi rõ điều này.`} />}
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="instruct-form">
        <Form.Item name="lead" label="Đơn vị, cá nhân chủ trì" rules={[{ required: true, message: 'Chọn đơn vị hoặc người chủ trì.' }]}>
          <Select options={handlers} showSearch={search} placeholder="Gõ để chọn đơn vị hoặc người trong cơ quan" data-testid="instruct-lead" />
        </Form.Item>
        <Form.Item name="co" label="Phối hợp" extra="Tên không có trong danh sách được ghi là cơ quan bên ngoài.">
          <Select mode="tags" options={handlers} showSearch={search} placeholder="Chọn hoặc gõ tên rồi nhấn Enter" data-testid="instruct-co" />
        </Form.Item>
        <Form.Item name="info" label="Để biết">
          <Select mode="tags" options={handlers} showSearch={search} placeholder="Chọn hoặc gõ tên rồi nhấn Enter" data-testid="instruct-info" />
        </Form.Item>
        <Form.Item name="deadlineKind" label="Hạn giải quyết" style={{ marginBottom: 8 }}>
          <Radio.Group
            options={[
              { value: 'date', label: 'Đến ngày' },
              { value: 'days', label: 'Trong số ngày làm việc' },
            ]}
          />
        </Form.Item>
        {kind === 'days' ? (
          <Form.Item name="workingDays" extra="Số ngày làm việc, không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, nghỉ bù theo lịch của cơ quan.">
            <InputNumber min={1} max={365} placeholder="Số ngày" style={{ width: 240 }} data-testid="instruct-days" />
          </Form.Item>
        ) : (
          <Form.Item name="deadline">
            <DatePicker format="DD/MM/YYYY" placeholder="Không có hạn" style={{ width: 240 }} data-testid="instruct-deadline" />
          </Form.Item>
        )}
        <Form.Item name="note" label="Ý kiến chỉ đạo (bút phê)" rules={[{ required: true, whitespace: true, message: 'Nhập ý kiến chỉ đạo.' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="instruct-note" />
        </Form.Item>
      </Form>
    </FlowModal>
  );
}

/** The unit's head (or the leader) passes the document to a person of the unit. */
export function AssignModal({ open, doc, onClose, onDone }: Props) {
  const units = doc.flow.assignable;
  const people = units.flatMap((u) => u.members.map((m) => ({ value: m.id, label: units.length > 1 ? `${m.name} (${u.unitName})` : m.name })));
  const { form, busy, submit } = useSubmit<{ to: number; role: 'lead' | 'co'; deadline?: Dayjs; note?: string }>(
    ['to', 'role', 'deadline', 'note'],
    (v) => call('incoming.assign', { id: doc.id, to: v.to, role: v.role, deadline: day(v.deadline), note: v.note }),
    onDone,
  );
  useReset(open, () => form.setFieldsValue({ to: undefined, role: units[0]?.role ?? 'lead', deadline: undefined, note: undefined }));
  return (
    <FlowModal open={open} title={`Phân công xử lý ${docTitle(doc)}`} okText="Phân công" busy={busy} onOk={submit} onClose={onClose}>
      <Typography.Paragraph type="secondary">
        Đơn vị được giao: {units.map((u) => `${u.unitName} (${u.role === 'lead' ? 'chủ trì' : 'phối hợp'})`).join(', ')}
        {doc.deadline ? `. Hạn của lãnh đạo: ${formatDateVN(doc.deadline)}.` : '.'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="assign-form">
        <Form.Item name="to" label="Người xử lý" rules={[{ required: true, message: 'Chọn người trong đơn vị.' }]}>
          <Select options={people} showSearch={search} placeholder="Chọn người trong đơn vị" data-testid="assign-to" />
        </Form.Item>
        <Form.Item name="role" label="Vai trò">
          <Radio.Group
            options={[
              { value: 'lead', label: 'Chủ trì' },
              { value: 'co', label: 'Phối hợp' },
            ]}
          />
        </Form.Item>
        <Form.Item name="deadline" label="Hạn (không sau hạn của lãnh đạo)">
          <DatePicker format="DD/MM/YYYY" placeholder="Theo hạn của lãnh đạo" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="note" label="Ý kiến phân công">
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </FlowModal>
  );
}

export function ProgressModal({ open, doc, onClose, onDone }: Props) {
  const { form, busy, submit } = useSubmit<{ progress: number; note: string }>(['progress', 'note'], (v) => call('incoming.progress', { id: doc.id, progress: v.progress, note: v.note }), onDone);
  useReset(open, () => form.setFieldsValue({ progress: doc.flow.progress ?? 0, note: undefined }));
  return (
    <FlowModal open={open} title={`Báo cáo tiến độ ${docTitle(doc)}`} okText="Gửi báo cáo" busy={busy} onOk={submit} onClose={onClose}>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="progress-form">
        <Form.Item name="progress" label="Đã thực hiện (%)">
          <Slider min={0} max={100} step={5} marks={{ 0: '0 %', 50: '50 %', 100: '100 %' }} />
        </Form.Item>
        <Form.Item name="note" label="Nội dung báo cáo" rules={[{ required: true, whitespace: true, message: 'Nhập nội dung báo cáo.' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="progress-note" />
        </Form.Item>
      </Form>
    </FlowModal>
  );
}

/** Finishes the document, with the issued outgoing document that answers it when there is one. */
export function FinishModal({ open, doc, onClose, onDone }: Props) {
  const [replies, setReplies] = useState<OutgoingRecord[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    call('outgoing.list', { limit: 5000 })
      .then((rs) => live && setReplies(rs.filter((r) => r.status === 'issued' && r.docDate >= doc.arrivalDate).reverse()))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [open, doc.arrivalDate]);
  const { form, busy, submit } = useSubmit<{ reply?: number; note?: string }>(['reply', 'note'], (v) => call('incoming.finish', { id: doc.id, reply: v.reply, note: v.note }), onDone);
  useReset(open, () => form.resetFields());
  return (
    <FlowModal open={open} title={`Hoàn thành xử lý ${docTitle(doc)}`} okText="Hoàn thành" busy={busy} onOk={submit} onClose={onClose}>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="finish-form">
        <Form.Item name="reply" label="Văn bản trả lời (đã phát hành)" extra="Số, ký hiệu của văn bản trả lời được ghi vào Sổ theo dõi giải quyết văn bản đến.">
          <Select
            allowClear
            showSearch={search}
            placeholder="Không có văn bản trả lời"
            options={replies.map((r) => ({ value: r.id, label: `${r.ref} ngày ${formatDateVN(r.docDate)} — ${r.subject}` }))}
            data-testid="finish-reply"
          />
        </Form.Item>
        <Form.Item name="note" label="Kết quả xử lý">
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </FlowModal>
  );
}

/** The leader sends the document back to the văn thư who submitted it. */
export function ReturnModal({ open, doc, onClose, onDone }: Props) {
  const { form, busy, submit } = useSubmit<{ note: string }>(['note'], (v) => call('incoming.returnToClerk', { id: doc.id, note: v.note }), onDone);
  useReset(open, () => form.resetFields());
  return (
    <FlowModal open={open} title={`Trả lại văn thư ${docTitle(doc)}`} okText="Trả lại" busy={busy} onOk={submit} onClose={onClose}>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="note" label="Lý do trả lại" rules={[{ required: true, whitespace: true, message: 'Nhập lý do trả lại.' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </FlowModal>
  );
}
