import { describe, expect, it } from 'vitest';
import { alignMarks, alignSnippet, CLOSE, markTokens, OPEN } from '../../electron/search/marks';
import { foldVietnamese } from '../../shared/text/fold';
import type { Mark } from '../../shared/search/schemas';

/** What FTS5's highlight() returns for a folded text: the tokens given marked. */
const highlighted = (text: string, words: string[]) =>
  foldVietnamese(text).replace(/[\p{L}\p{N}]+/gu, (w) => (words.includes(w) ? `${OPEN}${w}${CLOSE}` : w));
const words = (text: string, marks: Mark[]) => marks.map(([a, b]) => text.slice(a, b));

describe('marks of the folded index carried over to the original text', () => {
  it('marks the original words, diacritics and đ included', () => {
    const text = 'Kế hoạch tổ chức Đại hội Đảng bộ';
    expect(words(text, alignMarks(text, highlighted(text, ['dai', 'hoi', 'dang']))!)).toEqual(['Đại', 'hội', 'Đảng']);
  });

  it('keeps a combining mark (text extracted from a PDF in NFD) inside the mark of its letter, and skips invisible characters', () => {
    const nfd = 'Báo cáo tổng kết'.normalize('NFD');
    const m = alignMarks(nfd, highlighted(nfd, ['bao', 'cao']))!;
    expect(words(nfd, m).map((w) => w.normalize('NFC'))).toEqual(['Báo', 'cáo']);
    const zw = 'Sở\u200b Tài chính';
    expect(words(zw, alignMarks(zw, highlighted(zw, ['tai']))!)).toEqual(['Tài']);
  });

  it('refuses marks that do not fold from the text (the record changed since it was indexed)', () => {
    expect(alignMarks('Kế hoạch mới', highlighted('Kế hoạch cũ', ['ke']))).toBeNull();
  });

  it('finds snippet()’s window in the original, with “…” where it was cut', () => {
    const body = 'Phần mở đầu.\nKhảo sát quần thể voọc mông trắng tại đất ngập nước Vân Long.\nPhần kết.';
    const window = highlighted('quần thể voọc mông trắng tại đất', ['vooc', 'mong', 'trang']);
    const s = alignSnippet(body, window)!;
    expect(s.text).toBe('…quần thể voọc mông trắng tại đất…');
    expect(words(s.text, s.marks)).toEqual(['voọc', 'mông', 'trắng']);
    expect(alignSnippet(body, highlighted('không có ở đây', ['co']))).toBeNull();
  });

  it('marks words as the tokenizer matches them when the index cannot be used: whole tokens, the last word a prefix', () => {
    const text = '12/KH-UBND về kế hoạch, khen thưởng';
    expect(words(text, markTokens(text, 'ke hoach kh'))).toEqual(['KH', 'kế', 'hoạch', 'khen']);
  });
});
