import { empty, method, type MethodTable } from '../api/define';
import type { ExportedFile } from '../registers/schemas';
import type { meetingsAccess } from './access';
import * as s from './schemas';

export const meetingsMethods = {
  'rooms.list': method<typeof empty, s.Room[]>(empty),
  'rooms.save': method<typeof s.saveRoomInput, s.Room>(s.saveRoomInput),
  'meetings.list': method<typeof s.listMeetingsInput, s.Meeting[]>(s.listMeetingsInput),
  'meetings.get': method<typeof s.meetingIdInput, s.Meeting>(s.meetingIdInput),
  'meetings.save': method<typeof s.saveMeetingInput, s.SaveMeetingResult>(s.saveMeetingInput),
  'meetings.setStatus': method<typeof s.setMeetingStatusInput, s.Meeting>(s.setMeetingStatusInput),
  'meetings.clashes': method<typeof s.clashesInput, s.DayClashes>(s.clashesInput),
  'meetings.upcoming': method<typeof s.upcomingInput, s.Reminder[]>(s.upcomingInput),
  'meetings.exportWeek': method<typeof s.exportWeekInput, ExportedFile>(s.exportWeekInput),
  'meetings.exportIcs': method<typeof s.exportIcsInput, ExportedFile>(s.exportIcsInput),
  'meetings.import': method<typeof s.importIcsInput, s.IcsImportReport>(s.importIcsInput),
  'meetings.invitation': method<typeof s.meetingIdInput, { draftId: number }>(s.meetingIdInput),
  'meetings.settings': method<typeof empty, s.ScheduleSettings & { configured: boolean }>(empty),
  'meetings.saveSettings': method<typeof s.scheduleSettingsInput, s.ScheduleSettings & { configured: boolean }>(s.scheduleSettingsInput),
} satisfies MethodTable<typeof meetingsAccess>;
