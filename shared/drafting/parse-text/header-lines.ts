import { DOC_TYPES, type DocType } from '../../domain/doc-types';
import { isValidIsoDate } from '../../domain/dates';
import type { Secrecy, Urgency } from '../../domain/marks';
import type { ProfileId } from '../model';
import { fold, isCaps, plain } from './text';

/**
 * Recognisers for single header lines: type name, Số/ký hiệu, place and date, marks. Each tolerates the OCR slips and
 * missing diacritics of scanned or retyped documents, because the header is where those hurt most.
 */

const TYPE_NAMES = DOC_TYPES.map((t) => ({ t, f: fold(t.name) }));

/** Matches the first words of a line to a type name: "CHƯƠNG TRÌNH HÀNH ĐỘNG" → Chương trình + rest "HÀNH ĐỘNG". */
export function matchTypeWords(line: string): { type: DocType; rest: string } | null {
  const s = plain(line).replace(/[:.]$/, '').trim();
  const words = s.split(' ');
  for (let k = Math.min(4, words.length); k >= 1; k--) {
    const head = words.slice(0, k).join(' ');
    const hit = TYPE_NAMES.find((x) => x.f === fold(head));
    if (hit && isCaps(head, 0)) return { type: hit.t, rest: words.slice(k).join(' ') };
  }
  return null;
}

export function typeByAbbr(abbr: string, profile: ProfileId): DocType | undefined {
  const exact = DOC_TYPES.find((t) => t.abbr[profile] === abbr) ?? DOC_TYPES.find((t) => Object.values(t.abbr).some((a) => a === abbr));
  if (exact) return exact;
  const f = fold(abbr);
  return DOC_TYPES.find((t) => t.abbr[profile] !== undefined && t.abbr[profile] !== null && fold(t.abbr[profile] ?? '') === f);
}

export interface NumberLine {
  number: number | null;
  written: string;
  notation: string;
  /** "/" after the number (State) or "-" (Party). */
  sep: '/' | '-';
  /** Whatever followed the ký hiệu on the same line (a place and date in a flattened header). */
  rest: string;
}

/** "Số: 70/KH-BTVLMHTXVN", "Số 01-CTr/ĐU", "So : 70 / KH - BTV", "Sô 70/KH", "Số:      /KH-UBND". */
export function parseNumberLine(line: string): NumberLine | null {
  const s = plain(line).replace(/\s*([/-])\s*/g, '$1');
  const f = fold(s);
  const m = /^s[o0]\s*(:?)\s*(\d{0,8})([/-])(?=[\p{L}])/u.exec(f);
  if (!m || (!m[1] && !m[2])) return null;
  const tail = s.slice(m[0].length);
  const sp = tail.search(/\s/);
  const notation = (sp < 0 ? tail : tail.slice(0, sp)).replace(/[.,;:]+$/, '');
  if (!/^[\p{L}\d][\p{L}\d&/.-]*$/u.test(notation) || !/\p{Lu}/u.test(notation)) return null;
  const n = m[2] ? Number(m[2]) : null;
  return {
    number: n !== null && n >= 1 ? n : null,
    written: m[2],
    notation,
    sep: m[3] === '/' ? '/' : '-',
    rest: sp < 0 ? '' : tail.slice(sp).trim(),
  };
}

export interface PlaceDate {
  place: string;
  /** ISO date; null when blank or impossible. */
  date: string | null;
  /** The date as written when it is impossible. */
  invalid?: string;
  blank: boolean;
}

/** "Hà Nội, ngày 07 tháng 02 năm 2024", "Hà Nội, ngay 7 thang 2 nam 2024", "Hà Nội, ngày   tháng   năm 2024", "ngày 02 thúng 3". */
export function parsePlaceDate(line: string): PlaceDate | null {
  const s = plain(line);
  const f = fold(s);
  const build = (place: string, d: string | undefined, mo: string | undefined, y: string | undefined): PlaceDate | null => {
    const p = place.replace(/[\s,]+$/, '').trim();
    // A place is a short name with a capital ("Hà Nội", "Thành phố Hồ Chí Minh"); anything else is a sentence.
    if (p.length > 60 || /^\p{Ll}/u.test(p) || /\d/.test(p)) return null;
    if (!d || !mo || !y) return { place: p, date: null, blank: true };
    const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
    return isValidIsoDate(iso)
      ? { place: p, date: iso, blank: false }
      : { place: p, date: null, blank: false, invalid: `ngày ${d} tháng ${mo} năm ${y}` };
  };
  // One vowel may be misread by OCR ("thúng", "nǎm"): the words stand between numbers, so the consonants suffice.
  // Each run of fillers is one group (an optional number between two `[…]*` made runs of dots quadratic); the place's
  // trailing ", " is trimmed by build(), not matched here (a run of commas was quadratic too).
  let m = /^(.*?)\bng[a-z]y\b[\s.…_]*(?:(\d{1,2})[\s.…_]*)?th[a-z]ng[\s.…_]*(?:(\d{1,2})[\s.…_]*)?n[a-z]m[\s.…_]*(?:(\d{4})[\s.]*)?$/.exec(f);
  if (m) return build(s.slice(0, m[1].length), m[2], m[3], m[4]);
  m = /^(.*?),\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\.?$/.exec(f);
  if (m && m[1].length > 0) return build(s.slice(0, m[1].length), m[2], m[3], m[4]);
  return null;
}

export const QUOC_HIEU = /^cong hoa xa hoi chu nghia viet nam$/;
export const TIEU_NGU = /^doc lap\s*[-–—]\s*tu do\s*[-–—]\s*hanh phuc$/;
export const PARTY_TITLE = /^dang cong san viet nam$/;
export const RULE_LINE = /^[-–—_=~.*\s]{3,}$/;

export function parseMark(line: string): { secrecy?: Secrecy; urgency?: Urgency } | null {
  const s = plain(line);
  if (!isCaps(s, 0)) return null;
  const f = fold(s);
  const table: [RegExp, { secrecy?: Secrecy; urgency?: Urgency }][] = [
    [/^tuyet mat$/, { secrecy: 'tuyet-mat' }],
    [/^toi mat$/, { secrecy: 'toi-mat' }],
    [/^mat$/, { secrecy: 'mat' }],
    [/^hoa toc$/, { urgency: 'hoa-toc' }],
    [/^thuong khan$/, { urgency: 'thuong-khan' }],
    [/^khan$/, { urgency: 'khan' }],
  ];
  for (const [re, v] of table) if (re.test(f)) return v;
  return null;
}

/**
 * Splits a line of a flattened two-column layout (tabs or wide spaces) into its cells, keeping together the blanks
 * the văn thư fills in: "Số:      /KH-UBND", "ngày     tháng     năm 2024".
 */
export function splitSegments(line: string): string[] {
  const out: string[] = [];
  for (const part of line.split(/\t+| {3,}/)) {
    const x = part.trim();
    if (!x) continue;
    const prev = out[out.length - 1];
    const fx = fold(plain(x));
    if (prev !== undefined && (/^(\/|thang\b|nam\b)/.test(fx) || /(\bngay|\bthang|^s[o0]\s*:?)$/.test(fold(plain(prev))))) {
      out[out.length - 1] = `${prev} ${x}`;
    } else out.push(x);
  }
  return out;
}
