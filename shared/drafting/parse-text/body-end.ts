import { classify } from './classify';
import { END_MARK, isNameLike, isNoiNhanLabel, isSignaturePlaceholder, parseAuthority } from './closing-lines';
import { isCaps, plain } from './text';

/*
 * Found by scanning up from the end: the body may itself contain capitals lines or a quoted "Nơi nhận", but the
 * closing is always last.
 */

/** Where the body ends: the "./." mark, the Nơi nhận label or the signature block, whichever comes first. */
export function findBodyEnd(lines: string[], from: number): { end: number; endMark: number } {
  let endMark = -1;
  let nn = -1;
  let sig = -1;
  for (let i = lines.length - 1; i >= from; i--) {
    const s = plain(lines[i]);
    if (!s) continue;
    if (endMark < 0 && END_MARK.test(lines[i])) endMark = i;
    if (nn < 0 && isNoiNhanLabel(s) && s.length <= 40) nn = i;
    if (sig < 0 && parseAuthority(s)) sig = i;
  }
  // An authority line may have a wrapped line above it only when it is the first of the block; take the earliest
  // authority line of the last block.
  if (sig >= 0) {
    let j = sig - 1;
    while (j >= from && (!lines[j].trim() || parseAuthority(plain(lines[j])))) {
      if (lines[j].trim()) sig = j;
      j--;
    }
  }
  if (sig < 0) sig = findBareSignature(lines, from, nn >= 0 ? nn : lines.length, endMark);
  if (sig < 0 && nn >= 0) sig = findBareSignature(lines, from, lines.length, endMark);
  const cands = [endMark >= 0 ? endMark + 1 : -1, nn, sig].filter((x) => x >= from);
  return { end: cands.length ? Math.min(...cands) : lines.length, endMark };
}

/** A signature without a quyền hạn: capitals lines then a name, ending at `to`. Returns the first capitals line. */
function findBareSignature(lines: string[], from: number, to: number, endMark: number): number {
  let j = to - 1;
  while (j >= from && !lines[j].trim()) j--;
  if (j < from || !isNameLike(lines[j])) return -1;
  j--;
  let first = -1;
  let count = 0;
  while (j >= from && count < 4) {
    const s = plain(lines[j]);
    if (!s || isSignaturePlaceholder(s)) {
      j--;
      continue;
    }
    if (isCaps(s, 0.05) && s.length <= 80 && !classify(s).structural && !isNoiNhanLabel(s)) {
      first = j;
      count++;
      j--;
      continue;
    }
    break;
  }
  if (first < 0) return -1;
  if (endMark >= 0 && first <= endMark) return -1;
  return first;
}
