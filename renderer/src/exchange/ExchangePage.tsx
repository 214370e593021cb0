import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { RedoOutlined, SyncOutlined } from '@ant-design/icons';
import { statusLabel } from '../../../shared/exchange/status-codes';
import { MESSAGE_STATE_LABELS, TRANSPORT_LABELS, type ExchangeMessage, type MessageState, type RunReport } from '../../../shared/exchange/transport-api';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';
import { ExchangeSettingsForm } from './ExchangeSettingsForm';

const STATE_COLOUR: Record<MessageState, string> = { queued: 'blue', sent: 'green', failed: 'orange', dead: 'red', received: 'green', rejected: 'red' };

type View = 'out' | 'in' | 'problems';

function reportText(r: RunReport): string {
  return `Đã gửi ${r.sent} gói, nhận ${r.received} gói${r.duplicates ? ` (${r.duplicates} gói đã nhận trước đó, bỏ qua)` : ''}, từ chối ${r.rejected}, lỗi sẽ thử lại ${r.failed}, gửi không được ${r.dead}; ${r.statusesQueued} trạng thái tự gửi được xếp hàng.`;
}

/**
 * "Trao đổi văn bản" (#/exchange, issue 18): the packages sent and received through the folders and e-mail, the dead
 * letters with their reason and «Gửi lại», a pass run on demand with its counts, and the settings.
 */
export function ExchangePage() {
  const { message } = App.useApp();
  const canRun = useCan('exchange.run');
  const canResend = useCan('exchange.resend');
  const canSave = useCan('exchange.saveSettings');
  // The messages are the văn thư's (they name the documents); a quản trị sees the settings only.
  const canList = useCan('exchange.list');
  const [view, setView] = useState<View | 'settings'>(canList ? 'out' : 'settings');
  const [rows, setRows] = useState<ExchangeMessage[] | null>(null);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<RunReport | null>(null);

  const load = useCallback(
    (v: View) => {
      setRows(null);
      call('exchange.list', v === 'problems' ? { view: 'problems' } : { direction: v }).then(setRows, (e) => (setRows([]), showError(e, message.error)));
    },
    [message],
  );
  useEffect(() => {
    if (view !== 'settings') load(view);
  }, [view, load]);

  async function run() {
    setRunning(true);
    try {
      const r = await call('exchange.run', {});
      setReport(r);
      message.success(reportText(r));
      if (view !== 'settings') load(view);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setRunning(false);
    }
  }

  async function resend(m: ExchangeMessage) {
    try {
      await call('exchange.resend', { id: m.id });
      message.success('Đã đưa gói tin trở lại hàng gửi; bấm «Chạy trao đổi ngay» để gửi.');
      if (view !== 'settings') load(view);
    } catch (e) {
      showError(e, message.error);
    }
  }

  const table = (
    <Table
      size="small"
      rowKey="id"
      loading={rows === null}
      dataSource={rows ?? []}
      pagination={{ pageSize: 50 }}
      locale={{ emptyText: view === 'problems' ? 'Không có gói tin nào lỗi.' : 'Chưa có gói tin nào.' }}
      onRow={() => ({ 'data-testid': 'exchange-row' }) as object}
      columns={[
        { title: 'Cập nhật', dataIndex: 'updatedAt', width: 140, render: (t: string) => formatDateTimeVN(t) },
        {
          title: 'Gói tin',
          width: 220,
          render: (_: unknown, m: ExchangeMessage) => (
            <Space direction="vertical" size={0}>
              <span>
                {m.direction === 'out' ? 'Gửi' : 'Nhận'} {m.kind === 'status' ? `trạng thái ${m.statusCode ?? ''}` : 'văn bản'}
              </span>
              {m.kind === 'status' && m.statusCode && <Typography.Text type="secondary">{statusLabel(m.statusCode)}</Typography.Text>}
            </Space>
          ),
        },
        { title: 'Cơ quan', render: (_: unknown, m: ExchangeMessage) => m.peerName ?? m.peerOrganId ?? m.peerAddress ?? '' },
        { title: 'Mã định danh văn bản', dataIndex: 'documentId', render: (d: string | null) => d ?? '' },
        { title: 'Đường gửi', dataIndex: 'transport', width: 130, render: (t: ExchangeMessage['transport']) => TRANSPORT_LABELS[t] },
        {
          title: 'Trạng thái',
          width: 240,
          render: (_: unknown, m: ExchangeMessage) => (
            <Space direction="vertical" size={0}>
              <Tag color={STATE_COLOUR[m.state]}>{MESSAGE_STATE_LABELS[m.state]}</Tag>
              {m.attempts > 0 && m.direction === 'out' && <Typography.Text type="secondary">{m.attempts} lần gửi</Typography.Text>}
              {m.state === 'failed' && m.nextAttemptAt && <Typography.Text type="secondary">Thử lại lúc {formatDateTimeVN(m.nextAttemptAt)}</Typography.Text>}
              {m.lastError && m.state !== 'sent' && m.state !== 'received' && (
                <Typography.Text type="danger" data-testid="exchange-error">
                  {m.lastError}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: '',
          width: 110,
          render: (_: unknown, m: ExchangeMessage) =>
            canResend &&
            m.direction === 'out' &&
            (m.state === 'dead' || m.state === 'failed') && (
              <Tooltip title="Đưa gói tin trở lại hàng gửi">
                <Button size="small" icon={<RedoOutlined />} onClick={() => void resend(m)} data-testid="exchange-resend">
                  Gửi lại
                </Button>
              </Tooltip>
            ),
        },
      ]}
    />
  );

  return (
    <div data-testid="exchange-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Trao đổi văn bản
      </Typography.Title>
      <Space style={{ marginBottom: 12 }} wrap>
        {canRun && (
          <Button type="primary" icon={<SyncOutlined />} loading={running} onClick={() => void run()} data-testid="exchange-run">
            Chạy trao đổi ngay
          </Button>
        )}
      </Space>
      {report && (
        <Alert
          style={{ marginBottom: 12 }}
          type={report.dead || report.rejected ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setReport(null)}
          message={reportText(report)}
          description={report.skipped.length ? report.skipped.join(' ') : undefined}
          data-testid="exchange-report"
        />
      )}
      <Tabs
        activeKey={view}
        onChange={(k) => setView(k as View | 'settings')}
        items={[
          ...(canList
            ? [
                { key: 'out', label: 'Đã gửi', children: view === 'out' && table },
                { key: 'in', label: 'Đã nhận', children: view === 'in' && table },
                { key: 'problems', label: <span data-testid="exchange-tab-problems">Lỗi, chờ gửi lại</span>, children: view === 'problems' && table },
              ]
            : []),
          { key: 'settings', label: 'Cài đặt', children: view === 'settings' && <ExchangeSettingsForm editable={canSave} /> },
        ]}
      />
    </div>
  );
}
