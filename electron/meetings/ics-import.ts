import ICAL from 'ical.js';
import {
  DAY_MS,
  type CalendarEvent,
  type MeetingStatus,
  utcMs,
  VN_OFFSET_MS,
  vnDate,
  vnMidnightMs,
} from './ics-event';

/**
 * Reading an iCalendar (RFC 5545) file — an Outlook or Google Calendar export, or one of ours — into meetings.
 *
 * The file comes from outside, so it is treated as hostile and the whole file is accepted or refused: anything that
 * would make us guess (broken lines, unbalanced BEGIN/END, an event without UID or start, an unknown time zone, a
 * series that expands beyond the limit) throws an IcsError with a Vietnamese message naming the line or the event,
 * and nothing partial is returned. What we can safely read but the user should know about comes back in `skipped`.
 *
 * Division of labour:
 * - Our own line scan first: size, UTF-8, unfolding, "NAME[;params]:value" syntax, BEGIN/END balance. It records the
 *   line of every component and property, so later errors can name the line; ical.js's messages are English and
 *   carry no position.
 * - ical.js (Mozilla) then parses: unfolding, TEXT unescaping, parameter quoting / RFC 6868, value types, RRULE.
 *   Its RecurIterator expands RRULEs in wall-clock time; VTIMEZONE definitions become ICAL.Timezone objects.
 * - Time zones without a VTIMEZONE (IANA names, Windows names as Outlook writes them) are resolved with Intl here,
 *   because ical.js only knows zones defined in the file (or registered globally, which we avoid). For the same
 *   reason EXDATE / RDATE / RECURRENCE-ID matching is done here on UTC instants rather than by ical.js's
 *   RecurExpansion, which would compare times in unknown zones as if they were UTC.
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
}

/** A reason to refuse the whole file. The message is Vietnamese and shown to the user as is. */
export class IcsError extends Error {
  line?: number;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'IcsError';
    if (line !== undefined) this.line = line;
  }
}

/** A busy office's year (20,000 meetings) exports to about 12 MB; 32 MB leaves room and refuses a runaway file. */
export const ICS_MAX_BYTES = 32 * 1024 * 1024;
const DEFAULT_MAX_EVENTS = 50_000;
const MAX_DEPTH = 10;
/** Length given to timed events that have no (or a zero) duration. */
const DEFAULT_DURATION_MS = 3600_000;
/**
 * Steps ical.js may spend looking for occurrences in the whole file. A rule that can never match (FREQ=DAILY;
 * BYMONTH=2;BYMONTHDAY=30) makes its iterator loop forever; real rules use a few steps per occurrence.
 */
const MAX_RULE_STEPS = 300_000;
const UNTITLED = '(Không có tiêu đề)';

export function parseIcs(
  text: string | Uint8Array,
  o: { expandUntilMs: number; maxEvents?: number },
): IcsParseResult {
  if (!Number.isFinite(o.expandUntilMs)) throw new TypeError('expandUntilMs must be a finite number');
  const maxEvents = o.maxEvents ?? DEFAULT_MAX_EVENTS;
  const source = decodeInput(text);
  const scan = scanLines(source);
  const lines = new Map<object, number>();
  const calendars = parseWithIcalJs(scan, lines);
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

// ---------------------------------------------------------------------------------------------------------------
// Bytes → text

function decodeInput(input: string | Uint8Array): string {
  if (typeof input === 'string') {
    // Every UTF-16 unit is at least one UTF-8 byte: the cheap test first, the exact count only when it matters.
    if (input.length > ICS_MAX_BYTES || utf8Length(input) > ICS_MAX_BYTES) throw tooBig();
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.byteLength > ICS_MAX_BYTES) throw tooBig();
  let bytes = input;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = lineOfInvalidUtf8(bytes);
    throw new IcsError(
      `Tệp lịch không phải văn bản UTF-8 (lỗi mã hóa ở dòng ${line}). Hãy xuất lại tệp .ics với mã hóa UTF-8.`,
      line,
    );
  }
}

/** UTF-8 length of a string (no Buffer: this module also runs outside Node). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair
      i++;
    } else n += 3;
  }
  return n;
}

function tooBig(): IcsError {
  return new IcsError(`Tệp lịch quá lớn (tối đa ${ICS_MAX_BYTES / 1024 / 1024} MB).`);
}

/** 1-based line of the first byte sequence that is not well-formed UTF-8 (RFC 3629). */
function lineOfInvalidUtf8(b: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c === 0x0a) line++;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return line;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return line;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return line;
    i += need + 1;
  }
  return line;
}

// ---------------------------------------------------------------------------------------------------------------
// Line scan: our own validation, so that every refusal names a line

interface LogicalLine {
  text: string;
  line: number;
}
interface ScannedComponent {
  name: string;
  line: number;
  propLines: number[];
  children: ScannedComponent[];
}
interface Scan {
  /** The physical lines ical.js gets: the file without blank lines, CRLF-joined. ical.js unfolds them itself. */
  icalText: string;
  logical: LogicalLine[];
  roots: ScannedComponent[];
}

const PARAM_NAME = /[A-Za-z0-9-]+=/y;
// RFC 5545 §3.1: quoted-string = DQUOTE *QSAFE-CHAR DQUOTE; paramtext = *SAFE-CHAR (no CTL, DQUOTE, ";", ":", ",").
const PARAM_VALUE = /"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*/y;
const NAME = /[A-Za-z0-9-]+/y;

/** Splits "NAME;P=v,"w";Q=x:value" into name and value; null when the line is not a content line. */
function splitContentLine(s: string): { name: string; value: string } | null {
  NAME.lastIndex = 0;
  if (!NAME.test(s)) return null;
  const name = s.slice(0, NAME.lastIndex);
  let i = NAME.lastIndex;
  while (s[i] === ';') {
    PARAM_NAME.lastIndex = i + 1;
    if (!PARAM_NAME.test(s)) return null;
    i = PARAM_NAME.lastIndex;
    for (;;) {
      PARAM_VALUE.lastIndex = i;
      PARAM_VALUE.test(s); // the empty alternative always matches
      i = PARAM_VALUE.lastIndex;
      if (s[i] !== ',') break;
      i++;
    }
  }
  if (s[i] !== ':') return null;
  return { name, value: s.slice(i + 1) };
}

function scanLines(text: string): Scan {
  const physical = text.split(/\r\n|\n|\r/);
  const kept: string[] = [];
  const logical: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i];
    if (raw === '') continue; // blank lines (a trailing newline, blank separators) carry nothing
    if (raw[0] === ' ' || raw[0] === '\t') {
      const prev = logical[logical.length - 1];
      if (!prev) throw notCalendar(i + 1);
      prev.text += raw.slice(1);
    } else {
      logical.push({ text: raw, line: i + 1 });
    }
    kept.push(raw);
  }
  if (logical.length === 0) throw new IcsError('Tệp lịch trống.');

  const roots: ScannedComponent[] = [];
  const stack: ScannedComponent[] = [];
  for (const { text: s, line } of logical) {
    const cl = splitContentLine(s);
    const keyword = cl?.name.toUpperCase();
    if (stack.length === 0 && !(keyword === 'BEGIN' && cl?.value.trim().toUpperCase() === 'VCALENDAR')) {
      if (roots.length === 0) throw notCalendar(line);
      throw new IcsError(`Dòng ${line}: nội dung nằm ngoài khối BEGIN:VCALENDAR … END:VCALENDAR.`, line);
    }
    if (!cl) {
      throw new IcsError(
        `Dòng ${line}: dòng sai cấu trúc iCalendar (cần dạng TÊN;tham-số=giá-trị:nội-dung, hoặc dòng tiếp nối bắt đầu bằng dấu cách): “${preview(s)}”.`,
        line,
      );
    }
    if (keyword === 'BEGIN' || keyword === 'END') {
      const comp = cl.value.trim().toUpperCase();
      if (!/^[A-Z0-9-]+$/.test(comp)) {
        throw new IcsError(`Dòng ${line}: ${keyword} thiếu tên thành phần hợp lệ: “${preview(s)}”.`, line);
      }
      if (keyword === 'BEGIN') {
        if (stack.length >= MAX_DEPTH) throw new IcsError(`Dòng ${line}: các thành phần lồng nhau quá sâu.`, line);
        const node: ScannedComponent = { name: comp, line, propLines: [], children: [] };
        (stack.length ? stack[stack.length - 1].children : roots).push(node);
        stack.push(node);
      } else {
        const open = stack.pop();
        if (!open) throw new IcsError(`Dòng ${line}: END:${comp} không có BEGIN:${comp} tương ứng.`, line);
        if (open.name !== comp) {
          throw new IcsError(
            `Dòng ${line}: END:${comp} không khớp với BEGIN:${open.name} ở dòng ${open.line}.`,
            line,
          );
        }
      }
    } else {
      stack[stack.length - 1].propLines.push(line);
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) {
    throw new IcsError(
      `Dòng ${unclosed.line}: BEGIN:${unclosed.name} không có END:${unclosed.name} tương ứng (tệp bị cắt cụt?).`,
      unclosed.line,
    );
  }
  return { icalText: kept.join('\r\n'), logical, roots };
}

function notCalendar(line: number): IcsError {
  return new IcsError(
    `Tệp không phải lịch iCalendar (.ics): dòng ${line} phải là BEGIN:VCALENDAR.`,
    line,
  );
}

function preview(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

// ---------------------------------------------------------------------------------------------------------------
// ical.js parse, and the line of every component / property

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;
type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalTimezone = InstanceType<typeof ICAL.Timezone>;
type Recur = InstanceType<typeof ICAL.Recur>;

function parseWithIcalJs(scan: Scan, lines: Map<object, number>): Component[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(scan.icalText);
  } catch {
    throw locateValueError(scan.logical);
  }
  const jcals = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[][];
  const comps = jcals.map((j) => new ICAL.Component(j));
  comps.forEach((c, i) => recordLines(c, scan.roots[i], lines));
  return comps;
}

/** ical.js refused a value: find which line by parsing the lines one by one (only on this error path). */
function locateValueError(logical: LogicalLine[]): IcsError {
  for (const { text, line } of logical) {
    if (/^(BEGIN|END)[:;]/i.test(text)) continue;
    try {
      ICAL.parse.property(text);
    } catch {
      const name = splitContentLine(text)?.name.toUpperCase() ?? '';
      return new IcsError(`Dòng ${line}: giá trị của ${name} không hợp lệ: “${preview(text)}”.`, line);
    }
  }
  return new IcsError('Tệp lịch có nội dung không hợp lệ, không đọc được.');
}

/** Pairs ical.js's tree with the scan (same order, same counts) and remembers lines by jCal array identity. */
function recordLines(comp: Component, scanned: ScannedComponent | undefined, lines: Map<object, number>): void {
  if (!scanned) return;
  lines.set(comp.jCal, scanned.line);
  const props = comp.getAllProperties();
  if (props.length === scanned.propLines.length) props.forEach((p, i) => lines.set(p.jCal, scanned.propLines[i]));
  const subs = comp.getAllSubcomponents();
  if (subs.length === scanned.children.length) subs.forEach((s, i) => recordLines(s, scanned.children[i], lines));
}

// ---------------------------------------------------------------------------------------------------------------
// Time zones

/**
 * Windows time zone names (as Outlook writes them in TZID) → IANA, from CLDR windowsZones.xml (territory "001").
 * Used only when the file has no VTIMEZONE for the name.
 */
const WINDOWS_ZONES: Record<string, string> = {
  'Dateline Standard Time': 'Etc/GMT+12',
  'UTC-11': 'Etc/GMT+11',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time (Mexico)': 'America/Tijuana',
  'Pacific Standard Time': 'America/Los_Angeles',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time': 'America/Denver',
  'Central America Standard Time': 'America/Guatemala',
  'Central Standard Time': 'America/Chicago',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Canada Central Standard Time': 'America/Regina',
  'SA Pacific Standard Time': 'America/Bogota',
  'Eastern Standard Time': 'America/New_York',
  'US Eastern Standard Time': 'America/Indianapolis',
  'Venezuela Standard Time': 'America/Caracas',
  'Atlantic Standard Time': 'America/Halifax',
  'SA Western Standard Time': 'America/La_Paz',
  'Pacific SA Standard Time': 'America/Santiago',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'SA Eastern Standard Time': 'America/Cayenne',
  'UTC-02': 'Etc/GMT+2',
  'Azores Standard Time': 'Atlantic/Azores',
  'Cape Verde Standard Time': 'Atlantic/Cape_Verde',
  UTC: 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'GTB Standard Time': 'Europe/Bucharest',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Israel Standard Time': 'Asia/Jerusalem',
  'Egypt Standard Time': 'Africa/Cairo',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Arab Standard Time': 'Asia/Riyadh',
  'Arabic Standard Time': 'Asia/Baghdad',
  'Russian Standard Time': 'Europe/Moscow',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'Iran Standard Time': 'Asia/Tehran',
  'Arabian Standard Time': 'Asia/Dubai',
  'Afghanistan Standard Time': 'Asia/Kabul',
  'Pakistan Standard Time': 'Asia/Karachi',
  'West Asia Standard Time': 'Asia/Tashkent',
  'India Standard Time': 'Asia/Calcutta',
  'Sri Lanka Standard Time': 'Asia/Colombo',
  'Nepal Standard Time': 'Asia/Katmandu',
  'Central Asia Standard Time': 'Asia/Bishkek',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'Myanmar Standard Time': 'Asia/Rangoon',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'N. Central Asia Standard Time': 'Asia/Novosibirsk',
  'North Asia Standard Time': 'Asia/Krasnoyarsk',
  'China Standard Time': 'Asia/Shanghai',
  'North Asia East Standard Time': 'Asia/Irkutsk',
  'Singapore Standard Time': 'Asia/Singapore',
  'W. Australia Standard Time': 'Australia/Perth',
  'Taipei Standard Time': 'Asia/Taipei',
  'Ulaanbaatar Standard Time': 'Asia/Ulaanbaatar',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'Yakutsk Standard Time': 'Asia/Yakutsk',
  'Cen. Australia Standard Time': 'Australia/Adelaide',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'West Pacific Standard Time': 'Pacific/Port_Moresby',
  'Tasmania Standard Time': 'Australia/Hobart',
  'Vladivostok Standard Time': 'Asia/Vladivostok',
  'Central Pacific Standard Time': 'Pacific/Guadalcanal',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'UTC+12': 'Etc/GMT-12',
  'Fiji Standard Time': 'Pacific/Fiji',
  'Tonga Standard Time': 'Pacific/Tongatapu',
  'Samoa Standard Time': 'Pacific/Apia',
};
const WINDOWS_ZONES_LOWER = new Map(Object.entries(WINDOWS_ZONES).map(([k, v]) => [k.toLowerCase(), v]));

/** The IANA zone a Windows zone name stands for (case-insensitive), or null. Exported for tests. */
export function windowsZoneToIana(name: string): string | null {
  return WINDOWS_ZONES_LOWER.get(name.trim().toLowerCase()) ?? null;
}

/** How the wall-clock time of a DATE-TIME value becomes an instant. */
type Frame =
  | { kind: 'utc' }
  | { kind: 'floating' } // no Z, no TZID: read as Vietnam time
  | { kind: 'vtimezone'; zone: IcalTimezone }
  | { kind: 'iana'; zone: string };

interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null; // RangeError: not a zone this runtime knows
    }
    formatters.set(zone, f);
  }
  return f;
}

/** UTC offset (ms) of an IANA zone at an instant. */
function zoneOffsetMs(f: Intl.DateTimeFormat, ms: number): number {
  const at = Math.floor(ms / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) p[part.type] = Number(part.value);
  return utcMs(p.year, p.month, p.day, p.hour, p.minute, p.second) - at;
}

/**
 * The instant of a wall-clock time in an IANA zone, the way RFC 5545 §3.3.5 wants it: a time that occurs twice
 * (clocks going back) is the first one; a time that does not exist (clocks going forward) is read with the offset
 * before the gap, so 02:30 on a spring-forward night becomes 03:30 summer time.
 */
function ianaWallToUtc(zone: string, w: Wall): number {
  const f = formatterFor(zone);
  if (!f) throw new Error(`unknown zone ${zone}`);
  const wallMs = utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second);
  const before = zoneOffsetMs(f, wallMs - DAY_MS);
  const after = zoneOffsetMs(f, wallMs + DAY_MS);
  const fits = [before, after].map((off) => wallMs - off).filter((t) => zoneOffsetMs(f, t) === wallMs - t);
  return fits.length ? Math.min(...fits) : wallMs - before;
}

function wallToUtc(frame: Frame, w: Wall): number {
  switch (frame.kind) {
    case 'utc':
      return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second);
    case 'floating':
      return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second) - VN_OFFSET_MS;
    case 'iana':
      return ianaWallToUtc(frame.zone, w);
    case 'vtimezone': {
      const t = ICAL.Time.fromData({ ...w, isDate: false }, frame.zone);
      return Math.round(t.toUnixTime() * 1000);
    }
  }
}

/** TZID → frame: a VTIMEZONE of this calendar, else an IANA name, else a Windows name; null when unknown. */
function resolveTzid(tzid: string, vtimezones: Map<string, IcalTimezone>): Frame | null {
  const own = vtimezones.get(tzid);
  if (own) return { kind: 'vtimezone', zone: own };
  const name = tzid.trim();
  if (/^(Z|UTC|GMT|Etc\/UTC|Etc\/GMT)$/i.test(name)) return { kind: 'utc' };
  const candidates = [name, windowsZoneToIana(name)];
  // Old Lightning / libical prefixes: "/mozilla.org/20050126_1/Asia/Ho_Chi_Minh", "/citadel.org/…/Europe/Paris".
  const parts = name.split('/').filter(Boolean);
  if (parts.length > 2) candidates.push(parts.slice(-3).join('/'), parts.slice(-2).join('/'));
  for (const c of candidates) {
    // Intl also accepts "Asia/Ho_Chi_Minh" in any letter case; names with spaces (Windows ones) it refuses.
    if (c && formatterFor(c)) return { kind: 'iana', zone: c };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Date and time values

/** A DATE or DATE-TIME value with what is needed to place it in time. */
interface TimeValue {
  isDate: boolean;
  wall: Wall;
  frame: Frame; // meaningless for DATE values, which are Vietnam days
}

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z?)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toMs(v: TimeValue): number {
  return v.isDate ? vnMidnightMs(v.wall.year, v.wall.month, v.wall.day) : wallToUtc(v.frame, v.wall);
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 1, 0, 0, 0) - DAY_MS).getUTCDate();
}

function addDays(w: Wall, days: number): Wall {
  const d = new Date(utcMs(w.year, w.month, w.day, 0, 0, 0) + days * DAY_MS);
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function wallKey(w: Wall): string {
  return `${w.year}-${w.month}-${w.day}`;
}

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

/** One VEVENT, read but not yet placed on occurrences. */
interface EventRecord {
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
  fields: Omit<CalendarEvent, 'uid' | 'recurrenceId' | 'startMs' | 'endMs' | 'allDay'>;
}
type EndRule = (startWall: Wall, startMs: number) => number;

/** Reads the VCALENDARs of one file into events; refuses (throws IcsError) on the first problem. */
class CalendarReader {
  private readonly events: CalendarEvent[] = [];
  private readonly skipped: SkippedItem[] = [];
  /** Line of the VEVENT that produced each (uid, recurrenceId). */
  private readonly seen = new Map<string, number>();
  private readonly notedEnds = new Set<EventRecord>();
  private calendarName: string | null = null;
  private floatingSeen = false;
  private ruleSteps = 0;
  // Per VCALENDAR:
  private vtimezones = new Map<string, IcalTimezone>();
  private hasMethod = false;

  constructor(
    private readonly lines: Map<object, number>,
    private readonly expandUntilMs: number,
    private readonly maxEvents: number,
  ) {}

  result(): IcsParseResult {
    if (this.floatingSeen) {
      this.skipped.unshift({ reason: 'Giờ không ghi múi giờ, đã hiểu theo giờ Việt Nam (UTC+7)' });
    }
    const events = [...this.events].sort(
      (a, b) =>
        a.startMs - b.startMs ||
        (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) ||
        (a.recurrenceId ?? 0) - (b.recurrenceId ?? 0),
    );
    return { events, skipped: this.skipped, calendarName: this.calendarName };
  }

  readCalendar(cal: Component): void {
    this.calendarName ??= firstText(cal, 'x-wr-calname') || firstText(cal, 'name') || null;
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
    for (const master of masters.values()) this.expand(master, overrides.get(master.uid) ?? new Map());
    for (const [uid, byTime] of overrides) {
      // Overrides whose series is not in the file (an invitation to one occurrence): each is a meeting of its own.
      if (!masters.has(uid)) for (const [ms, r] of byTime) this.emit(r, ms, r.start.wall, toMs(r.start), r.endFor);
    }
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
  private eventLabel(comp: Component): string {
    const title = firstText(comp, 'summary');
    const line = this.lineOf(comp);
    const where = line !== undefined ? ` (dòng ${line})` : '';
    return title ? `Sự kiện “${title}”${where}` : `Sự kiện không có tiêu đề${where}`;
  }

  /** “Dòng 9, sự kiện “Họp” (dòng 4): …” when a property is at fault, “Sự kiện “Họp” (dòng 4): …” otherwise. */
  private eventError(comp: Component, what: string, prop?: Property | null): IcsError {
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

  private tooMany(): never {
    throw new IcsError(
      `Tệp lịch có quá nhiều cuộc họp (hơn ${this.maxEvents.toLocaleString('vi-VN')} lần họp sau khi trải các sự kiện lặp lại). Hãy xuất một khoảng thời gian ngắn hơn.`,
    );
  }

  // -- one VEVENT ------------------------------------------------------------------------------------------------

  private readEvent(comp: Component): EventRecord {
    const line = this.lineOf(comp) ?? 0;
    const uid = uidOf(comp);
    if (!uid) throw this.eventError(comp, 'thiếu UID (mã định danh sự kiện).');

    const recurrenceIdProp = comp.getFirstProperty('recurrence-id');
    const recurrenceId = recurrenceIdProp ? this.readTimes(comp, recurrenceIdProp)[0] : null;
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
  private readTimes(comp: Component, p: Property, eventTime = true): TimeValue[] {
    return p.jCal.slice(3).map((v: unknown) => this.timeValue(comp, p, Array.isArray(v) ? v[0] : v, eventTime));
  }

  private timeValue(comp: Component, p: Property, v: unknown, eventTime: boolean): TimeValue {
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
    // No end, or a zero length: one day for all-day events, one hour otherwise (see the decisions above).
    const length = start.isDate ? DAY_MS : DEFAULT_DURATION_MS;
    return { endFor: (_w, ms) => ms + length, defaultedEnd: !start.isDate };
  }

  // -- occurrences -----------------------------------------------------------------------------------------------

  /** Adds one meeting; `endFor` null (an override without end of a series not in the file) gets one hour. */
  private emit(r: EventRecord, recurrenceId: number | null, wall: Wall, startMs: number, endFor: EndRule | null): void {
    const key = `${r.uid}\u0000${recurrenceId ?? ''}`;
    const dup = this.seen.get(key);
    if (dup !== undefined) {
      throw new IcsError(`${this.eventLabel(r.comp)}: trùng UID “${r.uid}” với sự kiện ở dòng ${dup}.`, r.line);
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
    });
  }

  private expand(master: EventRecord, overrides: Map<number, EventRecord>): void {
    const { comp } = master;
    const masterEnd = master.endFor as EndRule; // masters always have one (see readEnd)
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
        const t = this.timeValue(comp, p, period ? period[0] : v, true);
        const ms = toMs(t);
        const endMs = period ? this.periodEnd(comp, p, ms, period[1]) : null;
        add(t.wall, ms, endMs === null ? masterEnd : () => endMs);
      }
    }

    const excluded = new Set<number>();
    const excludedDays = new Set<string>();
    for (const p of comp.getAllProperties('exdate')) {
      for (const t of this.readTimes(comp, p)) {
        // A DATE EXDATE on a timed series removes that day's occurrence.
        if (t.isDate && !master.start.isDate) excludedDays.add(wallKey(t.wall));
        else excluded.add(toMs(t));
      }
    }

    let emitted = 0;
    for (const [ms, occ] of [...occurrences].sort((a, b) => a[0] - b[0])) {
      if (excluded.has(ms) || excludedDays.has(wallKey(occ.wall))) continue;
      const override = overrides.get(ms);
      if (!override) this.emit(master, ms, occ.wall, ms, occ.endFor);
      else if (toMs(override.start) > this.expandUntilMs) {
        cut = true;
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
        continue;
      }
      this.emit(r, ms, r.start.wall, toMs(r.start), r.endFor ?? masterEnd);
      emitted++;
    }

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
      : toMs(this.timeValue(comp, p, end, true));
    if (endMs <= startMs) throw this.eventError(comp, 'khoảng thời gian trong RDATE kết thúc trước khi bắt đầu.', p);
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
      throw this.eventError(master.comp, 'quy tắc lặp lại (RRULE) không dùng được: không tìm ra các lần họp.', p);
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

/** UID as written (trimmed; not normalised: it identifies the event in the other calendar). */
function uidOf(comp: Component): string {
  const p = comp.getFirstProperty('uid');
  return p ? propText(p).trim() : '';
}

function compareDays(a: Wall, b: Wall): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
