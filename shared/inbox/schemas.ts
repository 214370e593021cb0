import { z } from 'zod';

/**
 * "Chờ tôi xử lý" (issue 17): what waits for a person, from three sources — the open work items (migration 015) of
 * the person, of the units they belong to or head and of the leaders who delegated to them today, and the drafts of
 * the outgoing workflow waiting for them. Overdue first, then by deadline, then the longest waiting.
 */
export const INBOX_KINDS = ['incoming', 'task', 'draft'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
export const INBOX_KIND_LABELS: Record<InboxKind, string> = { incoming: 'Văn bản đến', task: 'Công việc', draft: 'Dự thảo' };

/** Work items' actions, and what a draft waits for. */
export type InboxAction = 'instruct' | 'assign' | 'lead' | 'co' | 'review' | 'draft-review' | 'draft-sign' | 'draft-revise' | 'draft-issue';

export const INBOX_ACTION_LABELS: Record<InboxAction, string> = {
  instruct: 'Cho ý kiến chỉ đạo',
  assign: 'Phân công',
  lead: 'Chủ trì',
  co: 'Phối hợp',
  review: 'Duyệt kết quả',
  'draft-review': 'Duyệt văn bản',
  'draft-sign': 'Ký văn bản',
  'draft-revise': 'Sửa, trình lại',
  'draft-issue': 'Phát hành',
};

export interface InboxItem {
  /** Unique in the list: "w12" (a work item), "d7" (a draft). */
  key: string;
  kind: InboxKind;
  refId: number;
  action: InboxAction;
  actionLabel: string;
  /** Incoming: "Số đến 12 — trích yếu"; task: its title; draft: its trích yếu. */
  title: string;
  /** Incoming: the sender; draft: the drafter; task: null. */
  detail: string | null;
  /** The unit the item waits for, when it waits for a unit (every member and the head see it). */
  unitName: string | null;
  deadline: string | null;
  overdue: boolean;
  /** Since when it waits (ISO instant). */
  since: string;
  /** The delegator's full name, when the item is in this inbox by ủy quyền xử lý. */
  onBehalfOf: string | null;
  /** The record, as a route: #/incoming/12, #/tasks/3, #/drafting/7. */
  href: string;
}

export interface InboxCounts {
  total: number;
  incoming: number;
  task: number;
  draft: number;
  overdue: number;
}

export interface InboxPage {
  items: InboxItem[];
  /** Items of the kind asked for (all kinds when none). */
  total: number;
  counts: InboxCounts;
}

export const inboxMineInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
    kind: z.enum(INBOX_KINDS, { error: 'Loại phải là incoming, task hoặc draft.' }).optional(),
  })
  .default({ limit: 50, offset: 0 });
