import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Progress, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTimeVN, formatDateVN } from '../../../shared/domain/dates';
import { TASK_UPDATE_LABELS, type TaskDetail } from '../../../shared/tasks/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useLive } from '../api/live';
import { download } from '../util/download';
import { statusOf } from './handlers';
import { TaskForm } from './TaskForm';

type Step = 'progress' | 'submit' | 'return' | 'approve' | 'cancel' | null;

const STEP_TITLES: Record<Exclude<Step, null>, string> = {
  progress: 'Báo cáo tiến độ',
  submit: 'Trình kết quả',
  return: 'Trả lại kết quả',
  approve: 'Duyệt kết quả, hoàn thành',
  cancel: 'Hủy công việc',
};

/** One task: its source, handlers, deadline, progress and trail, with what the caller may do now. */
export function TaskDrawer({ id, onClose, onChanged }: { id: number | null; onClose(): void; onChanged(): void }) {
  const { message } = App.useApp();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [step, setStep] = useState<Step>(null);
  const [form, setForm] = useState<'edit' | 'sub' | null>(null);
  const [busy, setBusy] = useState(false);
  const [values] = Form.useForm<{ progress?: number; note?: string }>();
  const [files, setFiles] = useState<File[]>([]);

  const load = useCallback(() => {
    if (id === null) return setTask(null);
    call('tasks.get', { id }).then(setTask, (e) => (showError(e, message.error), onClose()));
  }, [id, message, onClose]);
  useEffect(load, [load]);
  useLive(['tasks'], (e) => {
    if (id !== null && (!e || e.entityId === id)) load();
  });

  function openStep(s: Step) {
    values.resetFields();
    if (s === 'progress' && task) values.setFieldsValue({ progress: task.progress });
    setFiles([]);
    setStep(s);
  }

  async function run() {
    if (!task || !step) return;
    const v = values.getFieldsValue();
    setBusy(true);
    try {
      const attached = await Promise.all(files.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })));
      const note = v.note?.trim() || undefined;
      const next =
        step === 'progress'
          ? await call('tasks.progress', { id: task.id, progress: v.progress ?? 0, note, files: attached })
          : step === 'submit'
            ? await call('tasks.submitResult', { id: task.id, note, files: attached })
            : step === 'return'
              ? await call('tasks.returnResult', { id: task.id, note: note ?? '' })
              : step === 'approve'
                ? await call('tasks.done', { id: task.id, note })
                : await call('tasks.cancel', { id: task.id, reason: note ?? '' });
      setTask(next);
      setStep(null);
      onChanged();
      message.success(`${STEP_TITLES[step]}: xong.`);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  }

  async function save(f: { sha256: string; name: string }) {
    try {
      const data = await call('tasks.file', { id: task!.id, sha256: f.sha256 });
      download(f.name, 'application/octet-stream', data);
    } catch (e) {
      showError(e, message.error);
    }
  }

  const s = task && statusOf(task);
  return (
    <Drawer open={id !== null} onClose={onClose} width={760} title={task ? `Công việc #${task.id}` : 'Công việc'} destroyOnHidden>
      {task && s && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="task-detail">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {task.title}
          </Typography.Title>
          {task.overdue && <Alert type="error" showIcon message={`Quá hạn: hạn hoàn thành ${formatDateVN(task.deadline)}.`} />}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="Tình trạng">
              <Tag color={s.color} data-testid="task-status">
                {s.text}
              </Tag>
              <Progress percent={task.progress} size="small" style={{ width: 200, display: 'inline-flex' }} />
            </Descriptions.Item>
            <Descriptions.Item label="Nguồn">{task.sourceText}</Descriptions.Item>
            <Descriptions.Item label="Chủ trì">{task.lead?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Phối hợp">{task.co.map((c) => c.name + (c.kind === 'text' ? ' (ngoài cơ quan)' : '')).join('; ') || '—'}</Descriptions.Item>
            <Descriptions.Item label="Thời hạn">{task.deadline ? formatDateVN(task.deadline) : 'Không hạn'}</Descriptions.Item>
            <Descriptions.Item label="Người giao">
              {task.createdBy.fullName}, {formatDateTimeVN(task.createdAt)}
            </Descriptions.Item>
            {task.finishedAt && <Descriptions.Item label="Hoàn thành lúc">{formatDateTimeVN(task.finishedAt)}</Descriptions.Item>}
            {task.parent && (
              <Descriptions.Item label="Việc cha">
                <a href={`#/tasks/${task.parent.id}`}>
                  #{task.parent.id} {task.parent.title}
                </a>
              </Descriptions.Item>
            )}
            {task.note && <Descriptions.Item label="Ghi chú">{task.note}</Descriptions.Item>}
            {task.cancelReason && <Descriptions.Item label="Lý do hủy">{task.cancelReason}</Descriptions.Item>}
          </Descriptions>
          <Space wrap>
            {task.can.progress && <Button onClick={() => openStep('progress')} data-testid="task-progress">Báo cáo tiến độ</Button>}
            {task.can.submit && (
              <Button type="primary" onClick={() => openStep('submit')} data-testid="task-submit">
                Trình kết quả
              </Button>
            )}
            {(task.can.decide || (task.can.finish && task.status === 'dang-lam' && !task.can.submit)) && (
              <Button type="primary" onClick={() => openStep('approve')} data-testid="task-approve">
                {task.status === 'cho-duyet' ? 'Duyệt kết quả' : 'Đánh dấu hoàn thành'}
              </Button>
            )}
            {task.can.decide && <Button onClick={() => openStep('return')} data-testid="task-return">Trả lại</Button>}
            {task.can.addSubtask && (
              <Button icon={<PlusOutlined />} onClick={() => setForm('sub')} data-testid="task-add-sub">
                Giao việc con
              </Button>
            )}
            {task.can.edit && <Button onClick={() => setForm('edit')}>Sửa</Button>}
            {task.can.cancel && (
              <Button danger onClick={() => openStep('cancel')}>
                Hủy việc
              </Button>
            )}
          </Space>
          {task.children.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={task.children}
              title={() => `Việc con (${task.subtasks.total - task.subtasks.open}/${task.subtasks.total} xong)`}
              columns={[
                { title: 'Việc con', render: (_, c) => <a href={`#/tasks/${c.id}`}>{c.title}</a> },
                { title: 'Chủ trì', render: (_, c) => c.lead?.name },
                { title: 'Hạn', render: (_, c) => formatDateVN(c.deadline) },
                { title: 'Tình trạng', render: (_, c) => <Tag color={statusOf(c).color}>{statusOf(c).text}</Tag> },
              ]}
            />
          )}
          <Timeline
            items={task.updates.map((u) => ({
              children: (
                <div>
                  <Typography.Text strong>{TASK_UPDATE_LABELS[u.kind]}</Typography.Text> — {u.actor}
                  {u.onBehalfOf && <Typography.Text type="secondary"> (ủy quyền của {u.onBehalfOf})</Typography.Text>}, {formatDateTimeVN(u.at)}
                  {u.progress !== null && u.kind === 'progress' && <> · {u.progress}%</>}
                  {u.note && <div>{u.note}</div>}
                  {u.files.map((f) => (
                    <div key={f.sha256}>
                      <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={() => void save(f)}>
                        {f.name}
                      </Button>
                    </div>
                  ))}
                </div>
              ),
            }))}
          />
        </Space>
      )}
      <Modal open={step !== null} title={step ? STEP_TITLES[step] : ''} okText="Ghi" cancelText="Đóng" onOk={run} confirmLoading={busy} onCancel={() => setStep(null)} okButtonProps={{ 'data-testid': 'task-step-ok' } as never}>
        <Form form={values} layout="vertical">
          {step === 'progress' && (
            <Form.Item name="progress" label="Tiến độ (%)">
              <InputNumber min={0} max={100} data-testid="task-progress-value" />
            </Form.Item>
          )}
          <Form.Item name="note" label={step === 'cancel' ? 'Lý do hủy' : step === 'return' ? 'Lý do trả lại' : 'Nội dung'}>
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid="task-step-note" />
          </Form.Item>
          {(step === 'progress' || step === 'submit') && (
            <Upload beforeUpload={(f) => (setFiles((x) => [...x, f]), false)} onRemove={(f) => setFiles((x) => x.filter((y) => y.name !== f.name))} multiple>
              <Button icon={<PaperClipOutlined />}>Đính kèm tệp (PDF, Word, ảnh)</Button>
            </Upload>
          )}
        </Form>
      </Modal>
      {task && (
        <TaskForm
          open={form !== null}
          parent={form === 'sub' ? task : undefined}
          editing={form === 'edit' ? task : undefined}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            load();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
