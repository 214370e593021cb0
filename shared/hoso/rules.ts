import { foldVietnamese } from '../text/fold';

/**
 * The rules of hồ sơ công việc that need no database (ND30 Điều 28–31, Phụ lục V–VI; Thông tư 10/2022/TT-BNV), shared by
 * the API, the CLI and the screens.
 */

/** "Vĩnh viễn" (null) or "10 năm": Maintenance as the danh mục and the metadata write it. */
export function retentionLabel(years: number | null): string {
  return years === null ? 'Vĩnh viễn' : `${years} năm`;
}

/** The circular's period for a kind of record: a row may be longer, never shorter. */
export interface RetentionFloor {
  years: number | null;
  permanent: boolean;
}

/**
 * Why `years` (null: Vĩnh viễn) is refused for a kind whose circular period is `floor`, naming the minimum; null when
 * it is allowed. No floor (an office row of its own kind): any period.
 */
export function belowFloor(years: number | null, floor: RetentionFloor | null, kind: string): string | null {
  if (!floor || years === null) return null;
  if (floor.permanent) return `Thời hạn bảo quản của «${kind}» tối thiểu là Vĩnh viễn (Thông tư 10/2022/TT-BNV): không được đặt ${retentionLabel(years)}.`;
  if (floor.years !== null && years < floor.years)
    return `Thời hạn bảo quản của «${kind}» tối thiểu là ${retentionLabel(floor.years)} (Thông tư 10/2022/TT-BNV): không được đặt ${retentionLabel(years)}.`;
  return null;
}

/** The year a hồ sơ closed in `closedYear` with a period of `years` may first be destroyed: after the period's last year. */
export function disposalFromYear(closedYear: number, years: number | null): number | null {
  return years === null ? null : closedYear + years + 1;
}

/** The period has ended: closed year + years < this year (Vĩnh viễn never ends). */
export function periodEnded(closedYear: number, years: number | null, todayYear: number): boolean {
  const from = disposalFromYear(closedYear, years);
  return from !== null && todayYear >= from;
}

/** ND30 Điều 30: nộp lưu within one year from the day the công việc ended (the hồ sơ closed). */
export function handoverDueBy(closedDay: string): string {
  const [y, m, d] = closedDay.split('-').map(Number);
  // 29 February closes to 28 February of the next year.
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Số and ký hiệu of a document's "Số, ký hiệu" (CodeNumber, CodeNotation of ND30 Phụ lục VI): "70/KH-UBND" → 70,
 * KH-UBND (State); "01-KH/ĐU" → 01, KH/ĐU (Party). Without a leading number the whole is the notation.
 */
export function splitRef(ref: string): { number: string; notation: string } {
  const r = ref.trim();
  const m = /^(\d+[a-zA-Z]?)\s*[/-]\s*(.+)$/.exec(r);
  return m ? { number: m[1], notation: m[2].trim() } : { number: '', notation: r };
}

/** Mã hồ sơ (FileCode): mã định danh của cơ quan + năm hình thành hồ sơ + số và ký hiệu hồ sơ, joined by dots. */
export function fileCode(organId: string, year: number, code: string): string {
  return [organId, String(year), code].filter(Boolean).join('.');
}

/**
 * "Tờ số/Trang số" of the mục lục: where each document starts and ends in the hồ sơ, counting pages in order
 * ("1–3", "4"). After a document whose page count is unknown the places are unknown too (empty).
 */
export function pageRanges(pages: readonly (number | null)[]): string[] {
  let next: number | null = 1;
  return pages.map((n) => {
    if (next === null || n === null || n < 1) {
      next = null;
      return '';
    }
    const from: number = next;
    next = from + n;
    return n === 1 ? String(from) : `${from}–${from + n - 1}`;
  });
}

/** A file name inside a package: ASCII, no folders, numbered by the document's place ("003-ke-hoach-70.pdf"). */
export function packageFileName(ordinal: number, name: string, taken: Set<string>): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? foldVietnamese(base.slice(dot + 1)).replace(/[^a-z0-9]/g, '').slice(0, 8) : '';
  const stem = foldVietnamese(dot > 0 ? base.slice(0, dot) : base).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'tep';
  const head = `${String(ordinal).padStart(3, '0')}-${stem}`;
  let out = `${head}${ext ? `.${ext}` : ''}`;
  for (let i = 2; taken.has(out); i++) out = `${head}-${i}${ext ? `.${ext}` : ''}`;
  taken.add(out);
  return out;
}

/** Số và ký hiệu hồ sơ as stored and compared: one line, no spaces, at most 20 characters (FileNotation). */
export const HOSO_CODE = /^[\p{L}\p{N}][\p{L}\p{N}.\-/()_]{0,19}$/u;
