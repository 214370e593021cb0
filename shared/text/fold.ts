import { INVISIBLE } from './hygiene';

/**
 * Folding Vietnamese text for search: NFD, strip combining marks, đ/Đ → d, lower case.
 * SQLite's FTS5 `remove_diacritics` leaves đ alone (đ is a letter, not d + mark), so we fold ourselves
 * and store the folded text in the FTS column; queries are folded the same way.
 */
export function foldVietnamese(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Tokens of a folded text: runs of letters and digits. */
export function searchTokens(text: string): string[] {
  return foldVietnamese(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
