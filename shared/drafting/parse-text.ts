import { DOC_TYPES, docTypeByCode, type DocType } from '../domain/doc-types';
import { formatDateVN, isValidIsoDate } from '../domain/dates';
import type { Secrecy, Urgency } from '../domain/marks';
import { draftSchema, type Block, type DraftInput, type ProfileId, type RecipientEntry, type Signature } from './model';
import { padNumber } from './notation';

/**
 * Plain-text import of an official document (State ND30 or Party HD36) into the drafting model.
 *
 * The text may come from an e-mail, an old Word file or a PDF: header lines are often missing, lines are broken
 * mid-sentence, OCR slips occur ("So:", "Sô", spaces around "/" and "-"). The parser is forgiving and never throws;
 * whatever it cannot place stays in the body as text. Pure TypeScript: it also runs in the renderer.
 */
export interface ParseResult {
  draft: DraftInput;
  /** Short Vietnamese lines telling the user what was found. */
  recognised: string[];
  /** Vietnamese lines for what is missing, doubtful or was filled with a placeholder. */
  warnings: string[];
}

export interface ParseOptions {
  /** Forces the profile; detected from the text otherwise. */
  profile?: ProfileId;
}

const PLACEHOLDER = '…';

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

/** Folds diacritics and case one UTF-16 unit for one unit, so indices in the folded text are indices in the original. */
function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    let f = ch === 'đ' || ch === 'Đ' ? 'd' : ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    f = f.toLowerCase();
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

/** NFC, \n line ends, no invisible characters, no markup artefacts such as "*✓*". */
function normalise(input: string): string {
  return input
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\u2028\u2029\f\v]/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060]/g, '')
    .replace(/\*{1,3}\s*[✓✔✗✘☐☑☒■□▪◻◼]+\s*\*{1,3}/g, '')
    .replace(/[✓✔✗✘☐☑☒]/g, '')
    .replace(/(^|[ \t])\*{2,4}(?=[ \t]|$)/gm, '$1');
}

/** Collapses runs of spaces and tabs; trims. */
const squash = (s: string) => s.replace(/[ \t]+/g, ' ').trim();

/** Removes bold markers and a wrapping pair of italic markers: header fields are styled by the profile, not by markup. */
function plain(s: string): string {
  let t = s.replace(/\*\*/g, '').trim();
  if (/^\*[^*]+\*$/.test(t)) t = t.slice(1, -1).trim();
  t = t.replace(/^\*(?=\s|$)/, '').replace(/(^|\s)\*$/, '$1');
  return squash(t);
}

function letterCounts(s: string): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  for (const ch of s) {
    if (/\p{Lu}/u.test(ch)) upper++;
    else if (/\p{Ll}/u.test(ch)) lower++;
  }
  return { upper, lower };
}

/** Capitals, tolerating an OCR slip or two ("THÔNG điệp"). */
function isCaps(s: string, tolerance = 0.2): boolean {
  const { upper, lower } = letterCounts(s);
  return upper >= 2 && lower <= upper * tolerance;
}

/** Ends with sentence punctuation, looking through closing quotes, brackets and markup. */
function endsTerminal(s: string): boolean {
  const t = s.replace(/[\s*”"’'»)\]]+$/u, '');
  return /[.;:!?…]$/.test(t);
}

const startsLower = (s: string) => /^[\s*“"'(]*\p{Ll}/u.test(s);

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const stripEndPunct = (s: string) => s.replace(/[\s;,.]+$/, '').trim();

// ---------------------------------------------------------------------------------------------------------------
// Line-level recognisers

const AUTHORITY_STATE = /^(TM|KT|TL|TUQ|Q)\s*\.\s*(.*)$/;
const AUTHORITY_STATE_NODOT = /^(TM|KT|TL|TUQ)\s+(\p{Lu}.*)$/u;
const AUTHORITY_PARTY = /^(T\s*\/\s*M|K\s*\/\s*T|T\s*\/\s*L|T\s*\/\s*UQ)\s*\.?\s*(.*)$/;

/** "TM. BAN THƯỜNG VỤ" → { authority: 'TM.', rest: 'BAN THƯỜNG VỤ' }; null when the line is not a signature line. */
function parseAuthority(line: string): { authority: string; rest: string } | null {
  const s = plain(line);
  if (s.length > 160 || !isCaps(s)) return null;
  let m = AUTHORITY_PARTY.exec(s);
  if (m) return { authority: m[1].replace(/\s+/g, ''), rest: m[2].trim() };
  m = AUTHORITY_STATE.exec(s) ?? AUTHORITY_STATE_NODOT.exec(s);
  if (m) return { authority: `${m[1]}.`, rest: m[2].trim() };
  return null;
}

function isNoiNhanLabel(line: string): { rest: string } | null {
  const s = line.replace(/\*/g, '').trim();
  const f = fold(s);
  const m = /^noi nhan\s*:?\s*/.exec(f);
  if (!m) return null;
  return { rest: s.slice(m[0].length).trim() };
}

/** "- Lưu: VT, KHHT." (State) or "- Lưu Văn phòng Đảng ủy." (Party) → units, and whether a colon was written. */
function parseArchive(line: string): { units: string[]; colon: boolean } | null {
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

const NOTE_START = /^(de\b|b\/c|t\/h|p\/h|bao cao|thuc hien|chi dao|phoi hop|theo doi|biet)/;

/** A purpose note alone on its line: "- (để báo cáo)". */
function parseNoteLine(line: string): string | null {
  const m = /^[-–—+•]?\s*\(([^()]{1,100})\)\s*[;,.]?$/.exec(plain(line));
  return m ? m[1].trim() : null;
}

/** Lines left where the signature goes on paper copies: "(Đã ký)", "[Ký tên, đóng dấu]". */
function isSignaturePlaceholder(line: string): boolean {
  const f = fold(plain(line));
  return /^[([]?\s*(da ky|ky ten|ky so|ky va ghi ro ho ten|ky, ghi ro ho ten|ky ten, dong dau|ky va dong dau|da ky va dong dau|ky, dong dau|chu ky|dau)\b[^)\]]*[)\]]?\.?$/.test(f);
}

/** A person's name as signed: 2–7 words, a capital first, no digits, no final punctuation. */
function isNameLike(line: string): boolean {
  const s = plain(line);
  if (s.length < 3 || s.length > 60 || /\d/.test(s) || /[.:;,/()]$/.test(s) || /[/:;]/.test(s)) return false;
  const words = s.split(' ');
  return words.length >= 2 && words.length <= 7 && /^\p{Lu}/u.test(s) && words.every((w) => /^\p{L}/u.test(w));
}

const END_MARK = /\s*\.?\s*\/\s*\.\s*[*]*\s*$/;

// ---------------------------------------------------------------------------------------------------------------
// Types, numbers, dates

const TYPE_NAMES = DOC_TYPES.map((t) => ({ t, f: fold(t.name) }));

/** Matches the first words of a line to a type name: "CHƯƠNG TRÌNH HÀNH ĐỘNG" → Chương trình + rest "HÀNH ĐỘNG". */
function matchTypeWords(line: string): { type: DocType; rest: string } | null {
  const s = plain(line).replace(/[:.]$/, '').trim();
  const words = s.split(' ');
  for (let k = Math.min(4, words.length); k >= 1; k--) {
    const head = words.slice(0, k).join(' ');
    const hit = TYPE_NAMES.find((x) => x.f === fold(head));
    if (hit && isCaps(head, 0)) return { type: hit.t, rest: words.slice(k).join(' ') };
  }
  return null;
}

function typeByAbbr(abbr: string, profile: ProfileId): DocType | undefined {
  const exact = DOC_TYPES.find((t) => t.abbr[profile] === abbr) ?? DOC_TYPES.find((t) => Object.values(t.abbr).some((a) => a === abbr));
  if (exact) return exact;
  const f = fold(abbr);
  return DOC_TYPES.find((t) => t.abbr[profile] !== undefined && t.abbr[profile] !== null && fold(t.abbr[profile] ?? '') === f);
}

interface NumberLine {
  number: number | null;
  written: string;
  notation: string;
  /** "/" after the number (State) or "-" (Party). */
  sep: '/' | '-';
  /** Whatever followed the ký hiệu on the same line (a place and date in a flattened header). */
  rest: string;
}

/** "Số: 70/KH-BTVLMHTXVN", "Số 01-CTr/ĐU", "So : 70 / KH - BTV", "Sô 70/KH", "Số:      /KH-UBND". */
function parseNumberLine(line: string): NumberLine | null {
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

interface PlaceDate {
  place: string;
  /** ISO date; null when blank or impossible. */
  date: string | null;
  /** The date as written when it is impossible. */
  invalid?: string;
  blank: boolean;
}

/** "Hà Nội, ngày 07 tháng 02 năm 2024", "Hà Nội, ngay 7 thang 2 nam 2024", "Hà Nội, ngày   tháng   năm 2024". */
function parsePlaceDate(line: string): PlaceDate | null {
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
  let m = /^(.*?)[\s,]*\bngay\b[\s.…_]*(\d{1,2})?[\s.…_]*thang[\s.…_]*(\d{1,2})?[\s.…_]*nam[\s.…_]*(\d{4})?[\s.]*$/.exec(f);
  if (m) return build(s.slice(0, m[1].length), m[2], m[3], m[4]);
  m = /^(.*?),\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\.?$/.exec(f);
  if (m && m[1].length > 0) return build(s.slice(0, m[1].length), m[2], m[3], m[4]);
  return null;
}

const QUOC_HIEU = /^cong hoa xa hoi chu nghia viet nam$/;
const TIEU_NGU = /^doc lap\s*[-–—]\s*tu do\s*[-–—]\s*hanh phuc$/;
const PARTY_TITLE = /^dang cong san viet nam$/;
const RULE_LINE = /^[-–—_=~.*\s]{3,}$/;

function parseMark(line: string): { secrecy?: Secrecy; urgency?: Urgency } | null {
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

// ---------------------------------------------------------------------------------------------------------------
// Profile detection

function detectProfile(lines: string[]): ProfileId {
  let party = 0;
  let state = 0;
  const tailFrom = Math.max(0, lines.length - 60);
  lines.forEach((raw, i) => {
    const s = plain(raw);
    if (!s) return;
    const f = fold(s);
    if (PARTY_TITLE.test(f) && isCaps(s)) party += 3;
    if (QUOC_HIEU.test(f) || TIEU_NGU.test(f)) state += 3;
    const num = parseNumberLine(s);
    if (num) {
      if (num.sep === '-' && num.notation.includes('/')) party += 2;
      else if (num.sep === '/') state += 2;
    }
    const auth = parseAuthority(s);
    if (auth) {
      if (auth.authority.includes('/')) party += 1;
      else state += 1;
    }
    if (i >= tailFrom || /^[-–—]/.test(s)) {
      const arc = parseArchive(s);
      if (arc && s.length < 120) {
        if (arc.colon || arc.units.some((u) => u === 'VT')) state += 1;
        else party += 1;
      }
    }
  });
  return party > state ? 'party' : 'state';
}

// ---------------------------------------------------------------------------------------------------------------
// Body blocks

type FieldKey = 'content' | 'time' | 'place' | 'host' | 'lead' | 'participants';

const FIELD_LIMITS: Record<FieldKey, number> = { content: 20000, time: 500, place: 500, host: 500, lead: 1000, participants: 2000 };

const FIELD_LABELS: [string, FieldKey][] = [
  ['noi dung', 'content'],
  ['thoi gian(?: thuc hien| to chuc| hoan thanh)?', 'time'],
  ['thoi han(?: hoan thanh| thuc hien)?', 'time'],
  ['dia diem(?: to chuc)?', 'place'],
  ['(?:don vi |co quan )?dang cai(?: to chuc)?', 'host'],
  ['(?:(?:don vi|co quan) )?chu tri(?: tham muu| thuc hien| to chuc)?', 'lead'],
  ['(?:don vi|co quan) (?:thuc hien|phoi hop(?: thuc hien)?|tham gia)', 'participants'],
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

type Proto =
  | { kind: 'heading'; level: 'part' | 'section' | 'article'; number: string; text: string }
  | { kind: 'item'; label: string; text: string }
  | { kind: 'bullet'; marker: '-' | '+' | '•'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; rows: string[][]; header: boolean }
  | { kind: 'field'; key: FieldKey; value: string; marker: '-' | '+' | '•' | ''; raw: string };

interface Classified {
  proto: Proto;
  /** Structural lines never join the previous block. */
  structural: boolean;
}

function classify(s: string): Classified {
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
    const cells = s.slice(1, -1).split('|').map((c) => c.trim());
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

function protoText(p: Proto): string {
  switch (p.kind) {
    case 'field':
      return p.value;
    case 'table':
      return '';
    default:
      return p.text;
  }
}

function appendText(p: Proto, s: string): void {
  const join = (a: string) => (a ? `${a} ${s}` : s);
  if (p.kind === 'field') {
    p.value = join(p.value);
    p.raw = join(p.raw);
  } else if (p.kind !== 'table') p.text = join(p.text);
}

/** Turns body lines into blocks: joins broken lines, then gathers labelled plan lines into activities. */
function parseBody(lines: string[]): Block[] {
  const protos: Proto[] = [];
  let lastLine = '';
  let blankBefore = false;
  for (const raw of lines) {
    const s = squash(raw);
    if (!s) {
      blankBefore = true;
      continue;
    }
    const c = classify(s);
    const prev = protos[protos.length - 1];
    if (prev && !c.structural && prev.kind !== 'table') {
      const prevText = protoText(prev);
      const open = prevText === '' && prev.kind !== 'heading';
      const headingOpen = prev.kind === 'heading' && prev.level === 'part' && prev.text === '' && isCaps(s);
      const lowerContinuation = startsLower(s) && prev.kind !== 'heading';
      const broken =
        (prev.kind === 'paragraph' || prev.kind === 'bullet' || prev.kind === 'field') &&
        !endsTerminal(lastLine) &&
        lastLine.length >= 120;
      if (open || headingOpen || lowerContinuation || broken) {
        appendText(prev, s);
        lastLine = s;
        blankBefore = false;
        continue;
      }
    }
    if (c.proto.kind === 'table' && prev?.kind === 'table' && !blankBefore) {
      const row = c.proto.rows[0];
      if (row.every((cell) => /^:?-{2,}:?$/.test(cell))) prev.header = true;
      else prev.rows.push(row);
    } else {
      protos.push(c.proto);
    }
    lastLine = s;
    blankBefore = false;
  }
  return assemble(protos);
}

function isTitleLike(p: Proto): boolean {
  if (p.kind !== 'item' && p.kind !== 'bullet' && p.kind !== 'paragraph') return false;
  const t = p.text;
  if (!t || t.length > 300) return false;
  if (!endsTerminal(t)) return true;
  return p.kind !== 'paragraph' && /\.$/.test(t.replace(/[\s*”"’)]+$/u, '')) && t.length <= 160;
}

function toBlock(p: Exclude<Proto, { kind: 'field' }>): Block {
  switch (p.kind) {
    case 'heading':
      if (p.text.length > 1000) return { kind: 'paragraph', text: `${p.number} ${p.text}` };
      return { kind: 'heading', level: p.level, number: p.number, text: p.text };
    case 'item': {
      if (p.text.length > 20000) return { kind: 'paragraph', text: `${p.label} ${p.text}` };
      const bold = /^\d/.test(p.label) && p.text.length > 0 && p.text.length <= 250 && !endsTerminal(p.text);
      return { kind: 'item', label: p.label, text: p.text, bold };
    }
    case 'bullet':
      if (p.text.length > 20000) return { kind: 'paragraph', text: `${p.marker} ${p.text}` };
      return { kind: 'bullet', marker: p.marker, text: p.text };
    case 'table': {
      const rows = p.rows.map((r) => (r.length > 12 ? [...r.slice(0, 11), r.slice(11).join(' | ')] : r));
      return { kind: 'table', rows, header: p.header };
    }
    case 'paragraph':
      return { kind: 'paragraph', text: p.text };
  }
}

function fieldFallback(p: Extract<Proto, { kind: 'field' }>): Block {
  return p.marker ? { kind: 'bullet', marker: p.marker, text: p.raw } : { kind: 'paragraph', text: p.raw };
}

function assemble(protos: Proto[]): Block[] {
  const out: Block[] = [];
  // Parallel to `out`; null where the block cannot title a following activity.
  const outProtos: (Proto | null)[] = [];
  let i = 0;
  while (i < protos.length) {
    const p = protos[i];
    if (p.kind !== 'field') {
      out.push(toBlock(p));
      outProtos.push(p);
      i++;
      continue;
    }
    // A run of labelled lines; a repeated label starts a new activity.
    const run: Extract<Proto, { kind: 'field' }>[] = [];
    while (i < protos.length) {
      const q = protos[i];
      if (q.kind !== 'field') break;
      run.push(q);
      i++;
    }
    const groups: (typeof run)[] = [];
    let cur: typeof run = [];
    for (const q of run) {
      if (cur.some((x) => x.key === q.key)) {
        groups.push(cur);
        cur = [];
      }
      cur.push(q);
    }
    if (cur.length) groups.push(cur);
    groups.forEach((g, gi) => {
      let title = '';
      const prev = outProtos[outProtos.length - 1];
      const canTitle = gi === 0 && prev !== undefined && prev !== null && isTitleLike(prev);
      if (g.length < 2 && !canTitle) {
        g.forEach((q) => {
          out.push(fieldFallback(q));
          outProtos.push(null);
        });
        return;
      }
      if (canTitle && prev !== undefined && prev !== null && (prev.kind === 'item' || prev.kind === 'bullet' || prev.kind === 'paragraph')) {
        title = prev.kind === 'item' ? `${prev.label} ${prev.text}` : prev.text;
        if (title.length <= 2000) {
          out.pop();
          outProtos.pop();
        } else title = '';
      }
      const act: Extract<Block, { kind: 'activity' }> = { kind: 'activity', title };
      for (const q of g) act[q.key] = q.value;
      out.push(act);
      outProtos.push(null);
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The parser

interface Header {
  parentOrgan: string;
  organ: string;
  number: NumberLine | null;
  placeDate: PlaceDate | null;
  type: DocType | null;
  typeLine: string;
  typeRest: string;
  subject: string;
  letterSubject: boolean;
  secrecy: Secrecy;
  urgency: Urgency;
  end: number;
}

/**
 * Splits a line of a flattened two-column layout (tabs or wide spaces) into its cells, keeping together the blanks
 * the văn thư fills in: "Số:      /KH-UBND", "ngày     tháng     năm 2024".
 */
function splitSegments(line: string): string[] {
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

function parseHeader(lines: string[]): Header {
  const h: Header = {
    parentOrgan: '',
    organ: '',
    number: null,
    placeDate: null,
    type: null,
    typeLine: '',
    typeRest: '',
    subject: '',
    letterSubject: false,
    secrecy: 'thuong',
    urgency: 'thuong',
    end: 0,
  };
  const organLines: { text: string; bold: boolean }[] = [];
  let pending: { idx: number; text: string; bold: boolean }[] = [];
  let anchored = false;
  let i = 0;
  const anchor = () => {
    anchored = true;
    organLines.push(...pending);
    pending = [];
  };
  const subjectLines = (from: number, max: number, stop?: (s: string) => boolean): { text: string; next: number } => {
    const parts: string[] = [];
    let j = from;
    while (j < lines.length && lines[j].trim() && parts.length < max) {
      const s = plain(lines[j]);
      if (RULE_LINE.test(s) || stop?.(s)) break;
      parts.push(s);
      j++;
    }
    return { text: parts.join(' '), next: j };
  };

  outer: while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const segs = splitSegments(line);
    // Every segment of the line must be a header element, else the header is over.
    const handled: (() => void)[] = [];
    for (const seg of segs) {
      const s = plain(seg);
      const f = fold(s);
      if (!s || RULE_LINE.test(s) || s === '*' || QUOC_HIEU.test(f) || TIEU_NGU.test(f) || (PARTY_TITLE.test(f) && isCaps(s))) {
        handled.push(anchor);
        continue;
      }
      const num = h.number ? null : parseNumberLine(s);
      if (num) {
        handled.push(() => {
          anchor();
          h.number = num;
          const pd = num.rest ? parsePlaceDate(num.rest) : null;
          if (pd && !h.placeDate) h.placeDate = pd;
        });
        continue;
      }
      const pd = h.placeDate ? null : parsePlaceDate(s);
      if (pd) {
        handled.push(() => {
          anchor();
          h.placeDate = pd;
        });
        continue;
      }
      const mark = parseMark(s);
      if (mark) {
        handled.push(() => {
          anchor();
          if (mark.secrecy) h.secrecy = mark.secrecy;
          if (mark.urgency) h.urgency = mark.urgency;
        });
        continue;
      }
      const vv = /^(v\s*\/\s*v|ve viec)\b\s*:?\s*/.exec(f);
      if (vv && !h.type && segs.length === 1) {
        // Công văn: "V/v …" under the number, possibly on several lines.
        anchor();
        const first = s.slice(vv[0].length);
        const more = subjectLines(
          i + 1,
          4,
          (x) =>
            splitSegments(x).length > 1 ||
            x.length > 150 ||
            isCaps(x) ||
            parseNumberLine(x) !== null ||
            parsePlaceDate(x) !== null ||
            /^kinh (gui|trinh)/.test(fold(x)) ||
            classify(x).structural,
        );
        h.subject = [first, more.text].filter(Boolean).join(' ');
        h.letterSubject = true;
        i = more.next;
        continue outer;
      }
      const typeHit = segs.length === 1 && !h.type ? matchTypeWords(s) : null;
      if (typeHit && (isCaps(s) || typeHit.rest.length > 0) && s.length <= 400) {
        anchor();
        h.type = typeHit.type;
        h.typeLine = s;
        // The rest of a capitals line ("HÀNH ĐỘNG") or a subject typed on the same line.
        if (isCaps(s)) h.typeRest = typeHit.rest;
        else h.subject = typeHit.rest;
        i++;
        if (!h.subject) {
          let j = i;
          while (j < lines.length && (!lines[j].trim() || RULE_LINE.test(plain(lines[j])))) j++;
          const cand = subjectLines(j, 6);
          const first = cand.text;
          const looksBody =
            !first ||
            first.length > 500 ||
            /^(can cu|kinh gui|kinh trinh|theo de nghi|xet )/.test(fold(first)) ||
            classify(plain(lines[j])).structural ||
            lines.slice(j, cand.next).some((l) => l.trim().length > 300);
          if (!looksBody) {
            h.subject = first;
            i = cand.next;
          }
        }
        while (i < lines.length && (!lines[i].trim() || RULE_LINE.test(plain(lines[i])))) i++;
        h.end = i;
        break outer;
      }
      if (isCaps(s) && s.length <= 200 && !classify(s).structural && !parseAuthority(s)) {
        const bold = /^\*\*.*\*\*$/.test(seg.trim());
        handled.push(() => pending.push({ idx: i, text: s, bold }));
        continue;
      }
      // Not a header element: the body starts here.
      break outer;
    }
    handled.forEach((fn) => fn());
    i++;
    h.end = i;
  }
  if (pending.length) h.end = Math.min(h.end, pending[0].idx);
  if (!anchored) h.end = pending.length ? pending[0].idx : h.end;

  // Organ lines: bold ones (when marked) are the issuing body; else the last group is, and the one before the parent.
  if (organLines.length) {
    const joinWords = /^(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|viet nam|trung uong)\b/;
    const groups: string[] = [];
    for (const o of organLines) {
      if (groups.length && joinWords.test(fold(o.text))) groups[groups.length - 1] += ` ${o.text}`;
      else groups.push(o.text);
    }
    const bold = organLines.filter((o) => o.bold);
    if (bold.length && bold.length < organLines.length) {
      h.organ = bold.map((o) => o.text).join(' ');
      h.parentOrgan = organLines.filter((o) => !o.bold).map((o) => o.text).join(' ');
    } else if (groups.length === 1) {
      h.organ = groups[0];
    } else {
      h.organ = groups[groups.length - 1];
      h.parentOrgan = groups.slice(0, -1).join(' ');
    }
  }
  return h;
}

interface PreBody {
  bases: string[];
  addressees: string[];
  extras: string[];
  end: number;
}

/** Căn cứ lines and Kính gửi, between the header and the body. */
function parsePreBody(lines: string[], from: number, to: number): PreBody {
  const r: PreBody = { bases: [], addressees: [], extras: [], end: from };
  let i = from;
  const isBasis = (s: string) => /^(can cu|theo de nghi|xet de nghi|xet to trinh)\b/.test(fold(plain(s)));
  while (i < to) {
    const raw = lines[i];
    if (!raw.trim() || RULE_LINE.test(plain(raw))) {
      i++;
      continue;
    }
    const s = plain(raw);
    const f = fold(s);
    const kg = /^kinh (gui|trinh)\s*:?\s*/.exec(f);
    if (kg) {
      const first = s.slice(kg[0].length).replace(/^[-–—]\s*/, '');
      if (first) r.addressees.push(stripEndPunct(first));
      i++;
      while (i < to) {
        if (!lines[i].trim()) {
          let j = i;
          while (j < to && !lines[j].trim()) j++;
          if (j < to && /^[-–—+•]/.test(plain(lines[j]))) {
            i = j;
            continue;
          }
          break;
        }
        const t = plain(lines[i]);
        if (!/^[-–—+•]/.test(t)) break;
        r.addressees.push(stripEndPunct(t.replace(/^[-–—+•]\s*/, '')));
        i++;
      }
      continue;
    }
    if (isBasis(s) && !/:$/.test(s)) {
      let text = s;
      i++;
      // A basis broken over lines: join until it ends with ";" or ".".
      while (i < to && lines[i].trim() && !/[;.]$/.test(text) && !isBasis(lines[i]) && !classify(plain(lines[i])).structural) {
        text += ` ${plain(lines[i])}`;
        i++;
      }
      if (text.length <= 1000 && r.bases.length < 30) r.bases.push(stripEndPunct(text));
      else r.extras.push(text);
      continue;
    }
    // The competence line of a Quyết định ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") before its bases.
    if (isCaps(s) && s.length <= 200 && r.bases.length === 0 && !classify(s).structural) {
      let j = i + 1;
      while (j < to && !lines[j].trim()) j++;
      if (j < to && isBasis(lines[j])) {
        r.extras.push(s);
        i = j;
        continue;
      }
    }
    break;
  }
  r.end = i;
  return r;
}

interface Tail {
  recipients: RecipientEntry[];
  archive: string[];
  archiveColon: boolean | null;
  signature: { authority: string; lines: string[]; name: string } | null;
  leftovers: string[];
  dropped: string[];
  notesGrouped: { note: string; count: number }[];
}

/** Nơi nhận, Lưu and the signature block, in either order, one column or two flattened ones. */
function parseTail(lines: string[]): Tail {
  const t: Tail = { recipients: [], archive: [], archiveColon: null, signature: null, leftovers: [], dropped: [], notesGrouped: [] };
  type Item = { kind: 'entry'; text: string } | { kind: 'note'; note: string };
  const items: Item[] = [];
  let lastKind: 'entry' | 'other' = 'other';
  let sigLines: string[] = [];
  let sigAuthority = '';
  let sigName = '';
  let sigGap = false;
  let sigStarted = false;
  let recipientsStarted = false;

  for (const raw of lines) {
    if (!raw.trim()) {
      if (sigStarted) sigGap = true;
      continue;
    }
    const segs = splitSegments(raw);
    segs.forEach((seg, si) => {
      const column = segs.length === 1 ? 'single' : si === 0 ? 'left' : 'right';
      const s = plain(seg);
      if (!s) return;
      const label = isNoiNhanLabel(s);
      if (label) {
        recipientsStarted = true;
        if (label.rest) {
          items.push({ kind: 'entry', text: label.rest.replace(/^[-–—+•]\s*/, '') });
          lastKind = 'entry';
        }
        return;
      }
      const auth = parseAuthority(s);
      if (auth && !sigName && column !== 'left') {
        if (!sigStarted) {
          sigStarted = true;
          sigAuthority = auth.authority;
          sigLines.push(auth.rest);
        } else {
          sigLines.push(s);
        }
        lastKind = 'other';
        return;
      }
      const arc = parseArchive(s);
      if (arc) {
        t.archive.push(...arc.units);
        t.archiveColon = arc.colon;
        lastKind = 'other';
        return;
      }
      const note = parseNoteLine(s);
      const lastItem = items[items.length - 1];
      // "(để phối hợp);" without a dash right under an unfinished entry belongs to that entry.
      const continuesEntry = lastKind === 'entry' && lastItem?.kind === 'entry' && !/[;,.]$/.test(lastItem.text) && !/^[-–—+•]/.test(s);
      if (note && !continuesEntry && column !== 'right' && (recipientsStarted || items.length > 0)) {
        items.push({ kind: 'note', note });
        lastKind = 'other';
        return;
      }
      if (/^[-–—+•]/.test(s) && column !== 'right') {
        items.push({ kind: 'entry', text: s.replace(/^[-–—+•]\s*/, '') });
        lastKind = 'entry';
        return;
      }
      if (isSignaturePlaceholder(s)) {
        t.dropped.push(s);
        return;
      }
      if (isCaps(s) && s.length <= 200 && !sigName && column !== 'left' && !(lastKind === 'entry' && column === 'single' && !sigStarted && recipientsContinues(s))) {
        if (!sigStarted) sigStarted = true;
        if (sigGap && sigLines.length > 0 && isNameLike(s)) {
          sigName = s;
          return;
        }
        sigLines.push(s);
        lastKind = 'other';
        return;
      }
      if (sigStarted && !sigName && column !== 'left' && (isNameLike(s) || (sigGap && s.length <= 60))) {
        sigName = s;
        lastKind = 'other';
        return;
      }
      if (lastKind === 'entry' && column !== 'right') {
        const last = items[items.length - 1];
        if (last.kind === 'entry') last.text = `${last.text} ${s}`;
        return;
      }
      t.leftovers.push(s);
    });
  }

  // Entries, their notes, and notes on their own line that apply to the run of entries above them.
  let run: RecipientEntry[] = [];
  const out: RecipientEntry[] = [];
  const flush = () => {
    out.push(...run);
    run = [];
  };
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (it.kind === 'entry') {
      const e = splitNote(it.text);
      if (!e.text) continue;
      if (e.note) {
        flush();
        out.push(e);
      } else run.push(e);
      continue;
    }
    const notes = [it.note];
    while (k + 1 < items.length && items[k + 1].kind === 'note') {
      const nx = items[++k];
      if (nx.kind === 'note') notes.push(nx.note);
    }
    const note = truncate(notes.join('; '), 100);
    if (run.length === 0) {
      const prev = out[out.length - 1];
      if (prev && !prev.note) prev.note = note;
      else out.push({ text: `(${notes.join('; ')})` });
    } else if (run.length === 1 || run.length > 51) {
      run.forEach((e) => (e.note = note));
      t.notesGrouped.push({ note, count: run.length });
      flush();
    } else {
      out.push({ text: run[0].text, group: run.slice(1).map((e) => e.text), note });
      t.notesGrouped.push({ note, count: run.length });
      run = [];
    }
  }
  flush();
  t.recipients = out;
  if (sigStarted) t.signature = { authority: sigAuthority, lines: sigLines, name: sigName };
  return t;

  function recipientsContinues(s: string): boolean {
    // A capitals line right after an entry that did not end its item is a continuation, not a title.
    const last = items[items.length - 1];
    return last !== undefined && last.kind === 'entry' && !/[;.,]$/.test(last.text) && s.length > 40;
  }
}

/** "Văn phòng TW Đảng (để b/c);" → { text: 'Văn phòng TW Đảng', note: 'để b/c' }. */
function splitNote(raw: string): RecipientEntry {
  let text = stripEndPunct(squash(raw));
  let note: string | undefined;
  const m = /\s*\(([^()]{1,100})\)$/.exec(text);
  if (m && NOTE_START.test(fold(m[1].trim()))) {
    note = m[1].trim();
    text = stripEndPunct(text.slice(0, m.index));
  }
  if (text.length > 500) text = text.slice(0, 500);
  return note ? { text, note } : { text };
}

function buildSignature(sig: Tail['signature']): { signature: Signature; missing: string[] } {
  const missing: string[] = [];
  let authority = '';
  let onBehalfOf = '';
  let title = '';
  const name = sig?.name ?? '';
  if (sig) {
    authority = sig.authority;
    const lines = sig.lines.filter((l) => l.length > 0);
    if (authority) {
      // First line: what follows the quyền hạn ("BAN THƯỜNG VỤ"); then the title, possibly with a second quyền hạn.
      const rest = sig.lines.slice(1).filter((l) => l.length > 0);
      onBehalfOf = sig.lines[0] ?? '';
      if (!onBehalfOf && rest.length > 1) onBehalfOf = rest.shift() ?? '';
      const k = rest.findIndex((l) => parseAuthority(l) !== null);
      if (k >= 0) {
        onBehalfOf = [onBehalfOf, ...rest.slice(0, k)].filter(Boolean).join(' ');
        title = rest.slice(k).join('\n');
      } else if (rest.length) {
        onBehalfOf = [onBehalfOf, ...rest.slice(0, -1)].filter(Boolean).join(' ');
        title = rest[rest.length - 1];
      }
    } else {
      title = lines.join('\n');
    }
  }
  if (!title) missing.push('Không thấy chức vụ người ký.');
  if (!name) missing.push('Không thấy họ tên người ký.');
  return {
    signature: {
      authority,
      onBehalfOf: truncate(onBehalfOf, 200),
      title: truncate(title, 200) || PLACEHOLDER,
      name: name ? truncate(name, 100) : PLACEHOLDER,
    },
    missing,
  };
}

/** Where the body ends: the "./." mark, the Nơi nhận label or the signature block, whichever comes first. */
function findBodyEnd(lines: string[], from: number): { end: number; endMark: number } {
  let endMark = -1;
  let nn = -1;
  let sig = -1;
  for (let i = lines.length - 1; i >= from; i--) {
    const s = plain(lines[i]);
    if (!s) continue;
    if (endMark < 0 && END_MARK.test(lines[i])) endMark = i;
    if (nn < 0 && isNoiNhanLabel(s) && s.length <= 40) nn = i;
    if (sig < 0 && parseAuthority(s)) sig = i;
  }
  // An authority line may have a wrapped line above it only when it is the first of the block; take the earliest
  // authority line of the last block.
  if (sig >= 0) {
    let j = sig - 1;
    while (j >= from && (!lines[j].trim() || parseAuthority(plain(lines[j])))) {
      if (lines[j].trim()) sig = j;
      j--;
    }
  }
  if (sig < 0) sig = findBareSignature(lines, from, nn >= 0 ? nn : lines.length, endMark);
  if (sig < 0 && nn >= 0) sig = findBareSignature(lines, from, lines.length, endMark);
  const cands = [endMark >= 0 ? endMark + 1 : -1, nn, sig].filter((x) => x >= from);
  return { end: cands.length ? Math.min(...cands) : lines.length, endMark };
}

/** A signature without a quyền hạn: capitals lines then a name, ending at `to`. Returns the first capitals line. */
function findBareSignature(lines: string[], from: number, to: number, endMark: number): number {
  let j = to - 1;
  while (j >= from && !lines[j].trim()) j--;
  if (j < from || !isNameLike(lines[j])) return -1;
  j--;
  let first = -1;
  let count = 0;
  while (j >= from && count < 4) {
    const s = plain(lines[j]);
    if (!s || isSignaturePlaceholder(s)) {
      j--;
      continue;
    }
    if (isCaps(s, 0.05) && s.length <= 80 && !classify(s).structural && !isNoiNhanLabel(s)) {
      first = j;
      count++;
      j--;
      continue;
    }
    break;
  }
  if (first < 0) return -1;
  if (endMark >= 0 && first <= endMark) return -1;
  return first;
}

/**
 * Parses the plain text of an official document into the drafting model. Never throws: what is missing gets a
 * placeholder and a warning, what cannot be placed stays in the body.
 */
export function parseOfficialText(input: string, opts: { profile?: ProfileId } = {}): ParseResult {
  const recognised: string[] = [];
  const warnings: string[] = [];
  const text = normalise(typeof input === 'string' ? input : '');
  const lines = text.split('\n').map((l) => l.replace(/[ \t]+$/, ''));

  const detected = detectProfile(lines);
  const profile: ProfileId = opts.profile ?? detected;
  recognised.push(
    `Thể thức: ${profile === 'party' ? 'văn bản của Đảng (HD 36)' : 'văn bản hành chính (NĐ 30/2020)'}${opts.profile ? '' : ' — tự nhận biết'}`,
  );

  // Header.
  const h = parseHeader(lines);
  if (h.parentOrgan) recognised.push(`Cơ quan chủ quản: ${h.parentOrgan}`);
  if (h.organ) recognised.push(`Cơ quan ban hành: ${h.organ}`);

  let docType: DocType | null = h.type;
  let organAbbr = '';
  let unitAbbr = '';
  let notation = '';
  let number: number | null = null;
  if (h.number) {
    const n = h.number;
    number = n.number;
    const parts = n.notation.split(/[-/]/);
    const abbrType = parts.length >= 2 ? typeByAbbr(parts[0], profile) : undefined;
    if (abbrType) {
      organAbbr = n.notation.slice(parts[0].length + 1);
      if (!docType) docType = abbrType;
      else if (docType.code !== abbrType.code) {
        warnings.push(`Ký hiệu «${parts[0]}» là của loại «${abbrType.name}», khác tên loại «${docType.name}» ở đầu văn bản; giữ tên loại.`);
      }
    } else if (parts.length >= 2) {
      organAbbr = parts[0];
      unitAbbr = n.notation.slice(parts[0].length + 1);
    } else {
      organAbbr = parts[0];
    }
    if (n.notation.length <= 30) notation = n.notation;
    else warnings.push(`Ký hiệu «${n.notation}» dài quá 30 ký tự; không giữ.`);
    if (organAbbr.length > 30) organAbbr = '';
    if (unitAbbr.length > 30) unitAbbr = '';
    const shown = profile === 'party' ? `${number !== null ? padNumber(number) : ''}-${n.notation}` : `${number !== null ? padNumber(number) : ''}/${n.notation}`;
    recognised.push(`Số, ký hiệu: ${shown}`);
    if (n.written && number === null) warnings.push(`Số văn bản «${n.written}» không hợp lệ; để trống.`);
  }

  let place = '';
  let date: string | null = null;
  if (h.placeDate) {
    place = h.placeDate.place;
    date = h.placeDate.date;
    if (place) recognised.push(`Địa danh: ${place}`);
    if (date) recognised.push(`Ngày: ${formatDateVN(date)}`);
    else if (h.placeDate.invalid) warnings.push(`Ngày ban hành không có thật (${h.placeDate.invalid}); để trống.`);
    else recognised.push('Ngày: để trống');
  }

  // Type and trích yếu.
  let subject = h.subject;
  if (!docType && h.letterSubject) docType = docTypeByCode('cong-van') ?? null;
  if (docType && !(profile in docType.abbr)) {
    warnings.push(`Loại «${docType.name}» không có trong thể thức ${profile === 'party' ? 'văn bản của Đảng' : 'văn bản hành chính'}; tạm coi là Công văn.`);
    docType = null;
  }
  if (h.typeRest) {
    // "CHƯƠNG TRÌNH HÀNH ĐỘNG": the model prints the type's own name, so the extra words go to the trích yếu.
    const extra = h.typeRest.split(' ').length <= 2 ? h.typeRest.toLowerCase() : h.typeRest;
    subject = [extra, subject].filter(Boolean).join(' ');
    warnings.push(`Tên loại «${h.typeLine}» được hiểu là «${h.type?.name ?? ''}»; phần «${extra}» chuyển vào trích yếu.`);
  }
  if (docType) recognised.push(`Tên loại: ${docType.name}`);
  else {
    warnings.push('Không thấy tên loại văn bản; tạm coi là Công văn.');
    docType = docTypeByCode('cong-van') ?? null;
  }
  if (profile === 'party' && h.letterSubject && subject && !/^về việc/i.test(subject)) subject = `về việc ${subject}`;
  if (subject) recognised.push(`Trích yếu: ${truncate(subject, 100)}`);
  else warnings.push('Không thấy trích yếu.');

  // Body, then Nơi nhận and signature.
  const { end: bodyEnd, endMark } = findBodyEnd(lines, h.end);
  const pre = parsePreBody(lines, h.end, bodyEnd);
  if (pre.bases.length) recognised.push(`Căn cứ: ${pre.bases.length}`);
  if (pre.addressees.length) recognised.push(`Kính gửi: ${pre.addressees.join('; ')}`);
  const bodyLines = lines.slice(pre.end, bodyEnd);
  if (endMark >= pre.end && endMark < bodyEnd) {
    bodyLines[endMark - pre.end] = lines[endMark].replace(END_MARK, '');
  }
  const body: Block[] = [...pre.extras.map((x): Block => ({ kind: 'paragraph', text: x })), ...parseBody(bodyLines)];

  const tail = parseTail(lines.slice(bodyEnd));
  if (tail.leftovers.length) {
    body.push(...parseBody(tail.leftovers));
    warnings.push(`Có ${tail.leftovers.length} dòng ở cuối văn bản không xếp được vào Nơi nhận hay chữ ký; đã giữ lại ở cuối nội dung.`);
  }
  for (const d of tail.dropped) warnings.push(`Bỏ dòng «${d}» ở chỗ ký.`);

  const count = (k: Block['kind']) => body.filter((b) => b.kind === k).length;
  if (count('heading')) recognised.push(`Đề mục: ${count('heading')}`);
  if (count('item')) recognised.push(`Mục đánh số: ${count('item')}`);
  if (count('bullet')) recognised.push(`Gạch đầu dòng: ${count('bullet')}`);
  if (count('activity')) recognised.push(`Hoạt động: ${count('activity')}`);
  if (count('table')) recognised.push(`Bảng: ${count('table')}`);
  if (count('paragraph')) recognised.push(`Đoạn văn: ${count('paragraph')}`);

  const recipientCount = tail.recipients.reduce((n, e) => n + 1 + (e.group?.length ?? 0), 0);
  if (recipientCount) recognised.push(`Nơi nhận: ${recipientCount}`);
  for (const g of tail.notesGrouped) {
    warnings.push(`Ghi chú «(${g.note})» đứng riêng dòng; đã gán cho ${g.count} nơi nhận phía trên, cần kiểm tra lại.`);
  }
  let archive = tail.archive;
  if (archive.length > 10) archive = [...archive.slice(0, 9), archive.slice(9).join(', ')];
  archive = archive.map((u) => truncate(u, 200));
  if (archive.length) recognised.push(`Lưu: ${archive.join(', ')}`);

  const { signature, missing } = buildSignature(tail.signature);
  if (tail.signature) {
    const head = [signature.authority, signature.onBehalfOf].filter(Boolean).join(' ');
    recognised.push(`Người ký: ${[head, signature.title.replace(/\n/g, ' / '), signature.name].filter(Boolean).join(' / ')}`);
  }
  warnings.push(...missing);

  // Required header parts get placeholders so the draft validates; the user fills them in.
  let organ = h.organ;
  if (!organ || organ.length > 200) {
    warnings.push('Không thấy tên cơ quan ban hành.');
    organ = PLACEHOLDER;
  }
  if (!place || place.length > 100) {
    warnings.push('Không thấy địa danh.');
    place = PLACEHOLDER;
  }
  if (subject.length > 500) {
    body.unshift({ kind: 'paragraph', text: subject });
    warnings.push('Trích yếu dài quá 500 ký tự; đã chuyển vào nội dung.');
    subject = '';
  }
  const nothing = !h.organ && !h.number && !h.placeDate && !h.type && !h.letterSubject && !tail.signature && tail.recipients.length === 0;
  if (nothing) warnings.unshift('Không nhận ra thể thức văn bản; toàn bộ nội dung được giữ lại làm đoạn văn trong phần nội dung.');

  const draft: DraftInput = {
    profile,
    parentOrgan: h.parentOrgan.length <= 200 ? h.parentOrgan : '',
    organ,
    organAbbr,
    unitAbbr,
    number,
    notation,
    place,
    date,
    secrecy: h.secrecy,
    urgency: h.urgency,
    docType: docType?.code ?? 'cong-van',
    subject,
    bases: pre.bases,
    addressees: pre.addressees.filter(Boolean).map((a) => truncate(a, 300)).slice(0, 30),
    body,
    signature,
    recipients: tail.recipients.slice(0, 200),
    archive,
  };

  // Last guard: report what the schema still rejects (e.g. a signature prefix of the other profile).
  const check = draftSchema.safeParse(draft);
  if (!check.success) {
    for (const issue of check.error.issues) warnings.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  return { draft, recognised, warnings };
}
