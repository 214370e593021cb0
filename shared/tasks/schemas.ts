import { z } from 'zod';
import { expectedUpdatedAt, id, isoDate, optionalText, requiredText } from '../api/fields';
import { fileInput } from '../incoming/schemas';

/**
 * Giao việc (issue 17): a task with its source, its lead (one account or unit) and co-handlers (accounts, units or
 * outside organisations by name), a deadline, progress and sub-tasks. 'qua-han' is never stored: an open task past
 * its deadline is overdue.
 */
export const TASK_STATUSES = ['dang-lam', 'cho-duyet', 'hoan-thanh', 'huy'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus | 'qua-han', string> = {
  'dang-lam': 'Đang làm',
  'cho-duyet': 'Chờ duyệt kết quả',
  'hoan-thanh': 'Hoàn thành',
  huy: 'Đã hủy',
  'qua-han': 'Quá hạn',
};
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['dang-lam', 'cho-duyet'];

export type TaskSourceKind = 'typed' | 'butphe' | 'plan' | 'meeting';
export const TASK_SOURCE_LABELS: Record<TaskSourceKind, string> = { typed: 'Nhập trực tiếp', butphe: 'Bút phê văn bản đến', plan: 'Kế hoạch đã ban hành', meeting: 'Kết luận cuộc họp' };

export type TaskUpdateKind = 'progress' | 'submit' | 'approve' | 'return' | 'done' | 'cancel' | 'reopen' | 'edit';
export const TASK_UPDATE_LABELS: Record<TaskUpdateKind, string> = {
  progress: 'Báo cáo tiến độ',
  submit: 'Trình kết quả',
  approve: 'Duyệt kết quả',
  return: 'Trả lại kết quả',
  done: 'Hoàn thành',
  cancel: 'Hủy việc',
  reopen: 'Mở lại',
  edit: 'Sửa việc',
};

/**
 * Who handles: an account or a unit by id, or a name as typed (a unit or an account of the office, matched with or
 * without diacritics; anything else is an outside organisation, allowed only among the co-handlers).
 */
export const handlerRef = z.union(
  [z.object({ userId: id('mã tài khoản') }).strict(), z.object({ unitId: id('mã đơn vị') }).strict(), requiredText('người hoặc đơn vị xử lý', 300)],
  { error: 'Người hoặc đơn vị xử lý không hợp lệ.' },
);
export type HandlerRef = z.infer<typeof handlerRef>;

const title = requiredText('tên công việc', 1000);
const note = optionalText('ghi chú', 5000);
const workingDays = z
  .number({ error: 'Số ngày làm việc phải là số.' })
  .int({ error: 'Số ngày làm việc phải là số nguyên.' })
  .min(1, { error: 'Số ngày làm việc phải từ 1 đến 365.' })
  .max(365, { error: 'Số ngày làm việc phải từ 1 đến 365.' });
const progress = z
  .number({ error: 'Tiến độ phải là số.' })
  .int({ error: 'Tiến độ phải là số nguyên (phần trăm).' })
  .min(0, { error: 'Tiến độ phải từ 0 đến 100 (%).' })
  .max(100, { error: 'Tiến độ phải từ 0 đến 100 (%).' });
const files = z.array(fileInput).max(20, { error: 'Tối đa 20 tệp một lần.' }).default([]);
const co = z.array(handlerRef).max(50, { error: 'Tối đa 50 đơn vị, người phối hợp.' });

export const addTaskInput = z
  .object({
    title,
    lead: handlerRef,
    co: co.default([]),
    /** A date as entered, or N working days from today (the office's calendar). */
    deadline: isoDate('thời hạn').optional(),
    workingDays: workingDays.optional(),
    note,
    parentId: id('mã việc cha').optional(),
    /** The incoming document whose bút phê gave the task. */
    incomingId: id('mã văn bản đến').optional(),
    /** The meeting whose conclusion gave the task. */
    meetingId: id('mã cuộc họp').optional(),
  })
  .refine((v) => v.deadline === undefined || v.workingDays === undefined, { error: 'Chọn thời hạn là một ngày hoặc một số ngày làm việc, không cả hai.', path: ['workingDays'] });

export const updateTaskInput = z
  .object({
    id: id('mã công việc'),
    title: title.optional(),
    lead: handlerRef.optional(),
    co: co.optional(),
    /** null: no deadline. */
    deadline: isoDate('thời hạn').nullable().optional(),
    workingDays: workingDays.optional(),
    note,
    expectedUpdatedAt: expectedUpdatedAt(),
  })
  .refine((v) => v.deadline === undefined || v.workingDays === undefined, { error: 'Chọn thời hạn là một ngày hoặc một số ngày làm việc, không cả hai.', path: ['workingDays'] });

export const progressInput = z.object({ id: id('mã công việc'), progress, note: optionalText('nội dung báo cáo', 5000), files });
export const submitResultInput = z.object({ id: id('mã công việc'), note: optionalText('kết quả', 5000), files });
export const decideInput = z.object({ id: id('mã công việc'), note: optionalText('ý kiến', 5000) });
export const returnResultInput = z.object({ id: id('mã công việc'), note: requiredText('lý do trả lại', 5000) });
export const cancelTaskInput = z.object({ id: id('mã công việc'), reason: requiredText('lý do hủy', 2000) });
export const taskFileInput = z.object({ id: id('mã công việc'), sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Mã tệp không hợp lệ.' }) });

export const listTasksInput = z.object({
  /** Tasks I handle (as an account, or through a unit I belong to or head) or created. */
  mine: z.boolean().default(false),
  /** Tasks whose lead is this unit or one of its members. */
  unitId: id('mã đơn vị').optional(),
  /** The unit by name (the CLI). */
  unit: optionalText('đơn vị', 200),
  overdue: z.boolean().default(false),
  status: z.enum([...TASK_STATUSES, 'mo'], { error: 'Trạng thái không hợp lệ.' }).optional(),
  /** The tasks of an issued plan. */
  outgoingId: id('mã văn bản đi').optional(),
  parentId: id('mã việc cha').optional(),
  q: optionalText('từ khóa', 200),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const outgoingIdInput = z.object({ outgoingId: id('mã văn bản đi') });

export const fromPlanInput = z.object({
  outgoingId: id('mã văn bản đi'),
  rows: z
    .array(
      z.object({
        row: z.number().int().min(1).max(100_000),
        title,
        lead: handlerRef,
        co: co.default([]),
        deadline: isoDate('thời hạn').nullable().default(null),
        note,
      }),
    )
    .min(1, { error: 'Chọn ít nhất một dòng để giao việc.' })
    .max(2000),
});

export const dashboardInput = z.object({
  unitId: id('mã đơn vị').optional(),
  userId: id('mã tài khoản').optional(),
  year: z.number().int().min(2000).max(2200).optional(),
});

export const exportTasksInput = listTasksInput.omit({ limit: true, offset: true });

export interface TaskHandler {
  role: 'lead' | 'co';
  kind: 'user' | 'unit' | 'text';
  userId: number | null;
  unitId: number | null;
  name: string;
}

export interface TaskRow {
  id: number;
  parentId: number | null;
  title: string;
  sourceKind: TaskSourceKind;
  incomingId: number | null;
  outgoingId: number | null;
  planRow: number | null;
  meetingId: number | null;
  deadline: string | null;
  status: TaskStatus;
  progress: number;
  overdue: boolean;
  /** Finished after its deadline (Vietnam calendar day). */
  late: boolean;
  lead: TaskHandler | null;
  co: TaskHandler[];
  createdBy: { id: number; fullName: string };
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  subtasks: { total: number; open: number };
}

export interface TaskFile {
  sha256: string;
  name: string;
  size: number | null;
}

export interface TaskUpdateView {
  id: number;
  kind: TaskUpdateKind;
  at: string;
  actor: string | null;
  /** The account the actor acted for under ủy quyền. */
  onBehalfOf: string | null;
  progress: number | null;
  note: string | null;
  files: TaskFile[];
}

export interface TaskDetail extends TaskRow {
  note: string | null;
  cancelReason: string | null;
  /** Where the task came from, as the screens show it: "Văn bản đến số 12 — …", "Kế hoạch 70/KH-… (dòng 3)". */
  sourceText: string;
  parent: { id: number; title: string; status: TaskStatus } | null;
  children: TaskRow[];
  updates: TaskUpdateView[];
  /** What the caller may do now. */
  can: { edit: boolean; progress: boolean; submit: boolean; decide: boolean; finish: boolean; cancel: boolean; addSubtask: boolean };
}

export interface TaskList {
  rows: TaskRow[];
  total: number;
}

/** One activity of an issued plan proposed as a task; `lead` null: the name matched no unit or account. */
export interface PlanProposal {
  row: number;
  title: string;
  /** The texts it came from, as the document states them. */
  source: { kind: 'activity' | 'table' | 'assignment'; lead: string; co: string; time: string; where: string };
  lead: (TaskHandler & { role: 'lead' }) | null;
  co: TaskHandler[];
  deadline: string | null;
  /** The deadline read from a date before the plan's own date: to be corrected. */
  deadlineWarning: string | null;
  note: string | null;
  /** Already a task (the row is never turned into two). */
  taskId: number | null;
}

export interface PlanPreview {
  outgoing: { id: number; ref: string; date: string; subject: string; docType: string };
  rows: PlanProposal[];
}

export interface DashboardFigures {
  total: number;
  onTime: number;
  late: number;
  open: number;
  overdue: number;
}

export interface TaskDashboard {
  today: string;
  year: number | null;
  units: (DashboardFigures & { unitId: number; name: string })[];
  people: (DashboardFigures & { userId: number; name: string })[];
}

export interface PlanBurn {
  outgoing: { id: number; ref: string; date: string };
  step: 'day' | 'week';
  total: number;
  points: { day: string; open: number; ideal: number }[];
}

export interface ExportedTasks {
  fileName: string;
  mime: string;
  data: Uint8Array;
  rowCount: number;
}
