import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { MEETING_STATUS_LABELS, type Meeting, type MeetingStatus } from '../../../shared/meetings/schemas';
import { ApiFailure, call } from '../api/client';
import { showError } from '../api/errors';

/** What the status change needs: a reason to postpone or cancel; a reason to confirm over a clash. */
export interface StatusChange {
  status: MeetingStatus;
  /** The server's clash message when the change was refused for a double booking. */
  conflict?: string;
}

const TITLES: Record<MeetingStatus, string> = { 'du-kien': 'Xếp lại lịch (dự kiến)', 'chinh-thuc': 'Chính thức', hoan: 'Hoãn cuộc họp', huy: 'Hủy cuộc họp' };

export function StatusModal({ meeting, change, onClose, onDone }: { meeting: Meeting; change: StatusChange | null; onClose(): void; onDone(m: Meeting): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | undefined>();
  useEffect(() => {
    if (change) {
      form.resetFields();
      setConflict(change.conflict);
    }
  }, [change, form]);
  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v || !change) return;
    setBusy(true);
    try {
      const m = await call('meetings.setStatus', { id: meeting.id, status: change.status, reason: v.reason?.trim() || undefined, allowConflict: !!conflict });
      message.success(`«${m.title}»: ${MEETING_STATUS_LABELS[m.status].toLowerCase()}.`);
      onDone(m);
    } catch (e) {
      if (e instanceof ApiFailure && e.error.code === 'CONFLICT') setConflict(e.error.message);
      else showError(e, message.error, form, ['reason']);
    } finally {
      setBusy(false);
    }
  }
  const postpone = change?.status === 'hoan' || change?.status === 'huy';
  return (
    <Modal
      open={change !== null}
      title={change ? `${TITLES[change.status]}: «${meeting.title}»` : ''}
      okText={conflict ? 'Vẫn xếp lịch' : 'Đồng ý'}
      cancelText="Hủy bỏ"
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, danger: change?.status === 'huy' || !!conflict, 'data-testid': 'status-ok' } as React.ComponentProps<typeof Button>}
      destroyOnHidden
    >
      {conflict && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={conflict} data-testid="status-conflict" />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={postpone ? `Lý do ${change?.status === 'hoan' ? 'hoãn' : 'hủy'}` : 'Lý do vẫn xếp lịch trùng'}
          rules={[{ required: postpone || !!conflict, whitespace: true, message: 'Ghi rõ lý do.' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="status-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
