import { foldVietnamese } from '../text/fold';

/** Folds diacritics and case one UTF-16 unit for one unit, so an index in the folded text is one in the original. */
export function foldSameLength(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = foldVietnamese(ch);
    out += f.length === ch.length ? f : ch;
  }
  return out;
}
