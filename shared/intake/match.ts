import { foldVietnamese } from '../text/fold';
import type { DirectoryMatch } from './schemas';

/**
 * The sending organ against the office's directory (electron/directory): the same name first, then the same once
 * folded (no diacritics, case or extra spaces; or the entry's short name), then a close one — its words all among the
 * organ's and its parent's ("SỞ NỘI VỤ" under "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" is «Sở Nội vụ tỉnh Bắc Ninh»), or
 * nearly the same letters (an OCR slip or two). Common abbreviations (UBND, HĐND, TP., HTX) count as their words.
 */
export interface DirectoryEntry {
  id: number;
  name: string;
  shortName?: string | null;
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bhtx\b/g, 'hop tac xa'],
  [/\btp\b\.?/g, 'thanh pho'],
  [/\bvn\b/g, 'viet nam'],
];

/** Folded, abbreviations spelt out, punctuation as spaces. */
export function matchKey(s: string): string {
  let f = foldVietnamese(s.normalize('NFC')).replace(/[^\p{L}\p{N}.]+/gu, ' ');
  for (const [re, words] of ABBREVIATIONS) f = f.replace(re, words);
  return f.replace(/\./g, ' ').replace(/\s+/g, ' ').trim();
}

const words = (s: string) => new Set(s.split(' ').filter(Boolean));
const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Levenshtein distance, bounded: gives up (returns max + 1) once every path is over `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** How close an entry is to the organ (0..1): 1 for the same words, less for fewer shared words or more slips. */
function closeness(entry: string, organ: string, parent: string): number {
  if (!entry || !organ) return 0;
  const e = words(entry);
  const o = words(organ);
  const context = new Set([...o, ...words(parent)]);
  const organInEntry = [...o].every((w) => e.has(w));
  const entryInContext = [...e].every((w) => context.has(w));
  // Every word of the organ is in the entry, and every word of the entry is the organ's or its parent's.
  if (organInEntry && entryInContext) return 0.9;
  // Letters: a slip or two of OCR per ten letters.
  const max = Math.max(1, Math.floor(Math.max(entry.length, organ.length) / 10));
  const d = editDistance(entry, organ, max);
  if (d <= max) return 0.9 - (0.1 * d) / max;
  const full = parent ? `${organ} ${parent}` : organ;
  const dFull = parent ? editDistance(entry, full, Math.floor(full.length / 10)) : Infinity;
  if (dFull <= Math.floor(full.length / 10)) return 0.8;
  // Shared words (Dice), weighted down: the same words in another order, one word missing.
  let shared = 0;
  for (const w of e) if (o.has(w)) shared++;
  return (0.85 * (2 * shared)) / (e.size + o.size);
}

/** The entry the organ names, or null when none is close enough (0.8). `parent` helps a short organ name. */
export function matchDirectory(entries: readonly DirectoryEntry[], organ: string, parent = ''): DirectoryMatch | null {
  const name = squash(organ);
  if (!name) return null;
  const exact = entries.find((e) => squash(e.name) === name);
  if (exact) return { id: exact.id, name: exact.name, how: 'exact', score: 1 };
  const key = matchKey(name);
  const folded = entries.find((e) => matchKey(e.name) === key || (!!e.shortName && matchKey(e.shortName) === key));
  if (folded) return { id: folded.id, name: folded.name, how: 'folded', score: 0.97 };
  // The organ with its parent's place, as offices write a sender: "Sở Nội vụ" + "tỉnh Bắc Ninh".
  const parentKey = matchKey(parent);
  const withParent = parentKey ? `${key} ${parentKey}` : '';
  const joined = withParent ? entries.find((e) => matchKey(e.name) === withParent) : undefined;
  if (joined) return { id: joined.id, name: joined.name, how: 'folded', score: 0.95 };
  let best: { e: DirectoryEntry; score: number } | null = null;
  let second = 0;
  for (const e of entries) {
    const score = closeness(matchKey(e.name), key, parentKey);
    if (!best || score > best.score) {
      second = best?.score ?? 0;
      best = { e, score };
    } else if (score > second) second = score;
  }
  if (!best || best.score < 0.8) return null;
  // Two entries as close as each other: neither is taken.
  if (second >= best.score - 0.02) return null;
  return { id: best.e.id, name: best.e.name, how: 'close', score: Math.round(best.score * 100) / 100 };
}
