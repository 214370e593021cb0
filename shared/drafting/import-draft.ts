import { formatDateVN } from '../domain/dates';
import type { DraftInput } from './model';
import { padNumber } from './notation';
import type { ParseResult } from './parse-text';

/**
 * A new draft made from imported text (the drafting screen's paste-import, `vanphong draft import`) is a new document:
 * the văn thư gives its number and date at issuance (ND30 Điều 15), so the source's "Số 70" and 07/02/2024 must not
 * ride along into it. They are kept aside as "in the source" for the user to see. `vanphong convert` and extraction do
 * not go through here: they reproduce or register the existing document, number and date included.
 */
export interface SourceRef {
  number: number | null;
  notation: string;
  date: string | null;
  /** "Số 70/KH-UBND, ngày 07/02/2024" (State) or "Số 01-CTr/ĐU, ngày …" (Party). */
  text: string;
}

export interface ImportedDraft extends ParseResult {
  /** The number and date the source carried; null when it had neither. */
  source: SourceRef | null;
}

/** "Số 70/KH-UBND" / "Số 01-CTr/ĐU" as the source printed it, or "" without a number. */
function sourceNumber(d: DraftInput): string {
  if (d.number === null || d.number === undefined) return '';
  const sep = d.profile === 'party' ? '-' : '/';
  return `Số ${padNumber(d.number)}${d.notation ? `${sep}${d.notation}` : ''}`;
}

export function sourceRefOf(d: DraftInput): SourceRef | null {
  const number = d.number ?? null;
  const date = d.date ?? null;
  if (number === null && date === null) return null;
  const text = [sourceNumber(d), date ? `ngày ${formatDateVN(date)}` : ''].filter(Boolean).join(', ');
  return { number, notation: d.notation ?? '', date, text };
}

/** "Trong văn bản gốc: Số 70/KH-UBND, ngày 07/02/2024": the line shown beside the empty Số and date fields. */
export const sourceLine = (s: SourceRef): string => `Trong văn bản gốc: ${s.text}`;

/** The summary's number and date lines say whose they are: the source's, not the new draft's. */
const SOURCE_LABELS: [string, string][] = [
  ['Số, ký hiệu: ', 'Số, ký hiệu (văn bản gốc): '],
  ['Ngày: ', 'Ngày (văn bản gốc): '],
];

/** The parse result as a new draft: unnumbered and undated, with what the source had kept in `source`. */
export function asNewDraft(r: ParseResult): ImportedDraft {
  const source = sourceRefOf(r.draft);
  const recognised = r.recognised.map((l) => {
    const hit = SOURCE_LABELS.find(([from]) => l.startsWith(from));
    return hit && !l.endsWith('để trống') ? hit[1] + l.slice(hit[0].length) : l;
  });
  return { ...r, recognised, draft: { ...r.draft, number: null, date: null }, source };
}
