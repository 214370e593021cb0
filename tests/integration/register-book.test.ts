import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { incomingBookDocx } from '../../electron/registers/incoming-book-docx';
import { incomingBookXlsx } from '../../electron/registers/incoming-book-xlsx';
import type { IncomingBookMeta, IncomingBookRow } from '../../electron/registers/book-types';
import { INCOMING_BOOK_COLUMNS } from '../../shared/registers/schemas';

const meta: IncomingBookMeta = {
  organName: 'Văn phòng Tỉnh ủy',
  bookName: 'Sổ văn bản đến',
  from: '2026-01-01',
  to: '2026-03-31',
  fromNumber: 1,
  toNumber: 2,
  anchor: 'Nhật ký thay đổi đến bản ghi số 42, mã kiểm tra SHA-256: ' + 'ab'.repeat(32) + '.',
};
const rows: IncomingBookRow[] = [
  {
    arrivalDate: '2026-03-04',
    arrivalNumber: 1,
    sender: 'Sở Nội vụ',
    ref: '70/KH-SNV',
    docDate: '2026-03-02',
    docTypeName: 'Kế hoạch',
    subject: 'Tổ chức Tháng hành động',
    recipient: 'Ban Tổ chức',
    transferDate: '2026-03-05',
    note: null,
    cancelled: false,
  },
  {
    arrivalDate: '2026-03-05',
    arrivalNumber: 2,
    sender: 'Đảng ủy Khối',
    ref: '15-CV/ĐUK',
    docDate: '2026-03-01',
    docTypeName: null,
    subject: 'Về việc góp ý dự thảo',
    recipient: null,
    transferDate: null,
    note: 'Vào nhầm sổ',
    cancelled: true,
  },
];

describe('Sổ đăng ký văn bản đến (ND30 Phụ lục IV)', () => {
  it('DOCX holds the 10 columns in order and one row per document, dates as dd/MM/yyyy', async () => {
    const data = await incomingBookDocx(meta, rows);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(data) });
    let at = -1;
    for (const col of INCOMING_BOOK_COLUMNS) {
      const i = text.indexOf(col, at + 1);
      expect(i, col).toBeGreaterThan(at);
      at = i;
    }
    expect(INCOMING_BOOK_COLUMNS).toHaveLength(10);
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain('70/KH-SNV');
    expect(text).toContain('04/03/2026');
    expect(text).toContain('Kế hoạch Tổ chức Tháng hành động');
    expect(text).toMatch(/Vào nhầm sổ \(Đã hủy\)/);
    expect(text.indexOf('70/KH-SNV')).toBeLessThan(text.indexOf('15-CV/ĐUK'));
    // The audit chain's head under the last row: rewriting the whole log is caught by comparing with the paper.
    expect(text.indexOf(meta.anchor)).toBeGreaterThan(text.indexOf('15-CV/ĐUK'));
  });

  it('XLSX holds the 10 column headers, real dates and numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await incomingBookXlsx(meta, rows)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    let headerRow = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === INCOMING_BOOK_COLUMNS[0]) headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const header = ws.getRow(headerRow);
    expect(INCOMING_BOOK_COLUMNS.map((_, i) => header.getCell(i + 1).value)).toEqual([...INCOMING_BOOK_COLUMNS]);
    const first = ws.getRow(headerRow + 1);
    expect(first.getCell(2).value).toBe(1);
    expect((first.getCell(1).value as Date).toISOString().slice(0, 10)).toBe('2026-03-04');
    expect(first.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(4).value).toBe('70/KH-SNV');
    expect(String(ws.getRow(headerRow + 2).getCell(10).value)).toContain('(Đã hủy)');
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe(meta.anchor);
  });
});
