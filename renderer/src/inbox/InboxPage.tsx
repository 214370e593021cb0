import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { App, Space, Table, Tabs, Tag, Typography } from 'antd';
import { INBOX_KIND_LABELS, type InboxItem, type InboxKind, type InboxPage as Page } from '../../../shared/inbox/schemas';
import { formatDateVN, isoInVietnam, todayInVietnam } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useLive } from '../api/live';
import { navigate } from '../router';

/**
 * "Chờ tôi xử lý": what waits for me — incoming documents to instruct, pass on or handle, tasks to do or approve,
 * drafts to review, revise or issue — mine, my units', and the leader's who delegated to me today. Overdue first;
 * a deadline is red once passed and amber within 2 working days. A row opens its record.
 */
const PAGE_SIZE = 50;
const TABS: { key: 'all' | InboxKind; label: string }[] = [
  { key: 'all', label: 'Tất cả' },
  { key: 'incoming', label: INBOX_KIND_LABELS.incoming },
  { key: 'task', label: INBOX_KIND_LABELS.task },
  { key: 'draft', label: INBOX_KIND_LABELS.draft },
];

const ACTION_COLORS: Record<string, string> = { instruct: 'purple', assign: 'geekblue', lead: 'blue', co: 'cyan', review: 'gold', 'draft-review': 'gold', 'draft-sign': 'orange', 'draft-revise': 'volcano', 'draft-issue': 'green' };

export function InboxPage(_props: { id?: number }) {
  const { message } = App.useApp();
  const [tab, setTab] = useState<'all' | InboxKind>('all');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [loading, setLoading] = useState(false);
  const [soonUntil, setSoonUntil] = useState<string | null>(null);
  const today = todayInVietnam(new Date());

  const load = useCallback(() => {
    setLoading(true);
    call('inbox.mine', { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(tab === 'all' ? {} : { kind: tab }) })
      .then(setData, (e) => showError(e, (t) => message.error(t)))
      .finally(() => setLoading(false));
  }, [page, tab, message]);
  useEffect(load, [load]);
  useLive(['incoming', 'tasks', 'drafts', 'outgoing'], load);
  // "Sắp đến hạn": within 2 working days, as the office's calendar counts them.
  useEffect(() => {
    call('calendar.workingDays', { from: today, n: 2 }).then((r) => setSoonUntil(r.day), () => setSoonUntil(null));
  }, [today]);

  const counts = data?.counts;
  const countOf = (k: 'all' | InboxKind) => (counts ? (k === 'all' ? counts.total : counts[k]) : undefined);

  return (
    <div data-testid="inbox-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        Chờ tôi xử lý
      </Typography.Title>
      {counts && counts.overdue > 0 && (
        <Typography.Paragraph type="danger" data-testid="inbox-overdue">
          {counts.overdue} việc đã quá hạn.
        </Typography.Paragraph>
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => (setTab(k as 'all' | InboxKind), setPage(1))}
        items={TABS.map((t) => ({ key: t.key, label: countOf(t.key) === undefined ? t.label : `${t.label} (${countOf(t.key)})` }))}
      />
      <Table<InboxItem>
        rowKey="key"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: 'Không có gì chờ bạn xử lý.' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage }}
        onRow={(r) => ({ onClick: () => navigate(r.href), style: { cursor: 'pointer' }, 'data-testid': 'waiting-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: 'Việc',
            key: 'action',
            width: 170,
            render: (_, r) => (
              <Space direction="vertical" size={2}>
                <Tag color={ACTION_COLORS[r.action]}>{r.actionLabel}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {INBOX_KIND_LABELS[r.kind]}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: 'Nội dung',
            key: 'title',
            render: (_, r) => (
              <Space direction="vertical" size={2}>
                <a href={r.href} onClick={(e) => e.stopPropagation()}>
                  {r.title}
                </a>
                <Space size={4} wrap>
                  {r.detail && <Typography.Text type="secondary">{r.detail}</Typography.Text>}
                  {r.unitName && <Tag>{`Đơn vị: ${r.unitName}`}</Tag>}
                  {r.onBehalfOf && (
                    <Tag color="magenta" data-testid="inbox-delegated">
                      ủy quyền của {r.onBehalfOf}
                    </Tag>
                  )}
                </Space>
              </Space>
            ),
          },
          {
            title: 'Hạn xử lý',
            key: 'deadline',
            width: 150,
            render: (_, r) => <Deadline item={r} today={today} soonUntil={soonUntil} />,
          },
          {
            title: 'Chờ từ',
            key: 'since',
            width: 110,
            render: (_, r) => formatDateVN(Number.isNaN(Date.parse(r.since)) ? r.since.slice(0, 10) : isoInVietnam(new Date(r.since)).slice(0, 10)),
          },
        ]}
      />
    </div>
  );
}

function Deadline({ item, today, soonUntil }: { item: InboxItem; today: string; soonUntil: string | null }) {
  if (!item.deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = formatDateVN(item.deadline);
  if (item.overdue) return <Tag color="red" data-testid="inbox-deadline-overdue">{`${text} · quá hạn`}</Tag>;
  if (item.deadline === today) return <Tag color="orange">{`${text} · hôm nay`}</Tag>;
  if (soonUntil && item.deadline <= soonUntil) return <Tag color="gold">{`${text} · sắp đến hạn`}</Tag>;
  return <span>{text}</span>;
}
