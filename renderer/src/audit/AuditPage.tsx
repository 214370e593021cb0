import { useEffect, useState } from 'react';
import { Alert, App, Button, Space, Table, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { AUDIT_ACTION_LABELS, type AuditEntry, type AuditVerifyReport } from '../../../shared/audit/schemas';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { hasRole } from '../../../shared/auth/roles';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useAuth } from '../auth/AuthGate';

const ENTITY_LABELS: Record<string, string> = {
  draft: 'Dự thảo',
  outgoing: 'Văn bản đi',
  incoming: 'Văn bản đến',
  user: 'Tài khoản',
  organization: 'Cơ quan',
  book: 'Sổ',
  recipient_list: 'Danh sách nơi nhận',
  recipient_group: 'Nhóm nơi nhận',
};

/** The audit log: who did what, when, to which record; the administrator checks that nobody rewrote it. */
export function AuditPage() {
  const { message } = App.useApp();
  const { me } = useAuth();
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [check, setCheck] = useState<AuditVerifyReport | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('audit.list', { limit: 500 }).then(setRows, (e) => showError(e, message.error));
  }, [message]);
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
  return (
    <div data-testid="audit">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Nhật ký thao tác
        </Typography.Title>
        {hasRole(me, 'quantri') && (
          <Button icon={<SafetyOutlined />} onClick={() => void verify()} loading={busy} data-testid="audit-verify">
            Kiểm tra toàn vẹn
          </Button>
        )}
      </Space>
      {check && <Alert style={{ marginBottom: 12 }} showIcon type={check.ok ? 'success' : 'error'} title={`${check.message} (${check.ms} ms)`} data-testid="audit-result" />}
      <Table
        size="small"
        rowKey="seq"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: 'Số', dataIndex: 'seq', width: 70 },
          { title: 'Thời gian', dataIndex: 'at', width: 140, render: (t: string) => formatDateTimeVN(t) },
          { title: 'Người làm', dataIndex: 'username', width: 130 },
          { title: 'Thao tác', dataIndex: 'action', width: 200, render: (a: string) => AUDIT_ACTION_LABELS[a] ?? a },
          { title: 'Đối tượng', width: 150, render: (_: unknown, e: AuditEntry) => `${ENTITY_LABELS[e.entity] ?? e.entity}${e.entityId ? ` #${e.entityId}` : ''}` },
          {
            title: 'Chi tiết',
            dataIndex: 'detail',
            render: (d: Record<string, unknown>) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {Object.entries(d)
                  .filter(([k]) => k !== 'sha256')
                  .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
                  .join(' · ')}
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
