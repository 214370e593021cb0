/**
 * A meeting as it travels through an iCalendar (RFC 5545) file: what `parseIcs` produces and `exportIcs` writes.
 * Pure data, shared by the importer, the exporter and the meeting service.
 */

import type { MeetingStatus } from '../../shared/meetings/schemas';
import { VN_OFFSET_MS } from '../../shared/meetings/time';

export type { MeetingStatus };
export { DAY_MS, VN_OFFSET_MS } from '../../shared/meetings/time';

export interface CalendarEvent {
  uid: string;
  /** UTC ms of the original start of this occurrence when it belongs to a recurring series; null otherwise. */
  recurrenceId: number | null;
  sequence: number;
  title: string; // SUMMARY
  content: string; // DESCRIPTION ('' when absent)
  location: string; // LOCATION ('' when absent) — a room name or free text
  startMs: number; // UTC epoch ms
  endMs: number; // UTC epoch ms (> startMs)
  allDay: boolean; // DATE values; startMs/endMs are then 00:00 Asia/Ho_Chi_Minh (UTC+7) of the days
  status: MeetingStatus;
  chair: string | null; // chủ trì: a person's name
  participants: string[]; // thành phần: names as printed (people, units, organisations)
  prepareUnit: string | null; // đơn vị chuẩn bị
  room: string | null; // room name when the meeting is in one of our rooms
  updatedMs: number | null; // LAST-MODIFIED / DTSTAMP
  /** Export: this event is a series master; its occurrences are the rule's, less `exdates`, plus `rdates`. */
  rule?: SeriesRule;
  /** Import: an override written with RECURRENCE-ID;RANGE=THISANDFUTURE (it also changes the later occurrences). */
  thisAndFuture?: boolean;
  /** Export: an override of an all-day (true) or timed (false) master: RECURRENCE-ID takes the master's value type. */
  masterAllDay?: boolean;
}

/** How a series master repeats, as written in its RRULE / EXDATE / RDATE (instants in UTC ms). */
export interface SeriesRule {
  /** The RRULE value without UNTIL (FREQ=WEEKLY;INTERVAL=2), or null for a series given by RDATE alone. */
  rrule: string | null;
  /** Original start of the last occurrence: the RRULE's UNTIL. */
  untilMs: number;
  exdates: number[];
  rdates: number[];
}

/** What a calendar of the file says of itself (X-VANPHONG-RANGE, X-VANPHONG-FILTER). */
export interface CalendarScope {
  /** The Vietnam days (inclusive) it was exported for; null when it does not say (it speaks for whole series). */
  range: { from: string; to: string } | null;
  /** It holds part of the meetings only (one person's or room's, or a span it states but we cannot read). */
  partial: boolean;
}

/** What a file says about a series whose master it holds, for removing the occurrences it no longer has. */
export interface SeriesExtent extends CalendarScope {
  uid: string;
  /** The master's SEQUENCE: an occurrence changed here after it (a higher one) is not the file's to cancel. */
  sequence: number;
  /** Occurrences were read up to this instant only (the series goes on); null: the file holds the whole series. */
  expandedToMs: number | null;
  /** Original starts the series has but that were not read, moved past the point it was read to. */
  heldBack: number[];
}

/** Something `parseIcs` read but left out or changed, for the user to know about. */
export interface SkippedItem {
  uid?: string;
  title?: string;
  line?: number;
  reason: string;
}
export interface IcsParseResult {
  events: CalendarEvent[];
  skipped: SkippedItem[];
  calendarName: string | null;
  /** X-VANPHONG-RANGE of the (first) calendar: the Vietnam days (inclusive) it was exported for; null: not said. */
  range: { from: string; to: string } | null;
  /** X-VANPHONG-FILTER: the file holds one person's or one room's meetings only (their name). */
  filter: string | null;
  /** The (first) calendar holds part of the meetings only: its absences mean nothing (each series says its own). */
  partial: boolean;
  /** The series masters in the file, each with its calendar's scope. */
  series: SeriesExtent[];
}

/** Vietnam has used UTC+7 without daylight saving since 1975: all-day dates and floating times are read in it. */
export const VN_TZID = 'Asia/Ho_Chi_Minh';

/** UTC ms of 00:00 Vietnam time on the given calendar day (month 1-12). */
export function vnMidnightMs(year: number, month: number, day: number): number {
  return utcMs(year, month, day, 0, 0, 0) - VN_OFFSET_MS;
}

/** The calendar day (month 1-12) that contains the instant, in Vietnam time. */
export function vnDate(ms: number): { year: number; month: number; day: number } {
  const d = new Date(ms + VN_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Date.UTC without its 0-99 → 1900-1999 year mapping. Month 1-12. */
export function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}
