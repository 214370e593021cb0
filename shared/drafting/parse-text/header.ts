import type { DocType } from '../../domain/doc-types';
import type { Secrecy, Urgency } from '../../domain/marks';
import { classify } from './classify';
import { parseAuthority } from './closing-lines';
import {
  PARTY_TITLE,
  QUOC_HIEU,
  RULE_LINE,
  TIEU_NGU,
  matchTypeWords,
  parseMark,
  parseNumberLine,
  parsePlaceDate,
  splitSegments,
  type NumberLine,
  type PlaceDate,
} from './header-lines';
import { endsTerminal, fold, isCaps, plain, startsLower } from './text';

/**
 * The header: organ lines, Số/ký hiệu, place and date, marks, then the type line and trích yếu (or a Công văn's
 * "V/v"). It ends at the first line that is not a header element, since a missing header must not swallow the body.
 */
export interface Header {
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

/** `wrapped`: the text was hard-wrapped and has been reflowed, so a trích yếu's wrapped lines are joined already. */
export function parseHeader(lines: string[], o: { wrapped?: boolean } = {}): Header {
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
    for (const p of pending) organLines.push(p);
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
    // A recognised element anchors the header, but only once the whole line proves to be header.
    const take = (apply: () => void) => {
      handled.push(() => {
        anchor();
        apply();
      });
    };
    for (const seg of segs) {
      const s = plain(seg);
      const f = fold(s);
      if (!s || RULE_LINE.test(s) || s === '*' || QUOC_HIEU.test(f) || TIEU_NGU.test(f) || (PARTY_TITLE.test(f) && isCaps(s))) {
        handled.push(anchor);
        continue;
      }
      const num = h.number ? null : parseNumberLine(s);
      if (num) {
        take(() => {
          h.number = num;
          const pd = num.rest ? parsePlaceDate(num.rest) : null;
          if (pd && !h.placeDate) h.placeDate = pd;
        });
        continue;
      }
      const pd = h.placeDate ? null : parsePlaceDate(s);
      if (pd) {
        take(() => {
          h.placeDate = pd;
        });
        continue;
      }
      const mark = parseMark(s);
      if (mark) {
        take(() => {
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
        h.end = i;
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
          const j = skipBlankOrRule(lines, i);
          const cand = subjectAfterType(lines, j, o.wrapped ?? false);
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
        i = skipBlankOrRule(lines, i);
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
  // A name wrapped in its column continues on the next line: a line that does not start with an organ's head noun
  // (when the others do), that starts with a place word, or that follows a line left open ("…TỔ QUỐC,").
  if (organLines.length) {
    const joinWords = /^(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|viet nam|trung uong)\b/;
    const headed = organLines.some((o, k) => k > 0 && ORGAN_HEAD.test(fold(o.text)));
    const groups: string[] = [];
    for (const o of organLines) {
      const f = fold(o.text);
      const prev = groups[groups.length - 1];
      const open = prev !== undefined && /([,&-]|\bva|\bcua)$/.test(fold(prev));
      if (prev !== undefined && (joinWords.test(f) || open || (headed && !ORGAN_HEAD.test(f)))) groups[groups.length - 1] += ` ${o.text}`;
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

/**
 * The trích yếu under the type line: its first line, then the lines that continue it (a lower-case start, or a line
 * that does not end a sentence after one that did not either, short in a hard-wrapped text). The body may follow
 * without a blank line (a PDF's text has none): its first paragraph ends with ":" or "." and stops the trích yếu, as
 * does any structure.
 */
function subjectAfterType(lines: string[], from: number, wrapped: boolean): { text: string; next: number } {
  const parts: string[] = [];
  let j = from;
  while (j < lines.length && lines[j].trim() && parts.length < 6) {
    const s = plain(lines[j]);
    if (RULE_LINE.test(s) || s === '*') break;
    if (parts.length) {
      const f = fold(s);
      const opener = /^(can cu|kinh gui|kinh trinh|theo de nghi|xet |thuc hien|de |nham )/.test(f) || isCaps(s) || classify(s).structural;
      // In a reflowed text a trích yếu's wrapped lines are one already: only a short line broken by hand (no colon,
      // no final punctuation, as a trích yếu has none) continues it, or a lower-case start.
      const short = wrapped ? s.length < 120 && !s.includes(':') : s.length < 200;
      const more = startsLower(s) || (short && !endsTerminal(parts[parts.length - 1]) && !endsTerminal(s) && !opener);
      if (!more) break;
    }
    parts.push(s);
    j++;
  }
  return { text: parts.join(' '), next: j };
}

/** The words an organ's name starts with: a new line starting so is a new organ, not a wrapped name. */
const ORGAN_HEAD = new RegExp(
  `^(${[
    'uy ban', 'ubnd', 'hdnd', 'hoi dong', 'so', 'bo', 'cuc', 'tong cuc', 'chi cuc', 'vu', 'vien', 'hoc vien', 'truong', 'dai hoc',
    'benh vien', 'trung tam', 'ban', 'van phong', 'dang bo', 'dang uy', 'chi bo', 'tinh uy', 'thanh uy', 'huyen uy', 'quan uy',
    'thi uy', 'xa uy', 'dang doan', 'lien minh', 'lien doan', 'lien hiep', 'hoi', 'hiep hoi', 'mat tran', 'doan', 'cong ty',
    'tap doan', 'tong cong ty', 'ngan hang', 'kho bac', 'phong', 'toa an', 'cong an', 'bo chi huy', 'thanh tra', 'kiem toan',
    'quy', 'bao', 'dai', 'nha xuat ban', 'chinh phu', 'quoc hoi', 'hoi dong nhan dan', 'bhxh', 'bao hiem',
  ].join('|')})\\b`,
);

/** The first line from `from` that is neither blank nor a rule drawn under the header. */
function skipBlankOrRule(lines: string[], from: number): number {
  let j = from;
  while (j < lines.length && (!lines[j].trim() || RULE_LINE.test(plain(lines[j])))) j++;
  return j;
}
