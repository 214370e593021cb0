import { DOC_TYPES, docTypeByCode } from '../domain/doc-types';
import type { ProfileId } from '../drafting/model';
import { padNumber } from '../drafting/notation';
import { foldSameLength } from './fold';

/**
 * Số and ký hiệu of an incoming document, checked against ND30 / HD36 notation and mended where OCR or retyping
 * slipped: spaces around the separators ("01 - CTr/ĐU" → "01-CTr/ĐU"), dash variants, a letter O or l read for a
 * digit in the number ("1O/KH-UBND" → "10/KH-UBND").
 */
export interface RefReading {
  number: number;
  notation: string;
  /** "/" after the number (State: "12/SYT-NV") or "-" (Party: "01-CTr/ĐU"). */
  sep: '/' | '-';
  /** The line it was read from, as printed. */
  evidence: string;
  /** Something had to be changed to make it valid. */
  mended: boolean;
}

const fold = foldSameLength;
const DIGITISH: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', I: '1', l: '1', '|': '1', i: '1', S: '5', B: '8', Z: '2' };

/** Digits of a number as OCR read them: letters that look like digits become digits; null when it is not a number. */
export function mendNumber(written: string): { n: number; mended: boolean } | null {
  const s = written.replace(/\s+/g, '');
  if (!/^[\dOoDQIli|SBZ]{1,8}$/.test(s) || !/\d/.test(s)) return null;
  const digits = s.replace(/[^\d]/g, (c) => DIGITISH[c] ?? c);
  const n = Number(digits);
  return n >= 1 ? { n, mended: digits !== s } : null;
}

/** The ký hiệu compacted: no spaces around "-" and "/", one kind of dash, no trailing punctuation. */
export function mendNotation(written: string): { notation: string; mended: boolean } {
  const notation = written
    .normalize('NFC')
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/\s*([/-])\s*/g, '$1')
    .replace(/[.,;:]+$/, '')
    .trim();
  return { notation, mended: notation !== written.trim() };
}

/** Whether `compact` (the start of `tail` with the spaces around its separators closed up) had such spaces. */
function spacedWithin(tail: string, compact: string): boolean {
  let i = 0;
  let spaced = false;
  for (const ch of compact) {
    while (i < tail.length && /\s/.test(tail[i]) && tail[i] !== ch) {
      spaced = true;
      i++;
    }
    i++;
  }
  return spaced;
}

const NOTATION = /^[\p{L}\d][\p{L}\d&.]*(?:[/-][\p{L}\d&.]+)*$/u;

/** The register's form of số and ký hiệu: "12/SYT-NV" (State), "01-CTr/ĐU" (Party). */
export const refText = (r: Pick<RefReading, 'number' | 'notation' | 'sep'>) => `${padNumber(r.number)}${r.sep}${r.notation}`;

/**
 * Finds the "Số:" line in the first lines of a text, for text the importer could not place (an OCR'd page, a letter
 * without its header): "Số: 12/SYT-NV", "So 01 - CTr/ĐU", "Sô: 1O /KH-UBND".
 */
export function findRefLine(text: string, maxLines = 60): RefReading | null {
  const lines = text.split('\n').slice(0, maxLines);
  for (const raw of lines) {
    // A "Số" line is short: a line of megabytes (a hostile file) is looked at only where it could be.
    for (const seg of raw.slice(0, 300).split(/\t+| {3,}/)) {
      const line = seg.replace(/\*+/g, '').replace(/[‐‑‒–—−]/g, '-').trim();
      const f = fold(line);
      const m = /^s[o0]\s*(?:[:.]\s*)?([\doOdqQIil|sSbBzZ][\doOdqQIil|sSbBzZ ]{0,10}?)\s*([/-])\s*(\S.*)$/du.exec(f);
      if (!m?.indices?.[1] || !m.indices[3]) continue;
      const [from, to] = m.indices[1];
      const num = mendNumber(line.slice(from, to));
      if (!num) continue;
      // The ký hiệu in the original (same indices as the folded copy), up to the first gap wider than a separator.
      const tail = line.slice(m.indices[3][0], m.indices[3][0] + 80);
      const cut = tail.replace(/\s*([/-])\s*/g, '$1').split(/\s/)[0];
      const { notation } = mendNotation(cut);
      if (!NOTATION.test(notation) || !/\p{Lu}/u.test(notation) || notation.length > 30) continue;
      const evidence = line;
      const sep = m[2] as '/' | '-';
      // Spaces between the number and the ký hiệu, or inside it around a separator, were closed up.
      const spaced = /\s/.test(line.slice(to, m.indices[3][0])) || spacedWithin(tail, cut);
      const mended = num.mended || spaced || notation !== cut;
      return { number: num.n, notation, sep, evidence, mended };
    }
  }
  return null;
}

export interface RefCheck {
  ok: boolean;
  /** Vietnamese, when something does not fit. */
  warning?: string;
  /** A type the ký hiệu names (its abbreviation), when it differs from the type read elsewhere. */
  typeFromNotation?: string;
}

/** Checks a ký hiệu against the profile's notation and the document's type (ND30 Phụ lục I II.3; HD36). */
export function checkRef(r: Pick<RefReading, 'number' | 'notation' | 'sep'>, profile: ProfileId, docTypeCode: string | null): RefCheck {
  const shown = refText(r);
  if (!NOTATION.test(r.notation) || !/\p{Lu}/u.test(r.notation) || r.notation.length > 30) {
    return { ok: false, warning: `Ký hiệu «${r.notation}» không đúng dạng (chữ viết tắt nối bằng «-» hoặc «/»); cần kiểm tra lại.` };
  }
  const wantSep = profile === 'party' ? '-' : '/';
  if (r.sep !== wantSep) {
    return { ok: false, warning: `Số và ký hiệu «${shown}»: văn bản ${profile === 'party' ? 'của Đảng viết «Số 01-KH/…»' : 'hành chính viết «Số: 01/KH-…»'}; cần kiểm tra lại.` };
  }
  const head = r.notation.split(/[-/]/)[0];
  const named = DOC_TYPES.find((t) => t.abbr[profile] && fold(t.abbr[profile] ?? '') === fold(head));
  const type = docTypeByCode(docTypeCode ?? '');
  if (!type || !(profile in type.abbr)) return { ok: true, typeFromNotation: named?.code };
  const abbr = type.abbr[profile];
  if (abbr && named && named.code !== type.code) {
    return { ok: false, typeFromNotation: named.code, warning: `Ký hiệu «${r.notation}» là của loại «${named.name}», khác tên loại «${type.name}» ở đầu văn bản; cần kiểm tra lại.` };
  }
  if (abbr && !named && !r.notation.includes('/') && !r.notation.includes('-')) {
    return { ok: false, warning: `Ký hiệu «${r.notation}» thiếu chữ viết tắt của loại «${type.name}» (${abbr}); cần kiểm tra lại.` };
  }
  return { ok: true, typeFromNotation: named?.code };
}
