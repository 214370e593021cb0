import { foldVietnamese } from '../text/fold';
import { isValidIsoDate } from '../domain/dates';

/**
 * The deadline a plan's "Thời gian" states, as a date: "Tháng 3/2024" → the last day of that month, "Quý II/2024" →
 * 30/6/2024, "Trước ngày 15/4/2024" → 15/4/2024, "Năm 2024" → 31/12/2024, "Cuối tháng 04, đầu tháng 5/2024" →
 * 10/5/2024, "Từ ngày 07/4 – 11/4/2024" → 11/4/2024; "Thường xuyên", "Hằng năm" → no deadline. When a text names
 * several times, the latest is the deadline (the activity ends then). A date without a year takes the year written
 * after it, else the plan's year. Pure: also runs in the renderer.
 */
export interface DeadlineReading {
  deadline: string | null;
  /** 'none': the text says there is no deadline (thường xuyên); 'unknown': no time could be read. */
  kind: 'date' | 'none' | 'unknown';
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

const NO_DEADLINE = /\b(thuong xuyen|hang nam|hang thang|hang quy|hang tuan|dinh ky|lien tuc|suot nhiem ky)\b/;

/** The first year (4 digits, 1900–2200) at or after `from` in `s`, else `fallback`. */
function yearAfter(s: string, from: number, fallback: number): number {
  const m = /\b(19\d\d|2[01]\d\d|2200)\b/.exec(s.slice(from));
  return m ? Number(m[1]) : fallback;
}

/** Day of a month "đầu" (early: 10th), "giữa" (mid: 20th), else its last day. */
function monthDay(prefix: string, y: number, m: number): number {
  if (/dau\s*$/.test(prefix)) return 10;
  if (/giua\s*$/.test(prefix)) return 20;
  return lastDay(y, m);
}

export function readDeadline(text: string | null | undefined, planYear: number): DeadlineReading {
  const s = foldVietnamese(text ?? '')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  if (!s) return { deadline: null, kind: 'unknown' };
  const found: string[] = [];
  const add = (y: number, m: number, d: number) => {
    const v = iso(y, m, d);
    if (isValidIsoDate(v)) found.push(v);
  };
  let m: RegExpExecArray | null;
  // "ngày 15 tháng 4 năm 2024"
  for (const r of s.matchAll(/\bngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?/g)) add(r[3] ? Number(r[3]) : yearAfter(s, r.index + r[0].length, planYear), Number(r[2]), Number(r[1]));
  // "15/4/2024", "15-4-2024", "15.4.2024"
  for (const r of s.matchAll(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g)) add(Number(r[3]), Number(r[2]), Number(r[1]));
  // "07/4" with no year (not a month/year "3/2024", not part of a full date)
  for (const r of s.matchAll(/(?<![\d/.-])(\d{1,2})\/(\d{1,2})(?![\d/.-]|\/\d)/g)) {
    const before = s.slice(Math.max(0, r.index - 7), r.index);
    if (/thang\s*$/.test(before) || /quy\s*$/.test(before)) continue;
    add(yearAfter(s, r.index + r[0].length, planYear), Number(r[2]), Number(r[1]));
  }
  // "tháng 3/2024", "tháng 03 năm 2024", "cuối tháng 4", "đầu tháng 5/2024"
  for (const r of s.matchAll(/\bthang (\d{1,2})(?:\s*\/\s*(\d{4})|\s+nam\s+(\d{4}))?(?![\d/])/g)) {
    const month = Number(r[1]);
    if (month < 1 || month > 12) continue;
    // "ngày 15 tháng 4": already read as a day.
    if (/\bngay \d{1,2} $/.test(s.slice(Math.max(0, r.index - 9), r.index))) continue;
    const y = r[2] ? Number(r[2]) : r[3] ? Number(r[3]) : yearAfter(s, r.index + r[0].length, planYear);
    add(y, month, monthDay(s.slice(Math.max(0, r.index - 6), r.index), y, month));
  }
  // "quý II/2024", "quý 2 năm 2024"
  for (const r of s.matchAll(/\bquy (iv|iii|ii|i|[1-4])\b(?:\s*\/\s*(\d{4})|\s+nam\s+(\d{4}))?/g)) {
    const q = ROMAN[r[1]] ?? Number(r[1]);
    const y = r[2] ? Number(r[2]) : r[3] ? Number(r[3]) : yearAfter(s, r.index + r[0].length, planYear);
    add(y, q * 3, lastDay(y, q * 3));
  }
  // "6 tháng đầu năm 2024" → 30/6; "6 tháng cuối năm" → 31/12
  for (const r of s.matchAll(/\b(6|sau) thang (dau|cuoi) nam(?:\s+(\d{4}))?/g)) {
    const y = r[3] ? Number(r[3]) : planYear;
    if (r[2] === 'dau') add(y, 6, 30);
    else add(y, 12, 31);
  }
  // "năm 2024", "cả năm 2024", "giai đoạn 2024-2027"
  for (const r of s.matchAll(/\bnam (\d{4})\b/g)) {
    // "tháng 3 năm 2024", "quý II năm 2024", "ngày … tháng … năm 2024" are read above.
    if (/(thang \d{1,2}|quy (?:iv|iii|ii|i|[1-4])|thang dau|thang cuoi) $/.test(s.slice(Math.max(0, r.index - 12), r.index))) continue;
    add(Number(r[1]), 12, 31);
  }
  if ((m = /\b(\d{4})\s*-\s*(\d{4})\b/.exec(s))) add(Number(m[2]), 12, 31);
  if (found.length === 0) return NO_DEADLINE.test(s) ? { deadline: null, kind: 'none' } : { deadline: null, kind: 'unknown' };
  return { deadline: found.sort().at(-1)!, kind: 'date' };
}
