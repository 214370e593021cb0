import { useCallback, useState } from 'react';
import { Tabs, Typography } from 'antd';
import { useCan } from '../auth/AuthGate';
import { navigate } from '../router';
import { FromPlan } from './FromPlan';
import { TaskDrawer } from './TaskDrawer';
import { TaskList } from './TaskList';
import { TasksDashboard } from './TasksDashboard';

/**
 * Giao việc (#/tasks, #/tasks/ID): the tasks the caller gives, handles or may see; an issued plan turned into tasks;
 * the dashboards per unit and person with a plan's burn chart.
 */
export function TasksPage({ id }: { id?: number }) {
  const [reload, setReload] = useState(0);
  const [tab, setTab] = useState('list');
  const fromPlan = useCan('tasks.fromPlan');
  const changed = useCallback(() => setReload((n) => n + 1), []);
  const close = useCallback(() => navigate('/tasks'), []);
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Giao việc
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'list', label: 'Công việc', children: <TaskList reload={reload} /> },
          ...(fromPlan ? [{ key: 'plan', label: <span data-testid="tab-from-plan">Giao việc từ kế hoạch</span>, children: <FromPlan onCreated={changed} /> }] : []),
          { key: 'dashboard', label: <span data-testid="tab-dashboard">Tổng quan</span>, children: <TasksDashboard /> },
        ]}
      />
      <TaskDrawer id={id ?? null} onClose={close} onChanged={changed} />
    </div>
  );
}
