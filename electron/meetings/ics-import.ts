import type { IcsParseResult } from './ics-event';
import { IcsError, parseCalendars } from './ics-lines';
import { CalendarReader } from './ics-reader';

export type { IcsParseResult, SkippedItem } from './ics-event';
export { ICS_MAX_BYTES, IcsError } from './ics-lines';
export { windowsZoneToIana } from './ics-zones';

/**
 * Reading an iCalendar (RFC 5545) file — an Outlook or Google Calendar export, or one of ours — into meetings.
 *
 * The file comes from outside, so it is treated as hostile and the whole file is accepted or refused: anything that
 * would make us guess (broken lines, unbalanced BEGIN/END, an event without UID or start, an unknown time zone, a
 * series that expands beyond the limit) throws an IcsError with a Vietnamese message naming the line or the event,
 * and nothing partial is returned. What we can safely read but the user should know about comes back in `skipped`.
 *
 * Division of labour:
 * - Our own line scan first (ics-lines.ts): size, UTF-8, unfolding, "NAME[;params]:value" syntax, BEGIN/END balance.
 *   It records the line of every component and property, so later errors can name the line; ical.js's messages are
 *   English and carry no position.
 * - ical.js (Mozilla) then parses: unfolding, TEXT unescaping, parameter quoting / RFC 6868, value types, RRULE.
 *   Its RecurIterator expands RRULEs in wall-clock time; VTIMEZONE definitions become ICAL.Timezone objects.
 * - Time zones without a VTIMEZONE (IANA names, Windows names as Outlook writes them) are resolved with Intl and the
 *   windows-iana package (ics-zones.ts), because ical.js only knows zones defined in the file (or registered
 *   globally, which we avoid). For the same reason EXDATE / RDATE / RECURRENCE-ID matching is done on UTC instants
 *   (ics-recurrence.ts) rather than by ical.js's RecurExpansion, which would compare times in unknown zones as if
 *   they were UTC.
 * - ics-reader.ts reads each VEVENT and maps its properties onto a meeting.
 *
 * Decisions (where RFC 5545 allows something our model cannot hold):
 * - DTSTART with a DATE-TIME and no DTEND/DURATION is a zero-length event in RFC 5545; a meeting must end after it
 *   starts, so such events (and explicit zero-length ones) get one hour, with a note in `skipped`.
 *   A DATE start without an end lasts one day, as the RFC says.
 * - A missing or empty SUMMARY becomes "(Không có tiêu đề)" with a note: Outlook and Google allow untitled events,
 *   and refusing a whole file for one of them would not help anyone.
 * - Floating times (no "Z", no TZID) are read as Vietnam time (UTC+7), with one note per file.
 * - DTSTAMP is the export time when the file has a METHOD (RFC 5545 §3.8.7.2), so `updatedMs` comes from
 *   LAST-MODIFIED then, and from LAST-MODIFIED or DTSTAMP otherwise.
 * - A series keeps only occurrences that start by `expandUntilMs` (a note says so); single events are never cut.
 */

const DEFAULT_MAX_EVENTS = 50_000;

export function parseIcs(
  text: string | Uint8Array,
  o: { expandUntilMs: number; maxEvents?: number },
): IcsParseResult {
  if (!Number.isFinite(o.expandUntilMs)) throw new TypeError('expandUntilMs must be a finite number');
  const maxEvents = o.maxEvents ?? DEFAULT_MAX_EVENTS;
  const { calendars, lines } = parseCalendars(text);
  const reader = new CalendarReader(lines, o.expandUntilMs, maxEvents);
  try {
    for (const cal of calendars) reader.readCalendar(cal);
  } catch (e) {
    if (e instanceof IcsError) throw e;
    // ical.js failing on something our checks let through: still a refusal, never an English message.
    throw Object.assign(new IcsError('Tệp lịch có nội dung không hợp lệ, không đọc được.'), { cause: e });
  }
  return reader.result();
}
