import { useEffect, useState } from 'react';
import { App, AutoComplete, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DOC_TYPES } from '../../../shared/domain/doc-types';
import { URGENCIES, URGENCY_LABELS, type Urgency } from '../../../shared/domain/marks';
import { foldVietnamese } from '../../../shared/text/fold';
import type { IncomingDetail } from '../../../shared/incoming/schemas';
import { call } from '../api/client';
import { showError, clearErrorsOnChange } from '../api/errors';
import { formatDateVN } from '../../../shared/domain/dates';
import { useStaleEdit } from '../util/StaleEdit';
import { useHandlerOptions } from './useHandlerOptions';

interface Props {
  open: boolean;
  doc: IncomingDetail;
  onClose(): void;
  onDone(d: IncomingDetail): void;
}

/** Runs a form's submit through the API, putting server errors under their fields (unless `handled` takes them). */
export function useSubmit<V>(fields: string[], run: (v: V) => Promise<IncomingDetail>, onDone: (d: IncomingDetail) => void, handled?: (e: unknown) => boolean) {
  const [form] = Form.useForm<V>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let v: V;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      onDone(await run(v));
    } catch (e) {
      if (!handled?.(e)) showError(e, (t) => message.error(t), form, fields);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, submit };
}

/** ND30 Điều 23: the leader's routing — chủ trì, phối hợp, ý kiến chỉ đạo, hạn giải quyết. */
export function RouteModal({ open, doc, onClose, onDone }: Props) {
  const { form, busy, submit } = useSubmit<{ lead: string; coUnits?: string[]; info?: string[]; instruction?: string; deadline?: Dayjs }>(
    ['lead', 'coUnits', 'info', 'instruction', 'deadline'],
    (v) =>
      call('incoming.route', { id: doc.id, lead: v.lead, coUnits: v.coUnits ?? [], info: v.info ?? [], instruction: v.instruction, deadline: v.deadline?.format('YYYY-MM-DD') }),
    onDone,
  );
  const options = useHandlerOptions(open);
  const filter = (input: string, o?: { value?: unknown }) => foldVietnamese(String(o?.value ?? '')).includes(foldVietnamese(input));
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal open={open} title="Chuyển xử lý" okText="Chuyển" cancelText="Hủy bỏ" onOk={submit} okButtonProps={{ disabled: busy }} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="route-form">
        <Form.Item
          name="lead"
          label="Đơn vị, cá nhân chủ trì"
          extra="Chọn đơn vị hoặc người của cơ quan: văn bản đến tay họ. Tên khác được ghi là cơ quan bên ngoài."
          rules={[{ required: true, whitespace: true, message: 'Nhập đơn vị hoặc người chủ trì.' }]}
        >
          <AutoComplete options={options} filterOption={filter}>
            <Input data-testid="route-lead" placeholder="Gõ để chọn" />
          </AutoComplete>
        </Form.Item>
        <Form.Item name="coUnits" label="Đơn vị, cá nhân phối hợp">
          <Select mode="tags" options={options} filterOption={filter} placeholder="Chọn hoặc gõ tên rồi nhấn Enter" data-testid="route-co" />
        </Form.Item>
        <Form.Item name="info" label="Để biết">
          <Select mode="tags" options={options} filterOption={filter} placeholder="Chọn hoặc gõ tên rồi nhấn Enter" data-testid="route-info" />
        </Form.Item>
        <Form.Item name="instruction" label="Ý kiến chỉ đạo">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="deadline" label="Hạn giải quyết">
          <DatePicker format="DD/MM/YYYY" placeholder="Chọn ngày" style={{ width: '100%' }} data-testid="route-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function StatusModal({ open, doc, onClose, onDone }: Props) {
  const { form, busy, submit } = useSubmit<{ status: 'cho-xu-ly' | 'dang-xu-ly' | 'hoan-thanh'; note?: string }>(
    ['status', 'note'],
    (v) => call('incoming.setStatus', { id: doc.id, status: v.status, note: v.note }),
    onDone,
  );
  useEffect(() => {
    if (open) form.setFieldsValue({ status: doc.status === 'dang-xu-ly' ? 'hoan-thanh' : 'dang-xu-ly', note: undefined });
  }, [open, form, doc.status]);
  return (
    <Modal open={open} title="Cập nhật trạng thái xử lý" okText="Lưu" cancelText="Hủy bỏ" onOk={submit} okButtonProps={{ disabled: busy }} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="status" label="Trạng thái">
          <Radio.Group
            options={[
              { value: 'cho-xu-ly', label: 'Chờ xử lý' },
              { value: 'dang-xu-ly', label: 'Đang xử lý' },
              { value: 'hoan-thanh', label: 'Hoàn thành' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="Ghi chú (ví dụ: số, ký hiệu văn bản trả lời)">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CancelModal({ open, doc, onClose, onDone }: Props) {
  const { form, busy, submit } = useSubmit<{ reason: string }>(['reason'], (v) => call('incoming.cancel', { id: doc.id, reason: v.reason }), onDone);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal open={open} title="Hủy văn bản đến" okText="Hủy văn bản" okButtonProps={{ danger: true, disabled: busy }} cancelText="Không" onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>
        Văn bản không bị xóa: nó được đánh dấu đã hủy và số đến {doc.arrivalNumber}/{doc.year} vẫn được giữ, không cấp lại cho văn bản khác.
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="reason" label="Lý do hủy" rules={[{ required: true, whitespace: true, message: 'Nhập lý do hủy.' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type EditValues = { sender: string; ref: string; docDate: Dayjs; docType?: string; subject: string; urgency: Urgency; recipient?: string; note?: string };

/** The edit form's input as plain text, kept for the user to merge when another desk saved the record first. */
function editAsText(v: Partial<EditValues>): string {
  const lines: [string, string | undefined][] = [
    ['Tác giả', v.sender],
    ['Số, ký hiệu', v.ref],
    ['Ngày văn bản', v.docDate ? formatDateVN(v.docDate.format('YYYY-MM-DD')) : undefined],
    ['Tên loại', DOC_TYPES.find((t) => t.code === v.docType)?.name],
    ['Trích yếu', v.subject],
    ['Độ khẩn', v.urgency && URGENCY_LABELS[v.urgency]],
    ['Đơn vị hoặc người nhận', v.recipient],
    ['Ghi chú', v.note],
  ];
  return lines.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`).join('\n');
}

/**
 * Corrects a registration's metadata; the số đến and ngày đến never change (ND30 Điều 22). The save carries the
 * record's updatedAt: when another desk changed it first, the input stays and the newer record is opened (through
 * `onLatest`, which refills the form) only when the user asks.
 */
export function EditModal({ open, doc, onClose, onDone, onLatest }: Props & { onLatest(d: IncomingDetail): void }) {
  type V = EditValues;
  const conflict = useStaleEdit({
    mine: () => editAsText(form.getFieldsValue(true) as Partial<V>),
    openLatest: async () => onLatest(await call('incoming.get', { id: doc.id })),
  });
  const { form, busy, submit } = useSubmit<V>(
    ['sender', 'ref', 'docDate', 'docType', 'subject', 'urgency', 'recipient', 'note'],
    (v) =>
      call('incoming.update', {
        id: doc.id,
        sender: v.sender,
        ref: v.ref,
        docDate: v.docDate.format('YYYY-MM-DD'),
        docType: v.docType ?? '',
        subject: v.subject,
        urgency: v.urgency,
        recipient: v.recipient ?? '',
        note: v.note ?? '',
        expectedUpdatedAt: doc.updatedAt,
      }),
    onDone,
    (e) => conflict.refused(e),
  );
  useEffect(() => {
    if (open) conflict.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the form opens
  }, [open]);
  useEffect(() => {
    if (open)
      form.setFieldsValue({
        sender: doc.sender,
        ref: doc.ref,
        docDate: dayjs(doc.docDate),
        docType: doc.docType ?? undefined,
        subject: doc.subject,
        urgency: doc.urgency,
        recipient: doc.recipient ?? undefined,
        note: doc.note ?? undefined,
      });
  }, [open, form, doc]);
  return (
    <Modal open={open} width={640} title={`Sửa thông tin văn bản đến số ${doc.arrivalNumber}/${doc.year}`} okText="Lưu" cancelText="Hủy bỏ" onOk={submit} okButtonProps={{ disabled: busy }} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">Số đến và ngày đến giữ nguyên; chỉ sửa các thông tin vào sổ bị nhầm.</Typography.Paragraph>
      {conflict.alert}
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="edit-form">
        <Form.Item name="sender" label="Tác giả (cơ quan gửi)" rules={[{ required: true, whitespace: true, message: 'Nhập cơ quan gửi văn bản.' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="ref" label="Số và ký hiệu" rules={[{ required: true, whitespace: true, message: 'Nhập số và ký hiệu văn bản.' }]}>
          <Input data-testid="edit-ref" />
        </Form.Item>
        <Form.Item name="docDate" label="Ngày văn bản" rules={[{ required: true, message: 'Nhập ngày văn bản.' }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} placeholder="Chọn ngày" />
        </Form.Item>
        <Form.Item name="docType" label="Tên loại">
          <Select allowClear showSearch={{ filterOption: (input, o) => foldVietnamese(String(o?.label ?? '')).includes(foldVietnamese(input)) }} options={DOC_TYPES.map((t) => ({ value: t.code, label: t.name }))} />
        </Form.Item>
        <Form.Item name="subject" label="Trích yếu" rules={[{ required: true, whitespace: true, message: 'Nhập trích yếu.' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="urgency" label="Độ khẩn">
          <Select options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} />
        </Form.Item>
        <Form.Item name="recipient" label="Đơn vị hoặc người nhận">
          <Input />
        </Form.Item>
        <Form.Item name="note" label="Ghi chú">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
