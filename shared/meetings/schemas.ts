import { z } from 'zod';
import { expectedUpdatedAt, id, isoDate, optionalText, requiredText } from '../api/fields';
import { DAY_MS, parseInstant, vnParts, weekMonday } from './time';

/** Lịch họp, lịch công tác: meetings with their rooms, people and documents (issue 6). */
export const MEETING_STATUSES = ['du-kien', 'chinh-thuc', 'hoan', 'huy'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  'du-kien': 'Dự kiến',
  'chinh-thuc': 'Chính thức',
  hoan: 'Hoãn',
  huy: 'Hủy',
};
/** Only these occupy a room and people; a postponed or cancelled meeting frees them. */
export const BOOKING_STATUSES: readonly MeetingStatus[] = ['du-kien', 'chinh-thuc'];

/** A meeting longer than this is not a meeting (a conference lasts days, not months); it also bounds the clash search. */
export const MAX_MEETING_DAYS = 31;
export const MAX_SERIES_OCCURRENCES = 520;

export const instant = (label: string) =>
  z
    .string({ error: `Thiếu ${label}.` })
    .transform((s, ctx) => {
      const ms = parseInstant(s);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: `${label[0].toUpperCase()}${label.slice(1)} không hợp lệ: cần ngày giờ có thật, dạng 2026-11-23T08:00 (giờ Việt Nam).` });
        return z.NEVER;
      }
      return ms;
    });

export const participantInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('person'), userId: id('mã người tham dự') }),
    z.object({ kind: z.literal('organization'), organizationId: id('mã cơ quan, đơn vị') }),
    /** Whoever is not in the directory: "Lãnh đạo các phòng chuyên môn". */
    z.object({ kind: z.literal('text'), name: requiredText('thành phần', 300) }),
  ],
  { error: 'Thành phần phải là một người, một cơ quan/đơn vị hoặc một dòng chữ.' },
);
export type ParticipantInput = z.output<typeof participantInput>;

export const LINK_KINDS = ['incoming', 'outgoing', 'draft'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const linkInput = z.object({ kind: z.enum(LINK_KINDS, { error: 'Loại văn bản liên quan không hợp lệ.' }), id: id('mã văn bản liên quan') });

export const recurrenceInput = z.object({
  /** workday: every working day (Monday–Friday less the office calendar's days off, plus its làm bù days). */
  freq: z.enum(['daily', 'workday', 'weekly', 'monthly'], { error: 'Chu kỳ lặp phải là hằng ngày, hằng ngày làm việc, hằng tuần hoặc hằng tháng.' }),
  interval: z.number().int().min(1, { error: 'Khoảng lặp phải từ 1 đến 12.' }).max(12, { error: 'Khoảng lặp phải từ 1 đến 12.' }).default(1),
  /** Last day (inclusive) on which the series may occur. */
  until: isoDate('ngày kết thúc lặp'),
});
export type Recurrence = z.output<typeof recurrenceInput>;

export const RECURRENCE_LABELS: Record<Recurrence['freq'], string> = { daily: 'Hằng ngày', workday: 'Hằng ngày (ngày làm việc)', weekly: 'Hằng tuần', monthly: 'Hằng tháng' };

const reason = optionalText('lý do', 500);

/** How long one occurrence may last so that a series never overlaps itself. */
const PERIOD_DAYS: Record<Recurrence['freq'], number> = { daily: 1, workday: 1, weekly: 7, monthly: 28 };

/**
 * A new meeting, or a change to one. On a change, a field left out keeps its stored value; `roomId` / `chairId`
 * null and '' for a text field clear it. Hoãn and hủy are set with meetings.setStatus, which asks for the reason.
 */
export const saveMeetingInput = z
  .object({
    /** Absent: a new meeting. */
    id: id('mã cuộc họp').optional(),
    /** For an occurrence of a series: change this one only, or this one and the ones after it. */
    scope: z.enum(['one', 'following']).default('one'),
    title: requiredText('tên cuộc họp', 500),
    content: optionalText('nội dung', 5000),
    start: instant('thời gian bắt đầu'),
    end: instant('thời gian kết thúc'),
    allDay: z.boolean().optional(),
    roomId: id('mã phòng họp').nullable().optional(),
    location: optionalText('địa điểm', 300),
    chairId: id('mã người chủ trì').nullable().optional(),
    participants: z.array(participantInput).max(200, { error: 'Tối đa 200 thành phần.' }).optional(),
    prepareUnit: optionalText('đơn vị chuẩn bị', 300),
    links: z.array(linkInput).max(50, { error: 'Tối đa 50 văn bản liên quan.' }).optional(),
    status: z.enum(MEETING_STATUSES, { error: 'Trạng thái phải là dự kiến, chính thức, hoãn hoặc hủy.' }).optional(),
    recurrence: recurrenceInput.optional(),
    reminderMinutes: z.number().int().min(0, { error: 'Nhắc trước từ 0 đến 1.440 phút.' }).max(1440, { error: 'Nhắc trước từ 0 đến 1.440 phút.' }).nullable().optional(),
    /** Book a room or a person already taken at that time, saying why (the clash stays visible). */
    allowConflict: z.boolean().default(false),
    conflictReason: reason,
    /** On a change: the updatedAt read with the meeting; the save is refused if the meeting changed since. */
    expectedUpdatedAt: expectedUpdatedAt(),
  })
  .superRefine((m, ctx) => {
    if (typeof m.start !== 'number' || typeof m.end !== 'number') return;
    // An all-day meeting runs whole days: its end may be the last day itself, or 00:00 of the day after it.
    if (m.allDay ? vnParts(m.end).date < vnParts(m.start).date : m.end <= m.start) ctx.addIssue({ code: 'custom', path: ['end'], message: m.allDay ? 'Ngày kết thúc phải từ ngày bắt đầu trở đi.' : 'Thời gian kết thúc phải sau thời gian bắt đầu.' });
    if (m.allowConflict && !m.conflictReason) ctx.addIssue({ code: 'custom', path: ['conflictReason'], message: 'Cần ghi lý do khi vẫn xếp lịch trùng.' });
    if (typeof m.roomId === 'number' && m.location) ctx.addIssue({ code: 'custom', path: ['location'], message: 'Chọn phòng họp hoặc ghi địa điểm khác, không cả hai.' });
    if (m.id === undefined && (m.status === 'hoan' || m.status === 'huy')) ctx.addIssue({ code: 'custom', path: ['status'], message: 'Cuộc họp mới là dự kiến hoặc chính thức.' });
    if (m.recurrence && m.id !== undefined) ctx.addIssue({ code: 'custom', path: ['recurrence'], message: 'Chỉ đặt lịch lặp khi tạo cuộc họp mới.' });
    if (m.recurrence && m.recurrence.until < vnParts(m.start).date) {
      ctx.addIssue({ code: 'custom', path: ['recurrence', 'until'], message: 'Ngày kết thúc lặp phải từ ngày họp đầu tiên trở đi.' });
    }
    if (m.recurrence && m.end - m.start > PERIOD_DAYS[m.recurrence.freq] * (m.recurrence.interval ?? 1) * DAY_MS) {
      ctx.addIssue({ code: 'custom', path: ['recurrence', 'freq'], message: 'Mỗi buổi họp dài hơn chu kỳ lặp: các buổi sẽ chồng lên nhau.' });
    }
  });

export const meetingIdInput = z.object({ id: id('mã cuộc họp') });

export const setMeetingStatusInput = z
  .object({
    id: id('mã cuộc họp'),
    status: z.enum(MEETING_STATUSES, { error: 'Trạng thái phải là dự kiến, chính thức, hoãn hoặc hủy.' }),
    reason,
    allowConflict: z.boolean().default(false),
  })
  .refine((s) => !(s.status === 'hoan' || s.status === 'huy') || !!s.reason, { error: 'Cần ghi lý do hoãn hoặc hủy.', path: ['reason'] })
  .refine((s) => !s.allowConflict || !!s.reason, { error: 'Cần ghi lý do khi vẫn xếp lịch trùng.', path: ['reason'] });

export const listMeetingsInput = z
  .object({
    from: isoDate('ngày bắt đầu'),
    /** Inclusive. */
    to: isoDate('ngày kết thúc'),
    userId: id('mã người').optional(),
    roomId: id('mã phòng họp').optional(),
    includeCancelled: z.boolean().default(true),
  })
  .refine((r) => r.from <= r.to, { error: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 400 * DAY_MS, { error: 'Xem tối đa 400 ngày một lần.', path: ['to'] });

export const week = z
  .string({ error: 'Thiếu tuần.' })
  .trim()
  .refine((w) => weekMonday(w) !== null, { error: 'Tuần không hợp lệ: cần dạng 2026-W48 (năm, tuần theo ISO 8601).' });

export const clashesInput = z.object({ date: isoDate('ngày'), userId: id('mã người').optional(), roomId: id('mã phòng họp').optional() });

export const exportWeekInput = z.object({
  week,
  format: z.enum(['docx', 'pdf', 'ics'], { error: 'Định dạng phải là docx, pdf hoặc ics.' }),
  userId: id('mã người').optional(),
  roomId: id('mã phòng họp').optional(),
});

export const exportIcsInput = z
  .object({ from: isoDate('ngày bắt đầu'), to: isoDate('ngày kết thúc'), userId: id('mã người').optional(), roomId: id('mã phòng họp').optional() })
  .refine((r) => r.from <= r.to, { error: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 3 * 366 * DAY_MS, { error: 'Xuất tối đa 3 năm một lần.', path: ['to'] });

export const importIcsInput = z
  .object({
    data: z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0, { error: 'Tệp .ics rỗng hoặc chưa chọn tệp.' }),
    fileName: optionalText('tên tệp', 260),
    /** Report what would happen, write nothing. */
    dryRun: z.boolean().default(false),
    allowConflict: z.boolean().default(false),
    conflictReason: reason,
  })
  .refine((i) => !i.allowConflict || !!i.conflictReason, { error: 'Cần ghi lý do khi vẫn nhập lịch trùng.', path: ['conflictReason'] });

export const saveRoomInput = z.object({
  id: id('mã phòng họp').optional(),
  name: requiredText('tên phòng họp', 200),
  capacity: z.number().int().min(1, { error: 'Sức chứa phải từ 1 đến 5.000 chỗ.' }).max(5000, { error: 'Sức chứa phải từ 1 đến 5.000 chỗ.' }).nullable().default(null),
  location: optionalText('vị trí phòng', 300),
  active: z.boolean().default(true),
});

/** The văn phòng's details printed on the weekly schedule and used to start an invitation. */
export const scheduleSettingsInput = z.object({
  profile: z.enum(['state', 'party']).default('state'),
  parentOrgan: optionalText('cơ quan chủ quản', 200),
  organ: requiredText('tên cơ quan ban hành', 200),
  organAbbr: optionalText('chữ viết tắt cơ quan', 30),
  place: requiredText('địa danh', 100),
  /** Whose schedule it is: "của Lãnh đạo Ủy ban nhân dân tỉnh". */
  whose: optionalText('lịch của', 200),
  signature: z.object({
    authority: optionalText('quyền hạn ký', 10),
    onBehalfOf: optionalText('ký thay mặt', 200),
    title: requiredText('chức vụ người ký', 200),
    name: requiredText('họ tên người ký', 100),
  }),
  recipients: z.array(requiredText('nơi nhận', 300)).max(30).default([]),
});
export type ScheduleSettings = z.output<typeof scheduleSettingsInput>;

export const upcomingInput = z.object({ withinMinutes: z.number().int().min(1).max(24 * 60).default(24 * 60) });

export interface MeetingParticipant {
  kind: 'person' | 'organization' | 'text';
  refId: number | null;
  name: string;
  /** A person's title and unit; an organisation's parent. */
  detail: string | null;
}

export interface MeetingLink {
  kind: LinkKind;
  refId: number;
  label: string;
}

export interface Meeting {
  id: number;
  uid: string;
  /** The original start (ms) of an occurrence of a recurring series; null for a single meeting. */
  recurrenceId: number | null;
  /** How the series repeats, as it was set; null for a single meeting. */
  recurrence: Recurrence | null;
  title: string;
  content: string;
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  allDay: boolean;
  room: { id: number; name: string } | null;
  location: string;
  chair: { userId: number | null; name: string; title: string } | null;
  participants: MeetingParticipant[];
  prepareUnit: string;
  links: MeetingLink[];
  status: MeetingStatus;
  /** Why it was postponed or cancelled. */
  statusReason: string | null;
  reminderMinutes: number | null;
  conflictReason: string | null;
  sequence: number;
  createdBy: string | null;
  createdById: number | null;
  updatedAt: string;
}

export interface Clash {
  meetingId: number;
  title: string;
  start: string;
  end: string;
  /** What is double-booked: a room or a person. */
  resource: 'room' | 'person';
  resourceId: number;
  name: string;
  /** For a series: the occurrence of the meeting being saved that clashes. */
  occurrenceStart?: string;
}

export interface SaveMeetingResult {
  meeting: Meeting;
  /** Occurrences created (1 for a single meeting). */
  created: number;
  /** Clashes accepted with a reason. */
  clashes: Clash[];
}

export interface DayClashes {
  date: string;
  /** Pairs of meetings of the day that share a person or a room. */
  pairs: { a: Meeting; b: Meeting; over: string[] }[];
}

export interface Room {
  id: number;
  name: string;
  capacity: number | null;
  location: string;
  active: boolean;
}

/** One meeting an import creates, changes or cancels: what a dry run lists. */
export interface IcsChange {
  action: 'create' | 'update' | 'cancel';
  uid: string;
  title: string;
  /** Its start after the change (Vietnam time, ISO). */
  start: string;
  allDay: boolean;
  /** The meeting stored here, for a change or a cancellation. */
  meetingId?: number;
  /** Why an occurrence is cancelled (kept on the meeting). */
  reason?: string;
}

export interface IcsImportReport {
  fileName: string | null;
  calendarName: string | null;
  created: number;
  updated: number;
  /** Occurrences of a series in the file that the file no longer has, cancelled (never deleted). */
  cancelled: number;
  unchanged: number;
  changes: IcsChange[];
  skipped: { uid?: string; title?: string; line?: number; reason: string }[];
  clashes: Clash[];
  /** Names that matched nobody in the directory and were kept as written. */
  unmatched: string[];
  dryRun: boolean;
}

export interface Reminder {
  meetingId: number;
  title: string;
  start: string;
  startMs: number;
  location: string;
  remindAtMs: number;
}
