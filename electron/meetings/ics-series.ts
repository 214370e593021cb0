import type { Meeting, Recurrence } from '../../shared/meetings/schemas';
import type { CalendarEvent, SeriesRule } from './ics-event';

/**
 * The meetings of an export as iCalendar events (RFC 5545), the way Outlook and Google write them:
 * - a single meeting is one VEVENT;
 * - the occurrences of a series are one master VEVENT (DTSTART at the first occurrence, an RRULE up to the last, EXDATE
 *   for the occurrences cancelled or not in the export, RDATE for any the rule does not give) and one override VEVENT
 *   (the master's UID, RECURRENCE-ID) for each occurrence that differs from the master: moved, retitled, another
 *   room, hoãn.
 *
 * The rule is found from the occurrences themselves, not only from how the series was first set: a series imported
 * from another calendar has no stored rule, and "from this one on" changes keep the original starts. Each candidate
 * (the stored rule, weekly, daily, working days, monthly) is expanded and the one needing the fewest EXDATE and RDATE
 * wins; a series no rule fits is written with RDATE alone. Whatever is chosen, the master's expansion less EXDATE plus
 * RDATE is exactly the occurrences held: `ruleInstants` is that expansion.
 */

export function toCalendarEvent(m: Meeting): CalendarEvent {
  return {
    uid: m.uid,
    recurrenceId: m.recurrenceId,
    sequence: m.sequence,
    title: m.title,
    content: m.content,
    location: m.room?.name ?? m.location,
    startMs: m.startMs,
    endMs: m.endMs,
    allDay: m.allDay,
    status: m.status,
    chair: m.chair?.name ?? null,
    participants: m.participants.map((p) => p.name),
    prepareUnit: m.prepareUnit || null,
    room: m.room?.name ?? null,
    updatedMs: Date.parse(m.updatedAt),
  };
}

/** The original starts an export covers (UTC ms, `toMs` exclusive): a series master is clipped to them. */
export interface ExportSpan {
  fromMs: number;
  toMs: number;
}

/** Single meetings and series masters in time order, each master followed by its overrides. */
export function calendarEvents(meetings: Meeting[], span?: ExportSpan): CalendarEvent[] {
  const blocks: CalendarEvent[][] = [];
  const series = new Map<string, Meeting[]>();
  for (const m of meetings) {
    if (m.recurrenceId === null) blocks.push([toCalendarEvent(m)]);
    else {
      const rows = series.get(m.uid);
      if (rows) rows.push(m);
      else series.set(m.uid, [m]);
    }
  }
  for (const rows of series.values()) blocks.push(seriesEvents(rows, span));
  return blocks.sort((a, b) => a[0].startMs - b[0].startMs).flat();
}

type Freq = Recurrence['freq'];
interface Candidate {
  freq: Freq;
  interval: number;
}

const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000;

/**
 * Readers differ on the frame a rule with a UTC DTSTART is expanded in: RFC 5545 says DTSTART's (UTC); others take the
 * calendar's X-WR-TIMEZONE (Asia/Ho_Chi_Minh), as python-recurring-ical-events and calendar apps do. Fixed steps (daily,
 * weekly) land on the same instants in both, and so do weekdays and days of the month when the Vietnam day is the UTC
 * day (07:00 and later). Before 07:00 the Vietnam day is the previous UTC day: only the fixed steps are used then.
 */
const frameFree = (firstMs: number) => new Date(firstMs).getUTCDate() === new Date(firstMs + VN_OFFSET).getUTCDate();

export function rruleText(c: Candidate): string {
  const every = c.interval > 1 ? `;INTERVAL=${c.interval}` : '';
  if (c.freq === 'daily') return `FREQ=DAILY${every}`;
  if (c.freq === 'weekly') return `FREQ=WEEKLY${every}`;
  if (c.freq === 'workday') return `FREQ=DAILY${every};BYDAY=MO,TU,WE,TH,FR`;
  return `FREQ=MONTHLY${every}`;
}

/** Steps an expansion may take: a 31st-of-the-month rule over centuries is still far below this. */
const MAX_STEPS = 200_000;

/**
 * The original starts the RRULE `rruleText` writes gives from `firstMs` up to and including `untilMs`, as readers
 * expand it (see frameFree); null when `firstMs` itself does not fit the rule (readers differ on whether such a
 * DTSTART counts).
 */
export function ruleInstants(firstMs: number, c: Candidate, untilMs: number, allDay = false): number[] | null {
  // An all-day series is expanded on its DATEs, the Vietnam days: as if those days' midnights were UTC ones.
  if (allDay) return ruleInstants(firstMs + VN_OFFSET, c, untilMs + VN_OFFSET)?.map((ms) => ms - VN_OFFSET) ?? null;
  const out: number[] = [];
  if (c.freq === 'monthly') {
    const f = new Date(firstMs);
    const day = f.getUTCDate();
    const timeOfDay = firstMs - Date.UTC(f.getUTCFullYear(), f.getUTCMonth(), day);
    for (let i = 0; i < MAX_STEPS; i++) {
      const months = f.getUTCMonth() + i * c.interval;
      const y = f.getUTCFullYear() + Math.floor(months / 12);
      const mo = months % 12;
      if (Date.UTC(y, mo, 1) > untilMs) break;
      // A month without the day is skipped (RFC 5545: invalid dates are ignored).
      if (day > new Date(Date.UTC(y, mo + 1, 0)).getUTCDate()) continue;
      const ms = Date.UTC(y, mo, day) + timeOfDay;
      if (ms > untilMs) break;
      out.push(ms);
    }
  } else {
    const step = (c.freq === 'weekly' ? 7 : 1) * c.interval * DAY;
    for (let i = 0, ms = firstMs; ms <= untilMs && i < MAX_STEPS; i++, ms += step) {
      const wd = new Date(ms).getUTCDay();
      if (c.freq !== 'workday' || (wd >= 1 && wd <= 5)) out.push(ms);
    }
  }
  return out[0] === firstMs ? out : null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The rules worth trying for these original starts (sorted), the stored one first; fixed steps only before 07:00. */
function candidates(rids: number[], stored: Recurrence | null, allDay: boolean): Candidate[] {
  const free = allDay || frameFree(rids[0]);
  const fits = (c: Candidate) => free || c.freq === 'daily' || c.freq === 'weekly';
  const out: Candidate[] = stored && fits(stored) ? [{ freq: stored.freq, interval: stored.interval }] : [];
  const gaps = rids.slice(1).map((ms, i) => ms - rids[i]);
  const step = (unit: number) => (gaps.every((g) => g % unit === 0) ? gaps.reduce((a, g) => gcd(a, g / unit), 0) || 1 : null);
  const weeks = step(7 * DAY);
  if (weeks) out.push({ freq: 'weekly', interval: weeks });
  const days = step(DAY);
  if (days) out.push({ freq: 'daily', interval: days }, { freq: 'workday', interval: 1 });
  out.push({ freq: 'monthly', interval: 1 });
  return out.filter(fits);
}

/** The candidate whose expansion needs the fewest EXDATE and RDATE to give `live`; null: RDATE alone does better. */
function bestRule(rids: number[], live: Set<number>, stored: Recurrence | null, allDay: boolean): { rule: Candidate | null; instants: number[]; untilMs: number } {
  const first = rids[0];
  const last = rids[rids.length - 1];
  let best: { rule: Candidate | null; instants: number[]; cost: number } = { rule: null, instants: [first], cost: live.size - (live.has(first) ? 1 : 0) + (live.has(first) ? 0 : 1) };
  for (const c of candidates(rids, stored, allDay)) {
    const instants = ruleInstants(first, c, last, allDay);
    if (!instants) continue;
    const set = new Set(instants);
    let cost = instants.filter((ms) => !live.has(ms)).length;
    for (const ms of live) if (!set.has(ms)) cost++;
    // A rule wins a tie with RDATE alone: a series of one occurrence must still say it is a series.
    if (cost < best.cost || (cost === best.cost && best.rule === null)) best = { rule: c, instants, cost };
  }
  // Without RRULE or RDATE the master would read as a single meeting: a rule that stops at its first occurrence says
  // "series" and gives that one only.
  if (best.rule === null && [...live].every((ms) => ms === first)) return { rule: { freq: 'weekly', interval: 1 }, instants: [first], untilMs: first };
  return { ...best, untilMs: last };
}

/** What a reader sees of an occurrence besides its start: an occurrence differing in any of these is an override. */
function looks(m: Meeting): string {
  return JSON.stringify([m.title, m.content, m.room?.name ?? m.location, m.chair?.name ?? null, m.participants.map((p) => p.name), m.prepareUnit, m.status, m.allDay, m.endMs - m.startMs]);
}

/** The occurrence the master is written from: the commonest look among those at their original time. */
function templateOf(rows: Meeting[]): Meeting {
  const onRule = rows.filter((m) => m.startMs === m.recurrenceId);
  const pool = onRule.length ? onRule : rows;
  const counts = new Map<string, number>();
  for (const m of pool) counts.set(looks(m), (counts.get(looks(m)) ?? 0) + 1);
  return pool.reduce((a, m) => ((counts.get(looks(m)) ?? 0) > (counts.get(looks(a)) ?? 0) ? m : a), pool[0]);
}

function seriesEvents(rows: Meeting[], span?: ExportSpan): CalendarEvent[] {
  const sorted = [...rows].sort((a, b) => (a.recurrenceId ?? 0) - (b.recurrenceId ?? 0));
  const inSpan = (rid: number) => !span || (rid >= span.fromMs && rid < span.toMs);
  // The rule covers the original starts inside the export's span; an occurrence moved in from outside it keeps its
  // own original start as an RDATE, which its override then moves (a RECURRENCE-ID must name an instance).
  const ruled = sorted.filter((m) => inSpan(m.recurrenceId as number));
  const base = ruled.length ? ruled : sorted;
  const rids = base.map((m) => m.recurrenceId as number);
  const liveRows = sorted.filter((m) => m.status !== 'huy');
  const live = new Set(liveRows.map((m) => m.recurrenceId as number));
  const liveRuled = new Set(base.filter((m) => m.status !== 'huy').map((m) => m.recurrenceId as number));
  const stored = sorted.find((m) => m.recurrence)?.recurrence ?? null;
  const template = templateOf(liveRows.length ? liveRows : sorted);
  const { rule, instants, untilMs } = bestRule(rids, liveRuled, stored, template.allDay);
  const inRule = new Set(instants);
  const first = rids[0];
  const seriesRule: SeriesRule = {
    rrule: rule ? rruleText(rule) : null,
    untilMs,
    exdates: instants.filter((ms) => !live.has(ms)),
    rdates: [...live].filter((ms) => !inRule.has(ms)).sort((a, b) => a - b),
  };
  const master: CalendarEvent = {
    ...toCalendarEvent(template),
    recurrenceId: null,
    allDay: template.allDay,
    startMs: first,
    endMs: first + (template.endMs - template.startMs),
    sequence: Math.max(...sorted.map((m) => m.sequence)),
    updatedMs: Math.max(...sorted.map((m) => Date.parse(m.updatedAt))),
    rule: seriesRule,
  };
  const overrides = liveRows
    .filter((m) => m.startMs !== m.recurrenceId || looks(m) !== looks(template))
    .map((m) => ({ ...toCalendarEvent(m), masterAllDay: master.allDay }));
  return [master, ...overrides];
}
