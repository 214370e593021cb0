import type { Meeting } from '../../../shared/meetings/schemas';
import { clashPairs } from '../../../shared/meetings/clashes';
import { DAY_MS, WEEK, addDays, dateVN, dayPart, dayStartMs, hm, vnParts, weekMonday, weekOf, type DayPart } from '../../../shared/meetings/time';

/**
 * What the schedule shows, as the hash route says it: a week ("2026-W48"), a day ("2026-11-23") or a month
 * ("2026-11"). Every date here is a Vietnam calendar date (YYYY-MM-DD), never the computer's own zone.
 */
export type ScheduleView = 'week' | 'day' | 'month';
export interface Place {
  view: ScheduleView;
  /** The Monday of the week, the day, or the first of the month. */
  date: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export const todayVN = (): string => vnParts(Date.now()).date;

export function parsePlace(param: string | undefined): Place {
  const p = (param ?? '').trim();
  if (WEEK.test(p)) {
    const monday = weekMonday(p);
    if (monday) return { view: 'week', date: monday };
  }
  if (DAY.test(p) && isRealDate(p)) return { view: 'day', date: p };
  const m = MONTH.exec(p);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { view: 'month', date: `${p}-01` };
  return { view: 'week', date: weekOf(todayVN()).monday };
}

function isRealDate(d: string): boolean {
  return new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
}

/** The route parameter of a place (the inverse of parsePlace). */
export function placeParam(p: Place): string {
  if (p.view === 'week') return weekOf(p.date).week;
  if (p.view === 'day') return p.date;
  return p.date.slice(0, 7);
}

export function addMonths(isoDate: string, n: number): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** The days the month grid shows: Monday before (or on) the 1st to the Sunday after (or on) the last day. */
export function monthGrid(firstOfMonth: string): { from: string; to: string; days: string[] } {
  const from = weekOf(firstOfMonth).monday;
  const last = addDays(addMonths(firstOfMonth, 1), -1);
  const to = addDays(weekOf(last).monday, 6);
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return { from, to, days };
}

/** The dates a place needs from the API. */
export function rangeOf(p: Place): { from: string; to: string } {
  if (p.view === 'week') return { from: p.date, to: addDays(p.date, 6) };
  if (p.view === 'day') return { from: p.date, to: p.date };
  const g = monthGrid(p.date);
  return { from: g.from, to: g.to };
}

/** Previous / next of the same view. */
export function stepPlace(p: Place, dir: -1 | 1): Place {
  if (p.view === 'week') return { view: 'week', date: addDays(p.date, 7 * dir) };
  if (p.view === 'day') return { view: 'day', date: addDays(p.date, dir) };
  return { view: 'month', date: addMonths(p.date, dir) };
}

export function todayPlace(view: ScheduleView): Place {
  const t = todayVN();
  if (view === 'week') return { view, date: weekOf(t).monday };
  if (view === 'day') return { view, date: t };
  return { view, date: `${t.slice(0, 7)}-01` };
}

/**
 * Switching views keeps the place: today when it lies within what was shown, else its first day. From a month, the
 * week or day the user came from when it lies in that month comes first, and a month without today opens on its
 * first week (the one holding the 4th: most of its days are the month's), not on the days of the month before.
 */
export function switchView(p: Place, view: ScheduleView, came?: Place): Place {
  const { from, to } = p.view === 'month' ? { from: p.date, to: addDays(addMonths(p.date, 1), -1) } : rangeOf(p);
  const t = todayVN();
  const within = (d: string) => d >= from && d <= to;
  const back = p.view === 'month' && came && came.view !== 'month' ? (came.view === 'week' ? Array.from({ length: 7 }, (_, i) => addDays(came.date, i)) : [came.date]).filter(within) : [];
  const anchor = back.includes(t) ? t : back.length ? back[0] : within(t) ? t : p.view === 'month' && view === 'week' ? addDays(from, 3) : from;
  if (view === 'week') return { view, date: weekOf(anchor).monday };
  if (view === 'day') return { view, date: anchor };
  return { view, date: `${anchor.slice(0, 7)}-01` };
}

/** "Thứ Hai, 23/11/2026" and friends. */
export const shortDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

export function placeTitle(p: Place): string {
  if (p.view === 'week') {
    const w = weekOf(p.date);
    return `Lịch công tác tuần ${w.number} (${dateVN(p.date)} – ${dateVN(addDays(p.date, 6))})`;
  }
  if (p.view === 'day') return `Lịch công tác ${weekdayName(p.date)}, ${dateVN(p.date)}`;
  return `Lịch công tác tháng ${Number(p.date.slice(5, 7))}/${p.date.slice(0, 4)}`;
}

const WEEKDAYS = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
export function weekdayName(isoDate: string): string {
  return WEEKDAYS[vnParts(dayStartMs(isoDate)).weekday];
}

/** "08:00" of an API instant ("2026-11-23T08:00:00+07:00", already Vietnam wall time). */
export { hm };

/** The time of a meeting as the day's schedule writes it: "08:00–10:00", "Cả ngày", or across days. */
export function timeText(m: Meeting, day?: string): string {
  if (m.allDay) return 'Cả ngày';
  const s = vnParts(m.startMs).date;
  const e = vnParts(m.endMs - 1).date;
  if (s === e) return `${hm(m.start)}–${hm(m.end)}`;
  if (day && day !== s) return day === e ? `đến ${hm(m.end)}` : 'Cả ngày';
  return `${hm(m.start)} ${shortDate(s)} – ${hm(m.end)} ${shortDate(e)}`;
}

/** Whether the meeting occupies any part of that Vietnam day. */
export function onDay(m: Meeting, isoDate: string): boolean {
  const from = dayStartMs(isoDate);
  return m.startMs < from + DAY_MS && m.endMs > from;
}

/** The buổi a meeting shows in on a given day: where it starts, or Sáng for a day it only continues on. */
export function partOn(m: Meeting, isoDate: string): DayPart {
  if (m.allDay || vnParts(m.startMs).date !== isoDate) return 'sang';
  return dayPart(m.startMs);
}

export const placeOf = (m: Pick<Meeting, 'room' | 'location'>) => m.room?.name ?? m.location;

export interface ClashNote {
  other: Meeting;
  over: string[];
}

/** Double bookings among the meetings shown (the rule in shared/meetings/clashes.ts), per meeting. */
export function clashesAmong(meetings: Meeting[]): Map<number, ClashNote[]> {
  const out = new Map<number, ClashNote[]>();
  for (const { a, b, over } of clashPairs(meetings)) {
    out.set(a.id, [...(out.get(a.id) ?? []), { other: b, over }]);
    out.set(b.id, [...(out.get(b.id) ?? []), { other: a, over }]);
  }
  return out;
}

export const STATUS_COLOR: Record<Meeting['status'], string> = { 'du-kien': 'blue', 'chinh-thuc': 'green', hoan: 'orange', huy: 'default' };
