/**
 * Working days (ngày làm việc): Monday to Friday, less the holidays and nghỉ bù days, plus the weekend days worked
 * (làm bù), as the office's calendar holds them. Pure: the caller passes the calendar's exceptions.
 */
export interface CalendarExceptions {
  /** ISO days off that would otherwise be worked. */
  off: ReadonlySet<string>;
  /** ISO weekend days worked (làm bù). */
  worked: ReadonlySet<string>;
}

export const NO_EXCEPTIONS: CalendarExceptions = { off: new Set(), worked: new Set() };

const DAY_MS = 86_400_000;
const toMs = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const d = new Date(toMs(iso)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isWorkingDay(iso: string, cal: CalendarExceptions): boolean {
  if (cal.worked.has(iso)) return true;
  if (cal.off.has(iso)) return false;
  return isoWeekday(iso) <= 5;
}

/** The day `n` working days after `iso` (n ≥ 1; `iso` itself is not counted): "trong 5 ngày làm việc". */
export function addWorkingDays(iso: string, n: number, cal: CalendarExceptions): string {
  let ms = toMs(iso);
  let left = n;
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(toIso(ms), cal)) left--;
  }
  return toIso(ms);
}

/** The working days after `from` up to and including `to` (0 when `to` ≤ `from`): how late, in working days. */
export function workingDaysBetween(from: string, to: string, cal: CalendarExceptions): number {
  let n = 0;
  for (let ms = toMs(from) + DAY_MS, end = toMs(to); ms <= end; ms += DAY_MS) if (isWorkingDay(toIso(ms), cal)) n++;
  return n;
}

/** The first working day on or after `iso` (a deadline falling on a holiday moves to the next working day). */
export function nextWorkingDay(iso: string, cal: CalendarExceptions): string {
  let ms = toMs(iso);
  while (!isWorkingDay(toIso(ms), cal)) ms += DAY_MS;
  return toIso(ms);
}

/** The first working day of the ISO week (Monday to Sunday) holding `iso`; null when the whole week is off (Tết). */
export function firstWorkingDayOfWeek(iso: string, cal: CalendarExceptions): string | null {
  const monday = toMs(iso) - (isoWeekday(iso) - 1) * DAY_MS;
  for (let i = 0; i < 7; i++) {
    const d = toIso(monday + i * DAY_MS);
    if (isWorkingDay(d, cal)) return d;
  }
  return null;
}
