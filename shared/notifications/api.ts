import { empty, method, type MethodTable } from '../api/define';
import type { notificationsAccess } from './access';
import { listNotificationsInput, markReadInput, type NotificationList, type SweepReport } from './schemas';

export const notificationsMethods = {
  'notifications.list': method<typeof listNotificationsInput, NotificationList>(listNotificationsInput),
  'notifications.markRead': method<typeof markReadInput, { unread: number }>(markReadInput),
  'notifications.sweep': method<typeof empty, SweepReport>(empty),
} satisfies MethodTable<typeof notificationsAccess>;
