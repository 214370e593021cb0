import type { MethodParsed } from '../../shared/api/contract';
import type { ExportedFile } from '../../shared/registers/schemas';
import type { Meeting } from '../../shared/meetings/schemas';
import { addDays, dayStartMs, weekMonday } from '../../shared/meetings/time';
import { userById } from '../auth/repo';
import type { AppContext } from '../app/context';
import { renderDraft } from '../drafting/service';
import { calendarEvents, type ExportSpan } from './ics-series';
import * as repo from './repo';
import { scheduleSettings } from './settings';
import { weekDocument } from './week-document';

const ICS_MIME = 'text/calendar; charset=utf-8';

function whoseName(app: AppContext, o: { userId?: number; roomId?: number }): string {
  if (o.userId !== undefined) return userById(app.db, o.userId)?.fullName ?? `người ${o.userId}`;
  if (o.roomId !== undefined) return repo.getRoom(app.db, o.roomId)?.name ?? `phòng ${o.roomId}`;
  return '';
}

function meetingsBetween(app: AppContext, from: string, to: string, o: { userId?: number; roomId?: number }): Meeting[] {
  return repo.meetingsByIds(app.db, repo.meetingIdsInRange(app.db, dayStartMs(from), dayStartMs(addDays(to, 1)), o));
}

/**
 * The meetings of a span for a calendar file: those taking place in it, and the occurrences of their series whose
 * original start is in it but that were moved out (written as overrides, never as a cancellation).
 */
function calendarMeetings(app: AppContext, from: string, to: string, o: { userId?: number; roomId?: number }): { meetings: Meeting[]; span: ExportSpan } {
  const span = { fromMs: dayStartMs(from), toMs: dayStartMs(addDays(to, 1)) };
  const meetings = meetingsBetween(app, from, to, o);
  const have = new Set(meetings.map((m) => m.id));
  const movedOut: number[] = [];
  for (const uid of new Set(meetings.filter((m) => m.recurrenceId !== null).map((m) => m.uid))) {
    for (const occ of repo.seriesOccurrences(app.db, uid)) {
      if (!have.has(occ.id) && occ.recurrenceId >= span.fromMs && occ.recurrenceId < span.toMs) movedOut.push(occ.id);
    }
  }
  return { meetings: movedOut.length ? [...meetings, ...repo.meetingsByIds(app.db, movedOut)] : meetings, span };
}

/** A calendar file for any span (a week, a year), of everyone, one person or one room. */
export async function exportCalendar(app: AppContext, input: MethodParsed<'meetings.exportIcs'>): Promise<ExportedFile> {
  const { meetings, span } = calendarMeetings(app, input.from, input.to, input);
  const who = whoseName(app, input);
  const name = `Lịch công tác${who ? ` — ${who}` : ''} ${input.from} đến ${input.to}`;
  // ical-generator is loaded for an export only, not with the API (the CLI starts without it).
  const { exportIcs } = await import('./ics-export');
  const scope = { name, now: app.clock(), range: { from: input.from, to: input.to }, filter: who || undefined };
  const data = new TextEncoder().encode(exportIcs(calendarEvents(meetings, span), scope));
  return { fileName: `lich-${input.from}-${input.to}.ics`, mime: ICS_MIME, data, rowCount: meetings.length };
}

/** The week as the official "Lịch công tác tuần" (DOCX, PDF) or as a calendar file. */
export async function exportWeek(app: AppContext, input: MethodParsed<'meetings.exportWeek'>): Promise<ExportedFile> {
  const monday = weekMonday(input.week)!;
  const sunday = addDays(monday, 6);
  if (input.format === 'ics') {
    const f = await exportCalendar(app, { from: monday, to: sunday, userId: input.userId, roomId: input.roomId });
    return { ...f, fileName: `lich-cong-tac-${input.week.toLowerCase()}.ics` };
  }
  const meetings = meetingsBetween(app, monday, sunday, input);
  const settings = scheduleSettings(app);
  const who = whoseName(app, input);
  const doc = weekDocument(input.week, meetings, who ? { ...settings, whose: `của ${who}` } : settings, app.today());
  const r = await renderDraft(doc, input.format);
  return { fileName: `lich-cong-tac-${input.week.toLowerCase()}.${input.format}`, mime: r.mime, data: r.data, rowCount: meetings.length };
}
