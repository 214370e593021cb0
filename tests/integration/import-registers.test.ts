import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHeader, parseCellDate, splitTypeSubject } from '../../shared/imports/fields';
import * as imports from '../../electron/imports/service';
import { call, callErr, rowsCount, sampleIncoming, tempApp, tempDir } from '../helpers/app';
import { makePdf } from '../fixtures/make-files';
import { ND30_HEADER, ND30_HEADER_ASCII, writeRegisterXlsx, type Cell } from '../fixtures/old-register';

type App = Awaited<ReturnType<typeof tempApp>>;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('reading an old register', () => {
  it('finds the ND30 header under merged title rows, with or without diacritics, and proposes the mapping', () => {
    const title = [['SỔ ĐĂNG KÝ VĂN BẢN ĐẾN'], ['Năm 2019'], []];
    for (const header of [ND30_HEADER, ND30_HEADER_ASCII]) {
      const g = detectHeader([...title, header, ['01/02/2019', '1']])!;
      expect(g.index).toBe(3);
      expect(g.confident).toBe(true);
      expect(g.mapping).toMatchObject({ arrivalDate: 0, arrivalNumber: 1, sender: 2, ref: 3, docDate: 4, typeSubject: 5, recipient: 6, signedBy: 7, note: 8 });
    }
    // Other words for the same columns: «Cơ quan ban hành», «Ngày văn bản», «Trích yếu», numbered as printed.
    const other = detectHeader([['Số đến (1)', 'Ngày đến', 'Cơ quan ban hành', 'Số ký hiệu', 'Ngày văn bản', 'Trích yếu', 'Ý kiến phân phối, chỉ đạo']])!;
    expect(other.mapping).toMatchObject({ arrivalNumber: 0, arrivalDate: 1, sender: 2, ref: 3, docDate: 4, typeSubject: 5, instruction: 6 });
    expect(other.confident).toBe(true);
    // Without a column for «Ngày văn bản» the proposal is not enough to run on.
    expect(detectHeader([['Số đến', 'Ngày đến', 'Nơi gửi', 'Số ký hiệu', 'Trích yếu']])).toMatchObject({ confident: false, missing: ['docDate'] });
    expect(detectHeader([['Họ tên', 'Địa chỉ', 'Điện thoại']])).toBeNull();
  });

  it('reads the dates old registers hold and splits the type from the trích yếu', () => {
    expect(parseCellDate('5/1/2019')).toBe('2019-01-05');
    expect(parseCellDate('05.01.19', 2026)).toBe('2019-01-05');
    expect(parseCellDate('2019-01-05')).toBe('2019-01-05');
    expect(parseCellDate('43470')).toBe('2019-01-05'); // Excel serial
    expect(parseCellDate('31/02/2019')).toBeNull();
    expect(splitTypeSubject('Kế hoạch tổ chức Hội nghị tổng kết')).toEqual({ docType: 'Kế hoạch', subject: 'Tổ chức Hội nghị tổng kết' });
    expect(splitTypeSubject('bao cao: ket qua quy I')).toEqual({ docType: 'Báo cáo', subject: 'Ket qua quy I' });
    expect(splitTypeSubject('Về việc tuyển dụng')).toEqual({ docType: null, subject: 'Về việc tuyển dụng' });
  });
});

describe('imports.* into the incoming register', () => {
  let app: App;
  let dir: string;
  const rows: Cell[][] = [
    [d('2026-01-05'), 40, 'Sở Tài chính', '12/STC-NV', d('2026-01-02'), 'Kế hoạch kiểm tra quyết toán năm 2025', 'Phòng Kế toán', 'Hoa', ''],
    [d('2026-01-06'), 41, 'Sở Nội vụ', '7/SNV', d('2026-01-03'), 'Báo cáo tình hình biên chế', '', '', ''],
    ['07/01/2026', 42, 'Bộ Y tế', '99/BYT-KH', '04/01/2026', 'Về việc tiêm chủng mở rộng', '', '', 'Bản chụp'],
    [null, 43, 'Bộ Nội vụ', '5/BNV', '04/01/2026', 'Về việc thi tuyển', '', '', ''],
    [d('2026-01-08'), 40, 'Sở Xây dựng', '3/SXD', d('2026-01-05'), 'Thông báo lịch họp', '', '', ''],
    [d('2025-12-30'), 812, 'Ủy ban nhân dân tỉnh Bắc Ninh', '70/KH-UBND', d('2025-12-20'), 'Kế hoạch tổ chức Đại hội', '', '', ''],
    [d('2026-01-09'), 44, 'Ủy ban nhân dân tỉnh Bắc Ninh', '70/KH-UBND', d('2026-01-08'), 'Kế hoạch tổ chức Đại hội Đảng ủy', '', '', ''],
  ];

  beforeAll(async () => {
    app = await tempApp();
    dir = tempDir('vanphong-import-src-');
    await writeRegisterXlsx(path.join(dir, 'so-den.xlsx'), rows);
    fs.writeFileSync(path.join(dir, '40.pdf'), makePdf(['So den 40']));
    fs.mkdirSync(path.join(dir, 'scans'));
    fs.writeFileSync(path.join(dir, 'scans', 'SD-41.pdf'), makePdf(['So den 41']));
    fs.writeFileSync(path.join(dir, 'scans', '99-BYT-KH.pdf'), makePdf(['99/BYT-KH']));
    fs.writeFileSync(path.join(dir, 'scans', 'ghi-chu.txt'), 'not a scan');
    // Registered before the import: row 9 (sender, số ký hiệu, ngày) is the same document.
    await call(app, 'incoming.register', sampleIncoming({ docDate: '2026-01-08', arrivalDate: '2026-01-09' }));
  });
  afterAll(async () => {
    await app.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('previews the header and the rows; a dry run writes nothing and says what would happen', async () => {
    const p = await call(app, 'imports.preview', { source: { path: dir } });
    expect(p).toMatchObject({ register: 'so-den.xlsx', headerRow: 3, confident: true, mappingFrom: 'proposed', total: 7, files: 3 });
    expect(p.rows[0]).toEqual({ row: 4, cells: ['2026-01-05', '40', 'Sở Tài chính', '12/STC-NV', '2026-01-02', 'Kế hoạch kiểm tra quyết toán năm 2025', 'Phòng Kế toán', 'Hoa'] });
    const before = ['incoming_docs', 'import_runs', 'import_rows', 'import_mappings', 'blobs', 'number_series'].map((t) => rowsCount(app, t));
    const started = await call(app, 'imports.run', { source: { path: dir }, dryRun: true });
    const s = await imports.finished(started.job);
    expect(s).toMatchObject({ state: 'done', dryRun: true, runId: null, total: 7, imported: 4, skipped: 2, failed: 1, files: 3 });
    expect(s.problems.map((x) => [x.row, x.outcome])).toEqual([[7, 'failed'], [8, 'skipped'], [10, 'skipped']]);
    expect(s.problems[0].reason).toBe('Thiếu ngày đến.');
    expect(['incoming_docs', 'import_runs', 'import_rows', 'import_mappings', 'blobs', 'number_series'].map((t) => rowsCount(app, t))).toEqual(before);
  });

  it('keeps numbers and years, moves the series past them, attaches scans by number and ký hiệu, skips duplicates with reasons', async () => {
    const started = await call(app, 'imports.run', { source: { path: dir } });
    const s = await imports.finished(started.job);
    expect(s).toMatchObject({ state: 'done', imported: 4, skipped: 2, failed: 1, files: 3 });
    const list = await call(app, 'incoming.list', { limit: 50 });
    const byNo = new Map(list.rows.map((r) => [`${r.arrivalNumber}/${r.year}`, r]));
    expect([...byNo.keys()].sort()).toEqual(['1/2026', '40/2026', '41/2026', '42/2026', '812/2025'].sort());
    expect(byNo.get('40/2026')).toMatchObject({ sender: 'Sở Tài chính', ref: '12/STC-NV', docDate: '2026-01-02', arrivalDate: '2026-01-05', docType: 'ke-hoach', subject: 'Kiểm tra quyết toán năm 2025', recipient: 'Phòng Kế toán', attachmentCount: 1 });
    expect(byNo.get('41/2026')!.attachmentCount).toBe(1);
    // A document of an earlier year's register comes in dealt with; this year's wait for the văn thư, and the cards say so.
    expect(byNo.get('812/2025')!.status).toBe('hoan-thanh');
    expect(byNo.get('40/2026')!.status).toBe('cho-xu-ly');
    expect(byNo.get('42/2026')).toMatchObject({ attachmentCount: 1, docType: null, subject: 'Về việc tiêm chủng mở rộng', note: 'Bản chụp' });
    expect(byNo.get('812/2025')!.attachmentCount).toBe(0);
    const report = await call(app, 'imports.rows', { runId: s.runId!, outcome: 'skipped' });
    expect(report.rows.map((r) => [r.row, r.reason])).toEqual([
      [8, 'Số đến 40/2026 đã có trong sổ «Sổ văn bản đến» (12/STC-NV, ngày đến 05/01/2026).'],
      [10, expect.stringMatching(/^Trùng văn bản đã vào sổ: số đến 1\/2026 .*cùng tác giả, số ký hiệu, ngày văn bản\.$/)],
    ]);
    const failed = await call(app, 'imports.rows', { runId: s.runId!, outcome: 'failed' });
    expect(failed.rows).toEqual([{ row: 7, outcome: 'failed', recordId: null, arrivalNumber: null, year: null, reason: 'Thiếu ngày đến.' }]);
    // The next registration of 2026 takes the largest number imported + 1.
    const next = await call(app, 'incoming.register', sampleIncoming({ ref: '1/TB', docDate: '2026-03-14' }));
    expect(next.arrivalNumber).toBe(43);
    // The same import again: the run is done, nothing is added twice.
    const again = await imports.finished((await call(app, 'imports.run', { source: { path: dir } })).job);
    expect(again).toMatchObject({ state: 'done', imported: 4, skipped: 2, failed: 1 });
    expect(rowsCount(app, 'incoming_docs')).toBe(6);
    // Found by its words as any registered document (the search index entry is written with the record).
    expect((await call(app, 'incoming.list', { query: 'quyet toan' })).rows.map((r) => r.ref)).toEqual(['12/STC-NV']);
  });

  it('resumes a run stopped half-way (a kill between rows) without duplicating, and remembers a confirmed mapping', async () => {
    const src = tempDir('vanphong-import-resume-');
    const many = Array.from({ length: 30 }, (_, i): Cell[] => [d('2025-06-02'), 100 + i, 'Sở Giáo dục', `${100 + i}/SGD`, d('2025-06-01'), `Thông báo số ${i}`, '', '', '']);
    const file = path.join(src, 'so.xlsx');
    await writeRegisterXlsx(file, many);
    const mapping = { arrivalDate: 0, arrivalNumber: 1, sender: 2, ref: 3, docDate: 4, typeSubject: 5 };
    const first = await imports.run(app, { source: { path: file }, mapping, dryRun: false }, 'cli', { stopAfter: 12 });
    const stopped = await imports.finished(first.job);
    expect(stopped).toMatchObject({ state: 'stopped', imported: 12 });
    expect((await call(app, 'imports.status', { job: first.job })).state).toBe('stopped');
    // Again with no mapping given: the confirmed one is remembered for this header line, so it is the same run.
    const p = await call(app, 'imports.preview', { source: { path: file } });
    expect(p.mappingFrom).toBe('remembered');
    const second = await call(app, 'imports.run', { source: { path: file } });
    expect(second).toMatchObject({ runId: first.runId, resumedAt: expect.any(Number) });
    const done = await imports.finished(second.job);
    expect(done).toMatchObject({ state: 'done', imported: 30, skipped: 0, failed: 0, done: 30 });
    const count = app.db.prepare(`SELECT COUNT(*), COUNT(DISTINCT arrival_number) FROM incoming_docs WHERE year = 2025 AND arrival_number BETWEEN 100 AND 129`).raw().get();
    expect(count).toEqual([30, 30]);
    expect((await call(app, 'imports.list', {})).find((r) => r.id === first.runId)).toMatchObject({ state: 'done', total: 30, imported: 30, book: 'Sổ văn bản đến' });
    fs.rmSync(src, { recursive: true, force: true });
  });

  it('reads CSV in UTF-16 (Excel «Unicode Text», tabs), UTF-8 with BOM (semicolons) and Windows-1258', async () => {
    const src = tempDir('vanphong-import-csv-');
    const lines = ['Số đến\tNgày đến\tNơi gửi\tSố ký hiệu\tNgày văn bản\tTrích yếu', '7\t03/02/2024\tCông an tỉnh\t15/CAT-PV01\t01/02/2024\tVề việc phối hợp'];
    const u16 = path.join(src, 'unicode.txt');
    fs.writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]));
    const s1 = await imports.finished((await call(app, 'imports.run', { source: { path: u16 } })).job);
    expect(s1).toMatchObject({ state: 'done', imported: 1 });
    const csv = path.join(src, 'so.csv');
    fs.writeFileSync(csv, '\uFEFF' + lines.map((l) => l.replace(/\t/g, ';')).join('\n').replace('7;', '8;').replace('15/CAT', '16/CAT'));
    const s2 = await imports.finished((await call(app, 'imports.run', { source: { path: csv } })).job);
    expect(s2).toMatchObject({ state: 'done', imported: 1 });
    const r = app.db.prepare(`SELECT d.ref, o.name FROM incoming_docs d JOIN organizations o ON o.id = d.sender_id WHERE d.year = 2024 ORDER BY d.arrival_number`).all();
    expect(r).toEqual([{ ref: '15/CAT-PV01', name: 'Công an tỉnh' }, { ref: '16/CAT-PV01', name: 'Công an tỉnh' }]);
    // Excel's ANSI CSV on a Vietnamese Windows (Windows-1258, tone marks as combining characters): «Số đến» as its bytes.
    fs.writeFileSync(csv, Buffer.concat([Buffer.from([0x53, 0xf4, 0xec, 0x20, 0xf0, 0xea, 0xec, 0x6e]), Buffer.from(';Ngay den;Noi gui;So ky hieu;Ngay van ban;Trich yeu\n9;05/02/2024;X;1/X;04/02/2024;Y\n')]));
    const ansi = await call(app, 'imports.preview', { source: { path: csv } });
    expect(ansi).toMatchObject({ header: ['Số đến', 'Ngay den', 'Noi gui', 'So ky hieu', 'Ngay van ban', 'Trich yeu'], confident: true, total: 1 });
    fs.rmSync(src, { recursive: true, force: true });
  });

  it('imports an uploaded .zip of a register and its scans; refuses path traversal and bombs, writing nothing', async () => {
    const zip = new JSZip();
    const reg = tempDir('vanphong-import-zip-');
    await writeRegisterXlsx(path.join(reg, 'r.xlsx'), [[d('2023-05-05'), 5, 'Sở Công Thương', '5/SCT', d('2023-05-04'), 'Về việc kiểm tra', '', '', '']]);
    zip.file('so/so-den-2023.xlsx', fs.readFileSync(path.join(reg, 'r.xlsx')));
    zip.file('so/2023/5.pdf', makePdf(['5']));
    const data = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    const s = await imports.finished((await call(app, 'imports.run', { source: { file: { name: 'so-2023.zip', data } } })).job);
    expect(s).toMatchObject({ state: 'done', imported: 1, files: 1 });

    const before = rowsCount(app, 'incoming_docs');
    const evil = new JSZip();
    evil.file('so.csv', 'Số đến;Ngày đến\n');
    evil.file('../../evil.txt', 'x');
    const traversal = await evil.generateAsync({ type: 'uint8array' });
    expect((await callErr(app, 'imports.preview', { source: { file: { name: 'a.zip', data: traversal } } })).message).toMatch(/^Tệp ZIP bị từ chối: đường dẫn «\.\.\/[^»]*» ra ngoài thư mục giải nén\. Không nhập gì từ tệp này\.$/);
    // A bomb: 20 MB of zeros declaring 1 KB.
    const bomb = new JSZip();
    bomb.file('so.csv', 'Số đến;Ngày đến\n');
    bomb.file('z.pdf', new Uint8Array(20 * 1024 * 1024));
    const bytes = Buffer.from(await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    patchDeclaredSize(bytes, 'z.pdf', 1024);
    expect((await callErr(app, 'imports.preview', { source: { file: { name: 'b.zip', data: new Uint8Array(bytes) } } })).message).toContain('«z.pdf» giải nén ra nhiều hơn kích thước khai báo');
    patchDeclaredSize(bytes, 'z.pdf', 300 * 1024 * 1024);
    expect((await callErr(app, 'imports.preview', { source: { file: { name: 'c.zip', data: new Uint8Array(bytes) } } })).message).toContain('«z.pdf» quá lớn');
    expect(rowsCount(app, 'incoming_docs')).toBe(before);
    // From a browser a path on the server is refused: the register is uploaded.
    expect((await callErr(app, 'imports.preview', { source: { path: reg } }, { ...app.session, via: 'browser' })).message).toContain('hãy tải tệp sổ lên');
    fs.rmSync(reg, { recursive: true, force: true });
  });
});

/** Rewrites an entry's uncompressed size in its local header and the central directory. */
function patchDeclaredSize(zip: Buffer, name: string, size: number): void {
  for (let i = 0; i < zip.length - 4; i++) {
    const sig = zip.readUInt32LE(i);
    if (sig === 0x04034b50 && zip.toString('utf8', i + 30, i + 30 + zip.readUInt16LE(i + 26)) === name) zip.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && zip.toString('utf8', i + 46, i + 46 + zip.readUInt16LE(i + 28)) === name) zip.writeUInt32LE(size, i + 24);
  }
}
