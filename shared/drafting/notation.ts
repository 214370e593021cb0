import { docTypeByCode } from '../domain/doc-types';
import type { DraftDocument } from './model';
import type { FormatProfile } from './profiles';

/** ND30 Phụ lục I, II.3: numbers below 10 take a leading zero ("05"). */
export const padNumber = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The type abbreviation of a document in a profile: null for a State Công văn (it has none). */
export function typeAbbr(d: Pick<DraftDocument, 'docType'>, p: FormatProfile): string | null {
  return docTypeByCode(d.docType)?.abbr[p.id] ?? null;
}

/** The ký hiệu: typed, else built from the type and organ abbreviations by the profile's pattern. */
export function buildNotation(d: Pick<DraftDocument, 'docType' | 'notation' | 'organAbbr' | 'unitAbbr'>, p: FormatProfile): string {
  if (d.notation) return d.notation;
  const abbr = typeAbbr(d, p);
  const pattern = abbr === null ? p.letterNotationPattern : p.notationPattern;
  return pattern
    .replace('{type}', abbr ?? '')
    .replace('{organ}', d.organAbbr || '…')
    .replace('{unit}', d.unitAbbr || '…');
}

/** "Số: 70/KH-BTVLMHTXVN" or, before a number is issued, "Số:      /KH-BTVLMHTXVN" (Phụ lục III templates). */
export function numberLine(d: Pick<DraftDocument, 'number' | 'docType' | 'notation' | 'organAbbr' | 'unitAbbr'>, p: FormatProfile): string {
  const n = d.number === null ? '\u00a0'.repeat(6) : padNumber(d.number);
  return p.numberPattern.replace('{n}', n).replace('{notation}', buildNotation(d, p));
}

/**
 * "Hà Nội, ngày 05 tháng 01 năm 2020" (ND30 Phụ lục I, II.4): days below 10 and months 1–2 take a leading zero,
 * months 3–12 do not. Without a date the blanks are left for the văn thư.
 */
export function placeDateLine(place: string, iso: string | null): string {
  if (!iso) return `${place}, ngày${'\u00a0'.repeat(5)}tháng${'\u00a0'.repeat(5)}năm${'\u00a0'.repeat(6)}`;
  const [y, m, day] = iso.split('-');
  const month = Number(m);
  return `${place}, ngày ${day} tháng ${month <= 2 ? m : String(month)} năm ${y}`;
}

/** Finds a quyền hạn prefix of another profile at the start of a signature line ("T/M" in a State document). */
export function foreignAuthority(line: string, p: FormatProfile, all: readonly string[]): string | null {
  const s = line.trim().toUpperCase();
  for (const a of all) {
    if (p.authorities.includes(a)) continue;
    if (s === a || s.startsWith(`${a} `)) return a;
  }
  return null;
}
