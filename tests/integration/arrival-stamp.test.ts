import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { upsertBlob } from '../../electron/attachments/repo';
import { formatDateVN } from '../../shared/domain/dates';
import type { IncomingDetail } from '../../shared/incoming/schemas';
import { addUser, call, callErr, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { pdfText } from '../helpers/pdf-text';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { makeDocx } from '../fixtures/make-files';
import { ownerProtectedPdf } from '../fixtures/encrypted-pdf';

/**
 * The electronic ĐẾN mark (ND30 Điều 22, Phụ lục IV: TÊN CƠ QUAN, ĐẾN, Số, Ngày, Chuyển, Số và ký hiệu HS in a
 * 35 × 50 mm frame) on page 1 of a COPY of an incoming PDF: the stored original never changes, the copy is not kept, a
 * signed original's copy says it is not the signed document, and a file the worker cannot rewrite is refused with why.
 */
const havePdftotext = has('pdftotext', ['-v']);
const haveOpenssl = has('openssl', ['version']);
if (!havePdftotext) console.log('[arrival-stamp] pdftotext checks skipped: poppler-utils is not installed (pdf.js reads the copies instead)');
if (!haveOpenssl) console.log('[arrival-stamp] the signed original is not made: the openssl command (test CA) is not installed');

let app: AppContext & { cleanup(): Promise<void> };
let vt: Session, gd: Session, cv: Session, other: Session, qt: Session;
let doc: IncomingDetail;
const today = () => formatDateVN(app.today());
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
/** What the copy must never change or add: stored files, the documents' files, the log. */
const stored = () => ['blobs', 'incoming_attachments', 'audit_log'].map((t) => rowsCount(app, t));

/** An A4 letter with the national motto across the top right and a body below: the mark must find room beside them. */
async function letter(rotate = 0): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  const page = d.addPage([595.28, 841.89]);
  const f = await d.embedFont(StandardFonts.TimesRoman);
  page.drawText('UBND TINH BAC NINH', { x: 90, y: 780, size: 12, font: f });
  page.drawText('CONG HOA XA HOI CHU NGHIA VIET NAM', { x: 320, y: 780, size: 12, font: f });
  page.drawText('So: 70/KH-UBND', { x: 100, y: 755, size: 12, font: f });
  for (let i = 0; i < 25; i++) page.drawText(`Noi dung ke hoach, dong ${i + 1}.`, { x: 85, y: 600 - i * 18, size: 13, font: f });
  if (rotate) page.setRotation(degrees(rotate));
  d.addPage([595.28, 841.89]).drawText('Trang 2', { x: 85, y: 780, size: 12, font: f });
  return d.save();
}

function pdftotextPage1(data: Uint8Array): string {
  const file = path.join(os.tmpdir(), `vanphong-stamp-${process.pid}-${crypto.randomBytes(4).toString('hex')}.pdf`);
  fs.writeFileSync(file, data);
  try {
    return execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  // The test CA's certificates start now: the office's clock is the real one.
  app = await tempApp({ clock: () => new Date() });
  vt = await addUser(app, 'vt', ['vanthu'], 'Trần Văn Thư');
  gd = await addUser(app, 'gd', ['lanhdao'], 'Nguyễn Văn An');
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Nguyễn Kế Toán');
  other = await addUser(app, 'khac', ['chuyenvien'], 'Người Phòng Khác');
  qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
  await call(app, 'settings.saveOrganisation', { profile: 'state', name: 'Sở Tài chính tỉnh Bắc Ninh', parentOrgan: 'Ủy ban nhân dân tỉnh Bắc Ninh', abbr: 'STC', place: 'Bắc Ninh' }, qt);
  await call(app, 'units.save', { name: 'Phòng Kế toán', members: ['cv'] }, qt);
  const files = [
    { name: 'ke-hoach-70.pdf', data: await letter() },
    { name: 'phu-luc-ngang.pdf', data: await letter(90) },
    { name: 'ban-bao-ve.pdf', data: ownerProtectedPdf('Van ban co mat khau chu so huu') },
    { name: 'ghi-chu.docx', data: await makeDocx(['Ghi chú']) },
  ];
  const d = await call(app, 'incoming.register', sampleIncoming({ attachments: files }), vt);
  await call(app, 'incoming.submit', { id: d.id, to: 'gd' }, vt);
  doc = await call(app, 'incoming.instruct', { id: d.id, lead: 'Phòng Kế toán', note: 'Giao Phòng Kế toán chủ trì, tham mưu trả lời.' }, gd);
});
afterAll(() => app.cleanup());

describe('a copy of an incoming PDF with the ĐẾN mark', () => {
  it('draws the mark on page 1 of a copy, clear of the text, and leaves the stored original as it was', async () => {
    const a = doc.attachments.find((x) => x.name === 'ke-hoach-70.pdf')!;
    const before = stored();
    const copy = await call(app, 'incoming.stampedCopy', { id: doc.id, attachmentId: a.id }, cv);
    expect(stored()).toEqual(before);
    expect(copy).toMatchObject({ mime: 'application/pdf', originalSha256: a.sha256, signedOriginal: false });
    expect(copy.fileName).toMatch(/^ke-hoach-70-dau-den-1-\d{4}\.pdf$/);
    expect(copy.notice).toContain('Bản sao có dấu ĐẾN');
    // The original: the same bytes under the same hash, still what the register serves.
    const original = await call(app, 'attachments.content', { sha256: a.sha256 }, cv);
    expect(sha(original)).toBe(a.sha256);
    expect(sha(copy.data)).not.toBe(a.sha256);
    // 50 × 35 mm at the page's right edge, under the motto (which ends 22 mm from the top) and beside the body.
    expect(copy.placement).toMatchObject({ widthMm: 50, heightMm: 35, scale: 1, rotation: 0, clearOfText: true, xMm: 150 });
    expect(copy.placement.yMm).toBeGreaterThan(22);
    const text = await pdfText(copy.data);
    expect(text.pages).toBe(2);
    const page1 = text.text.split('Trang 2')[0];
    for (const s of ['SỞ TÀI CHÍNH TỈNH BẮC NINH', 'ĐẾN', 'Số: 01', `Ngày: ${today()}`, 'Chuyển: Phòng Kế toán', 'Số và ký hiệu HS:', 'Noi dung ke hoach, dong 1.']) {
      expect(page1).toContain(s);
    }
    if (havePdftotext) {
      const t = pdftotextPage1(copy.data);
      for (const s of ['ĐẾN', 'Số: 01', `Ngày: ${today()}`, 'Chuyển: Phòng Kế toán', 'Số và ký hiệu HS:']) expect(t).toContain(s);
    }
  });

  it('turns the mark with a page shown rotated, so it reads upright at the top right as shown; a filed document names its hồ sơ', async () => {
    // Filed in a hồ sơ công việc (migration 016; made here directly, the hồ sơ screens are another part's).
    const now = app.nowIso();
    const hoso = Number(
      app.db
        .prepare('INSERT INTO hoso (year, code, code_folded, title, owner_id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(Number(app.today().slice(0, 4)), '05.KT', '05.kt', 'Hồ sơ dự toán ngân sách', cv.caller!.id, cv.caller!.id, now, now).lastInsertRowid,
    );
    app.db.prepare("INSERT INTO hoso_docs (hoso_id, kind, ref_id, pos, added_by, added_at) VALUES (?, 'incoming', ?, 1, ?, ?)").run(hoso, doc.id, cv.caller!.id, now);
    const a = doc.attachments.find((x) => x.name === 'phu-luc-ngang.pdf')!;
    const copy = await call(app, 'incoming.stampedCopy', { id: doc.id, attachmentId: a.id }, vt);
    expect(copy.placement).toMatchObject({ rotation: 90, scale: 1, clearOfText: true });
    expect((await pdfText(copy.data)).text).toContain('Số và ký hiệu HS: 05.KT');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(copy.data), isEvalSupported: false, verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const vp = page.getViewport({ scale: 1 });
    const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.startsWith('Số: 01'));
    expect(items).toHaveLength(1);
    // Upright as shown: the line runs left to right in the viewer's coordinates, inside the placed frame.
    const it0 = items[0] as { transform: number[] };
    const [x, y] = vp.convertToViewportPoint(it0.transform[4], it0.transform[5]) as [number, number];
    const dir = pdfjs.Util.transform(vp.transform, it0.transform);
    expect(dir[0]).toBeGreaterThan(0);
    expect(Math.abs(dir[1])).toBeLessThan(0.01);
    const mm = 72 / 25.4;
    expect(x / mm).toBeGreaterThan(copy.placement.xMm);
    expect(x / mm).toBeLessThan(copy.placement.xMm + 50);
    expect(y / mm).toBeGreaterThan(copy.placement.yMm);
    expect(y / mm).toBeLessThan(copy.placement.yMm + 35);
    await pdf.destroy();
  });

  it('is refused for whoever may not read the document, for a file that is not a PDF, and for an encrypted or broken PDF, storing nothing', async () => {
    const byName = (n: string) => doc.attachments.find((x) => x.name === n)!;
    const before = stored();
    expect(await callErr(app, 'incoming.stampedCopy', { id: doc.id, attachmentId: byName('ke-hoach-70.pdf').id }, other)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await callErr(app, 'incoming.stampedCopy', { id: doc.id, attachmentId: byName('ghi-chu.docx').id }, cv)).toMatchObject({ code: 'VALIDATION', field: 'attachmentId' });
    expect(await callErr(app, 'incoming.stampedCopy', { id: doc.id, attachmentId: 999_999 }, cv)).toMatchObject({ code: 'NOT_FOUND', field: 'attachmentId' });
    const locked = await callErr(app, 'incoming.stampedCopy', { id: doc.id, attachmentId: byName('ban-bao-ve.pdf').id }, cv);
    expect(locked).toMatchObject({ code: 'FILE_INVALID', field: 'attachmentId' });
    expect(locked.message).toBe('Không đóng được dấu ĐẾN lên bản sao của «ban-bao-ve.pdf»: tệp được mã hóa (đặt mật khẩu hoặc giới hạn quyền): không ghi được bản sao.');
    // A damaged file kept from before (registered by an earlier version): refused by the worker, not the API's thread.
    const broken = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF', 'latin1'));
    const bsha = app.blobs.put(broken);
    app.db.transaction(() => {
      upsertBlob(app.db, { sha256: bsha, size: broken.byteLength, mime: 'application/pdf', pageCount: null, textStatus: 'none', now: app.nowIso() });
      app.db.prepare('INSERT INTO incoming_attachments (doc_id, sha256, name, added_at) VALUES (?, ?, ?, ?)').run(doc.id, bsha, 'hong.pdf', app.nowIso());
    })();
    const after = stored();
    const brokenId = (await call(app, 'incoming.get', { id: doc.id }, cv)).attachments.find((x) => x.name === 'hong.pdf')!.id;
    const bad = await callErr(app, 'incoming.stampedCopy', { id: doc.id, attachmentId: brokenId }, cv);
    expect(bad).toMatchObject({ code: 'FILE_INVALID', field: 'attachmentId' });
    expect(bad.message).toMatch(/^Không đóng được dấu ĐẾN lên bản sao của «hong\.pdf»: (cấu trúc PDF bị hỏng|tệp không có trang)/);
    expect(stored()).toEqual(after);
    expect(after[2]).toBe(before[2]);
  });

  it.skipIf(!haveOpenssl)('says that a signed original stays the signed document: its signatures do not cover the copy', async () => {
    const pki = makeTestPki();
    const key = { kind: 'p12' as const, data: new Uint8Array(fs.readFileSync(pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh'))), password: '123456' };
    const signed = await call(app, 'signing.sign', { pdf: await letter(), role: 'attachment', stampText: '70/KH-UBND', key }, vt);
    const d = await call(app, 'incoming.register', sampleIncoming({ ref: '71/KH-UBND', attachments: [{ name: 'ke-hoach-71-da-ky.pdf', data: signed.pdf }] }), vt);
    const a = d.attachments[0];
    expect(a.signatureStatus).not.toBeNull();
    const copy = await call(app, 'incoming.stampedCopy', { id: d.id, attachmentId: a.id }, vt);
    expect(copy.signedOriginal).toBe(true);
    expect(copy.notice).toContain('Bản sao có dấu ĐẾN — không thay thế bản gốc đã ký số');
    expect(sha(await call(app, 'attachments.content', { sha256: a.sha256 }, vt))).toBe(a.sha256);
    // The copy is a new file: it does not verify as the signed document (the original still does).
    expect((await call(app, 'signing.verify', { pdf: copy.data }, vt)).status).not.toBe('valid');
    expect((await call(app, 'signing.verify', { pdf: signed.pdf }, vt)).signatures).toHaveLength(1);
    expect((await pdfText(copy.data)).text).toContain('Số: 02');
  });

  it('is refused to a deputy who reads the document only through ủy quyền, as the file download is', async () => {
    const d = await call(app, 'incoming.register', sampleIncoming({ ref: '72/KH-UBND', attachments: [{ name: 'ke-hoach-72.pdf', data: await letter() }] }), vt);
    await call(app, 'incoming.submit', { id: d.id, to: 'gd' }, vt);
    app.db
      .prepare('INSERT INTO delegations (from_user_id, to_user_id, from_day, to_day, scope, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(gd.caller!.id, other.caller!.id, app.today(), app.today(), 'all', gd.caller!.id, app.nowIso());
    // The deputy works from the leader's inbox: the detail opens, the file does not (it is not theirs to read).
    const seen = await call(app, 'incoming.get', { id: d.id }, other);
    const a = seen.attachments[0];
    expect(await callErr(app, 'attachments.content', { sha256: a.sha256 }, other)).toMatchObject({ code: 'NOT_FOUND' });
    const before = stored();
    expect(await callErr(app, 'incoming.stampedCopy', { id: d.id, attachmentId: a.id }, other)).toMatchObject({ code: 'NOT_FOUND', field: 'attachmentId' });
    expect(stored()).toEqual(before);
    expect((await call(app, 'incoming.stampedCopy', { id: d.id, attachmentId: a.id }, gd)).originalSha256).toBe(a.sha256);
  });
});
