import { z } from 'zod';
import { isoDate, positiveInt, requiredText } from '../api/fields';

/**
 * The office's calendar of days that differ from the Monday–Friday week (migration 015 calendar_days): holidays and
 * nghỉ bù ('nghi'), weekend days worked ('lam-bu'). Deadlines in working days and "ngày làm việc" meeting series
 * count with it (shared/calendar/workdays.ts).
 */
export const CALENDAR_KINDS = ['nghi', 'lam-bu'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export const CALENDAR_KIND_LABELS: Record<CalendarKind, string> = { nghi: 'Ngày nghỉ', 'lam-bu': 'Ngày làm bù' };

export interface CalendarDay {
  day: string;
  kind: CalendarKind;
  name: string;
  /** 1 = Thứ Hai … 7 = Chủ nhật. */
  weekday: number;
}

export interface CalendarYear {
  year: number;
  days: CalendarDay[];
  /** Days off that fall on a weekday, days worked on a weekend: what changes the count of working days. */
  workingDays: number;
}

const year = z.number({ error: 'Năm phải là số.' }).int({ error: 'Năm phải là số nguyên.' }).min(2000, { error: 'Năm từ 2000 đến 2100.' }).max(2100, { error: 'Năm từ 2000 đến 2100.' });

export const calendarListInput = z.object({ year: year.optional() });
export const calendarSetInput = z.object({
  day: isoDate('ngày'),
  kind: z.enum(CALENDAR_KINDS, { error: 'Loại ngày phải là nghi (ngày nghỉ) hoặc lam-bu (làm bù).' }),
  name: requiredText('tên ngày nghỉ', 200),
});
export const calendarRemoveInput = z.object({ day: isoDate('ngày') });
export const workingDaysInput = z.object({ from: isoDate('ngày bắt đầu'), n: positiveInt('số ngày làm việc', 366) });
