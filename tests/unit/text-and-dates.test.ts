import { describe, expect, it } from 'vitest';
import { foldVietnamese, searchTokens } from '../../shared/text/fold';
import { vietnameseSortKey } from '../../shared/text/collate';
import { formatDateLongVN, formatDateVN, isValidIsoDate, parseDateVN, todayInVietnam } from '../../shared/domain/dates';
import { DOC_TYPES, STATE_TYPE_COUNT, findDocType } from '../../shared/domain/doc-types';

describe('Vietnamese folding', () => {
  it('folds diacritics and đ/Đ, which FTS5 remove_diacritics does not', () => {
    expect(foldVietnamese('Đảng ủy')).toBe('dang uy');
    expect(foldVietnamese('Kế hoạch')).toBe('ke hoach');
    expect(foldVietnamese('ƯỚC LƯỢNG đường')).toBe('uoc luong duong');
    expect(searchTokens('Số: 70/KH-BTVLMHTXVN')).toEqual(['so', '70', 'kh', 'btvlmhtxvn']);
  });
  it('keeps one UTF-16 unit per letter of NFC text (snippets rely on it)', () => {
    const s = 'Nghị quyết về chuyển đổi số của Đảng bộ Thượng khẩn';
    expect(foldVietnamese(s).length).toBe(s.length);
  });
  it('folds decomposed (NFD) input the same as NFC', () => {
    expect(foldVietnamese('Đảng ủy'.normalize('NFD'))).toBe('dang uy');
  });
});

describe('Vietnamese collation key', () => {
  it('orders by the Vietnamese alphabet: a < ă < â < b … d < đ < e', () => {
    const words = ['đào', 'anh', 'dân', 'ân', 'ăn', 'bé', 'em'];
    const sorted = [...words].sort((a, b) => (vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['anh', 'ăn', 'ân', 'bé', 'dân', 'đào', 'em']);
  });
  it('breaks ties by tone: ma < mà < mả < mã < má < mạ', () => {
    const words = ['mạ', 'má', 'ma', 'mã', 'mả', 'mà'];
    const sorted = [...words].sort((a, b) => (vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
  });
});

describe('dates', () => {
  it('rejects impossible dates', () => {
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2026-13-01')).toBe(false);
    expect(isValidIsoDate('26-01-01')).toBe(false);
  });
  it('formats as the decree writes them', () => {
    expect(formatDateVN('2026-01-05')).toBe('05/01/2026');
    expect(formatDateLongVN('2020-01-05')).toBe('ngày 05 tháng 01 năm 2020');
    expect(formatDateLongVN('2019-06-29')).toBe('ngày 29 tháng 6 năm 2019');
    expect(formatDateLongVN('2026-12-03')).toBe('ngày 03 tháng 12 năm 2026');
    expect(parseDateVN('5/1/2026')).toBe('2026-01-05');
    expect(parseDateVN('31/02/2026')).toBeNull();
  });
  it("gives today's date in Vietnam, not UTC", () => {
    expect(todayInVietnam(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(todayInVietnam(new Date('2026-12-31T16:59:00Z'))).toBe('2026-12-31');
  });
});

describe('document types', () => {
  it('has the 29 ND30 types, with Công văn and Thư công unabbreviated', () => {
    expect(STATE_TYPE_COUNT).toBe(29);
    expect(findDocType('Công văn')?.abbr.state).toBeNull();
    expect(findDocType('Thư công')?.abbr.state).toBeNull();
  });
  it('keeps Đ significant in abbreviations', () => {
    expect(findDocType('HĐ')?.name).toBe('Hợp đồng');
    expect(findDocType('HD')?.name).toBe('Hướng dẫn');
    expect(findDocType('ĐA')?.name).toBe('Đề án');
    expect(findDocType('DA')?.name).toBe('Dự án');
  });
  it('finds a type typed without diacritics', () => {
    expect(findDocType('ke hoach')?.code).toBe('ke-hoach');
    expect(findDocType('to trinh')?.abbr.state).toBe('TTr');
  });
  it('has unique codes and Party-only types', () => {
    expect(new Set(DOC_TYPES.map((t) => t.code)).size).toBe(DOC_TYPES.length);
    expect(findDocType('Quy định')?.abbr.party).toBe('QĐi');
    expect(findDocType('Thông tri')?.abbr.state).toBeUndefined();
  });
});
