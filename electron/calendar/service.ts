import type { MethodParsed } from '../../shared/api/contract';
import { AppError } from '../../shared/api/result';
import type { CalendarDay, CalendarYear } from '../../shared/calendar/schemas';
import { addWorkingDays, isoWeekday, workingDaysBetween } from '../../shared/calendar/workdays';
import { formatDateVN } from '../../shared/domain/dates';
import type { AppContext } from '../app/context';
import { audit } from '../audit/record';
import { immediate } from '../db/connection';
import * as repo from './repo';

/**
 * The working-days calendar (Cài đặt › Ngày nghỉ lễ): the year's holidays and nghỉ bù days on weekdays, and the
 * weekend days worked in exchange (làm bù). Deadlines in working days and "ngày làm việc" meeting series read it.
 */

const toDay = (r: repo.CalendarRow): CalendarDay => ({ ...r, weekday: isoWeekday(r.day) });

export function listYear(app: AppContext, input: MethodParsed<'calendar.list'>): CalendarYear {
  const year = input.year ?? Number(app.today().slice(0, 4));
  const cal = repo.calendarExceptions(app.db);
  return { year, days: repo.calendarYear(app.db, year).map(toDay), workingDays: workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`, cal) };
}

export function setDay(app: AppContext, input: MethodParsed<'calendar.set'>): CalendarDay {
  // A holiday on a weekend changes nothing but may be entered as the announcement lists it; a làm bù day must be one.
  if (input.kind === 'lam-bu' && isoWeekday(input.day) <= 5) {
    throw new AppError('VALIDATION', `Ngày ${formatDateVN(input.day)} là ngày làm việc bình thường: ngày làm bù phải là thứ Bảy hoặc Chủ nhật.`, { field: 'day' });
  }
  immediate(app.db, () => {
    const old = repo.calendarDay(app.db, input.day);
    repo.upsertCalendarDay(app.db, { day: input.day, kind: input.kind, name: input.name }, app.nowIso());
    audit(app, 'calendar.set', 'calendar', null, { day: input.day, dayKind: input.kind === 'nghi' ? 'Ngày nghỉ' : 'Ngày làm bù', name: input.name, ...(old ? { replaced: old.name } : {}) });
  });
  return toDay({ day: input.day, kind: input.kind, name: input.name });
}

export function removeDay(app: AppContext, input: MethodParsed<'calendar.remove'>): { deleted: true } {
  immediate(app.db, () => {
    const old = repo.calendarDay(app.db, input.day);
    if (!old || !repo.deleteCalendarDay(app.db, input.day)) throw new AppError('NOT_FOUND', `Ngày ${formatDateVN(input.day)} không có trong lịch nghỉ lễ.`, { field: 'day' });
    audit(app, 'calendar.remove', 'calendar', null, { day: input.day, name: old.name });
  });
  return { deleted: true };
}

export function workingDays(app: AppContext, input: MethodParsed<'calendar.workingDays'>): { day: string } {
  return { day: addWorkingDays(input.from, input.n, repo.calendarExceptions(app.db)) };
}
