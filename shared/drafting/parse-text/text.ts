/**
 * Small string tests shared by every stage of the plain-text import. Everything here keeps indices stable or works
 * on one line at a time, so the stages can match on folded text and cut the original.
 */

/** What a required field gets when the text does not have it, so the draft still validates and the user sees the gap. */
export const PLACEHOLDER = '…';

/** Folds diacritics and case one UTF-16 unit for one unit, so indices in the folded text are indices in the original. */
export function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    let f = FOLDED.get(ch);
    if (f === undefined) {
      f = (ch === 'đ' || ch === 'Đ' ? 'd' : ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')).toLowerCase();
      if (f.length !== ch.length) f = ch;
      FOLDED.set(ch, f);
    }
    out += f;
  }
  return out;
}
const FOLDED = new Map<string, string>();

/** Collapses runs of spaces and tabs; trims. */
export const squash = (s: string) => s.replace(/[ \t]+/g, ' ').trim();

/** Removes bold markers and a wrapping pair of italic markers: header fields are styled by the profile, not by markup. */
export function plain(s: string): string {
  let t = s.replace(/\*\*/g, '').trim();
  if (/^\*[^*]+\*$/.test(t)) t = t.slice(1, -1).trim();
  t = t.replace(/^\*(?=\s|$)/, '').replace(/(^|\s)\*$/, '$1');
  return squash(t);
}

function letterCounts(s: string): { upper: number; lower: number } {
  return { upper: s.match(/\p{Lu}/gu)?.length ?? 0, lower: s.match(/\p{Ll}/gu)?.length ?? 0 };
}

/** Capitals, tolerating an OCR slip or two ("THÔNG điệp"). */
export function isCaps(s: string, tolerance = 0.2): boolean {
  const { upper, lower } = letterCounts(s);
  return upper >= 2 && lower <= upper * tolerance;
}

/** Ends with sentence punctuation, looking through closing quotes, brackets and markup. */
export function endsTerminal(s: string): boolean {
  const t = s.replace(/[\s*”"’'»)\]]+$/u, '');
  return /[.;:!?…]$/.test(t);
}

export const startsLower = (s: string) => /^[\s*“"'(]*\p{Ll}/u.test(s);

export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export const stripEndPunct = (s: string) => s.replace(/[\s;,.]+$/, '').trim();
