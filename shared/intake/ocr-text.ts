import { foldSameLength } from './fold';
import { markOfCell } from './marks';

/**
 * OCR'd text tidied before the importer reads it: what a scan adds that no document has goes — stray symbols read
 * from specks and rules (©, ®, |, _ …), a cell of a two-column line that is no words at all (the motto's underline
 * read as "—-h&”—m m-s-"), a full stop or dots after a name in capitals ("SỞ Y TẾ.", "TỈNH BẮC..."); the two header columns OCR ran together
 * with one space are set apart again; a mark misread by a letter ("KHẨA" in its box) is written as the mark. Other
 * words are never changed. Pure.
 */
const STRAY = /[©®™¢£¥§¶•|_~^`¬¤]/g;
const HEADER_LINES = 20;
/** The right column's first words: the Quốc hiệu, the motto, the Party's title. */
const RIGHT_COLUMN = /(cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–—]\s*tu do|dang cong san viet nam)/;

/** A cell with few letters for its length: not words. Numbers, dates and "Số: 12/…" have letters or digits enough. */
function junk(cell: string): boolean {
  const visible = cell.replace(/\s+/g, '');
  if (/^[-–—=*.]{3,}$/.test(visible)) return false;
  if (visible.length < 3) return /^[^\p{L}\p{N}*-]+$/u.test(visible);
  const words = (visible.match(/[\p{L}\p{N}]/gu) ?? []).length;
  return words / visible.length < 0.5;
}

/** "ỦY BAN … TỈNH BẮC CỘNG HÒA XÃ HỘI …": the right column set apart by a wide gap, as the page has it. */
function splitColumns(line: string): string {
  const m = RIGHT_COLUMN.exec(foldSameLength(line));
  if (!m || m.index === 0 || /\s{3,}$/.test(line.slice(0, m.index))) return line;
  return `${line.slice(0, m.index).trimEnd()}      ${line.slice(m.index)}`;
}

export function tidyOcrText(text: string): string {
  return text
    .split('\n')
    .map((raw, i) => {
      const line = i < HEADER_LINES ? splitColumns(raw) : raw;
      const cells = line.split(/(\t+| {3,})/);
      const kept = cells.map((c, k) => {
        if (k % 2 === 1) return c;
        const mark = i < HEADER_LINES ? markOfCell(c) : null;
        if (mark) return mark.text;
        const t = c.replace(STRAY, ' ').trim();
        if (t && junk(t)) return '';
        // "SỞ Y TẾ." / "TỈNH BẮC.": a full stop after a name in capitals in the header.
        if (i < HEADER_LINES && /^[\p{Lu}\s,-]+[.…]+$/u.test(t) && /\p{Lu}{2}/u.test(t)) return t.replace(/[.…]+$/, '');
        return c.replace(STRAY, ' ').replace(/\s+$/, '');
      });
      return kept.join('').replace(/[ \t]+$/, '');
    })
    .join('\n');
}
