import { PAGE_BREAK } from './normalise';
import { fold } from './text';

/**
 * Page furniture: what a PDF-to-text converter copies from every page besides the document's text. Page numbers
 * ("2", "- 2 -", "Trang 2/5", "2/5") at a page's top or foot, or, in a copy without page breaks, as the run of lone
 * numbers 2, 3, 4 … between the lines; running headers and footers repeated on every page; the form feeds between
 * pages. A paragraph cut by a page break is joined again by the reflow stage.
 */

const PAGE_NUMBER = /^(?:[-–—]\s*)?(\d{1,3})(?:\s*[-–—])?$|^(?:trang|page)\s*(\d{1,3})(?:\s*(?:\/|of|tren)\s*\d{1,3})?$|^(\d{1,3})\s*\/\s*\d{1,3}$/;

/** The page number a line shows, or null. */
export function pageNumberOf(line: string): number | null {
  const m = PAGE_NUMBER.exec(fold(line.trim()));
  if (!m) return null;
  return Number(m[1] ?? m[2] ?? m[3]);
}

/** Indices of the first and last `n` non-blank lines of a page. */
function edges(page: string[], n: number): number[] {
  const idx = page.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
  return [...new Set([...idx.slice(0, n), ...idx.slice(-n)])];
}

/** A running header's identity: its words with the numbers out ("Kế hoạch 70/KH … trang 3" on every page). */
const runKey = (l: string) => fold(l.trim()).replace(/\d+/g, '#').replace(/\s+/g, ' ');

function withPages(lines: string[]): string[] {
  const pages: string[][] = [[]];
  for (const l of lines) {
    if (l === PAGE_BREAK) pages.push([]);
    else pages[pages.length - 1].push(l);
  }
  while (pages.length > 1 && !pages[pages.length - 1].some((l) => l.trim())) pages.pop();
  if (pages.length < 2) return pages[0];
  const drop = pages.map(() => new Set<number>());
  // Page numbers at a page's top or foot.
  pages.forEach((page, p) => {
    for (const i of edges(page, 2)) if (pageNumberOf(page[i]) !== null) drop[p].add(i);
  });
  // Running headers and footers: the same line at the top or foot of most pages (the first page may lack it).
  const seen = new Map<string, number>();
  pages.forEach((page, p) => {
    for (const k of new Set(edges(page, 2).filter((i) => !drop[p].has(i)).map((i) => runKey(page[i])))) seen.set(k, (seen.get(k) ?? 0) + 1);
  });
  const running = new Set([...seen].filter(([k, n]) => n >= 2 && n >= (pages.length - 1) * 0.6 && k.length >= 3).map(([k]) => k));
  pages.forEach((page, p) => {
    for (const i of edges(page, 2)) if (running.has(runKey(page[i]))) drop[p].add(i);
  });
  // The blank lines a converter leaves around a page break go too: a paragraph cut there is one paragraph (the
  // reflow stage joins it again), and a paragraph that ends there ends by its own measure.
  return pages.flatMap((page, p) => {
    const kept = page.filter((_, i) => !drop[p].has(i));
    let a = 0;
    let b = kept.length;
    while (a < b && !kept[a].trim()) a++;
    while (b > a && !kept[b - 1].trim()) b--;
    return kept.slice(p === 0 ? 0 : a, p === pages.length - 1 ? kept.length : b);
  });
}

/** Without page breaks: lone numbers that count the pages up (2, 3, 4 …) between the lines of the text. */
function withoutPages(lines: string[]): string[] {
  const cands = lines.map((l, i) => ({ i, n: pageNumberOf(l) })).filter((c): c is { i: number; n: number } => c.n !== null);
  const chosen = new Set<number>();
  let expect = 2;
  let lastAt = -Infinity;
  const loneOne = (i: number) => cands.some((c) => c.n === 1 && c.i < i && c.i >= i - 12);
  for (const c of cands) {
    // A page holds more than a few lines: a lone "2" right after "1" is a table's, not a page's.
    if (c.n === expect && c.i - lastAt >= 10 && !(c.n === 2 && loneOne(c.i))) {
      chosen.add(c.i);
      expect++;
      lastAt = c.i;
    }
  }
  // One lone "2" counts only well into a text (a page holds twenty lines or more) and between two lines of text.
  const single = [...chosen][0];
  // …or as the text's last line, where a viewer's copy puts the last page's number (a document ends with a name).
  const last = lines.map((l) => l.trim() !== '').lastIndexOf(true);
  const inText = (i: number) => i >= 20 && (i === last || ((lines[i - 1] ?? '').trim() !== '' && (lines[i + 1] ?? '').trim() !== ''));
  if (chosen.size === 0 || (chosen.size === 1 && /^\d+$/.test(lines[single].trim()) && !inText(single))) return lines;
  return lines.filter((_, i) => !chosen.has(i));
}

export function removeFurniture(lines: string[]): string[] {
  return lines.includes(PAGE_BREAK) ? withPages(lines) : withoutPages(lines);
}
