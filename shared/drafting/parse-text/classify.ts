import { endsTerminal, fold, isCaps, squash } from './text';

/**
 * Classifies one body line on its own, before lines are joined: a heading, a numbered item, a bullet, a pipe-table
 * row, a labelled plan field ("Thời gian: …") or plain text. Structural lines never continue the line above.
 */

export type FieldKey = 'content' | 'time' | 'place' | 'host' | 'lead' | 'participants';

const FIELD_LIMITS: Record<FieldKey, number> = { content: 20000, time: 500, place: 500, host: 500, lead: 1000, participants: 2000 };

const FIELD_LABELS: [string, FieldKey][] = [
  ['noi dung', 'content'],
  ['thoi gian(?: thuc hien| to chuc| hoan thanh)?', 'time'],
  ['thoi han(?: hoan thanh| thuc hien)?', 'time'],
  ['dia diem(?: to chuc)?', 'place'],
  ['(?:don vi |co quan )?dang cai(?: to chuc)?', 'host'],
  ['(?:(?:don vi|co quan) )?chu tri(?: tham muu| thuc hien| to chuc)?', 'lead'],
  ['(?:don vi|co quan) (?:thuc hien(?:,? phoi hop)?|phoi hop(?: thuc hien)?|tham gia)', 'participants'],
  ['phoi hop(?: thuc hien)?', 'participants'],
  ['thanh phan(?: tham du| tham gia)?', 'participants'],
];
const FIELD_RE = new RegExp(`^\\*{0,2}\\s*(${FIELD_LABELS.map(([l]) => `(${l})`).join('|')})\\s*\\*{0,2}\\s*:\\s*\\*{0,2}\\s*`);

function matchField(text: string): { key: FieldKey; value: string } | null {
  const m = FIELD_RE.exec(fold(text));
  if (!m) return null;
  const idx = m.slice(2).findIndex((g) => g !== undefined);
  if (idx < 0) return null;
  const key = FIELD_LABELS[idx][1];
  return { key, value: text.slice(m[0].length).trim() };
}

export type Proto =
  | { kind: 'heading'; level: 'part' | 'section' | 'article'; number: string; text: string }
  | { kind: 'item'; label: string; text: string }
  | { kind: 'bullet'; marker: '-' | '+' | '•'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; rows: string[][]; header: boolean }
  | { kind: 'field'; key: FieldKey; value: string; marker: '-' | '+' | '•' | ''; raw: string };

export interface Classified {
  proto: Proto;
  /** Structural lines never join the previous block. */
  structural: boolean;
}

export function classify(s: string): Classified {
  const f = fold(s);
  // Phần / Chương / Mục
  let m = /^(phan|chuong|muc)\s+([ivxlc]+|\d{1,3})(?![\p{L}\d])\s*[.:\-–]?\s*/u.exec(f);
  if (m) {
    const number = squash(s.slice(0, m[0].length).replace(/[\s.:\-–]+$/, ''));
    return { proto: { kind: 'heading', level: 'part', number, text: s.slice(m[0].length).trim() }, structural: true };
  }
  // Điều 1.
  m = /^dieu\s+(\d{1,3}[a-z]?)\s*[.:]\s*/.exec(f);
  if (m) {
    const at = m[0].indexOf(m[1]);
    return { proto: { kind: 'heading', level: 'article', number: s.slice(at, at + m[1].length), text: s.slice(m[0].length).trim() }, structural: true };
  }
  // I. MỤC ĐÍCH, YÊU CẦU — A. PHẦN MỞ ĐẦU
  m = /^([IVXLC]{1,6}|[A-Z])\s*[.)\-–]\s+(\S.*)$/u.exec(s);
  if (m) {
    const roman = /^[IVXLC]+$/.test(m[1]);
    const text = m[2].trim();
    if (text.length <= 1000 && (isCaps(text, 0.35) || (roman && text.length <= 150 && !endsTerminal(text)))) {
      return { proto: { kind: 'heading', level: 'section', number: m[1], text }, structural: true };
    }
  }
  // 1. / 2.1. / 1)
  m = /^(\d{1,3}(?:\.\d{1,3}){0,4})([.)])(?:\s+(.*))?$/.exec(s) ?? /^(\d{1,3}(?:\.\d{1,3}){0,4})([.)])(\p{Lu}.*)$/u.exec(s);
  if (m) return { proto: { kind: 'item', label: `${m[1]}${m[2]}`, text: (m[3] ?? '').trim() }, structural: true };
  m = /^(\d{1,3}(?:\.\d{1,3}){1,4})\s+(\p{Lu}.*)$/u.exec(s);
  if (m) return { proto: { kind: 'item', label: m[1], text: m[2].trim() }, structural: true };
  // a) / (1) / (a)
  m = /^([a-zđ])\)\s*(.*)$/u.exec(s) ?? /^(\((?:\d{1,2}|[a-zđ])\))\s*(.*)$/u.exec(s);
  if (m) {
    const label = m[1].startsWith('(') ? m[1] : `${m[1]})`;
    return { proto: { kind: 'item', label, text: m[2].trim() }, structural: true };
  }
  // Tables written with pipes.
  if (/^\|.*\|$/.test(s)) {
    // A converter's "<br>" inside a cell is a line break of the cell (the model keeps it as "\n").
    const cells = s
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|').replace(/\s*<br\s*\/?>\s*/gi, '\n'));
    return { proto: { kind: 'table', rows: [cells], header: false }, structural: true };
  }
  // Bullets: "- ", " - + " (a dash then a plus is a plus), "+ ", "• ", "* ".
  m = /^([-–—+•·●▪]|\*(?=\s))\s*(?:([-–—+])\s+)?(.*)$/u.exec(s);
  if (m && !/^[-–—]{2,}/.test(s)) {
    const raw = m[2] ?? m[1];
    const marker: '-' | '+' | '•' = raw === '+' ? '+' : /[-–—]/.test(raw) ? '-' : '•';
    const text = m[3].trim();
    const field = matchField(text);
    if (field && field.value.length <= FIELD_LIMITS[field.key]) {
      return { proto: { kind: 'field', key: field.key, value: field.value, marker, raw: text }, structural: true };
    }
    return { proto: { kind: 'bullet', marker, text }, structural: true };
  }
  const field = matchField(s);
  if (field && field.value.length <= FIELD_LIMITS[field.key]) {
    return { proto: { kind: 'field', key: field.key, value: field.value, marker: '', raw: s }, structural: true };
  }
  return { proto: { kind: 'paragraph', text: s }, structural: false };
}
