import type { Secrecy, Urgency } from '../domain/marks';
import { foldVietnamese } from '../text/fold';
import { editDistance } from './match';

/**
 * Độ khẩn and độ mật stamped on the first page (ND30 Phụ lục I, II.10 and the secrecy stamp): a line, or a cell of a
 * two-column line, in capitals holding only the mark — "HỎA TỐC", "THƯỢNG KHẨN", "KHẨN", "MẬT", "TỐI MẬT", "TUYỆT
 * MẬT" — so that "khẩn trương" in a sentence is never taken for one. OCR without diacritics ("THUONG KHAN") counts,
 * and so does one letter misread in a mark of four letters or more ("KHẨA" in its box), as a guess.
 */
export interface FoundMark<T> {
  value: T;
  /** The words as printed. */
  evidence: string;
  /** Read with one letter off (OCR): a guess, worth a look. */
  fuzzy: boolean;
}

type Mark = { kind: 'urgency'; value: Urgency; text: string } | { kind: 'secrecy'; value: Secrecy; text: string };

const MARKS: (Mark & { folded: string })[] = [
  { kind: 'urgency', value: 'hoa-toc', text: 'HỎA TỐC', folded: 'hoa toc' },
  { kind: 'urgency', value: 'hoa-toc', text: 'HỎA TỐC HẸN GIỜ', folded: 'hoa toc hen gio' },
  { kind: 'urgency', value: 'thuong-khan', text: 'THƯỢNG KHẨN', folded: 'thuong khan' },
  { kind: 'urgency', value: 'khan', text: 'KHẨN', folded: 'khan' },
  { kind: 'secrecy', value: 'tuyet-mat', text: 'TUYỆT MẬT', folded: 'tuyet mat' },
  { kind: 'secrecy', value: 'toi-mat', text: 'TỐI MẬT', folded: 'toi mat' },
  { kind: 'secrecy', value: 'mat', text: 'MẬT', folded: 'mat' },
];

/** Capitals only (letters), at least two of them. */
function allCaps(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && letters.every((c) => c === c.toUpperCase() && c !== c.toLowerCase());
}

/** The cell as printed without its box or markup ("| KHẨN |", "**MẬT**"). */
export const cellText = (cell: string) => cell.replace(/[*_#>[\]()«»"“”:.|\s]+/g, ' ').trim();

/** The mark a cell holds (alone, in capitals), exactly or with one letter off; null for anything else. */
export function markOfCell(cell: string): (Mark & { fuzzy: boolean }) | null {
  const printed = cellText(cell);
  if (!printed || printed.length > 20 || !allCaps(printed)) return null;
  const f = foldVietnamese(printed).replace(/\s+/g, ' ');
  const exact = MARKS.find((m) => m.folded === f);
  if (exact) return { ...exact, fuzzy: false };
  const near = MARKS.find((m) => m.folded.length >= 4 && editDistance(f, m.folded, 1) <= 1);
  return near ? { ...near, fuzzy: true } : null;
}

/** Looks at the first `maxLines` lines (the first page's header and the space under the số). */
export function findMarks(firstPage: string, maxLines = 40): { urgency: FoundMark<Urgency> | null; secrecy: FoundMark<Secrecy> | null } {
  let urgency: FoundMark<Urgency> | null = null;
  let secrecy: FoundMark<Secrecy> | null = null;
  for (const line of firstPage.split('\n').slice(0, maxLines)) {
    for (const cell of line.split(/\t+| {3,}|\|/)) {
      const m = markOfCell(cell);
      if (m?.kind === 'urgency') urgency ??= { value: m.value, evidence: cellText(cell), fuzzy: m.fuzzy };
      if (m?.kind === 'secrecy') secrecy ??= { value: m.value, evidence: cellText(cell), fuzzy: m.fuzzy };
    }
  }
  return { urgency, secrecy };
}
