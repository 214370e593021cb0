import ICAL from 'ical.js';
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { DAY_MS, utcMs, VN_OFFSET_MS, vnMidnightMs } from './ics-event';

/**
 * Time zones of an iCalendar file, and the wall-clock times they place in time (see ics-import.ts).
 *
 * Where the offset arithmetic comes from:
 * - a VTIMEZONE of the file: ical.js (ICAL.Timezone, its STANDARD/DAYLIGHT rules and their RRULEs);
 * - an IANA or Windows name: the runtime's tz database through Intl.DateTimeFormat({ timeZone }). Intl only goes from
 *   an instant to a wall time, so the way back (ianaWallToUtc) tries the offsets around the wall time and keeps one
 *   that fits, choosing as RFC 5545 §3.3.5 says for repeated and skipped times;
 * - no zone at all ("floating"), and DATE values: Vietnam time, a fixed UTC+7 (ics-event.ts).
 */

// ---------------------------------------------------------------------------------------------------------------
// Windows zone names

/**
 * Where windows-iana 5.1's CLDR data is out of date. Kazakhstan moved Asia/Almaty from UTC+6 to UTC+5 on
 * 1 March 2024 (tzdata 2024a), so the UTC+6 Windows zone "Central Asia Standard Time" is Asia/Bishkek, as our
 * earlier copy of CLDR windowsZones.xml had it; the package still maps it to Asia/Almaty.
 */
const WINDOWS_ZONE_CORRECTIONS: Record<string, string> = {
  'central asia standard time': 'Asia/Bishkek',
};

/**
 * Windows time zone names (as Outlook writes them in TZID), lower-cased → IANA: CLDR windowsZones.xml, territory
 * "001", as the windows-iana package ships it. Read from its data rather than with findIana(), which is
 * case-sensitive and scans the whole table on every call. Used only when the file has no VTIMEZONE for the name.
 */
const WINDOWS_ZONES = new Map<string, string>(
  WINDOWS_TO_IANA_MAP.filter((m) => m.territory === '001' && m.iana.length > 0).map((m) => [
    m.windowsName.toLowerCase(),
    m.iana[0],
  ]),
);
for (const [name, zone] of Object.entries(WINDOWS_ZONE_CORRECTIONS)) WINDOWS_ZONES.set(name, zone);

/** The IANA zone a Windows zone name stands for (case-insensitive), or null. Exported for tests. */
export function windowsZoneToIana(name: string): string | null {
  return WINDOWS_ZONES.get(name.trim().toLowerCase()) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Zones and wall-clock times

export type IcalTimezone = InstanceType<typeof ICAL.Timezone>;

/** How the wall-clock time of a DATE-TIME value becomes an instant. */
export type Frame =
  | { kind: 'utc' }
  | { kind: 'floating' } // no Z, no TZID: read as Vietnam time
  | { kind: 'vtimezone'; zone: IcalTimezone }
  | { kind: 'iana'; zone: string };

export interface Wall {
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

export function wallToUtc(frame: Frame, w: Wall): number {
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
export function resolveTzid(tzid: string, vtimezones: Map<string, IcalTimezone>): Frame | null {
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
export interface TimeValue {
  isDate: boolean;
  wall: Wall;
  frame: Frame; // meaningless for DATE values, which are Vietnam days
}

export function toMs(v: TimeValue): number {
  return v.isDate ? vnMidnightMs(v.wall.year, v.wall.month, v.wall.day) : wallToUtc(v.frame, v.wall);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 1, 0, 0, 0) - DAY_MS).getUTCDate();
}

export function addDays(w: Wall, days: number): Wall {
  const d = new Date(utcMs(w.year, w.month, w.day, 0, 0, 0) + days * DAY_MS);
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function wallKey(w: Wall): string {
  return `${w.year}-${w.month}-${w.day}`;
}

export function compareDays(a: Wall, b: Wall): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
