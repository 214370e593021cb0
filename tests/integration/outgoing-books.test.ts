import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { outgoingBookDocx } from '../../electron/registers/outgoing-book-docx';
import { outgoingBookXlsx } from '../../electron/registers/outgoing-book-xlsx';
import { followUpBookDocx } from '../../electron/registers/followup-book-docx';
import { followUpBookXlsx } from '../../electron/registers/followup-book-xlsx';
import type { FollowUpMeta, FollowUpRow, OutgoingBookMeta, OutgoingBookRow } from '../../electron/registers/book-types';
import { FOLLOWUP_BOOK_COLUMNS, OUTGOING_BOOK_COLUMNS, outgoingNoteText } from '../../shared/registers/book-columns';
import { has } from '../helpers/tools';
import { libreOfficePdfs, soffice } from '../helpers/libreoffice';

const meta: OutgoingBookMeta = {
  organName: 'Ủy ban nhân dân huyện Thuận Thành',
  bookName: 'Sổ văn bản đi',
  periodLabel: 'Năm 2026',
  from: '2026-01-01',
  to: '2026-03-31',
  fromNumber: 1,
  toNumber: 4,
  anchor: 'Nhật ký thay đổi đến bản ghi số 7, mã kiểm tra SHA-256: ' + 'cd'.repeat(32) + '.',
};
const rows: OutgoingBookRow[] = [
  {
    number: 1,
    ref: '01/KH-UBND',
    docDate: '2026-01-05',
    docTypeName: 'Kế hoạch',
    subject: 'Tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ',
    signer: 'Nguyễn Văn Hưởng',
    recipients: ['Thường trực Huyện ủy', 'Các phòng, ban chuyên môn', 'UBND các xã, thị trấn'],
    archive: 'VT, KT',
    copies: 25,
    transferDate: '2026-01-06',
    note: null,
    status: 'issued',
  },
  {
    number: 2,
    ref: '02/UBND-VP',
    docDate: '2026-01-07',
    docTypeName: null,
    subject: 'Về việc rà soát hồ sơ đất đai',
    signer: 'Trần Thị Thủy',
    recipients: ['Phòng Tài nguyên và Môi trường'],
    archive: 'VT',
    copies: 3,
    transferDate: null,
    note: 'Gửi kèm phụ lục',
    status: 'issued',
  },
  {
    number: 3,
    ref: '03/QĐ-UBND',
    docDate: '2026-01-08',
    docTypeName: 'Quyết định',
    subject: 'Thành lập Tổ công tác liên ngành',
    signer: 'Nguyễn Văn Hưởng',
    recipients: ['Như Điều 3'],
    archive: 'VT, NV',
    copies: 10,
    transferDate: null,
    note: 'Ký nhầm người',
    status: 'cancelled',
  },
  {
    number: 4,
    ref: '04/TB-UBND',
    docDate: '2026-01-09',
    docTypeName: 'Thông báo',
    subject: 'Lịch tiếp công dân quý I',
    signer: 'Trần Thị Thủy',
    recipients: [],
    archive: 'VT',
    copies: null,
    transferDate: null,
    note: 'Dành cho Chủ tịch',
    status: 'reserved',
  },
];

const fuMeta: FollowUpMeta = { organName: 'Văn phòng Tỉnh ủy', bookName: 'Sổ văn bản đến', from: '2026-03-01', to: '2026-03-31', anchor: 'Nhật ký thay đổi chưa có bản ghi nào.' };
const fuRows: FollowUpRow[] = [
  {
    arrivalNumber: 7,
    document: 'Kế hoạch số 70/KH-UBND ngày 10/03/2026 của UBND tỉnh Bắc Ninh',
    recipient: 'Ban Tổ chức',
    deadline: '2026-03-20',
    progress: 'Hoàn thành ngày 19/03/2026',
    replyRef: '12-BC/BTC',
    note: null,
    overdue: false,
  },
  {
    arrivalNumber: 8,
    document: 'Công văn số 15-CV/ĐUK ngày 11/03/2026 của Đảng ủy Khối',
    recipient: 'Văn phòng',
    deadline: '2026-03-15',
    progress: 'Quá hạn 3 ngày',
    replyRef: null,
    note: 'Đã nhắc',
    overdue: true,
  },
];

/** The paragraphs of word/document.xml, in order, as plain text (runs joined), for assertions on what prints where. */
async function docxXml(data: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(data)).file('word/document.xml')!.async('string');
}
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
/** The XML of the table row (<w:tr>) that contains `text`. */
const rowXml = (xml: string, text: string) => [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]).find((r) => r.includes(text)) ?? '';
/** The XML of the run (<w:r>) that prints `text`. */
const runXml = (xml: string, text: string) => [...xml.matchAll(/<w:r>[\s\S]*?<\/w:r>/g)].map((m) => m[0]).find((r) => r.includes(`>${text}<`)) ?? '';

async function loadSheet(data: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  return wb.worksheets[0];
}
function headerRowOf(ws: ExcelJS.Worksheet, first: string): number {
  let n = 0;
  ws.eachRow((r, i) => {
    if (!n && r.getCell(1).value === first) n = i;
  });
  return n;
}

describe('Sổ đăng ký văn bản đi (ND30 Phụ lục IV)', () => {
  describe('DOCX', () => {
    let xml: string;
    let paras: string[];
    beforeAll(async () => {
      xml = await docxXml(await outgoingBookDocx(meta, rows));
      paras = paragraphs(xml);
    });

    it('prints the 10 column titles in order, numbered (1) to (10) under them', () => {
      expect(OUTGOING_BOOK_COLUMNS).toHaveLength(10);
      const at = OUTGOING_BOOK_COLUMNS.map((c) => paras.indexOf(c));
      expect(at.every((i) => i >= 0), `missing: ${OUTGOING_BOOK_COLUMNS.filter((_, i) => at[i] < 0)}`).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      expect(paras.slice(at[9] + 1, at[9] + 11)).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)']);
    });

    it('prints the organ, the book, its period and its range of numbers', () => {
      for (const line of ['ỦY BAN NHÂN DÂN HUYỆN THUẬN THÀNH', 'SỔ ĐĂNG KÝ VĂN BẢN ĐI', 'Sổ văn bản đi', 'Năm 2026']) {
        expect(paras).toContain(line);
      }
      expect(paras).toContain('Từ ngày 01/01/2026 đến ngày 31/03/2026');
      expect(paras).toContain('Từ số 01 đến số 04');
    });

    it('prints the refs in register order, in bold; each recipient as its own paragraph; type, subject and dates', () => {
      for (const r of rows) expect(paras).toContain(r.ref);
      expect(rows.map((r) => paras.indexOf(r.ref))).toEqual(rows.map((r) => paras.indexOf(r.ref)).sort((a, b) => a - b));
      expect(runXml(xml, '01/KH-UBND')).toContain('<w:b/>');
      const i = paras.indexOf('Thường trực Huyện ủy');
      expect(paras.slice(i, i + 3)).toEqual(rows[0].recipients);
      expect(paras).toContain('Kế hoạch: Tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ');
      expect(paras).toContain('Về việc rà soát hồ sơ đất đai');
      expect(paras).toContain('05/01/2026');
      expect(paras).toContain('06/01/2026');
    });

    it('keeps used but not issued numbers in the book, struck, with why', () => {
      expect(runXml(xml, '03/QĐ-UBND')).toContain('<w:strike/>');
      expect(runXml(xml, '04/TB-UBND')).toContain('<w:strike/>');
      expect(runXml(xml, '01/KH-UBND')).not.toContain('<w:strike/>');
      expect(runXml(xml, '02/UBND-VP')).not.toContain('<w:strike/>');
      expect(rowXml(xml, '03/QĐ-UBND')).toContain('>Đã hủy: Ký nhầm người<');
      expect(rowXml(xml, '04/TB-UBND')).toContain('>Giữ số: Dành cho Chủ tịch<');
      expect(rowXml(xml, '02/UBND-VP')).toContain('>Gửi kèm phụ lục<');
    });

    it('is A4 landscape in Times New Roman, its header rows repeated and no row split', () => {
      expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
      expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2);
      expect(xml.match(/<w:cantSplit\/>/g)).toHaveLength(2 + rows.length);
      expect(xml).toContain('w:ascii="Times New Roman"');
    });
  });

  describe('XLSX', () => {
    let ws: ExcelJS.Worksheet;
    let h: number;
    beforeAll(async () => {
      ws = await loadSheet(await outgoingBookXlsx(meta, rows));
      h = headerRowOf(ws, OUTGOING_BOOK_COLUMNS[0]);
    });

    it('names the sheet after the book and titles it with the organ, the book and its period', () => {
      expect(ws.name).toBe('Sổ văn bản đi');
      const titles: unknown[] = [];
      ws.eachRow((r) => titles.push(r.getCell(1).value));
      expect(titles.slice(0, 6)).toEqual([
        'ỦY BAN NHÂN DÂN HUYỆN THUẬN THÀNH',
        'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
        'Sổ văn bản đi',
        'Năm 2026',
        'Từ ngày 01/01/2026 đến ngày 31/03/2026',
        'Từ số 01 đến số 04',
      ]);
    });

    it('has the 10 column headers in order, then the numbering row', () => {
      expect(h).toBeGreaterThan(0);
      expect(OUTGOING_BOOK_COLUMNS.map((_, i) => ws.getRow(h).getCell(i + 1).value)).toEqual([...OUTGOING_BOOK_COLUMNS]);
      expect(ws.getRow(h + 1).getCell(10).value).toBe('(10)');
    });

    it('puts an issued document’s values in their columns: real dates, recipients wrapped, copies as a number', () => {
      const first = ws.getRow(h + 2);
      expect(first.getCell(1).value).toBe('01/KH-UBND');
      expect(first.getCell(2).value).toBeInstanceOf(Date);
      expect((first.getCell(2).value as Date).toISOString().slice(0, 10)).toBe('2026-01-05');
      expect(first.getCell(2).numFmt).toBe('dd/mm/yyyy');
      expect(first.getCell(3).value).toBe('Kế hoạch: Tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ');
      expect(first.getCell(4).value).toBe('Nguyễn Văn Hưởng');
      expect(first.getCell(5).value).toBe('Thường trực Huyện ủy\nCác phòng, ban chuyên môn\nUBND các xã, thị trấn');
      expect(first.getCell(5).alignment?.wrapText).toBe(true);
      expect(first.getCell(6).value).toBe('VT, KT');
      expect(first.getCell(7).value).toBe(25);
      expect((first.getCell(8).value as Date).toISOString().slice(0, 10)).toBe('2026-01-06');
      expect(first.getCell(8).numFmt).toBe('dd/mm/yyyy');
      expect(first.getCell(9).value ?? '').toBe('');
      expect(first.getCell(1).font?.strike).toBeFalsy();
      const second = ws.getRow(h + 3);
      expect(second.getCell(3).value).toBe('Về việc rà soát hồ sơ đất đai');
      expect(second.getCell(8).value ?? null).toBeNull();
      expect(second.getCell(10).value).toBe('Gửi kèm phụ lục');
    });

    it('strikes the refs of cancelled and reserved numbers, with why in Ghi chú', () => {
      const cancelled = ws.getRow(h + 4);
      expect(cancelled.getCell(1).value).toBe('03/QĐ-UBND');
      expect(cancelled.getCell(1).font?.strike).toBe(true);
      expect(cancelled.getCell(10).value).toBe('Đã hủy: Ký nhầm người');
      const reserved = ws.getRow(h + 5);
      expect(reserved.getCell(1).font?.strike).toBe(true);
      expect(reserved.getCell(10).value).toBe('Giữ số: Dành cho Chủ tịch');
    });

    it('prints on A4 landscape, repeating the header rows', () => {
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.printTitlesRow).toBe(`${h}:${h + 1}`);
    });
  });

  it('Ghi chú names why a used number was not issued', () => {
    expect(outgoingNoteText('issued', null)).toBe('');
    expect(outgoingNoteText('issued', 'Gửi kèm phụ lục')).toBe('Gửi kèm phụ lục');
    expect(outgoingNoteText('cancelled', 'Ký nhầm người')).toBe('Đã hủy: Ký nhầm người');
    expect(outgoingNoteText('skipped', 'Nhảy số do lỗi máy')).toBe('Bỏ số: Nhảy số do lỗi máy');
    expect(outgoingNoteText('reserved', null)).toBe('Giữ số');
  });
});

describe('Sổ theo dõi giải quyết văn bản đến (ND30 Phụ lục IV)', () => {
  it('DOCX: 7 titles in order, the overdue progress bold red and the other plain', async () => {
    const xml = await docxXml(await followUpBookDocx(fuMeta, fuRows));
    const paras = paragraphs(xml);
    expect(FOLLOWUP_BOOK_COLUMNS).toHaveLength(7);
    const at = FOLLOWUP_BOOK_COLUMNS.map((c) => paras.indexOf(c));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(paras).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(paras).toContain('VĂN PHÒNG TỈNH ỦY');
    expect(paras).toContain('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(paras).toContain('07');
    expect(paras).toContain('20/03/2026');
    const late = runXml(xml, 'Quá hạn 3 ngày');
    expect(late).toContain('<w:b/>');
    expect(late).toContain('<w:color w:val="C00000"/>');
    expect(runXml(xml, 'Hoàn thành ngày 19/03/2026')).not.toContain('C00000');
    expect(rowXml(xml, 'Quá hạn 3 ngày')).toContain('>Đã nhắc<');
  });

  it('XLSX: 7 headers, values, a real deadline date, the overdue progress bold red', async () => {
    const ws = await loadSheet(await followUpBookXlsx(fuMeta, fuRows));
    const h = headerRowOf(ws, FOLLOWUP_BOOK_COLUMNS[0]);
    expect(h).toBeGreaterThan(0);
    expect(ws.getRow(1).getCell(1).value).toBe('VĂN PHÒNG TỈNH ỦY');
    expect(ws.getRow(2).getCell(1).value).toBe('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(FOLLOWUP_BOOK_COLUMNS.map((_, i) => ws.getRow(h).getCell(i + 1).value)).toEqual([...FOLLOWUP_BOOK_COLUMNS]);
    const ok = ws.getRow(h + 2);
    expect(ok.getCell(1).value).toBe(7);
    expect(ok.getCell(2).value).toBe(fuRows[0].document);
    expect((ok.getCell(4).value as Date).toISOString().slice(0, 10)).toBe('2026-03-20');
    expect(ok.getCell(4).numFmt).toBe('dd/mm/yyyy');
    expect(ok.getCell(6).value).toBe('12-BC/BTC');
    expect(ok.getCell(5).font?.color?.argb).toBeUndefined();
    const late = ws.getRow(h + 3);
    expect(late.getCell(5).value).toBe('Quá hạn 3 ngày');
    expect(late.getCell(5).font?.bold).toBe(true);
    expect(late.getCell(5).font?.color?.argb).toBe('FFC00000');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
  });
});

/** LibreOffice is an independent judge: it must open both books and print the titles and refs. */
const pdftotext = has('pdftotext', ['-v']);
const reason = 'LibreOffice (soffice) or pdftotext is not installed here: `apt-get install libreoffice-writer-nogui poppler-utils`.';
if (!soffice || !pdftotext) console.log(`[outgoing-books] LibreOffice check skipped: ${reason}`);

describe('the books through LibreOffice', () => {
  it.skipIf(!soffice || !pdftotext)('outgoing and follow-up DOCX convert to PDF with their titles and refs', async () => {
    // Both books in one LibreOffice run; -layout keeps each cell line on its own.
    const pdfs = libreOfficePdfs({ outgoing: await outgoingBookDocx(meta, rows), followup: await followUpBookDocx(fuMeta, fuRows) });
    const [out, fu] = [pdfs.outgoing, pdfs.followup].map((pdf) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
    // A ref found whole means its column is wide enough not to wrap it.
    for (const s of ['SỔ ĐĂNG KÝ VĂN BẢN ĐI', 'Từ số 01 đến số 04', ...rows.map((r) => r.ref), '05/01/2026', 'Đã hủy:']) {
      expect(out).toContain(s);
    }
    for (const s of ['SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN', 'Quá hạn 3 ngày', '12-BC/BTC', '20/03/2026']) expect(fu).toContain(s);
  }, 240_000);
});
