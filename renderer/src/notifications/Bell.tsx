import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { AppNotification, NotificationList } from '../../../shared/notifications/schemas';
import { formatDateTimeVN } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { useLive, useNotices } from '../api/live';
import { navigate } from '../router';

/**
 * The header's bell: my notifications (a document or task that reached me, reminders before and at a deadline, the
 * weekly digest, an ủy quyền), the unread ones counted on the badge. Reloaded when a notice or a change of my records
 * arrives, and every minute (the reminders are written by the host's hourly sweep).
 */
export function Bell() {
  const [data, setData] = useState<NotificationList>({ rows: [], unread: 0 });
  const [open, setOpen] = useState(false);
  const load = useCallback(() => {
    call('notifications.list', { limit: 30 }).then(setData, () => undefined);
  }, []);
  useEffect(() => {
    load();
    const t = setInterval(load, 60_000);
    return () => clearInterval(t);
  }, [load]);
  useNotices(load);
  useLive(['incoming', 'tasks', 'drafts', 'hoso'], load);

  const read = (ids: number[] | 'all') =>
    call('notifications.markRead', ids === 'all' ? { all: true } : { ids }).then((r) => {
      setData((d) => ({ unread: r.unread, rows: d.rows.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? new Date().toISOString() } : n)) }));
    }, () => undefined);

  const pick = (n: AppNotification) => {
    if (!n.readAt) void read([n.id]);
    setOpen(false);
    if (n.href) navigate(n.href);
  };

  const content = (
    <div style={{ width: 380, maxHeight: 460, overflow: 'auto' }} data-testid="notifications">
      {data.rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có thông báo." />
      ) : (
        <List
          size="small"
          dataSource={data.rows}
          renderItem={(n) => (
            <List.Item onClick={() => pick(n)} style={{ cursor: 'pointer', background: n.readAt ? undefined : '#eff6ff' }} data-testid="notification">
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.text}</Typography.Text>}
                description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTimeVN(n.createdAt)}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => (setOpen(o), o && load())}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>Thông báo</span>
          {data.unread > 0 && (
            <Button size="small" type="link" onClick={() => void read('all')} data-testid="notifications-read-all">
              Đánh dấu đã đọc tất cả
            </Button>
          )}
        </div>
      }
      content={content}
    >
      <Badge count={data.unread} size="small" data-testid="bell-count">
        <BellOutlined style={{ fontSize: 18, color: '#6b7280', cursor: 'pointer' }} aria-label="Thông báo" data-testid="bell" />
      </Badge>
    </Popover>
  );
}
