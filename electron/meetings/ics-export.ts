import ical, { foldLines, ICalCalendarMethod, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { DAY_MS, type CalendarEvent, type MeetingStatus, type SeriesRule, utcMs, VN_TZID, vnDate } from './ics-event';

/**
 * Writing meetings as an iCalendar (RFC 5545) file that Outlook, Google Calendar and our own importer read.
 *
 * ical-generator writes the calendar and its events (escaping, DTSTAMP, STATUS, X- properties, octet folding).
 * What it cannot do is added to its output, which is unfolded, patched and folded again with its own
 * folder:
 * - X-WR-TIMEZONE. Setting ical-generator's calendar time zone would also make it write DTSTAMP, LAST-MODIFIED and
 *   every un-zoned time as *floating* local times of this computer. We never write floating times: timed values
 *   are UTC instants ("…Z"), all-day values are DATEs.
 * - ORGANIZER / ATTENDEE without an e-mail address: ical-generator always writes "mailto:". We know names only, so
 *   the address is "invalid:nomail", the value Outlook itself writes for people without an address; per
 *   [MS-OXCICAL] Outlook then lists them by name as attendees it never mails. (A URN would be a valid URI too, but
 *   Outlook documents no handling for it.)
 * - RECURRENCE-ID, in the value type of its master's DTSTART (RFC 5545 §3.8.4.4): ical-generator takes the
 *   override's own, wrong for an occurrence of a timed series made all-day.
 * - A series master's RRULE, EXDATE and RDATE (ics-series.ts decides them) in UTC, or as DATEs for an all-day
 *   series: ical-generator's `repeating` would write them in the calendar's time zone or floating.
 * - The export's span and filter on the calendar (X-VANPHONG-RANGE, X-VANPHONG-FILTER), read back by our import.
 *
 * Folding: ical-generator folds at 75 octets (74 on the first line, a space plus 74 on continuation lines),
 * counting UTF-8 octets and never splitting a character, so Vietnamese text is folded correctly.
 *
 * Round trip: what iCalendar has no place for travels in X-VANPHONG-* properties, which our importer prefers.
 * Times are written to the second.
 */

const PRODUCT = { company: 'Vanphong', product: 'Văn phòng điện tử', language: 'VI' } as const;

const STATUS_TO_ICAL: Record<MeetingStatus, ICalEventStatus> = {
  'du-kien': ICalEventStatus.TENTATIVE,
  'chinh-thuc': ICalEventStatus.CONFIRMED,
  hoan: ICalEventStatus.TENTATIVE, // plus X-VANPHONG-STATUS:hoan
  huy: ICalEventStatus.CANCELLED,
};

/** Address for people we know by name only (see above). */
const NO_MAIL = 'invalid:nomail';

export interface ExportScope {
  /** Calendar name (X-WR-CALNAME). */
  name: string;
  now?: Date;
  /** The Vietnam days (inclusive) exported: X-VANPHONG-RANGE, so an import knows what the file can speak for. */
  range?: { from: string; to: string };
  /** One person's or one room's meetings only: X-VANPHONG-FILTER with their name (an import then cancels nothing). */
  filter?: string;
}

export function exportIcs(events: CalendarEvent[], o: ExportScope): string {
  const calendar = ical({
    prodId: PRODUCT,
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes NAME and X-WR-CALNAME without TEXT escaping: escape here.
    name: escapeText(nfc(o.name)),
  });
  const stamp = o.now ?? new Date();
  for (const e of events) calendar.createEvent(eventData(e, stamp));

  const lines = calendar.toString().replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: string[] = [];
  let index = 0;
  for (const line of lines) {
    if (line === 'END:VEVENT') out.push(...extraLines(events[index++]));
    out.push(line);
    if (line.startsWith('METHOD:')) {
      out.push(`X-WR-TIMEZONE:${VN_TZID}`);
      if (o.range) out.push(`X-VANPHONG-RANGE:${o.range.from}/${o.range.to}`);
      if (o.filter) out.push(`X-VANPHONG-FILTER:${escapeText(nfc(o.filter))}`);
    }
  }
  return `${foldLines(out.join('\r\n'))}\r\n`;
}

function eventData(e: CalendarEvent, stamp: Date): ICalEventData {
  if (!(Number.isFinite(e.startMs) && Number.isFinite(e.endMs) && e.endMs > e.startMs)) {
    throw new RangeError(`Cuộc họp “${e.title}” có giờ kết thúc không sau giờ bắt đầu.`);
  }
  const x: [string, string][] = [];
  if (e.status === 'hoan') x.push(['X-VANPHONG-STATUS', 'hoan']);
  if (e.chair) x.push(['X-VANPHONG-CHAIR', nfc(e.chair)]);
  for (const p of participantsOf(e)) x.push(['X-VANPHONG-PARTICIPANT', nfc(p)]);
  if (e.prepareUnit) x.push(['X-VANPHONG-PREPARE', nfc(e.prepareUnit)]);
  if (e.room) x.push(['X-VANPHONG-ROOM', nfc(e.room)]);

  // DATE values are Vietnam days; ical-generator formats a Date's UTC day, so it gets that day at 00:00 UTC.
  // The end of an all-day event is exclusive: the day after its last day.
  const data: ICalEventData = {
    id: escapeText(e.uid), // ical-generator writes UID unescaped
    sequence: e.sequence,
    stamp,
    start: e.allDay ? vnDayAsUtcDate(e.startMs) : new Date(e.startMs),
    end: e.allDay ? vnDayAsUtcDate(e.endMs - 1, 1) : new Date(e.endMs),
    allDay: e.allDay,
    summary: nfc(e.title),
    description: e.content ? nfc(e.content) : null,
    location: e.location ? nfc(e.location) : null,
    status: STATUS_TO_ICAL[e.status],
    lastModified: e.updatedMs === null ? null : new Date(e.updatedMs),
    x,
  };
  // RECURRENCE-ID is written in extraLines(), in the value type of the master's DTSTART.
  return data;
}

/** Lines ical-generator cannot write (see the module comment), added before END:VEVENT. */
function extraLines(e: CalendarEvent | undefined): string[] {
  if (!e) return [];
  const out: string[] = [];
  if (e.recurrenceId !== null) {
    // RFC 5545 §3.8.4.4: the same value type as the master's DTSTART (an occurrence of a timed series made all-day
    // still names its original instant, and the reverse).
    if (e.masterAllDay ?? e.allDay) {
      const d = vnDate(e.recurrenceId);
      out.push(`RECURRENCE-ID;VALUE=DATE:${d.year}${pad(d.month)}${pad(d.day)}`);
    } else out.push(`RECURRENCE-ID:${utcStamp(e.recurrenceId)}`);
  }
  if (e.rule) out.push(...ruleLines(e.rule, e.allDay));
  if (e.chair) out.push(`ORGANIZER;CN=${paramValue(e.chair)}:${NO_MAIL}`);
  for (const p of participantsOf(e)) out.push(`ATTENDEE;CN=${paramValue(p)};ROLE=REQ-PARTICIPANT;RSVP=FALSE:${NO_MAIL}`);
  return out;
}

/** A master's RRULE, EXDATE and RDATE: UTC instants for timed series, DATEs for all-day ones (as its DTSTART). */
function ruleLines(r: SeriesRule, allDay: boolean): string[] {
  const value = (ms: number) => {
    if (!allDay) return utcStamp(ms);
    const d = vnDate(ms);
    return `${d.year}${pad(d.month)}${pad(d.day)}`;
  };
  const type = allDay ? ';VALUE=DATE' : '';
  const out: string[] = [];
  if (r.rrule) out.push(`RRULE:${r.rrule};UNTIL=${value(r.untilMs)}`);
  if (r.exdates.length) out.push(`EXDATE${type}:${r.exdates.map(value).join(',')}`);
  if (r.rdates.length) out.push(`RDATE${type}:${r.rdates.map(value).join(',')}`);
  return out;
}

/** 20261207T010000Z */
function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

function participantsOf(e: CalendarEvent): string[] {
  return e.participants.filter((p) => p.trim() !== '');
}

function vnDayAsUtcDate(ms: number, plusDays = 0): Date {
  const d = vnDate(ms);
  return new Date(utcMs(d.year, d.month, d.day, 0, 0, 0) + plusDays * DAY_MS);
}

/** NFC, without the control characters iCalendar cannot carry (line breaks are escaped later). */
function nfc(s: string): string {
  return s.normalize('NFC').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
}

/** RFC 5545 §3.3.11 TEXT escaping. */
function escapeText(s: string): string {
  return s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** A quoted parameter value (RFC 5545 §3.2) with RFC 6868 caret encoding; other control characters dropped. */
function paramValue(s: string): string {
  const encoded = nfc(s)
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/\r\n|\r|\n/g, '^n');
  return `"${encoded}"`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
