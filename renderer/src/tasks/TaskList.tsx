import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Checkbox, Input, Progress, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateVN } from '../../../shared/domain/dates';
import type { TaskList as List, TaskRow } from '../../../shared/tasks/schemas';
import type { UnitInfo } from '../../../shared/units/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useLive } from '../api/live';
import { navigate } from '../router';
import { download } from '../util/download';
import { statusOf } from './handlers';
import { TaskForm } from './TaskForm';

const PAGE = 50;

/** The tasks the caller may see, newest first, filtered: mine, a unit's, overdue, by status, by words of the title. */
export function TaskList({ reload }: { reload: number }) {
  const { message } = App.useApp();
  const [mine, setMine] = useState<'mine' | 'all'>('mine');
  const [unitId, setUnitId] = useState<number | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [status, setStatus] = useState<'mo' | 'hoan-thanh' | 'huy' | undefined>('mo');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [list, setList] = useState<List | null>(null);
  const [units, setUnits] = useState<UnitInfo[]>([]);
  const [adding, setAdding] = useState(false);

  useEffect(() => void call('units.list', {}).then(setUnits, () => undefined), []);
  const filters = useMemo(() => ({ mine: mine === 'mine', unitId, overdue, status, q: q.trim() || undefined }), [mine, unitId, overdue, status, q]);
  const load = useCallback(() => {
    call('tasks.list', { ...filters, limit: PAGE, offset: (page - 1) * PAGE }).then(setList, (e) => showError(e, message.error));
  }, [filters, page, message]);
  useEffect(load, [load, reload]);
  useLive(['tasks'], () => load());

  async function exportXlsx() {
    try {
      const f = await call('tasks.exportXlsx', filters);
      download(f.fileName, f.mime, f.data);
    } catch (e) {
      showError(e, message.error);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={mine}
          onChange={(v) => (setMine(v as 'mine' | 'all'), setPage(1))}
          options={[
            { value: 'mine', label: 'Việc của tôi' },
            { value: 'all', label: 'Tất cả việc tôi xem được' },
          ]}
        />
        <Select
          allowClear
          placeholder="Đơn vị chủ trì"
          style={{ width: 200 }}
          value={unitId}
          onChange={(v) => (setUnitId(v), setPage(1))}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <Select
          allowClear
          placeholder="Tình trạng"
          style={{ width: 170 }}
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          options={[
            { value: 'mo', label: 'Chưa xong' },
            { value: 'hoan-thanh', label: 'Hoàn thành' },
            { value: 'huy', label: 'Đã hủy' },
          ]}
        />
        <Checkbox checked={overdue} onChange={(e) => (setOverdue(e.target.checked), setPage(1))} data-testid="tasks-overdue">
          Quá hạn
        </Checkbox>
        <Input.Search placeholder="Tìm theo tên việc" allowClear onSearch={(v) => (setQ(v), setPage(1))} style={{ width: 220 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="task-new">
          Giao việc
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>
          Xuất Excel
        </Button>
      </Space>
      <Table<TaskRow>
        size="small"
        rowKey="id"
        data-testid="task-table"
        loading={list === null}
        dataSource={list?.rows ?? []}
        onRow={(r) => ({ onClick: () => navigate(`/tasks/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: PAGE, total: list?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          {
            title: 'Công việc',
            render: (_, r) => (
              <span>
                {r.title}
                {r.subtasks.total > 0 && (
                  <Typography.Text type="secondary">
                    {' '}
                    ({r.subtasks.total - r.subtasks.open}/{r.subtasks.total} việc con)
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: 'Chủ trì', width: 200, render: (_, r) => r.lead?.name },
          {
            title: 'Hạn',
            width: 110,
            render: (_, r) => <span style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{r.deadline ? formatDateVN(r.deadline) : '—'}</span>,
          },
          { title: 'Tiến độ', width: 130, render: (_, r) => <Progress percent={r.progress} size="small" /> },
          {
            title: 'Tình trạng',
            width: 160,
            render: (_, r) => (
              <Tag color={statusOf(r).color} data-testid={`task-status-${r.id}`}>
                {statusOf(r).text}
              </Tag>
            ),
          },
        ]}
      />
      <TaskForm
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={(t) => {
          setAdding(false);
          load();
          navigate(`/tasks/${t.id}`);
        }}
      />
    </Space>
  );
}
