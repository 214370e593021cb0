import type { MethodParsed } from '../../shared/api/contract';
import type { AppNotification, NotificationList } from '../../shared/notifications/schemas';
import type { AppContext } from '../app/context';
import { requireCaller } from '../app/caller';
import { immediate } from '../db/connection';
import * as repo from './repo';

/** The bell: an account's own notifications, read or not. */

const HREFS: Record<string, (id: number | null) => string | null> = {
  incoming: (id) => (id === null ? '#/incoming' : `#/incoming/${id}`),
  task: (id) => (id === null ? '#/tasks' : `#/tasks/${id}`),
  draft: (id) => (id === null ? '#/drafting' : `#/drafting/${id}`),
  hoso: (id) => (id === null ? '#/hoso' : `#/hoso/${id}`),
  inbox: () => '#/inbox',
  delegation: () => '#/inbox',
};

const toNotification = (r: repo.NotificationRow): AppNotification => ({ ...r, href: HREFS[r.entity]?.(r.entityId) ?? null });

export function list(app: AppContext, input: MethodParsed<'notifications.list'>): NotificationList {
  const c = requireCaller();
  return { rows: repo.listNotifications(app.db, c.id, input.unreadOnly === true, input.limit).map(toNotification), unread: repo.countUnread(app.db, c.id) };
}

export function markRead(app: AppContext, input: MethodParsed<'notifications.markRead'>): { unread: number } {
  const c = requireCaller();
  immediate(app.db, () => repo.markRead(app.db, c.id, input.all ? 'all' : (input.ids ?? []), app.nowIso()));
  return { unread: repo.countUnread(app.db, c.id) };
}
