import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { BLANK_DATE } from '../../electron/registers/processing-sheet';
import { addUser, call, callErr, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { pdfText } from '../helpers/pdf-text';
import { has } from '../helpers/tools';

/**
 * Phiếu giải quyết văn bản đến (ND30 Điều 23, Phụ lục IV) from the processing trail, through the API: the office's
 * header, the document, the leader's bút phê (part 1), the unit head's assignment (part 2), the handler's reports
 * (part 3), dates as the decree writes them; empty parts print dotted lines; the read rule holds. The clock is fixed on
 * 15/03/2026.
 */
const havePdftotext = has('pdftotext', ['-v']);
if (!havePdftotext) console.log('[processing-sheet] pdftotext checks skipped: poppler-utils is not installed (pdf.js reads the sheets instead)');

let app: AppContext & { cleanup(): Promise<void> };
let vt: Session, gd: Session, tp: Session, cv: Session, other: Session, qt: Session;
let routed: number, blank: number, onPaper: number;

/** The sheet's text as pdftotext lays it out when installed (else pdf.js), whitespace folded. */
function sheetText(data: Uint8Array): string {
  if (!havePdftotext) return '';
  const file = path.join(os.tmpdir(), `vanphong-sheet-${process.pid}-${crypto.randomBytes(4).toString('hex')}.pdf`);
  fs.writeFileSync(file, data);
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function both(id: number, as: Session): Promise<{ pdf: string; pdftotext: string; docx: string; docxXml: string; bytes: Uint8Array }> {
  const pdf = await call(app, 'incoming.processingSheet', { id, format: 'pdf' }, as);
  const docx = await call(app, 'incoming.processingSheet', { id, format: 'docx' }, as);
  expect(pdf).toMatchObject({ mime: 'application/pdf', fileName: expect.stringMatching(/^phieu-giai-quyet-van-ban-den_\d+-2026\.pdf$/) });
  expect(docx.fileName).toMatch(/\.docx$/);
  const raw = (await mammoth.extractRawText({ buffer: Buffer.from(docx.data) })).value.normalize('NFC').replace(/\s+/g, ' ');
  const xml = await (await JSZip.loadAsync(docx.data)).file('word/document.xml')!.async('string');
  return { pdf: (await pdfText(pdf.data)).text.normalize('NFC'), pdftotext: sheetText(pdf.data), docx: raw, docxXml: xml, bytes: pdf.data };
}

function expectAll(texts: string[], strings: string[]) {
  for (const t of texts) for (const s of strings) expect(t, s).toContain(s);
}

beforeAll(async () => {
  app = await tempApp();
  vt = await addUser(app, 'vt', ['vanthu'], 'Trần Văn Thư');
  gd = await addUser(app, 'gd', ['lanhdao'], 'Nguyễn Văn An');
  tp = await addUser(app, 'tp', ['chuyenvien'], 'Vũ Trưởng Phòng');
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Nguyễn Kế Toán');
  other = await addUser(app, 'khac', ['chuyenvien'], 'Người Phòng Khác');
  qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
  await call(app, 'settings.saveOrganisation', { profile: 'state', name: 'Sở Tài chính tỉnh Bắc Ninh', parentOrgan: 'Ủy ban nhân dân tỉnh Bắc Ninh', abbr: 'STC', place: 'Bắc Ninh' }, qt);
  await call(app, 'units.save', { name: 'Phòng Kế toán', head: 'tp', members: ['cv'] }, qt);
  await call(app, 'units.save', { name: 'Phòng Hành chính' }, qt);
  await call(app, 'units.save', { name: 'Phòng Khác', members: ['khac'] }, qt);

  routed = (await call(app, 'incoming.register', sampleIncoming(), vt)).id;
  await call(app, 'incoming.submit', { id: routed, to: 'gd' }, vt);
  await call(app, 'incoming.instruct', { id: routed, lead: 'Phòng Kế toán', co: ['Phòng Hành chính'], deadline: '2026-03-25', note: 'Giao Phòng Kế toán chủ trì, tham mưu văn bản trả lời.' }, gd);
  await call(app, 'incoming.assign', { id: routed, to: 'cv', deadline: '2026-03-23', note: 'Đồng chí Kế Toán dự thảo văn bản trả lời.' }, tp);
  await call(app, 'incoming.progress', { id: routed, progress: 50, note: 'Đã dự thảo, đang lấy ý kiến Phòng Hành chính.' }, cv);

  blank = (await call(app, 'incoming.register', sampleIncoming({ ref: '71/KH-UBND', docType: 'Công văn', subject: 'Về việc báo cáo quyết toán quý I' }), vt)).id;
  onPaper = (await call(app, 'incoming.register', sampleIncoming({ ref: '72/TB-UBND', docType: 'Thông báo', subject: 'Lịch tiếp công dân tháng 3' }), vt)).id;
  await call(app, 'incoming.route', { id: onPaper, lead: 'Phòng Kế toán', coUnits: ['Văn phòng Sở'], instruction: 'Phòng Kế toán nghiên cứu, báo cáo.', deadline: '2026-03-31', actor: 'Nguyễn Văn An' }, vt);
});
afterAll(() => app.cleanup());

describe('Phiếu giải quyết văn bản đến', () => {
  it('prints the bút phê, the unit head\'s assignment and the handler\'s report, as PDF and Word, on A4 in Times New Roman', async () => {
    const s = await both(routed, cv);
    const texts = [s.pdf, s.docx, ...(havePdftotext ? [s.pdftotext] : [])];
    expectAll(texts, [
      'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
      'SỞ TÀI CHÍNH TỈNH BẮC NINH',
      'PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN',
      'Số đến: 01',
      'Ngày đến: 15 tháng 3 năm 2026',
      'Tác giả: Ủy ban nhân dân tỉnh Bắc Ninh',
      'Số, ký hiệu: 70/KH-UBND',
      'Ngày văn bản: 10 tháng 3 năm 2026',
      'Trích yếu: Kế hoạch tổ chức Đại hội Đảng ủy khối cơ quan nhiệm kỳ 2025–2030',
      '1. Ý kiến của lãnh đạo cơ quan, tổ chức:',
      'Giao Phòng Kế toán chủ trì, tham mưu văn bản trả lời.',
      'Đơn vị, người chủ trì: Phòng Kế toán',
      'Đơn vị, người phối hợp: Phòng Hành chính',
      'Thời hạn giải quyết: ngày 25 tháng 3 năm 2026',
      'Ngày 15 tháng 3 năm 2026',
      'Nguyễn Văn An',
      '2. Ý kiến của lãnh đạo đơn vị:',
      'Giao Nguyễn Kế Toán, Phòng Kế toán (chủ trì) giải quyết.',
      'Đồng chí Kế Toán dự thảo văn bản trả lời.',
      'Thời hạn giải quyết: ngày 23 tháng 3 năm 2026',
      'Vũ Trưởng Phòng',
      '3. Ý kiến đề xuất của người giải quyết:',
      'Đã dự thảo, đang lấy ý kiến Phòng Hành chính.',
      'Tiến độ: 50 %',
      'Nguyễn Kế Toán',
    ]);
    // The parts in the decree's order, nothing left blank.
    for (const t of texts) {
      expect(t.indexOf('1. Ý kiến')).toBeLessThan(t.indexOf('2. Ý kiến'));
      expect(t.indexOf('2. Ý kiến')).toBeLessThan(t.indexOf('3. Ý kiến'));
      expect(t).not.toContain(BLANK_DATE);
    }
    // A4 portrait, the Tinos face (Times New Roman's metrics) embedded; Word: A4 portrait, Times New Roman 13 pt.
    const pdf = await PDFDocument.load(s.bytes);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(Buffer.from(s.bytes).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Bold/);
    expect(s.docxXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(s.docxXml).toContain('w:ascii="Times New Roman"');
    expect(s.docxXml).toContain('<w:sz w:val="26"/>');
  });

  it('leaves the parts nobody wrote as dotted lines to fill by hand, and prints an instruction recorded from paper', async () => {
    const empty = await both(blank, vt);
    for (const t of [empty.pdf, empty.docx]) {
      expect(t.split(BLANK_DATE)).toHaveLength(4);
      expect(t).not.toContain('Đơn vị, người chủ trì');
      expect(t).toContain('Trích yếu: Công văn Về việc báo cáo quyết toán quý I');
    }
    expect(empty.pdf).toMatch(/…{30,}/);
    // Word: three dot-leader lines per empty part.
    expect(empty.docxXml.match(/w:leader="dot"/g)).toHaveLength(9);
    if (havePdftotext) expect(empty.pdftotext.split(BLANK_DATE)).toHaveLength(4);

    const paper = await both(onPaper, vt);
    for (const t of [paper.pdf, paper.docx]) {
      expect(t).toContain('Phòng Kế toán nghiên cứu, báo cáo.');
      expect(t).toContain('Đơn vị, người chủ trì: Phòng Kế toán');
      expect(t).toContain('Đơn vị, người phối hợp: Văn phòng Sở');
      expect(t).toContain('Thời hạn giải quyết: ngày 31 tháng 3 năm 2026');
      expect(t).toContain('Nguyễn Văn An');
      // Parts 2 and 3 are still to be filled.
      expect(t.split(BLANK_DATE)).toHaveLength(3);
    }
  });

  it('is printed only for whoever may read the document, and writes nothing', async () => {
    const before = ['audit_log', 'blobs', 'incoming_steps'].map((t) => rowsCount(app, t));
    expect(await callErr(app, 'incoming.processingSheet', { id: routed, format: 'pdf' }, other)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await callErr(app, 'incoming.processingSheet', { id: routed, format: 'odt' }, vt)).toMatchObject({ code: 'VALIDATION', field: 'format' });
    // The unit's member reads it (routed to the unit); the văn thư and the leader read everything.
    for (const as of [cv, vt, gd]) expect((await call(app, 'incoming.processingSheet', { id: routed, format: 'docx' }, as)).data.byteLength).toBeGreaterThan(1000);
    expect(['audit_log', 'blobs', 'incoming_steps'].map((t) => rowsCount(app, t))).toEqual(before);
  });
});
