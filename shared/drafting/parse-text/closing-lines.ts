import { fold, isCaps, plain, stripEndPunct } from './text';

/**
 * Recognisers for single lines of the closing part: quyền hạn, Nơi nhận, Lưu, notes, the signer's name. They are also
 * used before the closing is found, to tell the profile and to find where the body ends.
 */

const AUTHORITY_STATE = /^(TM|KT|TL|TUQ|Q)\s*\.\s*(.*)$/;
const AUTHORITY_STATE_NODOT = /^(TM|KT|TL|TUQ)\s+(\p{Lu}.*)$/u;
const AUTHORITY_PARTY = /^(T\s*\/\s*M|K\s*\/\s*T|T\s*\/\s*L|T\s*\/\s*UQ)\s*\.?\s*(.*)$/;

/** "TM. BAN THƯỜNG VỤ" → { authority: 'TM.', rest: 'BAN THƯỜNG VỤ' }; null when the line is not a signature line. */
export function parseAuthority(line: string): { authority: string; rest: string } | null {
  const s = plain(line);
  if (s.length > 160 || !isCaps(s)) return null;
  let m = AUTHORITY_PARTY.exec(s);
  if (m) return { authority: m[1].replace(/\s+/g, ''), rest: m[2].trim() };
  m = AUTHORITY_STATE.exec(s) ?? AUTHORITY_STATE_NODOT.exec(s);
  if (m) return { authority: `${m[1]}.`, rest: m[2].trim() };
  return null;
}

export function isNoiNhanLabel(line: string): { rest: string } | null {
  const s = line.replace(/\*/g, '').trim();
  const f = fold(s);
  const m = /^noi nhan\s*:?\s*/.exec(f);
  if (!m) return null;
  return { rest: s.slice(m[0].length).trim() };
}

/** "- Lưu: VT, KHHT." (State) or "- Lưu Văn phòng Đảng ủy." (Party) → units, and whether a colon was written. */
export function parseArchive(line: string): { units: string[]; colon: boolean } | null {
  const s = plain(line).replace(/^[-–—+•]\s*/, '');
  const f = fold(s);
  const m = /^luu\b\s*(:?)\s*/.exec(f);
  if (!m || s.length > 200) return null;
  const rest = s.slice(m[0].length);
  const fr = fold(rest);
  if (!m[1] && /^(y|tru|hanh|giu|thong|luong|tam|vong|dong|chuyen|tru)\b/.test(fr)) return null;
  const units = stripEndPunct(rest)
    .split(/\s*,\s*/)
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  if (units.length === 0) return null;
  return { units, colon: m[1] === ':' };
}

export const NOTE_START = /^(de\b|b\/c|t\/h|p\/h|bao cao|thuc hien|chi dao|phoi hop|theo doi|biet)/;

/** A purpose note alone on its line: "- (để báo cáo)". */
export function parseNoteLine(line: string): string | null {
  const m = /^[-–—+•]?\s*\(([^()]{1,100})\)\s*[;,.]?$/.exec(plain(line));
  return m ? m[1].trim() : null;
}

/** Lines left where the signature goes on paper copies: "(Đã ký)", "[Ký tên, đóng dấu]". */
export function isSignaturePlaceholder(line: string): boolean {
  const f = fold(plain(line));
  return /^[([]?\s*(da ky|ky ten|ky so|ky va ghi ro ho ten|ky, ghi ro ho ten|ky ten, dong dau|ky va dong dau|da ky va dong dau|ky, dong dau|chu ky|dau)\b[^)\]]*[)\]]?\.?$/.test(f);
}

/** A person's name as signed: 2–7 words, a capital first, no digits, no final punctuation. */
export function isNameLike(line: string): boolean {
  const s = plain(line);
  if (s.length < 3 || s.length > 60 || /\d/.test(s) || /[.:;,/()]$/.test(s) || /[/:;]/.test(s)) return false;
  const words = s.split(' ');
  return words.length >= 2 && words.length <= 7 && /^\p{Lu}/u.test(s) && words.every((w) => /^\p{L}/u.test(w));
}

/** The "./." that closes the text of a document; OCR and retyping add spaces and markup around it. */
// No leading `\s*`: tried at every position of a long run of spaces, it made the test cubic (10,000 spaces: minutes).
export const END_MARK = /(?:\.\s*)?\/\s*\.\s*\**\s*$/;
