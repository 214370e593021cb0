import { isHeaderCell, isClosingCell } from './columns';

/**
 * Converter Markdown (pandoc, markitdown, docling) to the plain lines the other stages read. Applied only when the
 * text shows Markdown's own marks (escapes, "#" headings, pipe-table rules, "<br>", hard breaks); a plain text with
 * "**bold**" in it is left alone, since bold and italic are the model's own inline markup.
 * - paragraphs wrapped by the converter are joined; a hard break (two trailing spaces, "\") keeps its line;
 * - "\*", "\-", "1\.", "I\." lose their backslash; "# Heading" its hashes;
 * - a line set wholly in bold or italic loses the markers (the profile styles the part, not markup);
 * - a table whose cells hold the header's parts (organ, Quốc hiệu, Số, place and date) or the closing's (Nơi nhận,
 *   the signature) is the page's two columns: each row's left cell, then its right cell, one line per `<br>`;
 *   any other table stays a pipe table for the body.
 */

const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|<>~"'])/g;
const TABLE_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;

/**
 * Whether the text reads as converter Markdown: backslash escapes or "<br>" in cells, or two kinds of Markdown's
 * marks (a "#" heading, a pipe table's rule, hard breaks). A plain text with one pipe table is not Markdown.
 */
export function isMarkdown(lines: string[]): boolean {
  let escapes = 0;
  const kinds = new Set<string>();
  for (const l of lines) {
    if (/\\[\\`*_[\]#+\-.!|]/.test(l)) escapes++;
    if (/<br\s*\/?>/i.test(l)) kinds.add('br');
    if (/^#{1,6}\s+\S/.test(l)) kinds.add('heading');
    if (TABLE_RULE.test(l.trim()) && l.includes('|')) kinds.add('table');
    if (/\S {2}$/.test(l)) kinds.add('break');
  }
  if (escapes) kinds.add('escape');
  return escapes >= 2 || kinds.has('br') || kinds.size >= 2;
}

/** pandoc wraps paragraphs at 72 columns: many lines of 55–80 characters, hardly any longer outside tables. */
function isColumnWrapped(lines: string[]): boolean {
  const text = lines.filter((l) => l.trim() && !PIPE_ROW.test(l) && !/^#/.test(l));
  const near = text.filter((l) => l.length >= 55 && l.length <= 80).length;
  const long = text.filter((l) => l.length > 100).length;
  return near >= Math.max(3, text.length * 0.3) && long <= text.length * 0.05;
}

const unescape = (s: string) => s.replace(ESCAPE, '$1');

/** "***Nơi nhận:***" → "Nơi nhận:", "**Điều 1. …**" → "Điều 1. …"; partial emphasis is kept as the model's markup. */
function unwrapEmphasis(s: string): string {
  let t = s.trim();
  for (;;) {
    const m = /^(\*{1,3}|_{1,3})(?!\s)([\s\S]*?\S)\1$/.exec(t);
    if (!m || /(^|[^\\])\*\*/.test(m[2]) || (m[1].length === 1 && /(^|[^\\*])\*(?!\*)/.test(m[2]))) break;
    t = m[2];
  }
  return t;
}

/** "**Điều 1.** Ban hành …", "**1.** …": a label set in bold is the label (the profile sets it in bold again). */
const BOLD_LABEL = /^(\*{1,3})((?:điều|chương|phần|mục)\s+[\dIVXLC]+[a-z]?\\?[.:]?|[\dIVXLC]+(?:\.\d+)*\\?[.)]|[a-zđ]\\?\))\1(?=\s)/iu;

/** One cell or paragraph's inline Markdown as plain text with the model's markup. */
function inline(s: string): string {
  const t = unwrapEmphasis(s.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')).replace(BOLD_LABEL, '$2');
  return unescape(t).replace(/\s+$/, '');
}

function splitRow(row: string): string[] {
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (body[i] === '|') {
      cells.push(cur);
      cur = '';
    } else cur += body[i];
  }
  cells.push(cur);
  return cells.map((c) => c.trim());
}

const cellLines = (cell: string) => cell.split(/<br\s*\/?>/i).map(inline).filter((l) => l.trim() !== '');

/** A pipe table: the page's columns as lines, or a body table as clean pipe rows. */
function table(rows: string[]): string[] {
  const cells = rows.filter((r) => !TABLE_RULE.test(r.trim())).map(splitRow);
  const flat = cells.flat().flatMap(cellLines);
  if (flat.some((c) => isHeaderCell(c) || isClosingCell(c))) {
    const out: string[] = [];
    for (const row of cells) {
      for (const cell of row) {
        const ls = cellLines(cell);
        for (const l of ls) out.push(l);
        if (ls.length) out.push('');
      }
    }
    return out;
  }
  // A body table stays a pipe table: a cell's "|" escaped, its line breaks "<br>", both read by the body stage.
  const out = cells.map((r) => `| ${r.map((c) => inline(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  if (rows.length > 1 && TABLE_RULE.test(rows[1].trim())) out.splice(1, 0, `|${cells[0].map(() => '---').join('|')}|`);
  return out;
}

const BLOCK_START = /^\s{0,3}([-+*]\s|\d{1,9}[.)]\s|#{1,6}\s|>|\|)/;

/** Converter Markdown as plain lines: paragraphs joined, escapes and block marks removed, tables as columns. */
export function fromMarkdown(lines: string[]): string[] {
  if (!isMarkdown(lines)) return lines;
  // A paragraph's lines are joined only where the converter wrapped them; otherwise each line stands alone.
  const wrapped = isColumnWrapped(lines);
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (!para.length) return;
    // Hard breaks keep their lines; the converter's own wrapping is undone.
    let cur = '';
    for (const raw of para) {
      const hard = / {2,}$|\\$/.test(raw);
      const t = raw.replace(/\\$/, '').trim();
      cur = cur ? `${cur} ${t}` : t;
      if (hard) {
        out.push(inline(cur));
        cur = '';
      }
    }
    if (cur) out.push(inline(cur));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim() || l === '\f') {
      flush();
      out.push(l.trim() ? l : '');
      continue;
    }
    if (PIPE_ROW.test(l)) {
      flush();
      const rows: string[] = [];
      while (i < lines.length && PIPE_ROW.test(lines[i])) rows.push(lines[i++]);
      i--;
      for (const l of table(rows)) out.push(l);
      out.push('');
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(l)) {
      // A thematic break: the rule under the header or the trích yếu.
      flush();
      out.push('-----');
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$/.exec(l);
    if (heading) {
      flush();
      out.push(inline(heading[1]));
      continue;
    }
    // A list item starts a block of its own; its continuation lines are indented.
    if ((BLOCK_START.test(l) || !wrapped) && para.length) flush();
    para.push(l);
  }
  flush();
  return out;
}
