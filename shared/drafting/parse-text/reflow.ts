import { classify } from './classify';
import { END_MARK, isNoiNhanLabel, parseArchive, parseAuthority, parseNoteLine } from './closing-lines';
import { PARTY_TITLE, QUOC_HIEU, RULE_LINE, TIEU_NGU, matchTypeWords, parseMark, parseNumberLine, parsePlaceDate } from './header-lines';
import { endsTerminal, fold, isCaps, plain, startsLower } from './text';
import { SPACE_WIDTH, textWidth } from './widths';

/**
 * Hard-wrapped text (one line per printed line, as a PDF viewer's copy or pdftotext gives it) back to one line per
 * paragraph. A line continues the one above when the word that starts it could not have fitted on that line (measured
 * in Times New Roman, the one font of an official document, against the widest lines of the text itself), when it
 * starts in lower case, or, in a `pdftotext -layout` text, when it starts at the margin under a line of the same
 * paragraph. Headings, numbered items, bullets, the header's and the closing's lines never join; the joined lines keep
 * a space between them. A text with no wrapped lines (one paragraph a line) passes through unchanged.
 */

interface Line {
  text: string;
  indent: number;
}

const BASIS = /^(can cu|theo de nghi|xet de nghi|xet to trinh|kinh gui|kinh trinh|v\s*\/\s*v\b)/;

/** A line that starts something of its own: never the continuation of the line above. */
function startsBlock(s: string): boolean {
  const t = plain(s);
  if (!t) return true;
  const f = fold(t);
  if (isCaps(t)) return true;
  if (classify(t).structural) return true;
  if (BASIS.test(f) || isNoiNhanLabel(t) || parseAuthority(t) || parseArchive(t) || parseNoteLine(t) !== null) return true;
  if (QUOC_HIEU.test(f) || TIEU_NGU.test(f) || PARTY_TITLE.test(f) || parseNumberLine(t) || parsePlaceDate(t) || parseMark(t)) return true;
  return RULE_LINE.test(t) || t === '*' || /^\.?\s*\/\s*\.$/.test(t);
}

/** A line after which nothing joins: the header's and the closing's one-line parts, and the text's end mark. */
function endsBlock(s: string): boolean {
  const t = plain(s);
  const f = fold(t);
  if (END_MARK.test(t) && /\/\s*\.\s*\**\s*$/.test(t)) return true;
  if (isNoiNhanLabel(t) && t.length <= 40) return true;
  if (QUOC_HIEU.test(f) || TIEU_NGU.test(f) || PARTY_TITLE.test(f) || parseNumberLine(t) || parsePlaceDate(t) || parseMark(t)) return true;
  return RULE_LINE.test(t) || t === '*' || parseArchive(t) !== null || parseAuthority(t) !== null;
}

/** A line wholly in capitals that may wrap onto a second one: a section heading, a Quyết định's thẩm quyền. */
const wrapsAsCaps = (s: string) => isCaps(plain(s)) && !endsBlock(s) && !matchTypeWords(plain(s));

const firstWord = (s: string) => plain(s).split(' ')[0] ?? '';

/** The value at quantile q of xs (sorted copy). */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))];
}

/** A wrapped line's width and its width with the next line's first word: the measure lies between. */
interface Sample {
  w: number;
  s: number;
}

/** A printed line of body text is 26 to 42 em long (13–14 pt on 15–17 cm); a longer one is a paragraph. */
const MIN_LINE = 26000;
const MAX_LINE = 42000;
/** The share of the measure a first line has after a 1.27 cm indent on 16.5 cm. */
const INDENTED = 0.923;

/**
 * The measure from wrapped lines: each says it lies between its width and its width with the next word; the value
 * most of them agree on is taken (the middle of the widest agreement), so that a few misread lines do not move it.
 * Lines of a narrow column (Nơi nhận, a table's cell) are left out. 0 when there are none.
 */
function measure(all: Sample[]): number {
  // A few thousand lines tell the measure as well as a million.
  const step = Math.ceil(all.length / 4000);
  const samples = step > 1 ? all.filter((_, k) => k % step === 0) : all;
  const top = samples.reduce((m, x) => Math.max(m, x.w), 0);
  const kept = samples.filter((x) => x.w >= top * 0.6 && x.s > x.w);
  if (!kept.length) return 0;
  const events = kept.flatMap((x) => [
    { at: x.w, d: 1 },
    { at: x.s, d: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.d - b.d);
  let depth = 0;
  let best = 0;
  let from = 0;
  let to = 0;
  for (let k = 0; k < events.length; k++) {
    depth += events[k].d;
    if (depth > best && k + 1 < events.length) {
      best = depth;
      from = events[k].at;
      to = events[k + 1].at;
    }
  }
  const m = (from + to) / 2;
  // Shorter than a printed line: lines broken by hand (a trích yếu typed on three lines), not wrapped.
  return m >= MIN_LINE * INDENTED && m <= MAX_LINE ? m : 0;
}

/** Splits what pdftotext glued: the "-----" under a Party trích yếu and the line after it. */
function unglue(lines: string[]): string[] {
  return lines.flatMap((l) => {
    const m = /^(\s*)(-{3,})\s*(?=\p{L})(.*)$/u.exec(l);
    return m ? [`${m[1]}-----`, `${m[1]}${m[3]}`] : [l];
  });
}

export interface Reflowed {
  lines: string[];
  /** The text was hard-wrapped (a width was found): a wrapped line has been joined, what follows a line is new. */
  wrapped: boolean;
}

/**
 * pdftotext drops a hyphen that ends a line and joins the next line to it: "(11/4/1946 -" / "11/4/2024)" comes out as
 * one line "(11/4/1946 11/4/2024)", "Kế hoạch-" / "Hỗ trợ" as "hoạchHỗ trợ", "số 20-" / "NQ/TW" as "20NQ/TW": wider
 * than any printed line. Such a line is cut where the printed line must have ended (the last break, a space or a
 * letter or digit before a capital, where the text and the dash still fit the measure, within a few letters of it)
 * and the dash put back.
 */
function restoreDashes(text: string, cap: number): string {
  // Two or three printed lines at most; anything longer is not a glued line.
  if (text.length > 600 || isCaps(plain(text)) || textWidth(text) < cap * 1.12) return text;
  let best = -1;
  let dash = ' - ';
  let width = 0;
  for (let p = 1; p < text.length; p++) {
    width += textWidth(text[p - 1]);
    const space = text[p] === ' ';
    // "hoạchHỗ trợ" was "hoạch- Hỗ trợ"; "20NQ/TW" was a ký hiệu, "20-NQ/TW".
    const word = /\p{Ll}/u.test(text[p - 1]) && /\p{Lu}/u.test(text[p]);
    const notation = /\d/.test(text[p - 1]) && /\p{Lu}/u.test(text[p]);
    if (!space && !word && !notation) continue;
    if (width + textWidth(space ? ' -' : '-') > cap) break;
    best = p;
    dash = space ? ' - ' : word ? '- ' : '-';
  }
  if (best < 0 || textWidth(text.slice(0, best)) < cap - 3000 || /[-–—]\s*$/.test(text.slice(0, best))) return text;
  const rest = dash === ' - ' ? text.slice(best + 1) : text.slice(best);
  return `${text.slice(0, best)}${dash}${restoreDashes(rest, cap)}`;
}

/**
 * Two lines of one paragraph, a space between them: a line never ends inside a word in Vietnamese. Only a ký hiệu or a
 * range broken after its hyphen by a word processor ("số 20-" / "NQ/TW", "2020-" / "2025") is joined as it was
 * written, without the space.
 */
function joinLines(a: string, b: string): string {
  if (/(^|[\s(])[\p{Lu}\d][\p{Lu}\d/.]*-$/u.test(a) && /^[\p{Lu}\d][\p{Lu}\d/.-]*(?=$|[\s,.;:)])/u.test(b)) return `${a}${b}`;
  return `${a} ${b}`;
}

/** What the reflow asks of a line, worked out once per distinct line (the tests are many and the texts long). */
interface LineFacts {
  plain: string;
  caps: boolean;
  starts: boolean;
  ends: boolean;
  kind: string;
}

function factsCache(): (text: string) => LineFacts {
  const cache = new Map<string, LineFacts>();
  return (text: string) => {
    let f = cache.get(text);
    if (!f) {
      const p = plain(text);
      f = { plain: p, caps: isCaps(p), starts: startsBlock(text), ends: endsBlock(text), kind: classify(p).proto.kind };
      cache.set(text, f);
    }
    return f;
  };
}

export function reflow(input: string[]): Reflowed {
  const facts = factsCache();
  const lines: Line[] = unglue(input).map((l) => {
    const text = l.replace(/\t/g, '    ');
    return { text: text.trim(), indent: text.length - text.trimStart().length };
  });
  const n = lines.length;
  const blank = (i: number) => i < 0 || i >= n || !lines[i].text;

  // Which lines start a block, as far as can be told before any joining: after a blank, a structure, or a capital
  // after a line that ended a sentence. Only the measure's estimate relies on it.
  const opener = lines.map((l, i) => blank(i - 1) || facts(l.text).starts || (endsTerminal(lines[i - 1].text) && /^\p{Lu}/u.test(facts(l.text).plain)));

  // A `pdftotext -layout` text: paragraphs open with a first-line indent, continuations start at the margin.
  const indents = lines.filter((l, i) => l.text && l.indent >= 2 && l.indent <= 16 && !blank(i + 1) && lines[i + 1].indent === 0).map((l) => l.indent);
  const atMargin = lines.filter((l) => l.text && l.indent === 0).length;
  const paraIndent = indents.length >= 3 && atMargin >= 3 ? quantile(indents, 0.5) : -1;

  // The width a line is set in, from the lines that surely wrapped (the next one starts in lower case): each is no
  // wider than the measure, and with the next line's first word it is wider.
  const natural = (i: number, bold: boolean) => textWidth(facts(lines[i].text).plain, bold);
  const wrappedCont: Sample[] = [];
  const wrappedFirst: Sample[] = [];
  for (let i = 0; i + 1 < n; i++) {
    if (blank(i) || blank(i + 1) || facts(lines[i].text).caps || !startsLower(lines[i + 1].text) || facts(lines[i].text).ends) continue;
    const w = natural(i, false);
    if (w <= MAX_LINE) (opener[i] ? wrappedFirst : wrappedCont).push({ w, s: w + SPACE_WIDTH + textWidth(firstWord(lines[i + 1].text)) });
  }
  // No lower-case continuation (a short text): the widest lines, if the text is wrapped at all (no line much wider
  // than a printed line, two lines or more as wide as the widest: a printed line's measure).
  const widths = lines.map((l, i) => (l.text && !facts(l.text).caps ? natural(i, false) : 0)).filter((w) => w > 0);
  const printed = widths.filter((w) => w >= MIN_LINE && w <= MAX_LINE);
  const widest = printed.reduce((m, w) => Math.max(m, w), 0);
  const wrappedText = widths.filter((w) => w > MAX_LINE).length <= Math.max(1, widths.length * 0.05) && printed.filter((w) => w >= widest * 0.97).length >= 2;
  // A first line is set after the paragraph's indent (ND30: 1 to 1.27 cm of some 16 cm): when the text shows no
  // wrapped first line, it is taken to be indented.
  let cont = measure(wrappedCont);
  let first = measure(wrappedFirst);
  if (!cont && first) cont = first / INDENTED;
  if (!cont && wrappedText) cont = widest;
  if (!first) first = cont * INDENTED;

  // Only in a text wrapped throughout (most lines run on into the next, many of them in lower case), where a line
  // wider than the measure can only be two lines glued.
  const running = lines.filter((l, i) => l.text && !blank(i + 1)).length;
  const nonBlank = lines.filter((l) => l.text).length;
  if (cont && paraIndent < 0 && wrappedCont.length + wrappedFirst.length >= 5 && running >= nonBlank * 0.6) {
    lines.forEach((l, i) => {
      l.text = restoreDashes(l.text, opener[i] ? first : cont);
    });
  }

  const out: string[] = [];
  let cur: string | null = null;
  // Whether the line being extended is the first of its block, and set in bold (a title, a heading, a trích yếu).
  let curFirst = true;
  let curBold = false;
  let curItem = false;
  let afterType = false;
  const flush = () => {
    if (cur !== null) out.push(cur);
    cur = null;
  };
  for (let i = 0; i < n; i++) {
    const l = lines[i];
    if (!l.text) {
      flush();
      out.push('');
      afterType = false;
      continue;
    }
    const prev = i > 0 && !blank(i - 1) ? lines[i - 1] : null;
    if (cur !== null && prev && joins(prev, l, i)) {
      cur = joinLines(cur, l.text);
      curFirst = false;
      continue;
    }
    flush();
    cur = l.text;
    curFirst = true;
    const f = facts(l.text);
    curBold = f.caps || afterType || f.kind === 'heading';
    curItem = f.kind === 'item';
    afterType = f.caps && matchTypeWords(f.plain) !== null;
  }
  flush();
  return { lines: out, wrapped: cont > 0 };

  function joins(a: Line, b: Line, i: number): boolean {
    const fa = facts(a.text);
    if (fa.ends) return false;
    const capsA = fa.caps;
    // A dash at the start of a line after a wrapped one is a spaced dash, not a bullet: "(11/4/1946" / "- 11/4/2024)".
    const dashed = /^[-–—]\s+[\p{Ll}\d(]/u.test(b.text) && !capsA && !endsTerminal(a.text) && wide(a, b);
    if (facts(b.text).starts && !dashed) {
      // A heading or a thẩm quyền in capitals wraps onto a second line in capitals.
      return capsA && wrapsAsCaps(a.text) && wrapsAsCaps(b.text) && wide(a, b);
    }
    if (capsA) return false;
    if (startsLower(b.text)) return true;
    if (paraIndent >= 0 && Math.abs(b.indent - paraIndent) <= 2) return false;
    // An item that wrapped and ends at the margin, then a line right above an activity's labelled lines: that line is
    // the activity's title, which the exporter prints as a paragraph of its own.
    if (!curFirst && curItem && facts(lines[i + 1]?.text ?? '').kind === 'field') return false;
    return wide(a, b);
  }

  /**
   * The first word of `b` would not have fitted at the end of `a`: `a` wrapped. A title, a heading or a trích yếu is
   * set in bold; a numbered item may be (a khoản with a title): measured in bold too, it wrapped only if it did not
   * end a sentence.
   */
  function wide(a: Line, b: Line): boolean {
    if (!cont) return false;
    // A line that ends a sentence needs clear proof that it wrapped; one that does not, a little less.
    const cap = (curFirst ? first : cont) * (endsTerminal(a.text) ? 1.005 : 0.99);
    const fits = (bold: boolean) => textWidth(facts(a.text).plain, bold) + SPACE_WIDTH + textWidth(firstWord(b.text), bold) > cap;
    if (curBold || facts(a.text).caps) return fits(true);
    return fits(false) || (curItem && !endsTerminal(a.text) && fits(true));
  }
}
