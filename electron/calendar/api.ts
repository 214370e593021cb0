import type { calendarMethods } from '../../shared/calendar/api';
import type { HandlersOf } from '../app/handler';
import * as service from './service';

export const calendarHandlers = {
  'calendar.list': service.listYear,
  'calendar.set': service.setDay,
  'calendar.remove': service.removeDay,
  'calendar.workingDays': service.workingDays,
} satisfies HandlersOf<typeof calendarMethods>;
