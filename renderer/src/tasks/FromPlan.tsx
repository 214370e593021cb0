import { useEffect, useState } from 'react';
import { Alert, App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { formatDateVN } from '../../../shared/domain/dates';
import type { PlanPreview, PlanProposal } from '../../../shared/tasks/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { DateField } from '../drafting/DateField';
import { navigate } from '../router';
import { matchLabel, refOf, useHandlerChoices, valueOf } from './handlers';
import { PlanPicker } from './PlanPicker';

interface Choice {
  lead?: string;
  deadline: string | null;
}

/**
 * An issued plan's activities as tasks: each row shows the text it came from (đơn vị chủ trì, thời gian) beside the
 * lead and deadline read from it, both editable; a lead no unit or person of the office matched must be chosen. The
 * rows ticked become tasks in one step; rows already given are shown with their task.
 */
export function FromPlan({ onCreated }: { onCreated(): void }) {
  const { message } = App.useApp();
  const [outgoingId, setOutgoingId] = useState<number | undefined>();
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const options = useHandlerChoices();

  useEffect(() => {
    setPreview(null);
    if (outgoingId === undefined) return;
    call('tasks.fromPlanPreview', { outgoingId }).then(
      (p) => {
        setPreview(p);
        setChoices(Object.fromEntries(p.rows.map((r) => [r.row, { lead: r.lead ? valueOf(r.lead) : undefined, deadline: r.deadline }])));
        setSelected(p.rows.filter((r) => r.taskId === null).map((r) => r.row));
      },
      (e) => showError(e, message.error),
    );
  }, [outgoingId, message]);

  const set = (row: number, c: Partial<Choice>) => setChoices((x) => ({ ...x, [row]: { ...x[row], ...c } }));

  async function create() {
    if (!preview || outgoingId === undefined) return;
    const rows = preview.rows.filter((r) => selected.includes(r.row) && r.taskId === null);
    const missing = rows.filter((r) => !choices[r.row]?.lead);
    if (missing.length) return void message.error(`Chọn đơn vị, người chủ trì cho dòng ${missing.map((r) => r.row).join(', ')}.`);
    setBusy(true);
    try {
      const made = await call('tasks.fromPlan', {
        outgoingId,
        rows: rows.map((r) => ({ row: r.row, title: r.title, lead: refOf(choices[r.row].lead!), co: r.co.map((c) => refOf(valueOf(c))), deadline: choices[r.row].deadline, note: r.note ?? undefined })),
      });
      message.success(`Đã giao ${made.created.length} việc${made.skipped.length ? `; ${made.skipped.length} dòng đã giao trước đó` : ''}.`);
      onCreated();
      setPreview(await call('tasks.fromPlanPreview', { outgoingId }));
      setSelected([]);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  }

  async function report() {
    if (outgoingId === undefined) return;
    try {
      const { draftId } = await call('tasks.report', { outgoingId });
      message.success('Đã tạo dự thảo Báo cáo kết quả thực hiện.');
      navigate(`/drafting/${draftId}`);
    } catch (e) {
      showError(e, message.error);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <PlanPicker value={outgoingId} onChange={setOutgoingId} testId="plan-pick" />
        <Button type="primary" disabled={!preview || selected.length === 0} loading={busy} onClick={() => void create()} data-testid="plan-create">
          Giao {selected.filter((r) => preview?.rows.find((x) => x.row === r)?.taskId === null).length} việc
        </Button>
        <Button disabled={!preview} onClick={() => void report()} data-testid="plan-report">
          Báo cáo kết quả thực hiện
        </Button>
      </Space>
      {preview && preview.rows.length === 0 && <Alert type="info" showIcon message="Không tìm thấy hoạt động nào (bảng có cột Nội dung, Đơn vị chủ trì, Thời gian; hoặc các hoạt động có đơn vị chủ trì)." />}
      {preview && preview.rows.length > 0 && (
        <Table<PlanProposal>
          size="small"
          rowKey="row"
          pagination={false}
          dataSource={preview.rows}
          data-testid="plan-rows"
          rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]), getCheckboxProps: (r) => ({ disabled: r.taskId !== null }) }}
          columns={[
            { title: 'Dòng', dataIndex: 'row', width: 55 },
            {
              title: 'Nội dung',
              render: (_, r) => (
                <div>
                  {r.title}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.source.where}
                      {r.note ? ` · ${r.note}` : ''}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: 'Chủ trì',
              width: 260,
              render: (_, r) =>
                r.taskId !== null ? (
                  r.lead?.name
                ) : (
                  <div>
                    <Select
                      showSearch
                      size="small"
                      style={{ width: '100%' }}
                      status={choices[r.row]?.lead ? undefined : 'error'}
                      placeholder="Chọn đơn vị, người"
                      value={choices[r.row]?.lead}
                      onChange={(v) => set(r.row, { lead: v })}
                      options={options}
                      filterOption={matchLabel}
                      data-testid={`plan-lead-${r.row}`}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      Văn bản ghi: {r.source.lead || '—'}
                    </Typography.Text>
                  </div>
                ),
            },
            { title: 'Phối hợp', width: 200, render: (_, r) => r.co.map((c) => c.name).join('; ') },
            {
              title: 'Thời hạn',
              width: 210,
              render: (_, r) =>
                r.taskId !== null ? (
                  formatDateVN(r.deadline)
                ) : (
                  <div>
                    <DateField value={choices[r.row]?.deadline ?? null} onChange={(d) => set(r.row, { deadline: d })} label={`Thời hạn dòng ${r.row}`} testId={`plan-deadline-${r.row}`} />
                    <Typography.Text type={r.deadlineWarning ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                      {r.deadlineWarning ?? `Văn bản ghi: ${r.source.time || '—'}`}
                    </Typography.Text>
                  </div>
                ),
            },
            { title: '', width: 90, render: (_, r) => (r.taskId !== null ? <Tag color="green"><a href={`#/tasks/${r.taskId}`}>Việc #{r.taskId}</a></Tag> : null) },
          ]}
        />
      )}
    </Space>
  );
}
