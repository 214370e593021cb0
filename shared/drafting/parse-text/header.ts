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
import { fold, isCaps, plain } from './text';

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

export function parseHeader(lines: string[]): Header {
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

/** The first line from `from` that is neither blank nor a rule drawn under the header. */
function skipBlankOrRule(lines: string[], from: number): number {
  let j = from;
  while (j < lines.length && (!lines[j].trim() || RULE_LINE.test(plain(lines[j])))) j++;
  return j;
}
