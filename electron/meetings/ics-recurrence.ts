import ICAL from 'ical.js';
import { DAY_MS, type CalendarEvent, type CalendarScope, type SeriesExtent, type SkippedItem, vnDate, vnMidnightMs } from './ics-event';
import { type Component, IcsError, type Property } from './ics-lines';
import { compareDays, daysInMonth, type TimeValue, toMs, type Wall, wallKey, wallToUtc } from './ics-zones';

/**
 * Placing the VEVENTs of an iCalendar file on their occurrences (see ics-import.ts): series expanded from RRULE and
 * RDATE, less EXDATE, with RECURRENCE-ID overrides put in the place of the occurrence they replace.
 *
 * ical.js's RecurIterator generates the wall-clock times of an RRULE; everything else (UNTIL, RDATE, EXDATE, the
 * matching of overrides) is done here on UTC instants, because ical.js would compare times in zones it does not know
 * as if they were UTC.
 */

type IcalTime = InstanceType<typeof ICAL.Time>;
type Recur = InstanceType<typeof ICAL.Recur>;

/** Length given to timed events that have no (or a zero) duration. */
export const DEFAULT_DURATION_MS = 3600_000;
/**
 * Steps ical.js may spend looking for occurrences in the whole file. A rule that can never match (FREQ=DAILY;
 * BYMONTH=2;BYMONTHDAY=30) makes its iterator loop forever; real rules use a few steps per occurrence.
 */
const MAX_RULE_STEPS = 300_000;

/** One VEVENT, read but not yet placed on occurrences. */
export interface EventRecord {
  comp: Component;
  line: number;
  uid: string;
  start: TimeValue;
  /** End of an occurrence from its start; null for an override that inherits the series' duration. */
  endFor: EndRule | null;
  /** The end was made up (no DTEND/DURATION, or a zero duration on a timed event). */
  defaultedEnd: boolean;
  /** UTC ms of RECURRENCE-ID, for overrides; null for series masters and single events. */
  recurrenceIdMs: number | null;
  /** RECURRENCE-ID;RANGE=THISANDFUTURE: the override's changes apply to the later occurrences too. */
  thisAndFuture: boolean;
  fields: Omit<CalendarEvent, 'uid' | 'recurrenceId' | 'startMs' | 'endMs' | 'allDay'>;
}
export type EndRule = (startWall: Wall, startMs: number) => number;

/** What placing occurrences needs from the reader: values read as the event's own, and errors that name the event. */
export interface EventValues {
  timeValue(comp: Component, p: Property, v: unknown, eventTime: boolean): TimeValue;
  readTimes(comp: Component, p: Property): TimeValue[];
  eventError(comp: Component, what: string, prop?: Property | null): IcsError;
  eventLabel(comp: Component): string;
}

/** The meetings of one file, occurrence by occurrence; refuses (throws IcsError) duplicates and too many meetings. */
export class Occurrences {
  readonly events: CalendarEvent[] = [];
  /** The series (masters with RRULE or RDATE) placed, and how far. */
  readonly series: SeriesExtent[] = [];
  /** The scope of the calendar being read (the reader sets it before each VCALENDAR's events). */
  scope: CalendarScope = { range: null, partial: false };
  /** Line of the VEVENT that produced each (uid, recurrenceId). */
  private readonly seen = new Map<string, number>();
  private readonly notedEnds = new Set<EventRecord>();
  private ruleSteps = 0;

  constructor(
    private readonly values: EventValues,
    /** Shared with the reader: notes keep the order in which they arise. */
    private readonly skipped: SkippedItem[],
    private readonly expandUntilMs: number,
    private readonly maxEvents: number,
  ) {}

  private tooMany(): never {
    throw new IcsError(
      `Tệp lịch có quá nhiều cuộc họp (hơn ${this.maxEvents.toLocaleString('vi-VN')} lần họp sau khi trải các sự kiện lặp lại). Hãy xuất một khoảng thời gian ngắn hơn.`,
    );
  }

  /** Adds one meeting; `endFor` null (an override without end of a series not in the file) gets one hour. */
  emit(r: EventRecord, recurrenceId: number | null, wall: Wall, startMs: number, endFor: EndRule | null): void {
    const key = `${r.uid}\u0000${recurrenceId ?? ''}`;
    const dup = this.seen.get(key);
    if (dup !== undefined) {
      throw new IcsError(`${this.values.eventLabel(r.comp)}: trùng UID “${r.uid}” với sự kiện ở dòng ${dup}.`, r.line);
    }
    this.seen.set(key, r.line);
    if (this.events.length >= this.maxEvents) this.tooMany();
    if ((r.defaultedEnd || !endFor) && !this.notedEnds.has(r)) {
      this.notedEnds.add(r); // once per VEVENT, not per occurrence
      this.skipped.push({
        uid: r.uid,
        title: r.fields.title,
        line: r.line,
        reason: 'Không có giờ kết thúc, đã tạm tính thời lượng 1 giờ',
      });
    }
    const endMs = endFor ? endFor(wall, startMs) : startMs + (r.start.isDate ? DAY_MS : DEFAULT_DURATION_MS);
    this.events.push({
      uid: r.uid,
      recurrenceId,
      startMs,
      endMs,
      allDay: r.start.isDate,
      ...r.fields,
      participants: [...r.fields.participants],
      ...(r.thisAndFuture && recurrenceId === r.recurrenceIdMs ? { thisAndFuture: true } : {}),
    });
  }

  expand(master: EventRecord, overrides: Map<number, EventRecord>): void {
    const { comp } = master;
    const masterEnd = master.endFor as EndRule; // masters always have one (see readEnd in ics-reader.ts)
    const rrules = comp.getAllProperties('rrule');
    const rdates = comp.getAllProperties('rdate');
    if (!rrules.length && !rdates.length) {
      this.emit(master, null, master.start.wall, toMs(master.start), masterEnd);
      // Overrides of an event that does not recur: taken as written.
      for (const [ms, r] of overrides) this.emit(r, ms, r.start.wall, toMs(r.start), r.endFor ?? masterEnd);
      return;
    }

    // Original starts of the series up to expandUntilMs, by UTC ms.
    const occurrences = new Map<number, { wall: Wall; endFor: EndRule }>();
    let cut = false;
    /** Original starts whose occurrence was moved past expandUntilMs: the series still has them. */
    const heldBack: number[] = [];
    const add = (wall: Wall, ms: number, endFor: EndRule = masterEnd) => {
      if (ms > this.expandUntilMs) cut = true;
      else if (!occurrences.has(ms)) occurrences.set(ms, { wall, endFor });
      if (occurrences.size > this.maxEvents) this.tooMany();
    };
    add(master.start.wall, toMs(master.start)); // DTSTART is always the first occurrence (RFC 5545 §3.8.5.3)
    for (const p of rrules) if (this.expandRule(master, p, add)) cut = true;
    for (const p of rdates) {
      for (const v of p.jCal.slice(3) as unknown[]) {
        const period = Array.isArray(v) ? (v as string[]) : null;
        const t = this.values.timeValue(comp, p, period ? period[0] : v, true);
        const ms = toMs(t);
        const endMs = period ? this.periodEnd(comp, p, ms, period[1]) : null;
        add(t.wall, ms, endMs === null ? masterEnd : () => endMs);
      }
    }

    const excluded = new Set<number>();
    const excludedDays = new Set<string>();
    for (const p of comp.getAllProperties('exdate')) {
      for (const t of this.values.readTimes(comp, p)) {
        // A DATE EXDATE on a timed series removes that day's occurrence.
        if (t.isDate && !master.start.isDate) excludedDays.add(wallKey(t.wall));
        else excluded.add(toMs(t));
      }
    }

    // RANGE=THISANDFUTURE: an override also moves and changes the occurrences after it that have none of their own
    // (RFC 5545 §3.8.4.4: each later start is offset as the override's DTSTART is from its RECURRENCE-ID).
    const futures = [...overrides].filter(([, r]) => r.thisAndFuture).sort((a, b) => a[0] - b[0]);
    const futureFor = (ms: number) => futures.filter(([rid]) => rid < ms).at(-1);

    let emitted = 0;
    for (const [ms, occ] of [...occurrences].sort((a, b) => a[0] - b[0])) {
      if (excluded.has(ms) || excludedDays.has(wallKey(occ.wall))) continue;
      const override = overrides.get(ms);
      const future = override ? undefined : futureFor(ms);
      if (future) {
        const [rid, r] = future;
        const startMs = ms + toMs(r.start) - rid;
        // Each later occurrence lasts as long as the override itself does.
        const length = (r.endFor ?? occ.endFor)(r.start.wall, toMs(r.start)) - toMs(r.start);
        if (startMs > this.expandUntilMs) {
          cut = true;
          heldBack.push(ms);
        } else {
          this.emit(r, ms, occ.wall, startMs, (_w, s) => s + length);
          emitted++;
        }
        continue;
      }
      if (!override) this.emit(master, ms, occ.wall, ms, occ.endFor);
      else if (toMs(override.start) > this.expandUntilMs) {
        cut = true;
        heldBack.push(ms);
        continue;
      } else this.emit(override, ms, override.start.wall, toMs(override.start), override.endFor ?? masterEnd);
      emitted++;
    }
    // Overrides matching no occurrence: beyond the expansion but moved before its end, or off the rule. An EXDATE
    // wins over an override of the same occurrence.
    for (const [ms, r] of overrides) {
      if (occurrences.has(ms) || excluded.has(ms) || excludedDays.has(wallKey(r.start.wall))) continue;
      if (toMs(r.start) > this.expandUntilMs) {
        cut = true;
        heldBack.push(ms);
        continue;
      }
      this.emit(r, ms, r.start.wall, toMs(r.start), r.endFor ?? masterEnd);
      emitted++;
    }

    this.series.push({ uid: master.uid, sequence: master.fields.sequence, expandedToMs: cut ? this.expandUntilMs : null, heldBack, ...this.scope });
    const label = { uid: master.uid, title: master.fields.title, line: master.line };
    if (cut) {
      const d = vnDate(this.expandUntilMs);
      const dd = `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
      this.skipped.push({ ...label, reason: `Chỉ nhập các lần họp đến ngày ${dd}` });
    } else if (emitted === 0) {
      this.skipped.push({ ...label, reason: 'Sự kiện lặp lại không còn lần họp nào (mọi lần đều đã bị loại trừ)' });
    }
  }

  private periodEnd(comp: Component, p: Property, startMs: number, end: string): number {
    const endMs = /^[+-]?P/.test(end)
      ? startMs + ICAL.Duration.fromString(end).toSeconds() * 1000
      : toMs(this.values.timeValue(comp, p, end, true));
    if (endMs <= startMs) throw this.values.eventError(comp, 'khoảng thời gian trong RDATE kết thúc trước khi bắt đầu.', p);
    return endMs;
  }

  /**
   * Occurrences of one RRULE, generated by ical.js in the wall-clock time of DTSTART and placed in time by our
   * frame. UNTIL is applied here, on instants, because ical.js would compare a wall time in a zone it does not know
   * with a UTC UNTIL. Returns whether the series goes on past expandUntilMs.
   */
  private expandRule(master: EventRecord, p: Property, add: (w: Wall, ms: number) => void): boolean {
    const { start } = master;
    const rule = (p.getFirstValue() as Recur).clone();
    const until = rule.until;
    rule.until = null;
    let untilMs = Infinity;
    let untilDay: Wall | null = null;
    if (until) {
      const w: Wall = {
        year: until.year,
        month: until.month,
        day: until.day,
        hour: until.hour,
        minute: until.minute,
        second: until.second,
      };
      if (until.isDate && !start.isDate) untilDay = w; // sloppy but common: a DATE UNTIL on a timed series
      else if (until.isDate) untilMs = vnMidnightMs(w.year, w.month, w.day);
      else untilMs = wallToUtc(until.zone === ICAL.Timezone.utcTimezone ? { kind: 'utc' } : start.frame, w);
    }
    const parts = rule.parts as Record<string, number[] | undefined>;
    const byMonth = parts.BYMONTH ?? null;
    const byMonthDay = parts.BYMONTHDAY ?? null;

    const dtstart = ICAL.Time.fromData({ ...start.wall, isDate: start.isDate }, ICAL.Timezone.localTimezone);
    try {
      const it = rule.iterator(dtstart);
      this.guard(it);
      for (;;) {
        const t: IcalTime | null = it.next();
        if (!t) return false;
        const wall: Wall = { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
        // ical.js rolls impossible dates over (BYMONTH=2;BYMONTHDAY=30 gives 2 March); RFC 5545 ignores them.
        if (byMonth && !byMonth.includes(wall.month)) continue;
        if (byMonthDay) {
          const dim = daysInMonth(wall.year, wall.month);
          if (!byMonthDay.some((d) => d === wall.day || dim + 1 + d === wall.day)) continue;
        }
        const ms = start.isDate ? vnMidnightMs(wall.year, wall.month, wall.day) : wallToUtc(start.frame, wall);
        if (ms > untilMs || (untilDay && compareDays(wall, untilDay) > 0)) return false;
        if (ms > this.expandUntilMs) return true;
        add(wall, ms);
      }
    } catch (e) {
      if (e instanceof IcsError) throw e;
      throw this.values.eventError(master.comp, 'quy tắc lặp lại (RRULE) không dùng được: không tìm ra các lần họp.', p);
    }
  }

  /** Bounds the work ical.js may do on a rule that never matches (see MAX_RULE_STEPS). */
  private guard(it: object): void {
    const target = it as { check_contracting_rules?: () => boolean };
    const original = target.check_contracting_rules;
    if (typeof original !== 'function') return;
    target.check_contracting_rules = () => {
      if (++this.ruleSteps > MAX_RULE_STEPS) throw new Error('rule step limit');
      return original.call(it);
    };
  }
}
