import { empty, method, type MethodTable } from '../api/define';
import type { ExportedFile } from '../registers/schemas';
import type { meetingsAccess } from './access';
import {
  clashesInput,
  exportIcsInput,
  exportWeekInput,
  importIcsInput,
  listMeetingsInput,
  meetingIdInput,
  saveMeetingInput,
  saveRoomInput,
  scheduleSettingsInput,
  setMeetingStatusInput,
  upcomingInput,
  type DayClashes,
  type IcsImportReport,
  type Meeting,
  type Reminder,
  type Room,
  type SaveMeetingResult,
  type ScheduleSettings,
} from './schemas';

export const meetingsMethods = {
  'rooms.list': method<typeof empty, Room[]>(empty),
  'rooms.save': method<typeof saveRoomInput, Room>(saveRoomInput),
  'meetings.list': method<typeof listMeetingsInput, Meeting[]>(listMeetingsInput),
  'meetings.get': method<typeof meetingIdInput, Meeting>(meetingIdInput),
  'meetings.save': method<typeof saveMeetingInput, SaveMeetingResult>(saveMeetingInput),
  'meetings.setStatus': method<typeof setMeetingStatusInput, Meeting>(setMeetingStatusInput),
  'meetings.clashes': method<typeof clashesInput, DayClashes>(clashesInput),
  'meetings.upcoming': method<typeof upcomingInput, Reminder[]>(upcomingInput),
  'meetings.exportWeek': method<typeof exportWeekInput, ExportedFile>(exportWeekInput),
  'meetings.exportIcs': method<typeof exportIcsInput, ExportedFile>(exportIcsInput),
  'meetings.import': method<typeof importIcsInput, IcsImportReport>(importIcsInput),
  'meetings.invitation': method<typeof meetingIdInput, { draftId: number }>(meetingIdInput),
  'meetings.settings': method<typeof empty, ScheduleSettings & { configured: boolean }>(empty),
  'meetings.saveSettings': method<typeof scheduleSettingsInput, ScheduleSettings & { configured: boolean }>(scheduleSettingsInput),
} satisfies MethodTable<typeof meetingsAccess>;
