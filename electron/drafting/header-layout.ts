import type { DocumentPlan, PlanPara } from '../../shared/drafting/plan';

/**
 * The widths of the header's two columns (ô 1–4), the same for both exporters. The profile gives the left column
 * (organ, số) its share of the text width; the right column takes more when the Quốc hiệu (or the Party's title) or
 * the place-and-date line needs it, so that "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" never breaks before "NAM". Only
 * when even the widest right column allowed cannot hold a title line is that line set smaller, never under 12 pt
 * (ND30 Phụ lục I, II.1: the Quốc hiệu is 12–13 pt).
 */

/** The organ column keeps at least this share of the text width. */
export const MIN_LEFT_SHARE = 0.35;
/** The smallest size a title line is shrunk to. */
export const TITLE_MIN_PT = 12;
/**
 * Room for the word processors: Word and LibreOffice place glyphs on rounded positions (and may substitute the
 * font), so a line that fits our metrics to the last point can wrap there.
 */
const SLACK = 1.03;
const SLACK_PT = 2;
const need = (w: number) => w * SLACK + SLACK_PT;

export interface HeaderFit {
  left: number;
  right: number;
  /** The size of each title line (the right column's paragraphs with role "national-title"), in order. */
  titleSizes: number[];
}

/** Widths in points: the text width, each title line's width at its size, the place-and-date line's width. */
export function fitHeader(o: { width: number; leftShare: number; titles: { width: number; size: number }[]; placeDate: number }): HeaderFit {
  const cap = o.width * (1 - MIN_LEFT_SHARE);
  const wanted = Math.max(need(o.placeDate), ...o.titles.map((t) => need(t.width)));
  const right = Math.max(o.width * (1 - o.leftShare), Math.min(cap, wanted));
  const titleSizes = o.titles.map((t) => {
    if (need(t.width) <= right || t.size <= TITLE_MIN_PT) return t.size;
    // Width grows with the size: the largest half point that fits, within the allowed range.
    const fits = Math.floor(((right - SLACK_PT) / SLACK / t.width) * t.size * 2) / 2;
    return Math.max(TITLE_MIN_PT, Math.min(t.size, fits));
  });
  return { left: o.width - right, right, titleSizes };
}

/** The header's title lines and place-and-date line: what `fitHeader` measures. */
export function headerTexts(plan: DocumentPlan): { titles: PlanPara[]; placeDate: PlanPara | undefined } {
  const titles = plan.header.flatMap((r) => r.right).filter((p) => p.role === 'national-title');
  const placeDate = plan.header.flatMap((r) => r.right).find((p) => p.role === 'place-date');
  return { titles, placeDate };
}

/** The plan's header with the title lines at the sizes `fitHeader` chose. */
export function withTitleSizes(plan: DocumentPlan, sizes: number[]): DocumentPlan['header'] {
  let k = 0;
  return plan.header.map((row) => ({
    left: row.left,
    right: row.right.map((p) => (p.role === 'national-title' ? { ...p, size: sizes[k++] ?? p.size } : p)),
  }));
}
