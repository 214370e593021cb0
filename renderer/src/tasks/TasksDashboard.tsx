import { useCallback, useEffect, useState } from 'react';
import { App, Card, Empty, InputNumber, Space, Table, Typography } from 'antd';
import { formatDateVN } from '../../../shared/domain/dates';
import type { DashboardFigures, PlanBurn, TaskDashboard } from '../../../shared/tasks/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useLive } from '../api/live';
import { BurnChart, FiguresChart } from './Charts';
import { PlanPicker } from './PlanPicker';

const figureColumns = [
  { title: 'Tổng', dataIndex: 'total', width: 70 },
  { title: 'Đúng hạn', dataIndex: 'onTime', width: 90 },
  { title: 'Trễ hạn', dataIndex: 'late', width: 80, render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : v) },
  { title: 'Đang làm', dataIndex: 'open', width: 90 },
  { title: 'Quá hạn', dataIndex: 'overdue', width: 80, render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
];

/** Per unit and per person: done on time, late, open, overdue; and the burn chart of one issued plan. */
export function TasksDashboard() {
  const { message } = App.useApp();
  const [year, setYear] = useState<number | null>(null);
  const [data, setData] = useState<TaskDashboard | null>(null);
  const [plan, setPlan] = useState<number | undefined>();
  const [burn, setBurn] = useState<PlanBurn | null>(null);

  const load = useCallback(() => {
    call('tasks.dashboard', { year: year ?? undefined }).then(setData, (e) => showError(e, message.error));
    if (plan !== undefined) call('tasks.planBurn', { outgoingId: plan }).then(setBurn, (e) => showError(e, message.error));
    else setBurn(null);
  }, [year, plan, message]);
  useEffect(load, [load]);
  useLive(['tasks'], () => load());

  const rows = <T extends DashboardFigures>(list: (T & { name: string })[]) => list.filter((r) => r.total > 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <span>Năm (theo thời hạn):</span>
        <InputNumber placeholder="Mọi năm" min={2000} max={2200} value={year} onChange={(v) => setYear(v)} />
        {data && <Typography.Text type="secondary">Số liệu đến ngày {formatDateVN(data.today)}</Typography.Text>}
      </Space>
      {data && data.units.length > 0 && (
        <Card size="small" title="Theo đơn vị (việc do đơn vị hoặc người trong đơn vị chủ trì)">
          <FiguresChart rows={rows(data.units)} label="Công việc theo đơn vị" testId="dash-units" />
          <Table size="small" rowKey="unitId" pagination={false} dataSource={data.units} columns={[{ title: 'Đơn vị', dataIndex: 'name' }, ...figureColumns]} />
        </Card>
      )}
      {data && (
        <Card size="small" title="Theo người chủ trì">
          {rows(data.people).length ? (
            <>
              <FiguresChart rows={rows(data.people)} label="Công việc theo người" testId="dash-people" />
              <Table size="small" rowKey="userId" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={rows(data.people)} columns={[{ title: 'Người', dataIndex: 'name' }, ...figureColumns]} />
            </>
          ) : (
            <Empty description="Chưa có việc nào do một người chủ trì." />
          )}
        </Card>
      )}
      <Card size="small" title="Tiến độ thực hiện kế hoạch">
        <Space direction="vertical" style={{ width: '100%' }}>
          <PlanPicker value={plan} onChange={setPlan} testId="burn-plan" />
          {burn && (burn.total ? <BurnChart burn={burn} /> : <Empty description="Kế hoạch này chưa giao việc nào." />)}
        </Space>
      </Card>
    </Space>
  );
}
