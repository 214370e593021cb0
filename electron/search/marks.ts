import { foldVietnamese, searchTokens } from '../../shared/text/fold';
import type { Mark } from '../../shared/search/schemas';

/**
 * Highlighting in the original text. The index holds folded text (no diacritics, đ→d), so FTS5's highlight() and
 * snippet() mark the folded text; the marks are carried over to the original, character by character, by folding each
 * original character the way the index folded the whole (a precomposed letter folds to one letter, a combining mark or
 * an invisible character to nothing). When the folded text is not the original's folding (a record changed since it
 * was indexed), the words are marked the way the tokenizer matches them instead (markTokens): the same words.
 */

/** The markers FTS5 is asked to put around a match (control characters: never in stored text). */
export const OPEN = '\u0002';
export const CLOSE = '\u0003';

const folds = new Map<string, string>();
function foldChar(ch: string): string {
  let f = folds.get(ch);
  if (f === undefined) {
    f = foldVietnamese(ch);
    if (folds.size < 8192) folds.set(ch, f);
  }
  return f;
}

/** Marks of `marked` (the folded text with OPEN/CLOSE around matches) on `original`; null when they do not align. */
export function alignMarks(original: string, marked: string): Mark[] | null {
  const marks: Mark[] = [];
  let j = 0;
  let open = -1;
  const take = (at: number) => {
    while (j < marked.length && (marked[j] === OPEN || marked[j] === CLOSE)) {
      if (marked[j] === OPEN) open = at;
      else if (open >= 0) {
        if (at > open) marks.push([open, at]);
        open = -1;
      }
      j++;
    }
  };
  let i = 0;
  for (const ch of original) {
    const f = foldChar(ch);
    // A character folding to nothing (a combining mark) stays with the letter before it, inside its mark.
    if (f) {
      take(i);
      if (!marked.startsWith(f, j)) return null;
      j += f.length;
    }
    i += ch.length;
  }
  take(original.length);
  return j === marked.length ? marks : null;
}

/** Where the folded `plain` is in `original`: [start, end) of the original characters that fold to it. */
function locate(original: string, plain: string): [number, number] | null {
  const folded = foldVietnamese(original);
  if (folded.length === original.length) {
    // The usual case (NFC Vietnamese): one folded character per original character.
    const k = folded.indexOf(plain);
    if (k >= 0 && foldVietnamese(original.slice(k, k + plain.length)) === plain) return [k, k + plain.length];
  }
  const from: number[] = [];
  const to: number[] = [];
  let out = '';
  let i = 0;
  for (const ch of original) {
    const f = foldChar(ch);
    for (let n = 0; n < f.length; n++) {
      from.push(i);
      to.push(i + ch.length);
    }
    out += f;
    i += ch.length;
  }
  const k = out.indexOf(plain);
  if (k < 0 || plain.length === 0) return null;
  return [from[k], to[k + plain.length - 1]];
}

/**
 * FTS5's snippet() of a folded column (a window of whole tokens, with markers) as an excerpt of the original text, with
 * "…" where it was cut and the marks on the original words. Null when the window is not found in the original.
 */
export function alignSnippet(original: string, marked: string): { text: string; marks: Mark[] } | null {
  const plain = marked.replaceAll(OPEN, '').replaceAll(CLOSE, '');
  if (!plain.trim()) return null;
  const at = locate(original, plain);
  if (!at) return null;
  let [start, end] = at;
  while (end < original.length && foldChar(original[end]) === '') end++;
  const marks = alignMarks(original.slice(start, end), marked);
  if (!marks) return null;
  // One line: each whitespace character becomes a space, so the marks' positions hold.
  const body = original.slice(start, end).replace(/\s/g, ' ');
  const lead = start > 0 ? '…' : '';
  return { text: `${lead}${body}${end < original.length ? '…' : ''}`, marks: marks.map(([a, b]) => [a + lead.length, b + lead.length]) };
}

/**
 * The query's words in a text as the index matches them: a run of letters and digits whose folding is one of the
 * query's tokens, or starts with the last one (typed as a prefix).
 */
export function markTokens(text: string, query: string): Mark[] {
  const tokens = searchTokens(query);
  if (tokens.length === 0) return [];
  const last = tokens[tokens.length - 1];
  const marks: Mark[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)) {
    const f = foldVietnamese(m[0]);
    if (tokens.includes(f) || f.startsWith(last)) marks.push([m.index, m.index + m[0].length]);
  }
  return marks;
}

/** Marks of a part of a text (the subject inside the indexed metadata), relative to that part. */
export function clipMarks(marks: Mark[], start: number, end: number): Mark[] {
  return marks.filter(([a, b]) => b > start && a < end).map(([a, b]) => [Math.max(a, start) - start, Math.min(b, end) - start]);
}
