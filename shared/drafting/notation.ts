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

/** The blanks left for the văn thư, filled at issuance on the signed PDF (number and date are given after signing). */
export type TextSlotKind = 'number' | 'day' | 'month' | 'year';
export interface SlotRun {
  text: string;
  slot?: TextSlotKind;
}
// Wide enough for a four-digit number or "2026" in the line's own size (a non-breaking space is 1/4 em).
const blank = (quarters: number) => '\u00a0'.repeat(quarters);

/** "Số: 70/KH-BTVLMHTXVN" or, before a number is issued, "Số:        /KH-BTVLMHTXVN" with the blank as a slot. */
export function numberLineRuns(d: Pick<DraftDocument, 'number' | 'docType' | 'notation' | 'organAbbr' | 'unitAbbr'>, p: FormatProfile): SlotRun[] {
  const [before, after] = p.numberPattern.replace('{notation}', buildNotation(d, p)).split('{n}');
  if (d.number !== null) return [{ text: `${before}${padNumber(d.number)}${after}` }];
  return [{ text: before }, { text: blank(8), slot: 'number' }, { text: after }];
}

/** "Số: 70/KH-BTVLMHTXVN" or, before a number is issued, "Số:        /KH-BTVLMHTXVN" (Phụ lục III templates). */
export function numberLine(d: Pick<DraftDocument, 'number' | 'docType' | 'notation' | 'organAbbr' | 'unitAbbr'>, p: FormatProfile): string {
  return numberLineRuns(d, p).map((r) => r.text).join('');
}

/** The place and date line; without a date, blanks for day, month and year that the văn thư fills at issuance. */
export function placeDateRuns(place: string, iso: string | null): SlotRun[] {
  if (iso) return [{ text: placeDateLine(place, iso) }];
  return [
    { text: `${place}, ngày ` },
    { text: blank(6), slot: 'day' },
    { text: ' tháng ' },
    { text: blank(6), slot: 'month' },
    { text: ' năm ' },
    { text: blank(9), slot: 'year' },
  ];
}

/**
 * "Hà Nội, ngày 05 tháng 01 năm 2020" (ND30 Phụ lục I, II.4): days below 10 and months 1–2 take a leading zero,
 * months 3–12 do not. Without a date the blanks are left for the văn thư.
 */
export function placeDateLine(place: string, iso: string | null): string {
  if (!iso) return placeDateRuns(place, null).map((r) => r.text).join('');
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
