import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/result';
import {
  cellText,
  DIRECTORY_IMPORT_LIMITS,
  parseDirectoryFile,
  type DirectoryImportResult,
} from '../../electron/recipients/import-file';
import { makePdf } from '../fixtures/make-files';

const fixtures = path.resolve(__dirname, '../fixtures/recipients');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const csv = (s: string) => parseDirectoryFile('danh-ba.csv', utf8(s));

/** The promise must fail with an AppError of this code; returns it for the message checks. */
async function refused(p: Promise<DirectoryImportResult>, code: string): Promise<AppError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  const err = e as AppError;
  expect(err.code).toBe(code);
  // Shown to the user as is: Vietnamese, composed (NFC), never an English library message.
  expect(err.message).toBe(err.message.normalize('NFC'));
  expect(err.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳýệộờởửữựếốứ]/i);
  return err;
}

/** Every string the parser returns is NFC: what the directory stores and searches. */
function expectAllNfc(r: DirectoryImportResult) {
  const strings = r.rows.flatMap((row) => [row.name, row.shortName, row.organId, row.address, row.email, row.parent, ...row.groups]);
  for (const s of strings) if (s !== null) expect(s).toBe(s.normalize('NFC'));
}

async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Rewrites the inflated size an entry declares in the ZIP central directory; returns its compressed size. */
function declareUncompressedSize(zip: Uint8Array, name: string, size: number): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (Buffer.from(zip.subarray(i + 46, i + 46 + nameLength)).toString('utf8') !== name) continue;
    view.setUint32(i + 24, size, true);
    return view.getUint32(i + 20, true);
  }
  throw new Error(`no central directory entry ${name}`);
}

const WORKBOOK_XML = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>';

describe('CSV', () => {
  it('reads the fixture: BOM, ";" separator, quoted fields with a comma, a newline, a ";" and "" escapes', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, 'danh-ba-noi-nhan.csv')));
    // the fixture is what it claims to be
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes).toString('utf8')).toContain('"Số 77 Nguyễn Thái Học, phường Ba Đình\r\nThành phố Hà Nội"');

    const r = await parseDirectoryFile('danh-ba-noi-nhan.csv', bytes);
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        name: 'Liên minh Hợp tác xã Việt Nam',
        shortName: 'LMHTXVN',
        organId: '000.00.00.G12',
        address: 'Số 77 Nguyễn Thái Học, phường Ba Đình\nThành phố Hà Nội',
        email: 'vanthu@vca.org.vn',
        parent: null,
        groups: ['Cơ quan Trung ương'],
      },
      {
        line: 3,
        name: 'Ban Kiểm tra',
        shortName: 'BKT',
        organId: null,
        address: null,
        email: 'bankiemtra@vca.org.vn',
        parent: 'Liên minh Hợp tác xã Việt Nam',
        // a group name with a comma stays whole: only ";" separates groups
        groups: ['Các ban, đơn vị trực thuộc'],
      },
      // line 4 is blank: skipped, but still counted, as Excel numbers it
      {
        line: 5,
        name: 'Liên minh Hợp tác xã tỉnh Đắk Lắk', // inner runs of spaces collapsed
        shortName: null,
        organId: '000.00.00.H54', // letter upper-cased
        address: 'Số 1 Lê Duẩn; TP. Buôn Ma Thuột',
        email: 'lmhtx@daklak.gov.vn',
        parent: null,
        groups: ['Các ban, đơn vị trực thuộc', 'Liên minh HTX các tỉnh, thành phố'],
      },
      {
        line: 6,
        name: 'Trung tâm Hỗ trợ phát triển hợp tác xã',
        shortName: 'Trung tâm "HTX"',
        organId: null,
        address: null,
        email: null,
        parent: 'Liên minh Hợp tác xã Việt Nam',
        groups: ['Các ban, đơn vị trực thuộc'],
      },
    ]);
    expectAllNfc(r);
  });

  it('reports bad rows with their line and field, and leaves them out of the rows', async () => {
    const r = await csv(
      [
        'Tên,Mã định danh,Email',
        'Sở Nội vụ,000.00.00.H30,sonoivu@example.gov.vn',
        'Sở Tư pháp,12.34,stp@example.gov.vn',
        'Sở Tài chính,000.00.01.H30,not-an-email',
        'SỞ NỘI VỤ,,',
        ',000.00.02.H30,x@example.vn',
        'Sở Y tế,000.00.00.h30,',
        'Sở Xây dựng,000.00.03.H30,sxd@example.gov.vn',
      ].join('\n'),
    );
    expect(r.rows.map((x) => [x.line, x.name])).toEqual([
      [2, 'Sở Nội vụ'],
      [8, 'Sở Xây dựng'],
    ]);
    expect(r.issues).toEqual([
      { line: 3, field: 'organId', message: 'Mã định danh «12.34» không đúng dạng, cần như 000.00.00.H54.' },
      { line: 4, field: 'email', message: 'Thư điện tử «not-an-email» không hợp lệ.' },
      { line: 5, field: 'name', message: '«SỞ NỘI VỤ» trùng tên với dòng 2.' },
      { line: 6, field: 'name', message: 'Thiếu tên cơ quan, đơn vị.' },
      { line: 7, field: 'organId', message: 'Mã định danh 000.00.00.H30 trùng với dòng 2.' },
    ]);
  });

  it('normalises to NFC, collapses whitespace, refuses control and bidi characters, keeps address lines', async () => {
    const nfd = 'Sở Giáo dục và Đào tạo'.normalize('NFD');
    const r = await csv(
      [
        'Tên;Địa chỉ;Nhóm',
        'Sở Nội vụ\u0007;;',
        'Sở Tài chính;"Tầng 2\tnhà A\r\n  số 5  ";',
        '"Sở \u202Eụv iộN";;',
        `${nfd};;"Nhóm A;  nhóm a ; Nhóm B;;"`,
        '"Sở Công\nThương\u200B";"Tầng\u00071";',
      ].join('\r\n'),
    );
    expect(r.issues).toEqual([
      { line: 2, field: 'name', message: 'Tên cơ quan, đơn vị chứa ký tự điều khiển không được phép.' },
      { line: 4, field: 'name', message: 'Tên cơ quan, đơn vị chứa ký tự điều khiển không được phép.' },
      { line: 6, field: 'address', message: 'Địa chỉ chứa ký tự điều khiển không được phép.' },
    ]);
    expect(r.rows.map(({ line, name, address, groups }) => ({ line, name, address, groups }))).toEqual([
      { line: 3, name: 'Sở Tài chính', address: 'Tầng 2 nhà A\nsố 5', groups: [] },
      // same group written twice with different case: kept once, first spelling
      { line: 5, name: 'Sở Giáo dục và Đào tạo', address: null, groups: ['Nhóm A', 'Nhóm B'] },
    ]);
    expect(r.rows[1].name).not.toBe(nfd);
    expectAllNfc(r);
  });

  it('checks lengths and a unit that names itself as its parent', async () => {
    const r = await csv(
      [
        'Tên;Viết tắt;Trực thuộc;Nhóm',
        `${'A'.repeat(201)};;;`,
        `Sở Nội vụ;${'B'.repeat(51)};;`,
        'Sở Tư pháp;;sở tư pháp;',
        `Sở Y tế;;;${'N'.repeat(201)}`,
      ].join('\n'),
    );
    expect(r.rows).toEqual([]);
    expect(r.issues).toEqual([
      { line: 2, field: 'name', message: 'Tên cơ quan, đơn vị dài quá 200 ký tự.' },
      { line: 3, field: 'shortName', message: 'Tên viết tắt dài quá 50 ký tự.' },
      { line: 4, field: 'parent', message: 'Cơ quan không thể trực thuộc chính nó.' },
      { line: 5, field: 'groups', message: `Tên nhóm «${'N'.repeat(40)}…» dài quá 200 ký tự.` },
    ]);
  });

  it('detects the separator from the header, even when a header name contains a comma', async () => {
    const tie = await csv('Tên cơ quan, đơn vị;Email\nSở Nội vụ, tỉnh Hà Giang;snv@hagiang.gov.vn\n');
    expect(tie.rows).toMatchObject([{ name: 'Sở Nội vụ, tỉnh Hà Giang', email: 'snv@hagiang.gov.vn' }]);

    const tab = await csv('Tên đơn vị\tMã\r\nVăn phòng, Liên minh\t000.00.00.G12\r\n');
    expect(tab.rows).toMatchObject([{ name: 'Văn phòng, Liên minh', organId: '000.00.00.G12' }]);

    // one column, no separator in the header: rows are not split, so names keep their commas and semicolons
    const single = await csv('Tên\nBan Tổ chức, Kiểm tra; và Thi đua\n');
    expect(single.rows).toMatchObject([{ name: 'Ban Tổ chức, Kiểm tra; và Thi đua' }]);
  });

  it('matches header names ignoring case, diacritics, punctuation and remarks; finds the header under title rows', async () => {
    const r = await csv(
      [
        'DANH BẠ NƠI NHẬN;;;;;;',
        ';;;;;;',
        'STT;TÊN CƠ QUAN (bắt buộc);ten viet tat;MA DINH DANH;E-MAIL;Co quan cap tren;Groups',
        '1;Văn phòng;VP;000.00.00.G12;vp@vca.org.vn;Liên minh Hợp tác xã Việt Nam;Các ban, đơn vị trực thuộc',
        '2;;;;;;',
      ].join('\n'),
    );
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 4,
        name: 'Văn phòng',
        shortName: 'VP',
        organId: '000.00.00.G12',
        address: null,
        email: 'vp@vca.org.vn',
        parent: 'Liên minh Hợp tác xã Việt Nam',
        groups: ['Các ban, đơn vị trực thuộc'],
      },
    ]);
  });

  it('refuses a file without a name column, naming the columns it has', async () => {
    const e = await refused(csv('Mã;Email\n000.00.00.H30;a@b.vn\n'), 'FILE_INVALID');
    expect(e.message).toContain('Không tìm thấy cột tên cơ quan');
    expect(e.message).toContain('«Mã», «Email»');
  });

  it('refuses two columns that both mean the name, a header with no rows, and an unclosed quote', async () => {
    const clash = await refused(csv('Tên cơ quan;Đơn vị\nA;B\n'), 'FILE_INVALID');
    expect(clash.message).toBe('Có hai cột cùng là tên cơ quan, đơn vị: «Tên cơ quan» và «Đơn vị». Hãy giữ một cột hoặc đổi tên cột kia.');
    const headerOnly = await refused(csv('Tên;Email\n\n'), 'FILE_INVALID');
    expect(headerOnly.message).toBe('Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.');
    const unclosed = await refused(csv('Tên;Địa chỉ\nSở Nội vụ;"Số 1\nSở Tư pháp;Số 2\n'), 'FILE_INVALID');
    expect(unclosed.message).toContain('dấu ngoặc kép mở ở dòng 2');
  });

  it('accepts 20,000 data rows and refuses one more', async () => {
    const body = (n: number) => ['Tên', ...Array.from({ length: n }, (_, i) => `Cơ quan số ${i + 1}`)].join('\n');
    const ok = await csv(body(DIRECTORY_IMPORT_LIMITS.dataRows));
    expect(ok.rows).toHaveLength(20_000);
    expect(ok.rows[19_999]).toMatchObject({ line: 20_001, name: 'Cơ quan số 20000' });
    const e = await refused(csv(body(DIRECTORY_IMPORT_LIMITS.dataRows + 1)), 'FILE_INVALID');
    expect(e.message).toContain('hơn 20.000 dòng');
  });

  it('refuses a CSV that is not UTF-8 (Windows-1258, UTF-16)', async () => {
    // "Tên cơ quan" in Windows-1258 / Latin-1 bytes: ê = 0xEA, ơ = 0xF5
    const cp1258 = new Uint8Array([...Buffer.from('T'), 0xea, ...Buffer.from('n c'), 0xf5, ...Buffer.from(' quan\nS'), 0xf5, ...Buffer.from('\n')]);
    const e = await refused(parseDirectoryFile('danh-ba.csv', cp1258), 'FILE_INVALID');
    expect(e.message).toBe('Tệp CSV phải mã hóa UTF-8 (Excel: Lưu thành → CSV UTF-8).');
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Tên\tMã\r\nSở Nội vụ\t\r\n', 'utf16le')]));
    const e16 = await refused(parseDirectoryFile('danh-ba.txt', utf16), 'FILE_INVALID');
    expect(e16.message).toBe('Tệp CSV phải mã hóa UTF-8 (Excel: Lưu thành → CSV UTF-8).');
  });
});

describe('XLSX', () => {
  async function directoryWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh bạ');
    ws.addRow(['DANH BẠ NƠI NHẬN']);
    ws.mergeCells('A1:G1');
    ws.addRow([]);
    // capitalisation and diacritics differ from the synonyms
    ws.addRow(['STT', 'TEN CO QUAN', 'Viet Tat', 'MA DINH DANH', 'E-Mail', 'Co quan cap tren', 'NHOM']);
    ws.addRow([
      1,
      { richText: [{ text: 'Ủy ban nhân dân ' }, { font: { bold: true }, text: 'tỉnh Lào Cai' }] },
      'UBND',
      '000.00.00.h37',
      { text: 'vanthu@laocai.gov.vn', hyperlink: 'mailto:vanthu@laocai.gov.vn' },
      null,
      'Ủy ban nhân dân các tỉnh; Tỉnh miền núi phía Bắc',
    ]);
    ws.addRow([
      2,
      'Sở Nội vụ\ntỉnh Lào Cai', // Alt+Enter inside the cell
      115, // a number-looking short name stored as a number
      null,
      { text: 'Gửi thư', hyperlink: 'mailto:sonoivu%40laocai.gov.vn?subject=C%C3%B4ng%20v%C4%83n' },
      { formula: 'B4', result: 'Ủy ban nhân dân tỉnh Lào Cai' },
      'Các sở, ban, ngành',
    ]);
    ws.addRow([3]); // a template row with only its number: not a row
    ws.addRow([4, 'Sở Y tế', null, '12.34', 'syt@laocai.gov.vn', null, null]);
    const other = wb.addWorksheet('Khác');
    other.addRow(['Tên']);
    other.addRow(['Không được đọc']);
    return workbookBytes(wb);
  }

  it('reads the first sheet: rich text, mailto links, numbers, formulas, header under a title', async () => {
    const bytes = await directoryWorkbook();
    // the workbook really holds what the test claims
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = check.worksheets[0];
    expect(sheet.getCell('B4').value).toHaveProperty('richText');
    expect(sheet.getCell('C5').value).toBe(115);
    expect(sheet.getCell('E4').value).toHaveProperty('hyperlink', 'mailto:vanthu@laocai.gov.vn');
    expect(sheet.getCell('F5').value).toHaveProperty('formula', 'B4');

    const r = await parseDirectoryFile('Danh bạ.xlsx', bytes);
    expect(r.rows).toEqual([
      {
        line: 4,
        name: 'Ủy ban nhân dân tỉnh Lào Cai',
        shortName: 'UBND',
        organId: '000.00.00.H37',
        address: null,
        email: 'vanthu@laocai.gov.vn',
        parent: null,
        groups: ['Ủy ban nhân dân các tỉnh', 'Tỉnh miền núi phía Bắc'],
      },
      {
        line: 5,
        name: 'Sở Nội vụ tỉnh Lào Cai',
        shortName: '115',
        organId: null,
        address: null,
        email: 'sonoivu@laocai.gov.vn', // the link's address, its text "Gửi thư" being no address
        parent: 'Ủy ban nhân dân tỉnh Lào Cai',
        groups: ['Các sở, ban, ngành'],
      },
    ]);
    expect(r.issues).toEqual([{ line: 7, field: 'organId', message: 'Mã định danh «12.34» không đúng dạng, cần như 000.00.00.H54.' }]);
    expect(r.rows.some((row) => row.name === 'Không được đọc')).toBe(false);
    expectAllNfc(r);
  });

  it('is recognised by content, whatever its name says', async () => {
    const r = await parseDirectoryFile('danh-ba.csv', await directoryWorkbook());
    expect(r.rows).toHaveLength(2);
  });

  it('skips a hidden first sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('Tra cứu', { state: 'hidden' });
    hidden.addRow(['Tên']);
    hidden.addRow(['Danh mục ẩn']);
    const ws = wb.addWorksheet('Danh bạ');
    ws.addRow(['Tên đơn vị']);
    ws.addRow(['Ban Tuyên giáo']);
    const r = await parseDirectoryFile('danh-ba.xlsx', await workbookBytes(wb));
    expect(r.rows.map((x) => x.name)).toEqual(['Ban Tuyên giáo']);
  });

  it('a sheet that fills a merged group cell down counts the merged rows, not the empty ones below', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh bạ');
    ws.addRow(['Tên', 'Nhóm']);
    ws.addRow(['Ban Kiểm tra', 'Các ban, đơn vị trực thuộc']);
    ws.addRow(['Ban Tổ chức', null]);
    ws.addRow([null, null]);
    ws.mergeCells('B2:B4'); // the merge reaches one row past the data
    const r = await parseDirectoryFile('danh-ba.xlsx', await workbookBytes(wb));
    expect(r.issues).toEqual([]);
    expect(r.rows.map((x) => [x.name, x.groups])).toEqual([
      ['Ban Kiểm tra', ['Các ban, đơn vị trực thuộc']],
      ['Ban Tổ chức', ['Các ban, đơn vị trực thuộc']],
    ]);
  });
});

describe('hostile or wrong files', () => {
  it('refuses an empty file', async () => {
    const e = await refused(parseDirectoryFile('danh-ba.csv', new Uint8Array()), 'FILE_INVALID');
    expect(e.message).toContain('rỗng');
    await refused(parseDirectoryFile('danh-ba.xlsx', new Uint8Array()), 'FILE_INVALID');
    await refused(parseDirectoryFile('danh-ba.csv', utf8('\uFEFF\r\n  \r\n')), 'FILE_INVALID');
  });

  it('refuses a file over 20 MB before reading it', async () => {
    await refused(parseDirectoryFile('danh-ba.csv', new Uint8Array(DIRECTORY_IMPORT_LIMITS.fileBytes + 1)), 'FILE_TOO_LARGE');
  });

  it('refuses a PDF renamed .xlsx, a PDF or an image named .csv, a Word document renamed .xlsx', async () => {
    const pdf = makePdf(['Danh ba noi nhan']);
    const asXlsx = await refused(parseDirectoryFile('danh-ba.xlsx', pdf), 'FILE_INVALID');
    expect(asXlsx.message).toBe('Tệp này thực chất là tệp PDF, không phải bảng tính Excel (.xlsx) hợp lệ.');
    const asCsv = await refused(parseDirectoryFile('danh-ba.csv', pdf), 'FILE_INVALID');
    expect(asCsv.message).toBe('Tệp này là tệp PDF, không phải tệp CSV.');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await refused(parseDirectoryFile('anh.png', png), 'FILE_INVALID')).message).toContain('ảnh PNG');
    const notZip = await refused(parseDirectoryFile('danh-ba.xlsx', utf8('Tên;Email\nSở Nội vụ;\n')), 'FILE_INVALID');
    expect(notZip.message).toBe('Tệp không phải bảng tính Excel (.xlsx) hợp lệ.');

    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    const word = await refused(parseDirectoryFile('danh-ba.xlsx', await docx.generateAsync({ type: 'uint8array' })), 'FILE_INVALID');
    expect(word.message).toBe('Tệp này là văn bản Word, không phải bảng tính Excel (.xlsx).');
  });

  it('refuses an old .xls, saying to save as .xlsx or CSV', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (const name of ['danh-ba.xls', 'danh-ba.xlsx', 'danh-ba.csv']) {
      const e = await refused(parseDirectoryFile(name, ole), 'FILE_INVALID');
      expect(e.message).toContain('.xls');
      expect(e.message).toContain('.xlsx');
      expect(e.message).toContain('CSV UTF-8');
    }
  });

  it('refuses a zip bomb: an entry inflating more than 200× its compressed size', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', WORKBOOK_XML);
    zip.file('xl/worksheets/sheet1.xml', new Uint8Array(30 * 1024 * 1024).fill(0x61)); // 30 MB of "a" deflates ~1000×
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bytes.length).toBeLessThan(200 * 1024);
    const e = await refused(parseDirectoryFile('danh-ba.xlsx', bytes), 'FILE_INVALID');
    expect(e.message).toBe('Tệp .xlsx có cấu trúc bất thường (dữ liệu nén bung ra quá lớn), không thể mở an toàn.');
  });

  it('refuses a ZIP declaring more than 100 MB in all, even at a modest ratio', async () => {
    // incompressible bytes, so the declared ratio stays under 200 and only the total trips
    const noise = new Uint8Array(600 * 1024);
    let x = 12345;
    for (let i = 0; i < noise.length; i++) noise[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    const zip = new JSZip();
    zip.file('xl/workbook.xml', WORKBOOK_XML);
    zip.file('xl/media/image1.bin', noise);
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const declared = 110 * 1024 * 1024;
    const compressed = declareUncompressedSize(bytes, 'xl/media/image1.bin', declared);
    expect(declared / compressed).toBeLessThan(DIRECTORY_IMPORT_LIMITS.zipRatio);
    const e = await refused(parseDirectoryFile('danh-ba.xlsx', bytes), 'FILE_INVALID');
    expect(e.message).toContain('quá lớn');
  });

  it('refuses an entry that inflates to more than its central directory declares', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', WORKBOOK_XML);
    zip.file('xl/worksheets/sheet1.xml', new Uint8Array(8 * 1024 * 1024).fill(0x61));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    declareUncompressedSize(bytes, 'xl/worksheets/sheet1.xml', 1000); // the central directory lies: 1000 bytes
    const e = await refused(parseDirectoryFile('danh-ba.xlsx', bytes), 'FILE_INVALID');
    expect(e.message).toContain('quá lớn');

    // and the other way round: less than declared is a damaged file, refused without crashing the process
    const short = new JSZip();
    short.file('xl/workbook.xml', WORKBOOK_XML);
    short.file('xl/worksheets/sheet1.xml', '<worksheet/>');
    const shortBytes = await short.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    declareUncompressedSize(shortBytes, 'xl/worksheets/sheet1.xml', 5000);
    expect((await refused(parseDirectoryFile('danh-ba.xlsx', shortBytes), 'FILE_INVALID')).message).toContain('bị hỏng');
  });

  it('refuses a damaged ZIP and a ZIP that is not a workbook', async () => {
    const good = await (async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('A').addRow(['Tên']);
      return workbookBytes(wb);
    })();
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    expect((await refused(parseDirectoryFile('danh-ba.xlsx', truncated), 'FILE_INVALID')).message).toContain('bị hỏng');
    const other = new JSZip();
    other.file('readme.txt', 'xin chào');
    const e = await refused(parseDirectoryFile('danh-ba.xlsx', await other.generateAsync({ type: 'uint8array' })), 'FILE_INVALID');
    expect(e.message).toContain('không phải bảng tính Excel');
  });
});

describe('cellText', () => {
  it('gives the text a cell shows', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(42)).toBe('42');
    expect(cellText(0.5)).toBe('0.5');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2024, 2, 5)))).toBe('05/03/2024');
    expect(cellText({ richText: [{ text: 'Sở ' }, { text: 'Nội vụ', font: { bold: true } }] })).toBe('Sở Nội vụ');
    expect(cellText({ text: { richText: [{ text: 'vt@' }, { text: 'a.vn' }] }, hyperlink: 'mailto:vt@a.vn' })).toBe('vt@a.vn');
    expect(cellText({ text: '', hyperlink: 'mailto:vt@a.vn' })).toBe('vt@a.vn');
    expect(cellText({ text: 'Cổng thông tin', hyperlink: 'https://a.vn' })).toBe('Cổng thông tin');
    expect(cellText({ formula: 'A1*2', result: 84 })).toBe('84');
    expect(cellText({ sharedFormula: 'A1', result: 'Ban Kiểm tra' })).toBe('Ban Kiểm tra');
    expect(cellText({ formula: 'VLOOKUP(A1,B:C,2,0)', result: { error: '#N/A' } })).toBe('');
    expect(cellText({ error: '#REF!' })).toBe('');
  });
});
