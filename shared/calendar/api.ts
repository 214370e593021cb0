import { method, type MethodTable } from '../api/define';
import type { calendarAccess } from './access';
import { calendarListInput, calendarRemoveInput, calendarSetInput, workingDaysInput, type CalendarDay, type CalendarYear } from './schemas';

export const calendarMethods = {
  'calendar.list': method<typeof calendarListInput, CalendarYear>(calendarListInput),
  'calendar.set': method<typeof calendarSetInput, CalendarDay>(calendarSetInput),
  'calendar.remove': method<typeof calendarRemoveInput, { deleted: true }>(calendarRemoveInput),
  'calendar.workingDays': method<typeof workingDaysInput, { day: string }>(workingDaysInput),
} satisfies MethodTable<typeof calendarAccess>;
