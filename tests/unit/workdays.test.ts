import { describe, expect, it } from 'vitest';
import { HOLIDAYS_SHIPPED } from '../../shared/calendar/holidays-shipped';
import { addWorkingDays, firstWorkingDayOfWeek, isWorkingDay, nextWorkingDay, workingDaysBetween, type CalendarExceptions } from '../../shared/calendar/workdays';
import { occurrenceStarts } from '../../electron/meetings/recurrence';
import { isoVN } from '../../shared/meetings/time';

/** Working days as the office's calendar counts them (Monday–Friday, less holidays and nghỉ bù, plus làm bù). */
const calendar = (extra: { day: string; kind: 'nghi' | 'lam-bu' }[] = []): CalendarExceptions => {
  const all = [...HOLIDAYS_SHIPPED, ...extra];
  return { off: new Set(all.filter((d) => d.kind === 'nghi').map((d) => d.day)), worked: new Set(all.filter((d) => d.kind === 'lam-bu').map((d) => d.day)) };
};
const shipped = calendar();

describe('working days', () => {
  it('skips Tết Bính Ngọ 2026 (16–20/2) and its weekends', () => {
    expect(['2026-02-16', '2026-02-17', '2026-02-20'].map((d) => isWorkingDay(d, shipped))).toEqual([false, false, false]);
    expect(isWorkingDay('2026-02-13', shipped)).toBe(true);
    // Friday before Tết + 1 working day: the Monday after it, nine days later.
    expect(addWorkingDays('2026-02-13', 1, shipped)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-12', 5, shipped)).toBe('2026-02-26');
    expect(workingDaysBetween('2026-02-13', '2026-02-23', shipped)).toBe(1);
    expect(nextWorkingDay('2026-02-17', shipped)).toBe('2026-02-23');
    // Without the calendar the same count lands inside Tết.
    expect(addWorkingDays('2026-02-13', 1, { off: new Set(), worked: new Set() })).toBe('2026-02-16');
  });

  it('counts a làm bù Saturday as a working day, and the 30/4–1/5 bridge as days off', () => {
    const cal = calendar([{ day: '2026-05-09', kind: 'lam-bu' }]);
    expect(isWorkingDay('2026-05-09', cal)).toBe(true);
    expect(isWorkingDay('2026-05-09', shipped)).toBe(false);
    expect(addWorkingDays('2026-05-08', 1, cal)).toBe('2026-05-09');
    expect(addWorkingDays('2026-05-08', 1, shipped)).toBe('2026-05-11');
    // 27/4 nghỉ bù Giỗ Tổ, 30/4 and 1/5: from Friday 24/4, 3 working days end on Monday 4/5.
    expect(addWorkingDays('2026-04-24', 3, shipped)).toBe('2026-05-04');
    expect(nextWorkingDay('2026-04-30', shipped)).toBe('2026-05-04');
  });

  it('counts across a year end, with Tết Dương lịch off', () => {
    expect(addWorkingDays('2025-12-30', 3, shipped)).toBe('2026-01-05');
    expect(workingDaysBetween('2025-12-30', '2026-01-05', shipped)).toBe(3);
    expect(addWorkingDays('2026-12-30', 2, shipped)).toBe('2027-01-01'); // 2027 not entered yet: only weekends
    expect(workingDaysBetween('2025-12-31', '2026-12-31', shipped)).toBe(261 - 11);
  });

  it('finds the first working day of a week, none in the week of Tết', () => {
    expect(firstWorkingDayOfWeek('2026-03-18', shipped)).toBe('2026-03-16');
    expect(firstWorkingDayOfWeek('2026-04-30', shipped)).toBe('2026-04-28');
    expect(firstWorkingDayOfWeek('2026-02-18', shipped)).toBeNull();
    expect(firstWorkingDayOfWeek('2026-02-18', calendar([{ day: '2026-02-21', kind: 'lam-bu' }]))).toBe('2026-02-21');
  });

  it('a "ngày làm việc" meeting series skips the calendar’s days off and keeps its làm bù days', () => {
    const start = Date.parse('2026-04-24T08:00:00+07:00');
    const days = (cal: CalendarExceptions) => occurrenceStarts(start, { freq: 'workday', interval: 1, until: '2026-05-11' }, cal).map((ms) => isoVN(ms).slice(0, 10));
    expect(days(shipped)).toEqual(['2026-04-24', '2026-04-28', '2026-04-29', '2026-05-04', '2026-05-05', '2026-05-06', '2026-05-07', '2026-05-08', '2026-05-11']);
    expect(days(calendar([{ day: '2026-05-09', kind: 'lam-bu' }]))).toContain('2026-05-09');
    expect(isoVN(occurrenceStarts(start, { freq: 'workday', interval: 1, until: '2026-04-24' }, shipped)[0]).slice(11, 16)).toBe('08:00');
    expect(() => occurrenceStarts(Date.parse('2026-02-16T08:00:00+07:00'), { freq: 'workday', interval: 1, until: '2026-02-20' }, shipped)).toThrow(/ngày làm việc/);
  });
});
