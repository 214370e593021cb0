import { useEffect, useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { TaskDetail } from '../../../shared/tasks/schemas';
import { call } from '../api/client';
import { clearErrorsOnChange, showError } from '../api/errors';
import { DateField } from '../drafting/DateField';
import { matchLabel, refOf, useHandlerChoices, valueOf } from './handlers';

interface Values {
  title: string;
  lead?: string;
  co?: string[];
  deadlineKind: 'date' | 'days' | 'none';
  deadline?: string | null;
  workingDays?: number;
  note?: string;
}

/**
 * Giving a task, or a sub-task of `parent`, or changing one (`editing`): the lead is a unit or a person of the office;
 * co-handlers may also be outside organisations typed by name; the deadline is a date, or N working days by the
 * office's calendar. Other screens give a task from an incoming document's bút phê (`incomingId`) or a meeting's
 * conclusion (`meetingId`) with the same form.
 */
export function TaskForm({
  open,
  parent,
  editing,
  incomingId,
  meetingId,
  onClose,
  onSaved,
}: {
  open: boolean;
  parent?: TaskDetail;
  editing?: TaskDetail;
  incomingId?: number;
  meetingId?: number;
  onClose(): void;
  onSaved(t: TaskDetail): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const choices = useHandlerChoices();
  const kind = Form.useWatch('deadlineKind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        title: editing.title,
        lead: editing.lead ? valueOf(editing.lead) : undefined,
        co: editing.co.map(valueOf),
        deadlineKind: editing.deadline ? 'date' : 'none',
        deadline: editing.deadline,
        note: editing.note ?? undefined,
      });
    } else form.setFieldsValue({ deadlineKind: 'date', deadline: parent?.deadline ?? null });
  }, [open, editing, parent, form]);

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const deadline = v.deadlineKind === 'date' ? (v.deadline ?? undefined) : undefined;
      const workingDays = v.deadlineKind === 'days' ? v.workingDays : undefined;
      const common = { title: v.title, lead: refOf(v.lead!), co: (v.co ?? []).map(refOf), workingDays, note: v.note };
      const t = editing
        ? await call('tasks.update', { id: editing.id, ...common, deadline: v.deadlineKind === 'none' ? null : deadline, expectedUpdatedAt: editing.updatedAt, note: v.note ?? '' })
        : await call('tasks.add', { ...common, deadline, parentId: parent?.id, incomingId, meetingId });
      message.success(editing ? 'Đã sửa công việc.' : `Đã giao việc #${t.id}.`);
      onSaved(t);
    } catch (e) {
      showError(e, message.error, form, ['title', 'lead', 'co', 'deadline', 'workingDays', 'note']);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={editing ? `Sửa công việc #${editing.id}` : parent ? `Giao việc con của #${parent.id}` : 'Giao việc'}
      okText={editing ? 'Lưu' : 'Giao việc'}
      cancelText="Đóng"
      onOk={save}
      confirmLoading={saving}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'task-form-save' } as never}
    >
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="title" label="Công việc" rules={[{ required: true, message: 'Nhập tên công việc.' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="lead" label="Chủ trì (một đơn vị hoặc một người)" rules={[{ required: true, message: 'Chọn đơn vị hoặc người chủ trì.' }]}>
          <Select showSearch options={choices} filterOption={matchLabel} placeholder="Chọn đơn vị, người" data-testid="task-lead" />
        </Form.Item>
        <Form.Item name="co" label="Phối hợp" extra="Đơn vị, người của cơ quan; gõ tên để thêm cơ quan bên ngoài.">
          <Select mode="tags" options={choices} filterOption={matchLabel} placeholder="Chọn hoặc gõ tên" data-testid="task-co" />
        </Form.Item>
        <Form.Item name="deadlineKind" label="Thời hạn">
          <Radio.Group
            options={[
              { value: 'date', label: 'Đến ngày' },
              { value: 'days', label: 'Số ngày làm việc' },
              { value: 'none', label: 'Không hạn' },
            ]}
          />
        </Form.Item>
        {kind === 'date' && (
          <Form.Item name="deadline" label="Hạn hoàn thành">
            <DateField value={form.getFieldValue('deadline') ?? null} onChange={(d) => form.setFieldValue('deadline', d)} label="Hạn hoàn thành" testId="task-deadline" />
          </Form.Item>
        )}
        {kind === 'days' && (
          <Form.Item name="workingDays" label="Trong số ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ)" rules={[{ required: true, message: 'Nhập số ngày làm việc.' }]}>
            <InputNumber min={1} max={365} data-testid="task-working-days" />
          </Form.Item>
        )}
        <Form.Item name="note" label="Ghi chú, yêu cầu">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
