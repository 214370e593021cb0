import type { Meeting, Recurrence } from '../../shared/meetings/schemas';
import { vnParts } from '../../shared/meetings/time';
import { NO_EXCEPTIONS } from '../../shared/calendar/workdays';
import type { CalendarEvent, SeriesRule } from './ics-event';
import { occurrenceStarts } from './recurrence';

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

/** Single meetings and series masters in time order, each master followed by its overrides. */
export function calendarEvents(meetings: Meeting[]): CalendarEvent[] {
  const blocks: CalendarEvent[][] = [];
  const series = new Map<string, Meeting[]>();
  for (const m of meetings) {
    if (m.recurrenceId === null) blocks.push([toCalendarEvent(m)]);
    else series.set(m.uid, [...(series.get(m.uid) ?? []), m]);
  }
  for (const rows of series.values()) blocks.push(seriesEvents(rows));
  return blocks.sort((a, b) => a[0].startMs - b[0].startMs).flat();
}

type Freq = Recurrence['freq'];
interface Candidate {
  freq: Freq;
  interval: number;
}

const RRULE_FREQ: Record<Freq, string> = { daily: 'FREQ=DAILY', workday: 'FREQ=DAILY', weekly: 'FREQ=WEEKLY', monthly: 'FREQ=MONTHLY' };
const DAY = 86_400_000;

export function rruleText(c: Candidate): string {
  return `${RRULE_FREQ[c.freq]}${c.interval > 1 ? `;INTERVAL=${c.interval}` : ''}${c.freq === 'workday' ? ';BYDAY=MO,TU,WE,TH,FR' : ''}`;
}

/**
 * The original starts an RRULE of this kind gives from `firstMs` up to and including `untilMs`, as any RFC 5545
 * reader expands it; null when `firstMs` itself does not fit the rule (readers differ on whether such a DTSTART
 * counts). Vietnam keeps one offset, so wall times are fixed offsets from UTC.
 */
export function ruleInstants(firstMs: number, c: Candidate, untilMs: number): number[] | null {
  const until = vnParts(untilMs).date;
  const starts = occurrenceStarts(firstMs, { ...c, until }, NO_EXCEPTIONS, { max: 100_000, allowEmpty: true }).filter((ms) => ms <= untilMs);
  return starts[0] === firstMs ? starts : null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The rules worth trying for these original starts (sorted), the stored one first. */
function candidates(rids: number[], stored: Recurrence | null): Candidate[] {
  const out: Candidate[] = stored ? [{ freq: stored.freq, interval: stored.interval }] : [];
  const gaps = rids.slice(1).map((ms, i) => ms - rids[i]);
  const step = (unit: number) => (gaps.every((g) => g % unit === 0) ? gaps.reduce((a, g) => gcd(a, g / unit), 0) || 1 : null);
  const weeks = step(7 * DAY);
  if (weeks) out.push({ freq: 'weekly', interval: weeks });
  const days = step(DAY);
  if (days) out.push({ freq: 'daily', interval: days }, { freq: 'workday', interval: 1 });
  out.push({ freq: 'monthly', interval: 1 });
  return out;
}

/** The candidate whose expansion needs the fewest EXDATE and RDATE to give `live`; null: RDATE alone does better. */
function bestRule(rids: number[], live: Set<number>, stored: Recurrence | null): { rule: Candidate | null; instants: number[]; untilMs: number } {
  const first = rids[0];
  const last = rids[rids.length - 1];
  let best: { rule: Candidate | null; instants: number[]; cost: number } = { rule: null, instants: [first], cost: live.size - (live.has(first) ? 1 : 0) + (live.has(first) ? 0 : 1) };
  for (const c of candidates(rids, stored)) {
    const instants = ruleInstants(first, c, last);
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

function seriesEvents(rows: Meeting[]): CalendarEvent[] {
  const sorted = [...rows].sort((a, b) => (a.recurrenceId ?? 0) - (b.recurrenceId ?? 0));
  const rids = sorted.map((m) => m.recurrenceId as number);
  const liveRows = sorted.filter((m) => m.status !== 'huy');
  const live = new Set(liveRows.map((m) => m.recurrenceId as number));
  const stored = sorted.find((m) => m.recurrence)?.recurrence ?? null;
  const { rule, instants, untilMs } = bestRule(rids, live, stored);
  const inRule = new Set(instants);
  const template = templateOf(liveRows.length ? liveRows : sorted);
  const first = rids[0];
  const seriesRule: SeriesRule = {
    rrule: rule ? rruleText(rule) : null,
    untilMs,
    exdates: instants.filter((ms) => !live.has(ms)),
    rdates: [...live].filter((ms) => !inRule.has(ms)),
  };
  const master: CalendarEvent = {
    ...toCalendarEvent(template),
    recurrenceId: null,
    startMs: first,
    endMs: first + (template.endMs - template.startMs),
    sequence: Math.max(...sorted.map((m) => m.sequence)),
    updatedMs: Math.max(...sorted.map((m) => Date.parse(m.updatedAt))),
    rule: seriesRule,
  };
  const overrides = liveRows.filter((m) => m.startMs !== m.recurrenceId || looks(m) !== looks(template)).map(toCalendarEvent);
  return [master, ...overrides];
}
