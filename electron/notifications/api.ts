import type { notificationsMethods } from '../../shared/notifications/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';
import { sweep } from './sweep';

export const notificationsHandlers = {
  'notifications.list': service.list,
  'notifications.markRead': service.markRead,
  'notifications.sweep': (app) => sweep(app),
} satisfies HandlersOf<typeof notificationsMethods>;
