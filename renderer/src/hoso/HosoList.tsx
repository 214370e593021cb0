import { useCallback, useEffect, useState } from 'react';
import { App, Button, Dropdown, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { mayCall } from '../../../shared/api/permissions';
import { HOSO_STATUS_LABELS, HOSO_STATUSES, type HosoStatus, type HosoSummary } from '../../../shared/hoso/schemas';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useAuth } from '../auth/AuthGate';
import { navigate } from '../router';
import { download } from '../util/download';
import { HosoForm } from './HosoForm';
import { STATUS_COLOR, thisYear, yearOptions } from './labels';

/** The danh mục hồ sơ of a year: each hồ sơ with its period, người lập, documents and state; a new one; the list printed. */
export function HosoList() {
  const { message } = App.useApp();
  const { me } = useAuth();
  const [year, setYear] = useState(thisYear());
  const [status, setStatus] = useState<HosoStatus | undefined>();
  const [rows, setRows] = useState<HosoSummary[] | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    call('hoso.list', { year, status }).then(setRows, (e) => showError(e, message.error));
  }, [year, status, message]);
  useEffect(load, [load]);

  async function catalogue(format: 'pdf' | 'docx') {
    try {
      const f = await call('hoso.catalogue', { year, format });
      download(f.fileName, f.mime, f.data);
    } catch (e) {
      showError(e, message.error);
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 120 }} data-testid="hoso-year" />
        <Select
          allowClear
          placeholder="Mọi trạng thái"
          value={status}
          onChange={setStatus}
          style={{ width: 170 }}
          options={HOSO_STATUSES.map((s) => ({ value: s, label: HOSO_STATUS_LABELS[s] }))}
        />
        {mayCall('hoso.add', me.roles) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="hoso-new">
            Lập hồ sơ
          </Button>
        )}
        {mayCall('hoso.catalogue', me.roles) && (
          <Dropdown menu={{ items: [{ key: 'pdf', label: 'PDF' }, { key: 'docx', label: 'Word (.docx)' }], onClick: ({ key }) => void catalogue(key as 'pdf' | 'docx') }}>
            <Button icon={<DownloadOutlined />}>In danh mục hồ sơ năm {year}</Button>
          </Dropdown>
        )}
      </Space>
      <Table<HosoSummary>
        rowKey="id"
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="hoso-table"
        locale={{ emptyText: `Chưa có hồ sơ nào năm ${year}.` }}
        onRow={(r) => ({ onClick: () => navigate(`/hoso/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Số và ký hiệu', dataIndex: 'code', width: 120, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: 'Tiêu đề hồ sơ', dataIndex: 'title' },
          { title: 'Thời hạn bảo quản', width: 130, render: (_, r) => r.retention?.label ?? <Typography.Text type="secondary">chưa chọn</Typography.Text> },
          { title: 'Người lập', width: 200, render: (_, r) => [r.owner.fullName, r.unit?.name].filter(Boolean).join(' — ') },
          { title: 'Văn bản', dataIndex: 'docCount', width: 80, align: 'right' },
          { title: 'Trạng thái', width: 120, render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag> },
        ]}
      />
      <HosoForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(h) => {
          setCreating(false);
          navigate(`/hoso/${h.id}`);
        }}
      />
    </>
  );
}
