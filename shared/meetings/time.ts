/**
 * Meeting times. Instants are stored and compared as UTC epoch milliseconds; people read and type them as wall time
 * in Vietnam (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving since 1975), whatever the computer's own zone.
 */
export const VN_OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 24 * 3600_000;
export const WEEK_MS = 7 * DAY_MS;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * "2026-11-23T08:00" (Vietnam time), "2026-11-23T08:00:00+07:00" or "…Z" → epoch ms; null when not a real instant.
 */
export function parseInstant(s: string): number | null {
  const m = LOCAL.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59 || sec > 59) return null;
  if (y < 1970 || y > 2200) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
  const zone = m[7];
  if (!zone) return wall - VN_OFFSET_MS;
  if (zone === 'Z') return wall;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** Wall-clock fields in Vietnam. weekday: 1 = Monday … 7 = Sunday (ISO). */
export function vnParts(ms: number): { date: string; time: string; hour: number; minute: number; weekday: number; year: number } {
  const t = new Date(ms + VN_OFFSET_MS);
  const iso = t.toISOString();
  const wd = t.getUTCDay();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), hour: t.getUTCHours(), minute: t.getUTCMinutes(), weekday: wd === 0 ? 7 : wd, year: t.getUTCFullYear() };
}

/** "2026-11-23T08:00:00+07:00". */
export function isoVN(ms: number): string {
  return `${new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** 00:00 in Vietnam of an ISO date, as epoch ms. */
export function dayStartMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) - VN_OFFSET_MS;
}

export function addDays(isoDate: string, n: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO 8601 week ("2026-W48": Monday 23/11/2026 to Sunday 29/11/2026), the numbering weekly schedules use. */
export const WEEK = /^(\d{4})-W(\d{2})$/;

export function weekMonday(week: string): string | null {
  const m = WEEK.exec(week.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (year < 1970 || year > 2200 || n < 1 || n > weeksInYear(year)) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = new Date(jan4).getUTCDay() || 7;
  const monday1 = jan4 - (jan4Weekday - 1) * DAY_MS;
  return new Date(monday1 + (n - 1) * WEEK_MS).toISOString().slice(0, 10);
}

export function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** The ISO week containing a date. */
export function weekOf(isoDate: string): { week: string; year: number; number: number; monday: string } {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  const wd = new Date(t).getUTCDay() || 7;
  const thursday = new Date(t + (4 - wd) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const number = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { week: `${year}-W${String(number).padStart(2, '0')}`, year, number, monday: addDays(isoDate, 1 - wd) };
}

export const WEEKDAY_NAMES = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;

/** Buổi: sáng before 12:00, chiều until 18:00, tối after — the rows of "Lịch công tác tuần". */
export type DayPart = 'sang' | 'chieu' | 'toi';
export const DAY_PART_LABELS: Record<DayPart, string> = { sang: 'Sáng', chieu: 'Chiều', toi: 'Tối' };
export function dayPart(ms: number): DayPart {
  const h = vnParts(ms).hour;
  return h < 12 ? 'sang' : h < 18 ? 'chieu' : 'toi';
}

/** "8 giờ 00", "14 giờ 30": times as official documents write them. */
export function hourText(ms: number): string {
  const p = vnParts(ms);
  return `${p.hour} giờ ${String(p.minute).padStart(2, '0')}`;
}

/** "08:30" from a Vietnam-time ISO string ("2026-11-23T08:30:00+07:00"). */
export const hm = (iso: string): string => iso.slice(11, 16);

/** "23/11/2026". */
export function dateVN(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}
