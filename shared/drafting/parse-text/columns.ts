import { isNameLike, isNoiNhanLabel, parseArchive, parseAuthority } from './closing-lines';
import { PARTY_TITLE, QUOC_HIEU, TIEU_NGU, matchTypeWords, parseMark, parseNumberLine, parsePlaceDate, RULE_LINE } from './header-lines';
import { fold, isCaps, plain } from './text';

/**
 * The page's two columns, flattened side by side by `pdftotext -layout` (runs of spaces between them) or by a copy
 * that joined one baseline's items with a single space, read back one column after the other: the header's left
 * column (organs, Số, V/v) then its right one (Quốc hiệu or "ĐẢNG CỘNG SẢN VIỆT NAM", place and date); the closing's
 * Nơi nhận then the signature. The body between keeps its lines and their indentation, which the reflow stage reads.
 */

/** A header part that only the header holds: the page's title lines, Số, place and date. */
export function isHeaderCell(s: string): boolean {
  const t = plain(s);
  const f = fold(t);
  return QUOC_HIEU.test(f) || TIEU_NGU.test(f) || (PARTY_TITLE.test(f) && isCaps(t)) || parseNumberLine(t) !== null || (parsePlaceDate(t)?.date ?? null) !== null;
}

/** A closing part: the Nơi nhận label or a signature's quyền hạn. */
export function isClosingCell(s: string): boolean {
  const t = plain(s);
  return isNoiNhanLabel(t) !== null || parseAuthority(t) !== null;
}

interface Seg {
  text: string;
  start: number;
}

/** Cells of a line split at runs of three spaces or more, keeping Số's and the date's blanks in their cell. */
function segments(line: string): Seg[] {
  const out: Seg[] = [];
  const re = /\S+(?: {1,2}\S+)*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const prev = out[out.length - 1];
    const fx = fold(plain(m[0]));
    if (prev && (/^(\/|thang\b|nam\b)/.test(fx) || /(\bngay|\bthang|^s[o0]\s*:?)$/.test(fold(plain(prev.text))))) {
      prev.text = `${prev.text}${' '.repeat(m.index - prev.start - prev.text.length)}${m[0]}`;
    } else out.push({ text: m[0], start: m.index });
  }
  return out;
}

/** A header line's part as the header parser knows it (not the type line, which ends the header). */
function headerPart(s: string): boolean {
  const t = plain(s);
  if (!t) return true;
  const f = fold(t);
  if (isHeaderCell(t) || RULE_LINE.test(t) || t === '*' || parseMark(t) || /^(v\s*\/\s*v|ve viec)\b/.test(f)) return true;
  return isCaps(t) && t.length <= 120 && !matchTypeWords(t);
}

/** Splits the lines from..to into a left and a right column at the right column's leftmost start. */
function splitColumns(lines: string[], from: number, to: number): { left: string[]; right: string[] } | null {
  const segs = lines.slice(from, to).map(segments);
  const starts = segs.filter((s) => s.length >= 2).map((s) => s[s.length - 1].start);
  if (!starts.length) return null;
  const x = starts.reduce((a, b) => Math.min(a, b), Infinity);
  const left: string[] = [];
  const right: string[] = [];
  for (const s of segs) {
    if (!s.length) {
      if (right.length && right[right.length - 1] !== '') right.push('');
      continue;
    }
    const l = s.filter((g) => g.start < x - 2);
    const r = s.filter((g) => g.start >= x - 2);
    if (l.length) left.push(l.map((g) => g.text).join(' '));
    if (r.length) right.push(r.map((g) => g.text).join(' '));
    else if (right.length && right[right.length - 1] !== '') right.push('');
  }
  while (right.length && right[right.length - 1] === '') right.pop();
  return { left, right };
}

/** The header's lines: from the first line to the last one holding only header parts. */
function headerEnd(lines: string[]): number {
  let end = 0;
  let seenPart = false;
  let inVv = false;
  for (let i = 0; i < lines.length && i < 40; i++) {
    if (!lines[i].trim() || lines[i] === '\f') {
      inVv = false;
      continue;
    }
    const segs = segments(lines[i]);
    const parts = segs.every((g) => headerPart(g.text));
    // A V/v subject wraps in the left column: its continuation lines, right under it, stay in the header.
    const vvMore: boolean = inVv && segs.length === 1 && segs[0].start < 30 && segs[0].text.length <= 60 && !/^(kinh|can cu)/.test(fold(plain(segs[0].text)));
    if (!parts && !vvMore) break;
    seenPart ||= segs.some((g) => isHeaderCell(g.text));
    inVv = vvMore || segs.some((g) => /^(v\s*\/\s*v|ve viec)\b/.test(fold(plain(g.text))));
    end = i + 1;
  }
  return seenPart ? end : 0;
}

/** Where the closing starts: the last Nơi nhận label, or a signature's quyền hạn beside or just above it. */
function closingStart(lines: string[], from: number): number {
  let nn = -1;
  for (let i = lines.length - 1; i >= from; i--) {
    if (segments(lines[i]).some((g) => isNoiNhanLabel(plain(g.text)) && plain(g.text).length <= 60)) {
      nn = i;
      break;
    }
  }
  if (nn < 0) return -1;
  let start = nn;
  for (let i = nn - 1; i >= Math.max(from, nn - 3); i--) {
    if (segments(lines[i]).some((g) => parseAuthority(plain(g.text)))) start = i;
  }
  return start;
}

/** A line that a copy joined across the columns with one space: the header's title lines end it. */
export function splitMerged(line: string): string[] {
  const t = line.trim();
  // Columns apart by a run of spaces (pdftotext -layout) are split by their positions, in deColumn.
  if (/\S(\s{3,}|\t)\S/.test(t)) return [line];
  const f = fold(t);
  for (const tail of [/cong hoa xa hoi chu nghia viet nam$/, /doc lap\s*[-–—]\s*tu do\s*[-–—]\s*hanh phuc$/, /dang cong san viet nam$/]) {
    const m = tail.exec(f);
    if (m && m.index > 0 && /\s/.test(t[m.index - 1])) {
      const left = t.slice(0, m.index).trim();
      const right = t.slice(m.index);
      if (tail.source.startsWith('dang') && !isCaps(left)) continue;
      if (isCaps(right, 0.5) || /^đ/i.test(right)) return [left, right];
    }
  }
  return [line];
}

/** "(để b/c); BÍ THƯ": a signature line in capitals after a recipient's final punctuation. */
const CAPS_TAIL = /^(.*[;,.:)])\s+([^\p{Ll}]*\p{Lu}[^\p{Ll}]*)$/u;
/** "…Trung ương; Đỗ Văn Chiến": the signer's name after a recipient's final punctuation. */
const NAME_TAIL = /^(.*[;,.:)])\s+(\p{Lu}\p{Ll}*(?:\s+\p{L}\p{Ll}*){0,4}\s+\p{Lu}\p{Ll}*)$/u;

/**
 * A closing copied line by line across both columns, one space between them: "Nơi nhận: T/M BAN THƯỜNG VỤ",
 * "- Bộ Chính trị (để b/c); BÍ THƯ", "các đoàn thể Trung ương; Đỗ Văn Chiến". Read only when the label's line goes on
 * in capitals (the signature's first line beside it); each line's signature part goes to the right column.
 */
function splitFlatClosing(lines: string[], start: number): string[] | null {
  const label = isNoiNhanLabel(plain(lines[start]));
  const rest = label?.rest ?? '';
  if (!rest || !isCaps(rest, 0) || /^[-–—+•]/.test(rest)) return null;
  const left: string[] = [lines[start].trim().slice(0, lines[start].trim().length - rest.length).trim()];
  const right: string[] = [rest];
  let named = false;
  for (const raw of lines.slice(start + 1)) {
    const t = raw.trim();
    if (!t) continue;
    const caps = CAPS_TAIL.exec(t);
    const name = named ? null : NAME_TAIL.exec(t);
    if (caps && isCaps(caps[2], 0) && !/[;,.:]$/.test(caps[2]) && parseArchive(t) === null) {
      left.push(caps[1]);
      right.push(caps[2]);
    } else if (name && !/[;,]$/.test(name[2])) {
      left.push(name[1]);
      right.push(name[2]);
      named = true;
    } else if (!/^[-–—+•]/.test(t) && ((isCaps(t, 0) && !/[;,.]$/.test(t)) || (!named && isNameLike(t) && right.length > 0))) {
      right.push(t);
      named ||= !isCaps(t, 0);
    } else left.push(t);
  }
  return [...left, '', ...right];
}

/** De-columns the header and the closing of a text laid out in two columns; any other text is returned as is. */
export function deColumn(input: string[]): string[] {
  const lines = input.flatMap((l, i) => (i < 40 || isNoiNhanLabel(plain(l)) ? splitMerged(l) : [l]));
  const hEnd = headerEnd(lines);
  const head = hEnd > 0 ? splitColumns(lines, 0, hEnd) : null;
  const cStart = closingStart(lines, hEnd);
  const tail = cStart >= 0 ? splitColumns(lines, cStart, lines.length) : null;
  const flat = cStart >= 0 && !tail ? splitFlatClosing(lines, cStart) : null;
  // Concatenated, not pushed as arguments: a text may have a million lines.
  return [
    head ? [...head.left, '', ...head.right, ''] : lines.slice(0, hEnd),
    lines.slice(hEnd, tail || flat ? cStart : lines.length),
    tail ? [...tail.left, '', ...tail.right] : [],
    flat ?? [],
  ].flat();
}
