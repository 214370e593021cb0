import { describe, expect, it } from 'vitest';
import { isoFromVn, parseCsv, readRegisterCsv } from '../../renderer/src/incoming/csvImport';

/** "Nhập sổ từ tệp CSV" (issue 15, the register's empty state): an old register saved from Excel. */
describe('reading an old register from CSV', () => {
  it('splits Excel’s CSV with its separator, quotes, doubled quotes and line breaks inside a field', () => {
    expect(parseCsv('\uFEFFa;b;c\r\n1;"x; y";"say ""hi""\nagain"\n\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x; y', 'say "hi"\nagain'],
    ]);
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads dd/mm/yyyy and yyyy-mm-dd dates, and no impossible one', () => {
    expect(isoFromVn('5/1/2026')).toBe('2026-01-05');
    expect(isoFromVn('2026-03-02')).toBe('2026-03-02');
    expect(isoFromVn('31/02/2026')).toBeNull();
    expect(isoFromVn('02.03.26')).toBeNull();
  });

  it('finds the columns by their Vietnamese headers, with or without diacritics, and names each bad line', () => {
    const r = readRegisterCsv(
      'Ngày đến,TAC GIA,"Số, ký hiệu",Ngày văn bản,Trích yếu,Độ khẩn,Số trang\n' +
        '05/01/2026,Sở Tài chính,12/STC,02/01/2026,Về quyết toán,Thượng khẩn,3\n' +
        ',Bộ Nội vụ,99/BNV,30/02/2026,Về tuyển dụng,,\n' +
        ',Bộ Nội vụ,98/BNV,03/01/2026,,,\n' +
        ',Bộ Y tế,7/BYT,03/01/2026,Về tiêm chủng,Gấp,\n',
    );
    expect(r.records).toEqual([
      { arrivalDate: '2026-01-05', sender: 'Sở Tài chính', ref: '12/STC', docDate: '2026-01-02', docType: undefined, subject: 'Về quyết toán', urgency: 'thuong-khan', pageCount: 3, recipient: undefined, note: undefined },
    ]);
    expect(r.problems).toEqual([
      'Dòng 3: ngày văn bản «30/02/2026» không đúng dạng ngày/tháng/năm.',
      'Dòng 4: thiếu Trích yếu.',
      'Dòng 5: độ khẩn «Gấp» không hợp lệ (Thường, Khẩn, Thượng khẩn, Hỏa tốc).',
    ]);
    expect(readRegisterCsv('Tác giả;Trích yếu\nA;B').problems).toEqual(['Thiếu cột «Số, ký hiệu», «Ngày văn bản» ở dòng tiêu đề.']);
  });
});
