import { AppError } from '../../shared/api/result';
import { MAX_SERIES_OCCURRENCES, RECURRENCE_LABELS, type Recurrence } from '../../shared/meetings/schemas';
import { VN_OFFSET_MS, addDays, dayStartMs, vnParts } from '../../shared/meetings/time';
import { isWorkingDay, NO_EXCEPTIONS, type CalendarExceptions } from '../../shared/calendar/workdays';

/**
 * The starts of a regular meeting (giao ban hằng tuần): every `interval` days, weeks or months from the first start,
 * on the same wall time in Vietnam, up to and including `until`. A monthly series on the 31st skips shorter months,
 * as RFC 5545 does. Vietnam has no daylight saving, so a wall time is always the same offset from UTC. A series of
 * working days ('workday') is the daily one less the days the office's calendar (`cal`) does not work.
 */
export function occurrenceStarts(
  firstStartMs: number,
  r: Pick<Recurrence, 'freq' | 'interval' | 'until'>,
  cal: CalendarExceptions = NO_EXCEPTIONS,
  o: { max?: number; allowEmpty?: boolean } = {},
): number[] {
  const max = o.max ?? MAX_SERIES_OCCURRENCES;
  const lastMs = dayStartMs(addDays(r.until, 1));
  const out: number[] = [];
  const first = new Date(firstStartMs + VN_OFFSET_MS);
  for (let i = 0; ; i++) {
    let wall: number;
    if (r.freq === 'monthly') {
      const months = first.getUTCMonth() + i * r.interval;
      const y = first.getUTCFullYear() + Math.floor(months / 12);
      const mo = months % 12;
      const day = first.getUTCDate();
      if (day > new Date(Date.UTC(y, mo + 1, 0)).getUTCDate()) {
        if (Date.UTC(y, mo, 1) - VN_OFFSET_MS >= lastMs) break;
        continue;
      }
      wall = Date.UTC(y, mo, day, first.getUTCHours(), first.getUTCMinutes(), first.getUTCSeconds());
    } else {
      wall = first.getTime() + i * r.interval * (r.freq === 'weekly' ? 7 : 1) * 86_400_000;
    }
    const start = wall - VN_OFFSET_MS;
    if (start >= lastMs) break;
    if (r.freq === 'workday' && !isWorkingDay(new Date(wall).toISOString().slice(0, 10), cal)) continue;
    out.push(start);
    if (out.length > max) {
      throw new AppError('VALIDATION', `Lịch lặp quá dài: tối đa ${MAX_SERIES_OCCURRENCES} lần họp; hãy chọn ngày kết thúc lặp sớm hơn.`, { field: 'recurrence.until' });
    }
  }
  if (!out.length && !o.allowEmpty) throw new AppError('VALIDATION', 'Không có ngày làm việc nào từ ngày họp đầu tiên đến ngày kết thúc lặp.', { field: 'recurrence.until' });
  return out;
}

/** "Hằng tuần vào Thứ Hai đến 31/12/2026" for the UI and the audit log. */
export function describeRecurrence(firstStartMs: number, r: Recurrence): string {
  const wd = vnParts(firstStartMs).weekday;
  const names = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
  const every = r.interval === 1 ? '' : ` (${r.interval} ${r.freq === 'daily' || r.freq === 'workday' ? 'ngày' : r.freq === 'weekly' ? 'tuần' : 'tháng'} một lần)`;
  const when = r.freq === 'weekly' ? ` vào ${names[wd]}` : r.freq === 'monthly' ? ` vào ngày ${vnParts(firstStartMs).date.slice(8)}` : '';
  const until = `${r.until.slice(8, 10)}/${r.until.slice(5, 7)}/${r.until.slice(0, 4)}`;
  return `${RECURRENCE_LABELS[r.freq]}${when}${every} đến ${until}`;
}
