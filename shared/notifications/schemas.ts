import { z } from 'zod';
import { id } from '../api/fields';

/**
 * In-app notifications (migration 015): what reached a person (a document routed to them, a task given, a result to
 * approve), the reminders before and at a deadline and the weekly digest. Read or not; never deleted.
 */
export interface AppNotification {
  id: number;
  kind: string;
  entity: string;
  entityId: number | null;
  text: string;
  createdAt: string;
  readAt: string | null;
  /** Where a click leads (#/incoming/12, #/tasks/3, #/inbox). */
  href: string | null;
}

export interface NotificationList {
  rows: AppNotification[];
  unread: number;
}

/** The reminders the sweep sends, as `kind`. */
export const REMINDER_KINDS = ['sap-den-han', 'den-han', 'qua-han', 'tong-hop-tuan'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const REMINDER_LABELS: Record<ReminderKind, string> = {
  'sap-den-han': 'Sắp đến hạn',
  'den-han': 'Đến hạn hôm nay',
  'qua-han': 'Quá hạn',
  'tong-hop-tuan': 'Tổng hợp tuần',
};

export interface SweepReport {
  /** Notifications added by this sweep (0 when run again the same day). */
  added: number;
  reminders: number;
  digests: number;
}

export const listNotificationsInput = z
  .object({
    unreadOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ limit: 50 });

export const markReadInput = z
  .object({
    ids: z.array(id('mã thông báo')).max(500, { error: 'Tối đa 500 thông báo một lần.' }).optional(),
    all: z.literal(true).optional(),
  })
  .refine((x) => (x.ids !== undefined) !== (x.all !== undefined), { error: 'Chọn các thông báo (ids) hoặc tất cả (all).', path: ['ids'] });
