import type { meetingsMethods } from '../../shared/meetings/api';
import type { HandlersOf } from '../app/handler';
import { exportCalendar, exportWeek } from './export';
import { importCalendar } from './import';
import { createInvitation } from './invitation';
import { listRooms } from './repo';
import { saveRoom } from './rooms';
import * as meetings from './service';
import { saveScheduleSettings, scheduleSettings } from './settings';

export const meetingsHandlers = {
  'rooms.list': (app) => listRooms(app.db),
  'rooms.save': saveRoom,
  'meetings.list': meetings.listMeetings,
  'meetings.get': (app, input) => meetings.getMeeting(app, input.id),
  'meetings.save': meetings.saveMeeting,
  'meetings.setStatus': meetings.setStatus,
  'meetings.clashes': meetings.dayClashes,
  'meetings.upcoming': meetings.upcoming,
  'meetings.exportWeek': exportWeek,
  'meetings.exportIcs': exportCalendar,
  'meetings.import': importCalendar,
  'meetings.invitation': createInvitation,
  'meetings.settings': (app) => scheduleSettings(app),
  'meetings.saveSettings': saveScheduleSettings,
} satisfies HandlersOf<typeof meetingsMethods>;
