import ICAL from 'ical.js';
import type { CalendarScope, IcsParseResult, MeetingStatus, SkippedItem } from './ics-event';
import { DAY_MS } from './ics-event';
import { type Component, IcsError, type Property } from './ics-lines';
import { DEFAULT_DURATION_MS, type EndRule, type EventRecord, type EventValues, Occurrences } from './ics-recurrence';
import {
  addDays,
  daysInMonth,
  type Frame,
  type IcalTimezone,
  resolveTzid,
  type TimeValue,
  toMs,
  type Wall,
  wallToUtc,
} from './ics-zones';

/**
 * Reading the VCALENDARs of an iCalendar file, as ical.js parsed them, into meetings (see ics-import.ts): the
 * VTIMEZONEs, then each VEVENT's times and fields, mapped onto our meeting; ics-recurrence.ts places them on their
 * occurrences.
 */

const UNTITLED = '(Không có tiêu đề)';
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z?)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------------------------
// Text

/** NFC, one kind of line break, no control characters but tab and newline, trimmed. */
function cleanText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .normalize('NFC')
    .trim();
}

/** RFC 5545 §3.3.11 TEXT unescaping, for properties ical.js leaves raw (X- and other unknown ones). */
function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function propText(p: Property): string {
  const raw = p.jCal[3];
  const s = typeof raw === 'string' ? raw : String(p.getFirstValue() ?? '');
  return p.type === 'text' ? s : unescapeText(s);
}

function firstText(comp: Component, name: string): string | null {
  const p = comp.getFirstProperty(name);
  return p ? cleanText(propText(p)) : null;
}

function paramText(p: Property, name: string): string {
  const v = p.getParameter(name);
  return cleanText(Array.isArray(v) ? v.join(',') : (v ?? ''));
}

/** CN of an ORGANIZER / ATTENDEE, else its mailto address; null for "invalid:nomail" and other address-less URIs. */
function personName(p: Property): string | null {
  const cn = paramText(p, 'cn');
  if (cn) return cn;
  const value = String(p.getFirstValue() ?? '').trim();
  const m = /^mailto:(.+)$/i.exec(value);
  return m ? cleanText(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading calendars

const STATUS_FROM_ICAL: Record<string, MeetingStatus> = {
  TENTATIVE: 'du-kien',
  CONFIRMED: 'chinh-thuc',
  CANCELLED: 'huy',
};
const OUR_STATUSES: readonly MeetingStatus[] = ['du-kien', 'chinh-thuc', 'hoan', 'huy'];


/** Reads the VCALENDARs of one file into events; refuses (throws IcsError) on the first problem. */
export class CalendarReader implements EventValues {
  private readonly skipped: SkippedItem[] = [];
  private readonly occurrences: Occurrences;
  private calendarName: string | null = null;
  private range: IcsParseResult['range'] = null;
  private filter: string | null = null;
  private partial = false;
  private scopeRead = false;
  private floatingSeen = false;
  // Per VCALENDAR:
  private vtimezones = new Map<string, IcalTimezone>();
  private hasMethod = false;

  constructor(
    private readonly lines: Map<object, number>,
    expandUntilMs: number,
    maxEvents: number,
  ) {
    this.occurrences = new Occurrences(this, this.skipped, expandUntilMs, maxEvents);
  }

  result(): IcsParseResult {
    if (this.floatingSeen) {
      this.skipped.unshift({ reason: 'Giờ không ghi múi giờ, đã hiểu theo giờ Việt Nam (UTC+7)' });
    }
    const events = [...this.occurrences.events].sort(
      (a, b) =>
        a.startMs - b.startMs ||
        (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) ||
        (a.recurrenceId ?? 0) - (b.recurrenceId ?? 0),
    );
    return { events, skipped: this.skipped, calendarName: this.calendarName, range: this.range, filter: this.filter, partial: this.partial, series: this.occurrences.series };
  }

  readCalendar(cal: Component): void {
    this.calendarName ??= firstText(cal, 'x-wr-calname') || firstText(cal, 'name') || null;
    this.readScope(cal);
    this.hasMethod = cal.hasProperty('method');
    this.readTimezones(cal);

    const records: EventRecord[] = [];
    for (const sub of cal.getAllSubcomponents()) {
      if (sub.name === 'vevent') records.push(this.readEvent(sub));
      else if (sub.name !== 'vtimezone') {
        this.skipped.push({ ...this.identify(sub), reason: `Không phải sự kiện lịch (${sub.name.toUpperCase()})` });
      }
    }

    // Series masters (and single events) by UID; overrides (RECURRENCE-ID) by UID and original start.
    const masters = new Map<string, EventRecord>();
    const overrides = new Map<string, Map<number, EventRecord>>();
    for (const r of records) {
      if (r.recurrenceIdMs === null) {
        const dup = masters.get(r.uid);
        if (dup) throw this.duplicate(r, dup);
        masters.set(r.uid, r);
      } else {
        let byTime = overrides.get(r.uid);
        if (!byTime) overrides.set(r.uid, (byTime = new Map()));
        const dup = byTime.get(r.recurrenceIdMs);
        if (dup) throw this.duplicate(r, dup);
        byTime.set(r.recurrenceIdMs, r);
      }
    }
    for (const master of masters.values()) this.occurrences.expand(master, overrides.get(master.uid) ?? new Map());
    for (const [uid, byTime] of overrides) {
      // Overrides whose series is not in the file (an invitation to one occurrence): each is a meeting of its own.
      if (!masters.has(uid)) for (const [ms, r] of byTime) this.occurrences.emit(r, ms, r.start.wall, toMs(r.start), r.endFor);
    }
  }

  /**
   * What our export writes about a calendar's span and filter (X-VANPHONG-RANGE, X-VANPHONG-FILTER): the scope its
   * series are judged in; the file's own fields tell the first calendar's.
   */
  private readScope(cal: Component): void {
    const scope: CalendarScope = { range: null, partial: false };
    const filter = firstText(cal, 'x-vanphong-filter');
    if (filter !== null) scope.partial = true;
    const range = firstText(cal, 'x-vanphong-range');
    if (range !== null) {
      const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(range);
      const real = (d: string) => {
        const t = Date.parse(`${d}T00:00:00Z`);
        return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
      };
      if (m && real(m[1]) && real(m[2]) && m[1] <= m[2]) scope.range = { from: m[1], to: m[2] };
      else {
        scope.partial = true;
        this.skipped.push({ line: this.lineOf(cal), reason: `Không đọc được khoảng thời gian của tệp (X-VANPHONG-RANGE “${range}”): không hủy buổi họp nào vắng trong tệp` });
      }
    }
    if (!this.scopeRead) {
      this.scopeRead = true;
      this.range = scope.range;
      this.filter = filter;
      this.partial = scope.partial;
    }
    this.occurrences.scope = scope;
  }

  private readTimezones(cal: Component): void {
    this.vtimezones = new Map();
    for (const vtz of cal.getAllSubcomponents('vtimezone')) {
      const tzid = String(vtz.getFirstPropertyValue('tzid') ?? '');
      const rules = vtz.getAllSubcomponents().filter((c) => c.name === 'standard' || c.name === 'daylight');
      // A VTIMEZONE without STANDARD/DAYLIGHT defines nothing: its TZID is left to name resolution.
      if (!tzid || !rules.length) continue;
      const zone = new ICAL.Timezone({ component: vtz, tzid });
      try {
        const probe = wallToUtc({ kind: 'vtimezone', zone }, { year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
        if (!Number.isFinite(probe)) throw new Error('NaN');
      } catch {
        const line = this.lineOf(vtz);
        throw new IcsError(`Dòng ${line ?? '?'}: định nghĩa múi giờ “${tzid}” (VTIMEZONE) không hợp lệ.`, line);
      }
      this.vtimezones.set(tzid, zone);
    }
  }

  // -- identification and errors ---------------------------------------------------------------------------------

  private lineOf(x: Component | Property): number | undefined {
    return this.lines.get(x.jCal);
  }

  private identify(comp: Component): { uid?: string; title?: string; line?: number } {
    const out: { uid?: string; title?: string; line?: number } = {};
    const uid = uidOf(comp);
    const title = firstText(comp, 'summary');
    const line = this.lineOf(comp);
    if (uid) out.uid = uid;
    if (title) out.title = title;
    if (line !== undefined) out.line = line;
    return out;
  }

  /** Sự kiện “Họp giao ban” (dòng 12) — how messages name an event. */
  eventLabel(comp: Component): string {
    const title = firstText(comp, 'summary');
    const line = this.lineOf(comp);
    const where = line !== undefined ? ` (dòng ${line})` : '';
    return title ? `Sự kiện “${title}”${where}` : `Sự kiện không có tiêu đề${where}`;
  }

  /** “Dòng 9, sự kiện “Họp” (dòng 4): …” when a property is at fault, “Sự kiện “Họp” (dòng 4): …” otherwise. */
  eventError(comp: Component, what: string, prop?: Property | null): IcsError {
    const propLine = prop ? this.lineOf(prop) : undefined;
    const compLine = this.lineOf(comp);
    const label = this.eventLabel(comp);
    if (propLine === undefined || propLine === compLine) return new IcsError(`${label}: ${what}`, compLine);
    return new IcsError(`Dòng ${propLine}, ${label.charAt(0).toLowerCase()}${label.slice(1)}: ${what}`, propLine);
  }

  private duplicate(a: EventRecord, b: EventRecord): IcsError {
    const what = a.recurrenceIdMs === null ? '' : ' cho cùng một lần họp (RECURRENCE-ID)';
    return new IcsError(`${this.eventLabel(a.comp)}: trùng UID “${a.uid}”${what} với sự kiện ở dòng ${b.line}.`, a.line);
  }


  // -- one VEVENT ------------------------------------------------------------------------------------------------

  private readEvent(comp: Component): EventRecord {
    const line = this.lineOf(comp) ?? 0;
    const uid = uidOf(comp);
    if (!uid) throw this.eventError(comp, 'thiếu UID (mã định danh sự kiện).');

    const recurrenceIdProp = comp.getFirstProperty('recurrence-id');
    const recurrenceId = recurrenceIdProp ? this.readTimes(comp, recurrenceIdProp)[0] : null;
    const thisAndFuture = String(recurrenceIdProp?.getParameter('range') ?? '').toUpperCase() === 'THISANDFUTURE';
    const dtstart = comp.getFirstProperty('dtstart');
    if (!dtstart && !recurrenceId) throw this.eventError(comp, 'thiếu thời gian bắt đầu (DTSTART).');
    // An override without DTSTART keeps its original start: RFC 5545 wants one, but the meaning is clear.
    const start = dtstart ? this.readTimes(comp, dtstart)[0] : (recurrenceId as TimeValue);
    const { endFor, defaultedEnd } = this.readEnd(comp, start, recurrenceId !== null);

    let title = firstText(comp, 'summary') ?? '';
    if (!title) {
      title = UNTITLED;
      this.skipped.push({ uid, line, reason: `Sự kiện không có tiêu đề, đã đặt là “${UNTITLED}”` });
    }
    return {
      comp,
      line,
      uid,
      start,
      endFor,
      defaultedEnd,
      recurrenceIdMs: recurrenceId ? toMs(recurrenceId) : null,
      thisAndFuture,
      fields: { ...this.readFields(comp), title },
    };
  }

  private readFields(comp: Component): EventRecord['fields'] {
    const x = (name: string) => comp.getAllProperties(name).map((p) => cleanText(propText(p)));
    const xChair = x('x-vanphong-chair');
    const xParticipants = x('x-vanphong-participant');
    const xStatus = x('x-vanphong-status')[0] as MeetingStatus | undefined;

    let chair: string | null;
    if (xChair.length) chair = xChair[0] || null;
    else {
      const organizer = comp.getFirstProperty('organizer');
      chair = organizer ? personName(organizer) : null;
    }

    let participants: string[];
    if (xParticipants.length) participants = xParticipants.filter(Boolean);
    else {
      const organizer = String(comp.getFirstPropertyValue('organizer') ?? '').toLowerCase();
      participants = [];
      for (const a of comp.getAllProperties('attendee')) {
        const cutype = paramText(a, 'cutype').toUpperCase();
        if (cutype === 'ROOM' || cutype === 'RESOURCE') continue; // rooms and equipment are not participants
        // Google lists the organizer among the attendees too.
        if (organizer.startsWith('mailto:') && String(a.getFirstValue() ?? '').toLowerCase() === organizer) continue;
        const name = personName(a);
        if (name && !participants.includes(name)) participants.push(name);
      }
    }

    let status: MeetingStatus;
    if (xStatus && OUR_STATUSES.includes(xStatus)) status = xStatus;
    else status = STATUS_FROM_ICAL[(firstText(comp, 'status') ?? '').toUpperCase()] ?? 'chinh-thuc';

    const sequence = Number(comp.getFirstPropertyValue('sequence') ?? 0);
    return {
      sequence: Number.isInteger(sequence) && sequence > 0 ? sequence : 0,
      title: '',
      content: firstText(comp, 'description') ?? '',
      location: firstText(comp, 'location') ?? '',
      status,
      chair,
      participants,
      prepareUnit: x('x-vanphong-prepare')[0] || null,
      room: x('x-vanphong-room')[0] || null,
      updatedMs: this.readUpdated(comp),
    };
  }

  private readUpdated(comp: Component): number | null {
    for (const name of this.hasMethod ? ['last-modified'] : ['last-modified', 'dtstamp']) {
      const p = comp.getFirstProperty(name);
      if (p) return toMs(this.readTimes(comp, p, false)[0]);
    }
    return null;
  }

  /** The DATE / DATE-TIME values of a property: several for EXDATE and RDATE; a PERIOD gives its start. */
  readTimes(comp: Component, p: Property, eventTime = true): TimeValue[] {
    return p.jCal.slice(3).map((v: unknown) => this.timeValue(comp, p, Array.isArray(v) ? v[0] : v, eventTime));
  }

  timeValue(comp: Component, p: Property, v: unknown, eventTime: boolean): TimeValue {
    const invalid = () => this.eventError(comp, `giá trị ngày giờ của ${p.name.toUpperCase()} không hợp lệ.`, p);
    const s = typeof v === 'string' ? v : '';
    let m = DATE_RE.exec(s);
    let wall: Wall;
    let isDate = false;
    let utc = false;
    if (m) {
      isDate = true;
      wall = { year: +m[1], month: +m[2], day: +m[3], hour: 0, minute: 0, second: 0 };
    } else if ((m = DATE_TIME_RE.exec(s))) {
      // A leap second (:60) is read as :59.
      wall = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: Math.min(+m[6], 59) };
      utc = m[7] === 'Z';
    } else throw invalid();
    const { year, month, day, hour, minute } = wall;
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) {
      throw invalid();
    }
    let frame: Frame = { kind: 'utc' };
    if (!isDate && !utc) {
      const tzid = p.getFirstParameter('tzid');
      if (tzid) {
        const resolved = resolveTzid(tzid, this.vtimezones);
        if (!resolved) {
          throw this.eventError(
            comp,
            `múi giờ “${tzid}” không xác định (tệp không định nghĩa múi giờ này bằng VTIMEZONE, và đây không phải tên múi giờ đã biết).`,
            p,
          );
        }
        frame = resolved;
      } else {
        frame = { kind: 'floating' };
        if (eventTime) this.floatingSeen = true;
      }
    }
    return { isDate, wall, frame };
  }

  private readEnd(comp: Component, start: TimeValue, isOverride: boolean): Pick<EventRecord, 'endFor' | 'defaultedEnd'> {
    const dtend = comp.getFirstProperty('dtend');
    const durationProp = comp.getFirstProperty('duration');
    if (dtend) {
      const end = this.readTimes(comp, dtend)[0];
      if (end.isDate !== start.isDate) {
        throw this.eventError(comp, 'DTEND phải cùng kiểu (ngày, hoặc ngày giờ) với DTSTART.', dtend);
      }
      const length = toMs(end) - toMs(start);
      if (length < 0) throw this.eventError(comp, 'thời gian kết thúc (DTEND) trước thời gian bắt đầu.', dtend);
      // RFC 5545 §3.8.5.3: every occurrence lasts exactly as long as the first.
      if (length > 0) return { endFor: (_w, ms) => ms + length, defaultedEnd: false };
    } else if (durationProp) {
      const d = durationProp.getFirstValue() as InstanceType<typeof ICAL.Duration>;
      if (d.isNegative && d.toSeconds() !== 0) {
        throw this.eventError(comp, 'thời lượng (DURATION) âm: kết thúc trước khi bắt đầu.', durationProp);
      }
      const days = d.weeks * 7 + d.days;
      const exactMs = ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
      if (start.isDate && (days > 0 || exactMs > 0)) {
        const length = (days + Math.ceil(exactMs / DAY_MS)) * DAY_MS;
        return { endFor: (_w, ms) => ms + length, defaultedEnd: false };
      }
      if (days > 0 || exactMs > 0) {
        // Days are nominal (the same wall time days later, across DST); hours and less are exact (§3.3.6).
        const endFor: EndRule = (w, ms) => (days ? wallToUtc(start.frame, addDays(w, days)) : ms) + exactMs;
        return { endFor, defaultedEnd: false };
      }
    } else if (isOverride) {
      return { endFor: null, defaultedEnd: false }; // same duration as the series
    } else if (start.isDate) {
      return { endFor: (_w, ms) => ms + DAY_MS, defaultedEnd: false };
    }
    // No end, or a zero length: one day for all-day events, one hour otherwise (see the decisions in ics-import.ts).
    const length = start.isDate ? DAY_MS : DEFAULT_DURATION_MS;
    return { endFor: (_w, ms) => ms + length, defaultedEnd: !start.isDate };
  }
}

/** UID as written (trimmed; not normalised: it identifies the event in the other calendar). */
function uidOf(comp: Component): string {
  const p = comp.getFirstProperty('uid');
  return p ? propText(p).trim() : '';
}
