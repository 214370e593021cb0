import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHeader, numberOfRef, parseMapSpec } from '../../shared/imports/fields';
import * as imports from '../../electron/imports/service';
import { call, callErr, rowsCount, tempApp, tempDir } from '../helpers/app';
import { makePdf } from '../fixtures/make-files';
import { ND30_HEADER, ND30_OUTGOING_HEADER, writeRegisterXlsx, type Cell } from '../fixtures/old-register';

/**
 * Issue 18: an old sổ đăng ký văn bản đi comes in as issued records of the outgoing register, each with its original
 * số and ký hiệu in its year's series (which moves past them), its PDF scan as the document's file, duplicates and
 * unreadable rows skipped with the reason; the header tells which register an old one is.
 */
type App = Awaited<ReturnType<typeof tempApp>>;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('which register an old one is', () => {
  it('is told by its header: Số đến, Ngày đến… or Người ký, Nơi nhận văn bản, Số lượng bản…', () => {
    expect(detectHeader([['SỔ ĐĂNG KÝ VĂN BẢN ĐI'], ND30_OUTGOING_HEADER])).toMatchObject({
      index: 1,
      kind: 'outgoing',
      confident: true,
      mapping: { ref: 0, docDate: 1, typeSubject: 2, signer: 3, recipients: 4, archive: 5, copies: 6, transferDate: 7, signedBy: 8, note: 9 },
    });
    expect(detectHeader([ND30_HEADER])).toMatchObject({ kind: 'incoming', confident: true });
    // A register with a "Số" column of its own, typed without diacritics.
    expect(detectHeader([['SO', 'SO KY HIEU', 'NGAY THANG', 'TRICH YEU', 'NGUOI KY', 'NOI NHAN']])).toMatchObject({ kind: 'outgoing', mapping: { docNumber: 0, ref: 1, docDate: 2, typeSubject: 3, signer: 4, recipients: 5 } });
    // Asked for the other register, the header lacks its columns.
    expect(detectHeader([ND30_OUTGOING_HEADER], 'incoming')).toMatchObject({ kind: 'incoming', confident: false, missing: ['arrivalNumber', 'arrivalDate', 'sender'] });
  });

  it('takes --map with field names that hold commas', () => {
    const header = ['Số, ký hiệu văn bản', 'Ngày', 'Trích yếu', 'Lưu'];
    expect(parseMapSpec('Số, ký hiệu=A, Ngày văn bản=B;Tên loại và trích yếu nội dung=C,Đơn vị, người nhận bản lưu=D', header, 'outgoing')).toEqual({ mapping: { ref: 0, docDate: 1, typeSubject: 2, archive: 3 } });
    expect(parseMapSpec('Số đến A', header, 'incoming')).toEqual({ error: '«Số đến A»: viết TRƯỜNG=CỘT, ví dụ «Số đến=A».' });
  });

  it('reads the số at the start of a số, ký hiệu, State and Party alike', () => {
    expect(['125/UBND-VP', 'Số: 07/KH-UBND', '15-KH/TU', '0012/QĐ-UBND', 'KH-UBND', '/UBND', '2026'].map(numberOfRef)).toEqual([125, 7, 15, 12, null, null, null]);
  });
});

describe('imports.* into the outgoing register', () => {
  let app: App;
  let dir: string;
  const rows: Cell[][] = [
    ['12/KH-UBND', d('2026-01-05'), 'Kế hoạch tổ chức Hội nghị tổng kết năm 2025', 'Nguyễn Văn An', '- Sở Nội vụ;\n- Sở Tài chính;\n- Lưu: VT.', 'VT, KHTC', 5, '06/01/2026', 'Hoa', ''],
    ['13/UBND-VP', d('2026-01-06'), 'Về việc báo cáo tình hình biên chế', 'Trần Thị Bình', 'Các sở, ban, ngành', 'VT', 40, '', '', 'Gửi qua bưu điện'],
    ['812/QĐ-UBND', d('2025-12-20'), 'Quyết định ban hành Quy chế làm việc', 'Nguyễn Văn An', 'Như Điều 3', 'VT, NC', 10, '', '', ''],
    ['KH-UBND', d('2026-01-07'), 'Kế hoạch thiếu số', 'Nguyễn Văn An', '', '', '', '', '', ''],
    ['12/TB-UBND', d('2026-01-08'), 'Thông báo trùng số', 'Nguyễn Văn An', '', '', '', '', '', ''],
    ['14/UBND-VP', '31/12/2099', 'Công văn ghi nhầm năm', 'Nguyễn Văn An', '', '', '', '', '', ''],
  ];

  beforeAll(async () => {
    app = await tempApp();
    dir = tempDir('vanphong-import-di-');
    await writeRegisterXlsx(path.join(dir, 'so-di.xlsx'), rows, ND30_OUTGOING_HEADER, 'SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    fs.writeFileSync(path.join(dir, '12.pdf'), makePdf(['12/KH-UBND']));
    fs.writeFileSync(path.join(dir, '13.docx'), 'not a pdf');
  });
  afterAll(async () => {
    await app.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('previews it as the outgoing register; a dry run writes nothing', async () => {
    const p = await call(app, 'imports.preview', { source: { path: dir } });
    expect(p).toMatchObject({ register: 'so-di.xlsx', kind: 'outgoing', headerRow: 3, confident: true, total: 6 });
    const before = ['outgoing_docs', 'import_runs', 'import_rows', 'blobs', 'number_series'].map((t) => rowsCount(app, t));
    const s = await imports.finished((await call(app, 'imports.run', { source: { path: dir }, dryRun: true })).job);
    // The second 12 of 2026 is found in the file itself: the dry run says what the run will do.
    expect(s).toMatchObject({ state: 'done', kind: 'outgoing', imported: 3, skipped: 1, failed: 2 });
    expect(s.problems.map((x) => [x.row, x.outcome])).toEqual([[7, 'failed'], [8, 'skipped'], [9, 'failed']]);
    expect(['outgoing_docs', 'import_runs', 'import_rows', 'blobs', 'number_series'].map((t) => rowsCount(app, t))).toEqual(before);
  });

  it('keeps số, ký hiệu and year as issued records, attaches the PDF scan, moves the series past them, skips what is already there', async () => {
    const s = await imports.finished((await call(app, 'imports.run', { source: { path: dir } })).job);
    expect(s).toMatchObject({ state: 'done', kind: 'outgoing', imported: 3, skipped: 1, failed: 2, files: 1 });
    const list = [...(await call(app, 'outgoing.list', { year: 2026 })), ...(await call(app, 'outgoing.list', { year: 2025 }))];
    const byRef = new Map(list.map((r) => [r.ref, r]));
    expect([...byRef.keys()].sort()).toEqual(['12/KH-UBND', '13/UBND-VP', '812/QĐ-UBND']);
    expect(byRef.get('12/KH-UBND')).toMatchObject({
      number: 12,
      period: '2026',
      status: 'issued',
      docDate: '2026-01-05',
      docType: 'ke-hoach',
      subject: 'Tổ chức Hội nghị tổng kết năm 2025',
      signer: 'Nguyễn Văn An',
      recipients: ['Sở Nội vụ', 'Sở Tài chính', 'Lưu: VT'],
      archive: 'VT, KHTC',
      copies: 5,
      draftId: null,
      note: 'Ngày chuyển: 06/01/2026. Ký nhận: Hoa. Nhập từ sổ cũ «so-di.xlsx», dòng 4',
    });
    expect(byRef.get('12/KH-UBND')!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(byRef.get('13/UBND-VP')).toMatchObject({ number: 13, sha256: null, recipients: ['Các sở, ban, ngành'], copies: 40 });
    expect(byRef.get('812/QĐ-UBND')).toMatchObject({ number: 812, period: '2025' });
    const problems = await call(app, 'imports.rows', { runId: s.runId! });
    expect(problems.rows.filter((r) => r.outcome !== 'imported').map((r) => [r.row, r.outcome, r.reason])).toEqual([
      [7, 'failed', 'Không đọc được số ở đầu số, ký hiệu «KH-UBND» (cần dạng 125/UBND-VP); thêm cột Số nếu sổ ghi riêng.'],
      [8, 'skipped', 'Số 12/2026 đã có trong sổ «Sổ văn bản đi» (văn bản ngày 05/01/2026).'],
      [9, 'failed', 'Ngày văn bản 31/12/2099 ở sau hôm nay.'],
    ]);
    expect(problems.rows.find((r) => r.row === 4)).toMatchObject({ outcome: 'imported', arrivalNumber: 12, year: 2026 });
    // The series of 2026 moved past 13: the next number taken is 14 (813 for 2025).
    const series = app.db.prepare('SELECT period, last_number FROM number_series WHERE book_id = ? ORDER BY period').all(byRef.get('12/KH-UBND')!.bookId);
    expect(series).toEqual([{ period: '2025', last_number: 812 }, { period: '2026', last_number: 13 }]);
    // Again: nothing added twice.
    const again = await imports.finished((await call(app, 'imports.run', { source: { path: dir } })).job);
    expect(again).toMatchObject({ state: 'done', imported: 3, skipped: 1, failed: 2 });
    expect(rowsCount(app, 'outgoing_docs')).toBe(3);
  });

  it('another register overlapping it (Số and Ký hiệu in two columns, "Số:" written before some) adds only what is new', async () => {
    const other = tempDir('vanphong-import-di-2-');
    try {
      const header = ['Số', 'Ký hiệu', 'Ngày tháng', 'Trích yếu', 'Người ký', 'Nơi nhận', 'Số lượng'];
      await writeRegisterXlsx(
        path.join(other, 'so-di-bo-sung.xlsx'),
        [
          [12, 'KH-UBND', d('2026-01-05'), 'Kế hoạch tổ chức Hội nghị tổng kết năm 2025', 'Nguyễn Văn An', 'Sở Nội vụ', 5], // the same document: its number is taken
          [20, 'UBND-VP', d('2026-01-12'), 'Về việc cử cán bộ dự tập huấn', 'Trần Thị Bình', 'Sở Nội vụ', 3],
          [21, 'UBND-VP', d('2026-01-13'), 'Về việc góp ý dự thảo', 'Trần Thị Bình', 'Sở Tư pháp', 3],
          [5, 'KH/TU', d('2026-01-14'), 'Kế hoạch học tập nghị quyết', 'Nguyễn Văn An', 'Các chi bộ', 2],
          [22, 'Số: 13/UBND-VP', d('2026-01-15'), 'Về việc khác', 'Trần Thị Bình', '', 1], // the số in the ký hiệu column differs
        ],
        header,
        'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
      );
      const p = await call(app, 'imports.preview', { source: { path: other } });
      expect(p).toMatchObject({ kind: 'outgoing', confident: true, mapping: { docNumber: 0, ref: 1, docDate: 2, typeSubject: 3, signer: 4, recipients: 5, copies: 6 } });
      const s = await imports.finished((await call(app, 'imports.run', { source: { path: other } })).job);
      expect(s).toMatchObject({ state: 'done', imported: 3, skipped: 1, failed: 1 });
      const refs = (await call(app, 'outgoing.list', { year: 2026 })).map((r) => `${r.number} ${r.ref}`).sort();
      expect(refs).toEqual(['12 12/KH-UBND', '13 13/UBND-VP', '20 20/UBND-VP', '21 21/UBND-VP', '5 05-KH/TU']);
      const rows = (await call(app, 'imports.rows', { runId: s.runId! })).rows.filter((r) => r.outcome !== 'imported');
      expect(rows.map((r) => [r.row, r.reason])).toEqual([
        [4, 'Số 12/2026 đã có trong sổ «Sổ văn bản đi» (văn bản ngày 05/01/2026).'],
        [8, 'Số 22 khác số ở đầu số, ký hiệu «13/UBND-VP»: xem lại cột Số.'],
      ]);
      // A row whose own số, ký hiệu is already there (written with "Số:") is the same document.
      const third = tempDir('vanphong-import-di-3-');
      await writeRegisterXlsx(path.join(third, 'so-di-3.xlsx'), [['Số: 13/UBND-VP', d('2026-01-06'), 'Về việc báo cáo', 'Trần Thị Bình', '', '', 1, '', '', '']], ND30_OUTGOING_HEADER, 'SỔ ĐĂNG KÝ VĂN BẢN ĐI');
      const t = await imports.finished((await call(app, 'imports.run', { source: { path: third } })).job);
      expect(t).toMatchObject({ imported: 0, skipped: 1 });
      expect(t.problems[0].reason).toBe('Số 13/2026 đã có trong sổ «Sổ văn bản đi» (văn bản ngày 06/01/2026).');
      fs.rmSync(third, { recursive: true, force: true });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('a Party book numbered per type for its nhiệm kỳ: the same số for two types; no type or a date outside the nhiệm kỳ fails', async () => {
    await call(app, 'books.create', { kind: 'outgoing', name: 'Sổ văn bản đi của Đảng ủy', numbering: 'term', termStart: '2025-07-01', termEnd: '2030-06-30', perType: true });
    const party = tempDir('vanphong-import-dang-');
    try {
      await writeRegisterXlsx(
        path.join(party, 'so-di-dang-uy.xlsx'),
        [
          ['15-KH/ĐU', d('2025-08-01'), 'Kế hoạch tổ chức học tập nghị quyết', 'Bí thư', 'Các chi bộ', 'VP', 10, '', '', ''],
          ['15-TB/ĐU', d('2025-08-02'), 'Thông báo kết luận của Ban Thường vụ', 'Bí thư', 'Các chi bộ', 'VP', 10, '', '', ''],
          ['15-TB/ĐU', d('2025-08-03'), 'Thông báo lặp lại số', 'Bí thư', '', '', '', '', '', ''],
          ['16-CV/ĐU', d('2025-08-04'), 'Về việc chuẩn bị đại hội chi bộ', 'Bí thư', '', '', '', '', '', ''],
          ['3-KH/ĐU', d('2025-03-01'), 'Kế hoạch của nhiệm kỳ trước', 'Bí thư', '', '', '', '', '', ''],
        ],
        ND30_OUTGOING_HEADER,
        'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
      );
      const dry = await imports.finished((await call(app, 'imports.run', { source: { path: party }, book: 'Sổ văn bản đi của Đảng ủy', dryRun: true })).job);
      const s = await imports.finished((await call(app, 'imports.run', { source: { path: party }, book: 'Sổ văn bản đi của Đảng ủy' })).job);
      // The dry run said what the run did.
      expect([dry.imported, dry.skipped, dry.failed]).toEqual([s.imported, s.skipped, s.failed]);
      expect(s).toMatchObject({ imported: 2, skipped: 1, failed: 2 });
      expect(s.problems.map((x) => [x.row, x.outcome, x.reason])).toEqual([
        [6, 'skipped', 'Số 15 (nhiệm kỳ 2025–2030) đã có trong sổ «Sổ văn bản đi của Đảng ủy» (văn bản ngày 02/08/2025).'],
        [7, 'failed', 'Sổ «Sổ văn bản đi của Đảng ủy» đánh số riêng cho từng loại văn bản: không nhận ra tên loại của dòng này (cột Tên loại, hoặc tên loại ở đầu trích yếu).'],
        [8, 'failed', 'Ngày 01/03/2025 nằm ngoài nhiệm kỳ của sổ «Sổ văn bản đi của Đảng ủy» (01/07/2025–30/06/2030); hãy mở sổ cho nhiệm kỳ mới.'],
      ]);
      const periods = app.db.prepare(`SELECT o.period, o.number FROM outgoing_docs o JOIN register_books b ON b.id = o.book_id WHERE b.name = ? ORDER BY o.period`).raw().all('Sổ văn bản đi của Đảng ủy');
      expect(periods).toEqual([
        ['2025-07-01..2030-06-30|ke-hoach', 15],
        ['2025-07-01..2030-06-30|thong-bao', 15],
      ]);
    } finally {
      fs.rmSync(party, { recursive: true, force: true });
    }
  });

  it('an imported record is refused for edXML and for a correction, saying why', async () => {
    const rec = (await call(app, 'outgoing.list', { year: 2026 })).find((r) => r.ref === '12/KH-UBND')!;
    expect((await callErr(app, 'outgoing.correct', { id: rec.id, kind: 'thu-hoi' })).message).toBe(
      'Văn bản 12/KH-UBND nhập từ sổ cũ, không có bản dự thảo trong phần mềm: soạn văn bản thu hồi như một văn bản mới (Soạn thảo) và ghi số, ký hiệu 12/KH-UBND trong trích yếu.',
    );
  });
});
