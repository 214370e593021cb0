import { z } from 'zod';
import { id, isoDate, optionalText, requiredText } from '../api/fields';

/**
 * The processing of an incoming document by people (ND30 Điều 23–24): the văn thư submits it to a leader (trình), the
 * leader writes the bút phê naming the lead and co-handlers and a deadline, a unit's head passes it to a person
 * (phân công), handlers report progress and the lead finishes it, with the reply document when there is one.
 */

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An account or unit of the office: by id, or by name as typed (a unit of that name first, then an account). */
export const handlerRef = (label: string) =>
  z.union([requiredText(label, 200), z.object({ unitId: id('mã đơn vị') }).strict(), z.object({ userId: id('mã tài khoản') }).strict()], {
    error: `${capital(label)} phải là tên, mã đơn vị hoặc mã tài khoản.`,
  });
export type HandlerRef = z.infer<ReturnType<typeof handlerRef>>;

/** An account: by id, or by login name (or a full name only one active account has). */
const accountRef = (label: string) => z.union([id(`mã ${label}`), requiredText(label, 100)], { error: `${capital(label)} phải là tên đăng nhập hoặc mã tài khoản.` });

const workingDays = z
  .number({ error: 'Số ngày làm việc phải là số.' })
  .int({ error: 'Số ngày làm việc phải là số nguyên.' })
  .min(1, { error: 'Số ngày làm việc phải từ 1 đến 365.' })
  .max(365, { error: 'Số ngày làm việc phải từ 1 đến 365.' });

export const submitIncomingInput = z.object({
  id: id(),
  /** The lãnh đạo who gives the instruction. */
  to: accountRef('lãnh đạo'),
  note: optionalText('ý kiến trình', 2000),
});

export const instructIncomingInput = z
  .object({
    id: id(),
    lead: handlerRef('đơn vị hoặc người chủ trì'),
    co: z.array(handlerRef('đơn vị, người phối hợp')).max(30, { error: 'Tối đa 30 đơn vị, người phối hợp.' }).default([]),
    info: z.array(handlerRef('đơn vị, người để biết')).max(30, { error: 'Tối đa 30 đơn vị, người để biết.' }).default([]),
    /** Hạn giải quyết as a date (kept as entered), or counted in working days from today. */
    deadline: isoDate('hạn giải quyết').optional(),
    workingDays: workingDays.optional(),
    /** Bút phê: the leader's instruction. */
    note: requiredText('ý kiến chỉ đạo (bút phê)', 2000),
  })
  .refine((v) => v.deadline === undefined || v.workingDays === undefined, { error: 'Chọn một trong hai: hạn theo ngày hoặc số ngày làm việc.', path: ['workingDays'] });

export const assignIncomingInput = z.object({
  id: id(),
  to: accountRef('người được phân công'),
  /** Chủ trì or phối hợp; by default the role the unit was given. */
  role: z.enum(['lead', 'co'], { error: 'Vai trò phải là chủ trì (lead) hoặc phối hợp (co).' }).optional(),
  deadline: isoDate('hạn giải quyết').optional(),
  note: optionalText('ý kiến phân công', 2000),
});

export const progressIncomingInput = z.object({
  id: id(),
  progress: z
    .number({ error: 'Tiến độ phải là số.' })
    .int({ error: 'Tiến độ phải là số nguyên.' })
    .min(0, { error: 'Tiến độ phải từ 0 đến 100 %.' })
    .max(100, { error: 'Tiến độ phải từ 0 đến 100 %.' }),
  note: requiredText('nội dung báo cáo', 2000),
});

export const finishIncomingInput = z.object({
  id: id(),
  /** The issued outgoing document that answers it (its id in the outgoing register). */
  reply: id('mã văn bản đi trả lời').optional(),
  note: optionalText('kết quả xử lý', 2000),
});

export const returnIncomingInput = z.object({
  id: id(),
  note: requiredText('lý do trả lại', 2000),
});

export const STEP_KINDS = ['submit', 'instruct', 'assign', 'progress', 'finish', 'reopen', 'paper', 'return'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_LABELS: Record<StepKind, string> = {
  submit: 'Trình lãnh đạo',
  instruct: 'Bút phê',
  assign: 'Phân công',
  progress: 'Báo cáo tiến độ',
  finish: 'Hoàn thành',
  reopen: 'Mở lại',
  paper: 'Ghi ý kiến chỉ đạo trên giấy',
  return: 'Trả lại văn thư',
};

/** One step of the processing trail, as the detail shows it. */
export interface StepInfo {
  id: number;
  kind: StepKind;
  at: string;
  actor: { id: number; name: string } | null;
  /** The account the actor acted for under ủy quyền. */
  onBehalfOf: { id: number; name: string } | null;
  toUser: { id: number; name: string } | null;
  toUnit: { id: number; name: string } | null;
  note: string | null;
  deadline: string | null;
  progress: number | null;
  reply: { id: number; ref: string; docDate: string } | null;
}

/** A unit named on the document whose head (or the leader) may pass it on, with the people it may go to. */
export interface AssignableUnit {
  unitId: number;
  unitName: string;
  role: 'lead' | 'co';
  members: { id: number; name: string }[];
}

/** What the caller may do with the document now, and in whose name. */
export interface FlowInfo {
  /** The leader it was last submitted to, while the instruction is awaited or after. */
  submittedTo: { id: number; name: string } | null;
  /** Waiting for the bút phê of `submittedTo`. */
  awaitingInstruction: boolean;
  can: { submit: boolean; instruct: boolean; assign: boolean; progress: boolean; finish: boolean; returnToClerk: boolean };
  /** The caller would give the bút phê for this leader, under ủy quyền. */
  onBehalfOf: { id: number; name: string } | null;
  assignable: AssignableUnit[];
  /** The last progress reported, 0–100. */
  progress: number | null;
  /** The reply document when finished with one. */
  reply: { id: number; ref: string; docDate: string } | null;
}
