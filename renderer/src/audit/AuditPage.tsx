import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import { ClearOutlined, SafetyOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { AUDIT_ENTITY_LABELS, type AuditListEntry, type AuditVerifyReport } from '../../../shared/audit/schemas';
import type { UserInfo } from '../../../shared/auth/schemas';
import { foldVietnamese } from '../../../shared/text/fold';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';

interface Filters {
  userId?: number;
  entity?: string;
  entityId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const fold = (s: string) => foldVietnamese(s);
const entityOptions = Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }));

/**
 * The audit log: who did what, when, to which record, in plain Vietnamese (the server reads the stored rows into
 * names, Vietnam times and the screens' words); narrowed by person, record and dates. The administrator checks that
 * nobody rewrote it.
 */
export function AuditPage() {
  const { message } = App.useApp();
  const canVerify = useCan('audit.verify');
  const [rows, setRows] = useState<AuditListEntry[] | null>(null);
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [filters, setFilters] = useState<Filters>({});
  const [check, setCheck] = useState<AuditVerifyReport | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('users.list', {}).then(setUsers, (e) => showError(e, message.error));
  }, [message]);
  useEffect(() => {
    let live = true;
    const [from, to] = filters.range ?? [];
    setRows(null);
    call('audit.list', {
      limit: 500,
      userId: filters.userId,
      entity: filters.entity,
      entityId: filters.entity ? filters.entityId : undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
    }).then(
      (r) => live && setRows(r),
      (e) => {
        if (!live) return;
        setRows([]);
        showError(e, message.error);
      },
    );
    return () => {
      live = false;
    };
  }, [filters, message]);
  async function verify() {
    setBusy(true);
    try {
      setCheck(await call('audit.verify', {}));
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  }
  const set = (f: Partial<Filters>) => setFilters((old) => ({ ...old, ...f }));
  const filtered = filters.userId !== undefined || !!filters.entity || !!filters.range;
  return (
    <div data-testid="audit">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Nhật ký thao tác
        </Typography.Title>
        {canVerify && (
          <Button icon={<SafetyOutlined />} onClick={() => void verify()} loading={busy} data-testid="audit-verify">
            Kiểm tra toàn vẹn
          </Button>
        )}
      </Space>
      {check && <Alert style={{ marginBottom: 12 }} showIcon type={check.ok ? 'success' : 'error'} title={`${check.message} (${check.ms} ms)`} data-testid="audit-result" />}
      <Space wrap size={12} style={{ marginBottom: 12 }} data-testid="audit-filters">
        <Select
          allowClear
          style={{ width: 240 }}
          placeholder="Người làm: tất cả"
          aria-label="Người làm"
          value={filters.userId}
          onChange={(userId?: number) => set({ userId })}
          showSearch={{ filterOption: (input, o) => fold(String(o?.label ?? '')).includes(fold(input)) }}
          options={users.map((u) => ({ value: u.id, label: u.fullName }))}
          data-testid="audit-person"
        />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder="Đối tượng: tất cả"
          aria-label="Đối tượng"
          value={filters.entity}
          onChange={(entity?: string) => set({ entity, entityId: undefined })}
          options={entityOptions}
          data-testid="audit-entity"
        />
        <InputNumber
          min={1}
          style={{ width: 130 }}
          placeholder="Mã bản ghi"
          aria-label="Mã bản ghi"
          disabled={!filters.entity}
          value={filters.entityId ?? null}
          onChange={(v) => set({ entityId: typeof v === 'number' ? v : undefined })}
          data-testid="audit-entity-id"
        />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          placeholder={['Từ ngày', 'Đến ngày']}
          allowEmpty={[true, true]}
          value={filters.range ?? null}
          onChange={(range) => set({ range: range && (range[0] || range[1]) ? range : undefined })}
          data-testid="audit-dates"
        />
        {filtered && (
          <Button icon={<ClearOutlined />} onClick={() => setFilters({})} data-testid="audit-clear">
            Bỏ lọc
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="seq"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: filtered ? 'Không có thao tác nào khớp bộ lọc.' : 'Chưa có thao tác nào.' }}
        data-testid="audit-table"
        columns={[
          { title: 'Số', dataIndex: 'seq', width: 70 },
          { title: 'Thời gian', dataIndex: 'when', width: 140 },
          {
            title: 'Người làm',
            dataIndex: 'fullName',
            width: 180,
            render: (name: string, e: AuditListEntry) => (
              <Tooltip title={e.userId !== null ? `Tên đăng nhập: ${e.username}` : undefined}>
                <span>{name}</span>
              </Tooltip>
            ),
          },
          { title: 'Thao tác', dataIndex: 'actionLabel', width: 200 },
          {
            title: 'Đối tượng',
            dataIndex: 'object',
            width: 220,
            render: (object: string, e: AuditListEntry) =>
              e.entityId !== null && e.entity in AUDIT_ENTITY_LABELS ? (
                <Tooltip title="Chỉ xem các thao tác trên bản ghi này">
                  <Typography.Link onClick={() => set({ entity: e.entity, entityId: e.entityId ?? undefined })}>{object}</Typography.Link>
                </Tooltip>
              ) : (
                object
              ),
          },
          {
            title: 'Chi tiết',
            dataIndex: 'details',
            render: (details: AuditListEntry['details']) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {details.map((d) => `${d.label}: ${d.value}`).join(' · ')}
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
