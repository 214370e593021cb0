import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docTypeByCode } from '../../shared/domain/doc-types';
import type { DraftDocument } from '../../shared/drafting/model';
import type { IntakeProposal } from '../../shared/intake/schemas';
import { matchDirectory } from '../../shared/intake/match';
import { findRefLine, checkRef } from '../../shared/intake/ref';
import { findMarks } from '../../shared/intake/marks';
import { proposalLines } from '../../shared/intake/format';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import { extractFile } from '../../electron/intake/extract';
import { has } from '../helpers/tools';
import { foldVietnamese } from '../../shared/text/fold';
import { addUser, call, callErr, rowsCount, tempApp, tempDir } from '../helpers/app';
import { eml, exported, parsed, partyModel, stateLetterModel } from '../fixtures/intake-files/make';

/**
 * Issue 16, extraction: a file in, a proposal for the registration form out (intake.extract), nothing registered. Our
 * own exporter makes the documents, so every field is checked against the model it was printed from.
 */
const files = path.join(__dirname, '../fixtures/intake-files');
let app: Awaited<ReturnType<typeof tempApp>>;
const state = parsed(stateLetterModel());
const party = parsed(partyModel());
let statePdf: { data: Uint8Array; pageCount?: number };
let partyDocx: { data: Uint8Array };

beforeAll(async () => {
  app = await tempApp();
  [statePdf, partyDocx] = await Promise.all([exported(stateLetterModel(), 'pdf'), exported(partyModel(), 'docx')]);
  for (const name of ['Sở Y tế tỉnh Bắc Ninh', 'Sở Y tế tỉnh Bắc Giang', 'Đảng ủy Khối các cơ quan tỉnh', 'Văn phòng UBND tỉnh Bắc Ninh']) await call(app, 'organizations.create', { name });
});
afterAll(async () => {
  await closeUntrusted();
  await app.cleanup();
});

const extract = (name: string, data: Uint8Array) => call(app, 'intake.extract', { file: { name, data } });
const upper = (s: string) => s.toUpperCase();

/** The fields read from the header, the signature and Nơi nhận agree with the exported model. */
function expectModelFields(p: IntakeProposal, d: DraftDocument, refText: string) {
  expect(p.organ?.value).toBe(upper(d.organ));
  expect(p.parentOrgan?.value).toBe(upper(d.parentOrgan));
  expect(p.ref?.value).toBe(refText);
  expect(p.number?.value).toBe(d.number);
  expect(p.place?.value).toBe(d.place);
  expect(p.docDate?.value).toBe(d.date);
  expect(p.docType?.value).toEqual({ code: d.docType, name: docTypeByCode(d.docType)!.name });
  expect(p.signerName?.value).toBe(d.signature.name);
}

describe('intake.extract: our own documents', () => {
  it('reads a State Công văn PDF (text layer): header, marks, signer, Nơi nhận, pages; matches the organ in the directory', async () => {
    const before = rowsCount(app, 'incoming_docs');
    const { proposal: p, attachment } = await extract('cong-van-125.pdf', statePdf.data);
    expectModelFields(p, state, `125/${state.organAbbr}-${state.unitAbbr}`);
    expect(p.text.source).toBe('pdf-text');
    expect(p.subject?.value).toBe(state.subject);
    expect(p.signerAuthority?.value).toBe(`${state.signature.authority} ${upper(state.signature.onBehalfOf)}`);
    expect(p.signerTitle?.value).toBe(upper(state.signature.title));
    expect(p.recipients?.value).toEqual(['Như trên', 'UBND tỉnh (để b/c)']);
    expect(p.urgency).toMatchObject({ value: 'khan' });
    expect(p.secrecy).toBeNull();
    expect(p.pageCount).toMatchObject({ value: statePdf.pageCount, confidence: 1 });
    // "SỞ Y TẾ" under "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" is the directory's «Sở Y tế tỉnh Bắc Ninh», not Bắc Giang's.
    expect(p.match).toMatchObject({ name: 'Sở Y tế tỉnh Bắc Ninh', how: 'close' });
    expect(p.sender?.value).toBe('Sở Y tế tỉnh Bắc Ninh');
    expect(p.sender!.source).toContain('danh bạ');
    // A text layer read cleanly: every field sure (a close directory match a little less); nothing registered.
    for (const l of proposalLines(p)) expect(l.confidence, l.label).toBeGreaterThanOrEqual(l.name === 'sender' ? 0.85 : 0.95);
    expect(attachment).toBeNull();
    expect(rowsCount(app, 'incoming_docs')).toBe(before);
  });

  it('reads a Party Chương trình DOCX: "07-CTr/ĐUK", folded directory match', async () => {
    const { proposal: p } = await extract('chuong-trinh.docx', partyDocx.data);
    expectModelFields(p, party, '07-CTr/ĐUK');
    expect(p.text.source).toBe('docx');
    expect(p.subject?.value).toBe(party.subject);
    expect(p.match).toMatchObject({ name: 'Đảng ủy Khối các cơ quan tỉnh', how: 'folded' });
    expect(p.pageCount).toBeNull();
  });

  it('reads an e-mail (.eml) wrapping our PDF: the document from the attachment, the e-mail in the proposal, the PDF handed back', async () => {
    const mail = eml({
      from: '"Văn thư Sở Y tế" <vanthu@soyte.bacninh.gov.vn>',
      subject: 'Gửi Công văn số 125/SYT-NVY',
      date: 'Mon, 02 Mar 2026 16:30:00 +0700',
      body: 'Kính gửi Quý cơ quan,\nSở Y tế gửi kèm công văn.',
      attachments: [
        { name: 'ghi-chu.txt', mime: 'text/plain', data: new TextEncoder().encode('không phải văn bản') },
        { name: 'Công văn 125.pdf', mime: 'application/pdf', data: statePdf.data },
      ],
    });
    const { proposal: p, attachment } = await extract('thu.eml', mail);
    expect(p.file.kind).toBe('eml');
    expect(p.email).toEqual({
      from: 'Văn thư Sở Y tế',
      address: 'vanthu@soyte.bacninh.gov.vn',
      subject: 'Gửi Công văn số 125/SYT-NVY',
      date: '2026-03-02',
      document: 'Công văn 125.pdf',
      attachments: ['ghi-chu.txt', 'Công văn 125.pdf'],
    });
    expectModelFields(p, state, '125/SYT-NVY');
    expect(p.warnings.join(' ')).toContain('2 tệp đính kèm');
    expect(attachment?.name).toBe('Công văn 125.pdf');
    expect(Buffer.from(attachment!.data).equals(Buffer.from(statePdf.data))).toBe(true);
  });

  it('an e-mail without a document is read from its body; its sender and subject fill what the body lacks', async () => {
    const mail = eml({ from: 'Văn phòng UBND tỉnh Bắc Ninh <vp@bacninh.gov.vn>', subject: 'Fwd: Lịch họp giao ban tuần 12', date: 'Tue, 10 Mar 2026 08:00:00 +0700', body: 'Mời dự họp giao ban sáng thứ Hai.' });
    const { proposal: p } = await extract('lich.eml', mail);
    expect(p.text.source).toBe('email-body');
    expect(p.subject).toMatchObject({ value: 'Lịch họp giao ban tuần 12', source: 'tiêu đề thư điện tử' });
    expect(p.subject!.confidence).toBeLessThan(0.7);
    expect(p.match).toMatchObject({ name: 'Văn phòng UBND tỉnh Bắc Ninh', how: 'exact' });
    expect(p.sender).toMatchObject({ value: 'Văn phòng UBND tỉnh Bắc Ninh' });
    expect(p.warnings).toContain('Thư không có tệp đính kèm: đọc nội dung thư.');
  });

  it('reads a .txt with OCR slips: "Số 07 - KH/ĐUK" mended, MẬT on the first page, lower confidence for the mended ký hiệu', async () => {
    const { proposal: p } = await extract('ke-hoach.txt', new Uint8Array(fs.readFileSync(path.join(files, 'party-plan-ocr.txt'))));
    expect(p.text.source).toBe('plain');
    expect(p.ref).toMatchObject({ value: '07-KH/ĐUK', evidence: 'Số 07 - KH/ĐUK' });
    expect(p.ref!.confidence).toBeLessThan(p.organ!.confidence);
    expect(p.docType?.value.code).toBe('ke-hoach');
    expect(p.docDate?.value).toBe('2026-02-20');
    expect(p.subject?.value).toBe('tổ chức hội nghị học tập, quán triệt Nghị quyết Đại hội Đảng bộ Khối lần thứ XX');
    expect(p.secrecy).toMatchObject({ value: 'mat' });
    expect(p.signerName?.value).toBe('Nguyễn Văn An');
    expect(p.sender?.value).toBe('Đảng ủy Khối các cơ quan tỉnh');
    expect(p.warnings.join(' ')).toContain('sổ văn bản mật');
  });

  it('reads a converter’s Markdown (.md) as is', async () => {
    const { proposal: p } = await extract('thong-bao.md', new Uint8Array(fs.readFileSync(path.join(files, 'state-notice.md'))));
    expect(p.file.kind).toBe('markdown');
    expect(p.ref?.value).toBe('45/TB-VP');
    expect(p.docType?.value.code).toBe('thong-bao');
    expect(p.docDate?.value).toBe('2026-03-10');
    expect(p.organ?.value).toBe('VĂN PHÒNG');
    expect(p.signerName?.value).toBe('Trần Minh Đức');
    // "VĂN PHÒNG" of "ỦY BAN NHÂN DÂN TỈNH BẮC NINH": the directory writes it «Văn phòng UBND tỉnh Bắc Ninh».
    expect(p.match).toMatchObject({ name: 'Văn phòng UBND tỉnh Bắc Ninh' });
  });

  it.skipIf(!has('pdftoppm', ['-v']))('reads a scan by OCR (one small page): lower confidence, số mended and checked, KHẨN, progress page by page', async () => {
    // The top of our PDF's first page at 200 dpi, an office scanner's usual setting (organ, số, date, trích yếu, the KHẨN mark).
    const dir = tempDir('vanphong-intake-scan-');
    const pdfFile = path.join(dir, 'cv.pdf');
    fs.writeFileSync(pdfFile, statePdf.data);
    execFileSync('pdftoppm', ['-r', '200', '-png', '-gray', '-f', '1', '-l', '1', '-x', '0', '-y', '0', '-W', '1654', '-H', '747', '-singlefile', pdfFile, path.join(dir, 'scan')]);
    const scan = new Uint8Array(fs.readFileSync(path.join(dir, 'scan.png')));
    fs.rmSync(dir, { recursive: true, force: true });
    const stages: string[] = [];
    const started = performance.now();
    const { proposal: p } = await extractFile({ name: 'scan.png', data: scan }, {
      now: app.clock(),
      onProgress: (s) => stages.push(s.stage === 'ocr' ? `ocr ${s.page}/${s.pages}` : s.stage),
      directory: [{ id: 7, name: 'Sở Y tế tỉnh Bắc Ninh', shortName: 'Sở Y tế' }],
    });
    console.log(`OCR of a ${(scan.byteLength / 1024).toFixed(0)} KB header scan: ${Math.round(performance.now() - started)} ms, confidence ${p.text.ocrConfidence}`);
    expect(p.text).toMatchObject({ source: 'ocr', ocrPages: 1 });
    expect(p.text.ocrConfidence).toBeGreaterThan(0.6);
    expect(stages).toEqual(expect.arrayContaining(['read', 'ocr 1/1', 'fields', 'done']));
    // The header comes back whole: the columns OCR ran together set apart, specks and the misread box mark tidied.
    // A bold capital organ line may lose a mark in OCR ("SƠ Y TE"): the letters come back, and the directory gives
    // the name as the office writes it; số/ký hiệu and date must be exact.
    expect(foldVietnamese(p.organ?.value ?? '')).toBe(foldVietnamese(upper(state.organ)));
    expect(foldVietnamese(p.parentOrgan?.value ?? '')).toBe(foldVietnamese(upper(state.parentOrgan)));
    expect(p.match).toMatchObject({ id: 7, name: 'Sở Y tế tỉnh Bắc Ninh' });
    expect(p.ref?.value).toBe('125/SYT-NVY');
    expect(p.docDate?.value).toBe(state.date);
    expect(p.subject?.value).toBe(state.subject);
    expect(p.urgency?.value).toBe('khan');
    expect(p.pageCount?.value).toBe(1);
    // Nothing read by OCR is as sure as a text layer.
    for (const l of proposalLines(p).filter((x) => x.name !== 'pageCount')) expect(l.confidence, l.label).toBeLessThanOrEqual(0.85);
    expect(p.warnings[0]).toBe('Chữ được nhận dạng từ ảnh quét (OCR): kiểm tra kỹ từng trường trước khi vào sổ.');
  });

  it('a date after today is not proposed; the warning says so', async () => {
    const text = fs.readFileSync(path.join(files, 'party-plan-ocr.txt'), 'utf8').replace('ngày 20 tháng 02 năm 2026', 'ngày 20 tháng 02 năm 2027');
    const { proposal: p } = await extract('sau.txt', new TextEncoder().encode(text));
    expect(p.docDate).toBeNull();
    expect(p.warnings).toContain('Ngày văn bản 20/02/2027 ở sau hôm nay (15/03/2026): không điền, cần xem lại.');
  });

  it('only the văn thư may extract; a file of another kind is refused in Vietnamese; progress and cancel know only the caller’s jobs', async () => {
    const cv = await addUser(app, 'chuyenvien1', ['chuyenvien']);
    expect((await callErr(app, 'intake.extract', { file: { name: 'a.pdf', data: statePdf.data } }, cv)).code).toBe('FORBIDDEN');
    const exe = await callErr(app, 'intake.extract', { file: { name: 'setup.exe', data: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) } });
    expect(exe).toMatchObject({ code: 'FILE_INVALID', field: 'file' });
    expect(exe.message).toContain('chỉ đọc được PDF, Word (.docx), ảnh');
    expect(await call(app, 'intake.progress', { job: 'khong-co-luot-nay' })).toBeNull();
    expect(await call(app, 'intake.cancel', { job: 'khong-co-luot-nay' })).toEqual({ cancelled: false });
    expect((await callErr(app, 'intake.progress', { job: '../x' })).code).toBe('VALIDATION');
  });
});

describe('the checks beside the importer', () => {
  it('finds and mends số and ký hiệu: spaces, dash variants, letters read for digits', () => {
    expect(findRefLine('ĐẢNG ỦY\nSố 01 - CTr/ĐU\n')).toMatchObject({ number: 1, notation: 'CTr/ĐU', sep: '-', mended: true });
    expect(findRefLine('Sô: 1O /KH–UBND   Bắc Ninh, ngày 2 tháng 3 năm 2026')).toMatchObject({ number: 10, notation: 'KH-UBND', sep: '/', mended: true });
    expect(findRefLine('So: 12/SYT-NV')).toMatchObject({ number: 12, notation: 'SYT-NV', mended: false });
    expect(findRefLine('Số điện thoại: 0222 3822 111')).toBeNull();
    expect(checkRef({ number: 5, notation: 'QĐ-UBND', sep: '/' }, 'state', 'ke-hoach')).toMatchObject({ ok: false, typeFromNotation: 'quyet-dinh' });
    expect(checkRef({ number: 5, notation: 'KH-UBND', sep: '-' }, 'state', 'ke-hoach').ok).toBe(false);
    expect(checkRef({ number: 5, notation: 'CTr/ĐU', sep: '-' }, 'party', 'chuong-trinh')).toEqual({ ok: true, typeFromNotation: 'chuong-trinh' });
  });

  it('finds độ khẩn and độ mật only as marks in capitals on the first page', () => {
    expect(findMarks('SỞ Y TẾ\nSố: 1/SYT\nTHƯỢNG KHẨN\nTUYỆT MẬT')).toMatchObject({ urgency: { value: 'thuong-khan' }, secrecy: { value: 'tuyet-mat' } });
    expect(findMarks('Số: 1/SYT      HOA TOC')).toMatchObject({ urgency: { value: 'hoa-toc', evidence: 'HOA TOC', fuzzy: false } });
    // One letter misread by OCR in its box: still the mark, as a guess; a short word is never guessed.
    expect(findMarks('V/v tiêm chủng\n| KHẨA |\nMẠT')).toEqual({ urgency: { value: 'khan', evidence: 'KHẨA', fuzzy: true }, secrecy: { value: 'mat', evidence: 'MẠT', fuzzy: false } });
    expect(findMarks('MAI\nKHOA')).toEqual({ urgency: null, secrecy: null });
    expect(findMarks('Đề nghị khẩn trương triển khai.\nBảo mật thông tin.\nKhẩn')).toEqual({ urgency: null, secrecy: null });
  });

  it('matches an organ: exact, folded, close with its parent, and not when two entries are as close', () => {
    const dir = [
      { id: 1, name: 'Sở Nội vụ tỉnh Bắc Ninh' },
      { id: 2, name: 'Sở Nội vụ tỉnh Bắc Giang' },
      { id: 3, name: 'Ủy ban nhân dân tỉnh Bắc Ninh', shortName: 'UBND tỉnh' },
    ];
    expect(matchDirectory(dir, 'Sở Nội vụ tỉnh Bắc Ninh')).toMatchObject({ id: 1, how: 'exact' });
    expect(matchDirectory(dir, 'SO NOI VU TINH BAC NINH')).toMatchObject({ id: 1, how: 'folded' });
    expect(matchDirectory(dir, 'UBND TỈNH BẮC NINH')).toMatchObject({ id: 3, how: 'folded' });
    expect(matchDirectory(dir, 'SỞ NỘI VỤ', 'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG')).toMatchObject({ id: 2, how: 'close' });
    expect(matchDirectory(dir, 'SỞ NỘl VỤ TỈNH BẮC NlNH')).toMatchObject({ id: 1, how: 'close' });
    expect(matchDirectory(dir, 'SỞ NỘI VỤ')).toBeNull();
    expect(matchDirectory(dir, 'Sở Tài chính tỉnh Bắc Ninh')).toBeNull();
  });
});

