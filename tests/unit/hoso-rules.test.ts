import { describe, expect, it } from 'vitest';
import { belowFloor, disposalFromYear, fileCode, handoverDueBy, packageFileName, pageRanges, periodEnded, retentionLabel, splitRef } from '../../shared/hoso/rules';
import { RETENTION_GROUPS, RETENTION_TT10 } from '../../shared/hoso/retention-tt10';
import { el, parseXml, XmlError } from '../../electron/hoso/xml';

describe('hồ sơ rules (ND30 Phụ lục V–VI, Thông tư 10/2022/TT-BNV)', () => {
  it('names periods and refuses one below the circular’s minimum, naming it', () => {
    expect(retentionLabel(null)).toBe('Vĩnh viễn');
    expect(retentionLabel(10)).toBe('10 năm');
    expect(belowFloor(3, { years: 5, permanent: false }, 'Báo cáo quý')).toBe('Thời hạn bảo quản của «Báo cáo quý» tối thiểu là 5 năm (Thông tư 10/2022/TT-BNV): không được đặt 3 năm.');
    expect(belowFloor(5, { years: 5, permanent: false }, 'x')).toBeNull();
    expect(belowFloor(null, { years: 5, permanent: false }, 'x')).toBeNull();
    expect(belowFloor(70, { years: null, permanent: true }, 'Quy chế')).toContain('tối thiểu là Vĩnh viễn');
    expect(belowFloor(1, null, 'x')).toBeNull();
  });

  it('ends a period after its last year, never for Vĩnh viễn; nộp lưu within a year of closing', () => {
    expect(disposalFromYear(2026, 10)).toBe(2037);
    expect(periodEnded(2026, 10, 2036)).toBe(false);
    expect(periodEnded(2026, 10, 2037)).toBe(true);
    expect(periodEnded(2026, null, 9999)).toBe(false);
    expect(handoverDueBy('2026-03-15')).toBe('2027-03-15');
    expect(handoverDueBy('2028-02-29')).toBe('2029-02-28');
  });

  it('splits Số, ký hiệu into CodeNumber and CodeNotation, State and Party forms', () => {
    expect(splitRef('70/KH-UBND')).toEqual({ number: '70', notation: 'KH-UBND' });
    expect(splitRef('01-KH/ĐU')).toEqual({ number: '01', notation: 'KH/ĐU' });
    expect(splitRef('125a/QĐ-SNV')).toEqual({ number: '125a', notation: 'QĐ-SNV' });
    expect(splitRef('KH-UBND')).toEqual({ number: '', notation: 'KH-UBND' });
    expect(fileCode('000.00.12.H06', 2026, 'HS-01')).toBe('000.00.12.H06.2026.HS-01');
    expect(fileCode('', 2026, 'HS-01')).toBe('2026.HS-01');
  });

  it('places each document in the hồ sơ’s pages, unknown after an unknown count', () => {
    expect(pageRanges([3, 1, 2])).toEqual(['1–3', '4', '5–6']);
    expect(pageRanges([2, null, 4])).toEqual(['1–2', '', '']);
  });

  it('names package files in ASCII by ordinal, without clashes or folders', () => {
    const taken = new Set<string>();
    expect(packageFileName(1, 'Kế hoạch 70.PDF', taken)).toBe('001-ke-hoach-70.pdf');
    expect(packageFileName(1, 'Kế hoạch 70.pdf', taken)).toBe('001-ke-hoach-70-2.pdf');
    expect(packageFileName(12, '../../etc/passwd', taken)).toBe('012-passwd');
    expect(packageFileName(13, 'C:\\tmp\\bao-cao.docx', taken)).toBe('013-bao-cao.docx');
  });

  it('the shipped table: one row per code, each in a known group, periods as the circular gives them', () => {
    expect(new Set(RETENTION_TT10.map((r) => r.code)).size).toBe(RETENTION_TT10.length);
    expect(RETENTION_TT10.every((r) => RETENTION_GROUPS[r.group] && String(r.group) === r.code.split('.')[0])).toBe(true);
    expect(RETENTION_TT10.find((r) => r.title.startsWith('Sổ đăng ký văn bản'))?.years).toBe(20);
    expect(RETENTION_TT10.find((r) => r.title.startsWith('Hồ sơ hội nghị tổng kết năm'))?.years).toBeNull();
  });
});

describe('the package’s XML', () => {
  it('reads back what it writes, entities and attributes included', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${el('HoSo', [el('Title', 'Hồ sơ "A" & <B>', {}, '  '), el('File', null, { path: 'files/a&b.pdf' }, '  ')], { format: 'x' })}`;
    const root = parseXml(xml);
    expect(root).toMatchObject({ name: 'HoSo', attrs: { format: 'x' } });
    expect(root.children.map((c) => [c.name, c.text, c.attrs])).toEqual([
      ['Title', 'Hồ sơ "A" & <B>', {}],
      ['File', '', { path: 'files/a&b.pdf' }],
    ]);
    expect(parseXml('<a>&#x1EA0;&#65;</a>').text).toBe('ẠA');
  });

  it('refuses what a hostile file would use: DOCTYPE and entities, CDATA, bad nesting, two roots, depth', () => {
    const bad = [
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      '<a><![CDATA[x]]></a>',
      '<a><b></a></b>',
      '<a/><b/>',
      '<a>&unknown;</a>',
      '<a x="1" x="2"/>',
      `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`,
      '<a>',
    ];
    for (const s of bad) expect(() => parseXml(s), s).toThrow(XmlError);
    expect(() => parseXml(`<r>${'<e/>'.repeat(20)}</r>`, 10)).toThrow(/quá nhiều/);
  });
});
