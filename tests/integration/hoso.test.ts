import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Session } from '../../electron/app/caller';
import type { AppContext } from '../../electron/app/context';
import { upsertBlob } from '../../electron/attachments/repo';
import { setDraftState } from '../../electron/drafting/repo';
import { immediate } from '../../electron/db/connection';
import { finishIssue, insertOutgoing, takeNumber } from '../../electron/outgoing/repo';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import { addUser, call, callErr, fixedClock, sampleIncoming, tempApp, tempDir } from '../helpers/app';
import { makePdf } from '../fixtures/make-files';
import { statePlan } from '../fixtures/sample-drafts';
import { pdfText } from '../helpers/pdf-text';
import { has } from '../helpers/tools';

/**
 * Hồ sơ công việc end to end through the API (ND30 Điều 28–31, Phụ lục V–VI; Thông tư 10/2022/TT-BNV): the retention
 * table and its minimums, a hồ sơ made and filled, who sees what of it, closing refused while work is open, the mục
 * lục, the handover package verified and a tampered one caught, and destruction by two roles after the period only.
 */
const havePdftotext = has('pdftotext', ['-v']);
if (!havePdftotext) console.log('[hoso] the pdftotext check of the mục lục is skipped: poppler-utils (pdftotext) is not installed');

const clock = fixedClock();
let app: AppContext & { cleanup(): Promise<void> };
let qt: Session, vt: Session, ld: Session, ld2: Session, cv: Session, cv2: Session, tp: Session, both: Session;
let plain: { id: number; ref: string; subject: string };
let secret: { id: number; ref: string; subject: string };
let outgoingId: number;
const signedPdf = makePdf(['Ke hoach so 12/KH-SNV da ky so', 'Trang 2 cua ke hoach']);
let hosoId: number;
let taskId: number;

/** An issued outgoing document, as issuance leaves it (issuance itself is tested in outgoing-workflow.test.ts). */
function issueDirectly(a: AppContext, by: number, ref: string, subject: string, pdf: Uint8Array): number {
  return immediate(a.db, () => {
    const book = a.db.prepare("SELECT id FROM register_books WHERE kind = 'outgoing' AND is_default = 1").pluck().get() as number;
    const number = takeNumber(a.db, book, '2026');
    const now = a.nowIso();
    const id = insertOutgoing(a.db, { bookId: book, period: '2026', number, status: 'issuing', ref, refFolded: ref.toLowerCase(), docDate: '2026-03-12', docType: 'ke-hoach', subject, signer: 'Lê Phó Giám Đốc', secrecy: 'thuong', urgency: 'thuong', recipients: ['Sở Tài chính'], archive: 'VT', copies: 2, draftId: null, note: null, correctsId: null, correction: null, issuedBy: by }, now);
    const sha = a.blobs.put(pdf);
    upsertBlob(a.db, { sha256: sha, size: pdf.byteLength, mime: 'application/pdf', pageCount: 2, textStatus: 'none', now });
    finishIssue(a.db, id, sha, 2, now);
    return id;
  });
}

beforeAll(async () => {
  app = await tempApp({ withUser: false, clock: clock.clock });
  qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
  vt = await addUser(app, 'vt', ['vanthu'], 'Trần Văn Thư');
  ld = await addUser(app, 'ld', ['lanhdao'], 'Lê Phó Giám Đốc');
  ld2 = await addUser(app, 'ld2', ['lanhdao'], 'Phạm Giám Đốc');
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Nguyễn Tổng Hợp');
  cv2 = await addUser(app, 'cv2', ['chuyenvien'], 'Đỗ Kế Toán');
  tp = await addUser(app, 'tp', ['chuyenvien'], 'Vũ Trưởng Phòng');
  both = await addUser(app, 'vtld', ['vanthu', 'lanhdao'], 'Hoàng Kiêm Nhiệm');
  await call(app, 'settings.saveOrganisation', { profile: 'state', name: 'Sở Nội vụ', abbr: 'SNV', place: 'Bắc Ninh', organId: '000.00.12.H06' }, qt);
  await call(app, 'units.save', { name: 'Phòng Tổng hợp', head: 'tp', members: ['cv'] }, qt);
  await call(app, 'units.save', { name: 'Phòng Kế toán', members: ['cv2'] }, qt);
  const a = await call(app, 'incoming.register', { ...sampleIncoming({ ref: '70/KH-UBND' }), attachments: [{ name: 'Kế hoạch 70.pdf', data: makePdf(['Ke hoach 70', 'Trang 2', 'Trang 3']) }] }, vt);
  await call(app, 'incoming.route', { id: a.id, lead: 'Phòng Tổng hợp' }, ld);
  plain = { id: a.id, ref: a.ref, subject: a.subject };
  const s = await call(app, 'incoming.register', sampleIncoming({ ref: '5/KH-BCA', subject: 'Phương án bảo vệ mục tiêu trọng điểm', secrecy: 'mat', pageCount: 4 }), vt);
  secret = { id: s.id, ref: s.ref, subject: s.subject };
  outgoingId = issueDirectly(app, vt.caller!.id, '12/KH-SNV', 'Kế hoạch triển khai Đại hội', signedPdf);
  // A task whose source is the routed document (the tasks domain writes these rows).
  taskId = Number(
    app.db
      .prepare("INSERT INTO tasks (title, source_kind, incoming_id, created_by, created_at, updated_at) VALUES ('Chuẩn bị báo cáo Đại hội', 'butphe', ?, ?, 'x', 'x')")
      .run(plain.id, ld.caller!.id).lastInsertRowid,
  );
});
afterAll(async () => {
  await closeUntrusted();
  await app.cleanup();
});

describe('the table of thời hạn bảo quản (Thông tư 10/2022/TT-BNV)', () => {
  it('ships the circular’s common rows by group, Vĩnh viễn as null', async () => {
    const rows = await call(app, 'retention.list', {}, cv);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    const by = (code: string) => rows.find((r) => r.code === code)!;
    expect(by('12.1')).toMatchObject({ title: 'Sổ đăng ký văn bản đi, văn bản đến', years: 20, label: '20 năm', group: 12, source: 'TT10/2022', minimum: '20 năm' });
    expect(by('1.2')).toMatchObject({ years: null, label: 'Vĩnh viễn', minimum: 'Vĩnh viễn' });
    expect(by('1.1')).toMatchObject({ years: 5, groupName: 'Tài liệu tổng hợp' });
  });

  it('the quản trị adds the office’s rows and lengthens the circular’s, never below its minimum (named)', async () => {
    expect(await callErr(app, 'retention.add', { title: 'Báo cáo tuần', base: '1.8', years: 5 }, vt)).toMatchObject({ code: 'FORBIDDEN' });
    const short = await callErr(app, 'retention.add', { title: 'Báo cáo tuần của phòng', base: '1.8', years: 3 }, qt);
    expect(short).toMatchObject({ code: 'VALIDATION', field: 'years' });
    expect(short.message).toContain('tối thiểu là 5 năm');
    const forever = await callErr(app, 'retention.add', { title: 'Quy chế nội bộ của phòng', base: '1.2', years: 50 }, qt);
    expect(forever.message).toContain('tối thiểu là Vĩnh viễn');
    const added = await call(app, 'retention.add', { title: 'Báo cáo tuần của phòng', base: '1.8', years: 7 }, qt);
    expect(added).toMatchObject({ code: 'CQ.1', source: 'Cơ quan bổ sung', years: 7, minimum: '5 năm', baseCode: '1.8', group: 1 });
    expect(await callErr(app, 'retention.update', { id: added.id, years: 4 }, qt)).toMatchObject({ code: 'VALIDATION', field: 'years' });
    const book = (await call(app, 'retention.list', {}, qt)).find((r) => r.code === '12.1')!;
    expect((await callErr(app, 'retention.update', { id: book.id, years: 10 }, qt)).message).toContain('tối thiểu là 20 năm');
    expect(await callErr(app, 'retention.update', { id: book.id, title: 'Sổ khác' }, qt)).toMatchObject({ field: 'title' });
    expect(await call(app, 'retention.update', { id: book.id, years: 30 }, qt)).toMatchObject({ years: 30, label: '30 năm', minimum: '20 năm' });
    // The database holds the rule too.
    expect(() => app.db.prepare('UPDATE retention_periods SET years = 10 WHERE id = ?').run(book.id)).toThrow(/CHECK/);
    // A kind of the office's own (no base row) is kept at least the circular's shortest period, then and later.
    const year1 = await callErr(app, 'retention.add', { title: 'Giấy mời họp giao ban', years: 1 }, qt);
    expect(year1).toMatchObject({ code: 'VALIDATION', field: 'years', message: expect.stringContaining('tối thiểu là 5 năm') });
    const own = await call(app, 'retention.add', { title: 'Giấy mời họp giao ban', years: 5 }, qt);
    expect(own).toMatchObject({ baseCode: null, years: 5, minimum: '5 năm', group: 14 });
    expect(await callErr(app, 'retention.update', { id: own.id, years: 2 }, qt)).toMatchObject({ code: 'VALIDATION', field: 'years' });
  });
});

describe('a hồ sơ made, filled and seen', () => {
  it('is numbered once per year (folded), with its người lập’s unit', async () => {
    const h = await call(app, 'hoso.add', { code: 'HS-01', title: 'Hồ sơ tổ chức Đại hội Đảng ủy khối', retention: '1.11' }, cv);
    hosoId = h.id;
    expect(h).toMatchObject({ year: 2026, code: 'HS-01', fileCode: '000.00.12.H06.2026.HS-01', owner: { fullName: 'Nguyễn Tổng Hợp' }, unit: { name: 'Phòng Tổng hợp' }, status: 'mo', mayEdit: true });
    expect(h.retention).toMatchObject({ code: '1.11', label: '10 năm' });
    expect(await callErr(app, 'hoso.add', { code: 'hs-01', title: 'Trùng số' }, cv)).toMatchObject({ code: 'DUPLICATE', field: 'code' });
    expect(await callErr(app, 'hoso.add', { code: 'HS 01', title: 'Có dấu cách' }, cv)).toMatchObject({ code: 'VALIDATION', field: 'code' });
    expect(await callErr(app, 'hoso.add', { code: 'HS-09', title: 'Cho người khác', owner: 'cv2' }, cv)).toMatchObject({ code: 'FORBIDDEN', field: 'owner' });
    expect((await call(app, 'hoso.add', { code: 'HS-01', title: 'Năm sau', year: 2027 }, cv)).year).toBe(2027);
    expect(await callErr(app, 'hoso.add', { code: 'HS-02', title: 'x' }, qt)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('takes a document the caller may read, once in the whole office', async () => {
    await call(app, 'hoso.addDoc', { id: hosoId, kind: 'incoming', refId: plain.id }, cv);
    // cv may not read the secret document: refused as if it did not exist.
    const missing = await callErr(app, 'hoso.addDoc', { id: hosoId, kind: 'incoming', refId: secret.id }, cv);
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.message).not.toContain(secret.ref);
    await call(app, 'hoso.addDoc', { id: hosoId, kind: 'incoming', refId: secret.id }, vt);
    await call(app, 'hoso.addDoc', { id: hosoId, kind: 'outgoing', refId: outgoingId }, vt);
    const other = await call(app, 'hoso.add', { code: 'HS-02', title: 'Hồ sơ khác' }, vt);
    expect((await callErr(app, 'hoso.addDoc', { id: other.id, kind: 'incoming', refId: plain.id }, vt)).message).toContain('hồ sơ số HS-01 năm 2026');
    expect(await callErr(app, 'hoso.addDoc', { id: hosoId, kind: 'draft', refId: 999 }, vt)).toMatchObject({ code: 'NOT_FOUND' });
    // A draft goes in as its signed final version only.
    const draft = await call(app, 'drafts.save', { draft: statePlan(1) }, vt);
    expect((await callErr(app, 'hoso.addDoc', { id: other.id, kind: 'draft', refId: draft.id }, vt)).message).toContain('chưa được ký');
    const signed = makePdf(['Du thao da ky']);
    immediate(app.db, () => {
      const sha = app.blobs.put(signed);
      upsertBlob(app.db, { sha256: sha, size: signed.byteLength, mime: 'application/pdf', pageCount: 1, textStatus: 'none', now: app.nowIso() });
      setDraftState(app.db, draft.id, { status: 'da-ky', signedSha256: sha }, app.nowIso());
    });
    const withDraft = await call(app, 'hoso.addDoc', { id: other.id, kind: 'draft', refId: draft.id }, vt);
    expect(withDraft.documents).toEqual([expect.objectContaining({ kind: 'draft', ref: '', pages: 1, files: [expect.objectContaining({ main: true, size: signed.byteLength })] })]);
    expect(await callErr(app, 'hoso.addDoc', { id: hosoId, kind: 'incoming', refId: plain.id }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is seen by its người lập, its unit’s head, the văn thư and the lãnh đạo, each document only as far as they may read it', async () => {
    const mine = await call(app, 'hoso.get', { id: hosoId }, cv);
    expect(mine.documents.map((d) => d.ref)).toEqual([plain.ref]);
    expect(mine.hiddenCount).toBe(2);
    expect(JSON.stringify(mine)).not.toContain(secret.subject);
    expect(JSON.stringify(await call(app, 'hoso.list', { year: 2026 }, cv))).not.toContain(secret.subject);
    const all = await call(app, 'hoso.get', { id: hosoId }, vt);
    expect(all.documents.map((d) => [d.ordinal, d.kind, d.ref, d.pageRange])).toEqual([
      [1, 'incoming', '70/KH-UBND', '1–3'],
      [2, 'incoming', '5/KH-BCA', '4–7'],
      [3, 'outgoing', '12/KH-SNV', '8–9'],
    ]);
    expect(all.documents[2]).toMatchObject({ author: 'Sở Nội vụ', typeName: 'Kế hoạch', files: [{ main: true, mime: 'application/pdf' }] });
    expect((await call(app, 'hoso.get', { id: hosoId }, tp)).id).toBe(hosoId);
    expect((await call(app, 'hoso.get', { id: hosoId }, ld)).documents).toHaveLength(3);
    expect(await callErr(app, 'hoso.get', { id: hosoId }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'hoso.list', {}, cv2)).map((h) => h.id)).not.toContain(hosoId);
    expect(await callErr(app, 'hoso.addDoc', { id: hosoId, kind: 'outgoing', refId: outgoingId }, tp)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('orders its documents as the người lập says, all of them once', async () => {
    expect(await callErr(app, 'hoso.reorder', { id: hosoId, order: [{ kind: 'incoming', refId: plain.id }] }, vt)).toMatchObject({ code: 'VALIDATION', field: 'order' });
    const order = [
      { kind: 'outgoing' as const, refId: outgoingId },
      { kind: 'incoming' as const, refId: plain.id },
      { kind: 'incoming' as const, refId: secret.id },
    ];
    const r = await call(app, 'hoso.reorder', { id: hosoId, order }, vt);
    expect(r.documents.map((d) => d.ref)).toEqual(['12/KH-SNV', '70/KH-UBND', '5/KH-BCA']);
    await call(app, 'hoso.reorder', { id: hosoId, order: [order[1], order[2], order[0]] }, vt);
  });
});

describe('closing', () => {
  it('is refused while work is open — a document not finished, an open task — then stamps the dates and totals', async () => {
    const open = await callErr(app, 'hoso.close', { id: hosoId }, cv);
    expect(open).toMatchObject({ code: 'CONFLICT' });
    expect(open.message).toMatch(/Văn bản đến số 1\/2026 chưa hoàn thành/);
    expect(open.message).toContain(`Nhiệm vụ #${taskId} đang làm`);
    await call(app, 'incoming.setStatus', { id: plain.id, status: 'hoan-thanh' }, vt);
    await call(app, 'incoming.setStatus', { id: secret.id, status: 'hoan-thanh' }, vt);
    const task = await callErr(app, 'hoso.close', { id: hosoId }, cv);
    expect(task.message).toContain(`Nhiệm vụ #${taskId} đang làm`);
    expect(task.message).not.toContain('chưa hoàn thành');
    app.db.prepare("UPDATE tasks SET status = 'hoan-thanh' WHERE id = ?").run(taskId);
    const closed = await call(app, 'hoso.close', { id: hosoId }, cv);
    expect(closed).toMatchObject({ status: 'dong', statusLabel: 'Đã kết thúc', docCount: 3, pageTotal: 9, startDate: '2026-03-10', endDate: '2026-03-12', mayEdit: false });
    expect(closed.closedAt).toBe(clock.clock().toISOString());
  });

  it('a closed hồ sơ keeps its documents, in the API and in the database', async () => {
    expect(await callErr(app, 'hoso.removeDoc', { id: hosoId, kind: 'incoming', refId: plain.id }, vt)).toMatchObject({ code: 'CONFLICT' });
    expect(() => app.db.prepare('DELETE FROM hoso_docs WHERE hoso_id = ?').run(hosoId)).toThrow(/closed hồ sơ/);
    expect(() => app.db.prepare('DELETE FROM hoso WHERE id = ?').run(hosoId)).toThrow(/never deleted/);
    expect(() => app.db.prepare('DELETE FROM incoming_docs WHERE id = ?').run(plain.id)).toThrow(/in a hồ sơ/);
  });

  it('without a retention period or documents it is refused', async () => {
    const empty = await call(app, 'hoso.add', { code: 'HS-03', title: 'Chưa có gì' }, cv);
    expect(await callErr(app, 'hoso.close', { id: empty.id }, cv)).toMatchObject({ code: 'VALIDATION', field: 'retention' });
    await call(app, 'hoso.update', { id: empty.id, retention: '1.2' }, cv);
    expect((await callErr(app, 'hoso.close', { id: empty.id }, cv)).message).toContain('chưa có văn bản');
  });
});

describe('the mục lục văn bản and the danh mục hồ sơ (ND30 Phụ lục V)', () => {
  const docxText = async (data: Uint8Array) => (await (await JSZip.loadAsync(data)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ');

  it('prints the form’s columns and rows, as Word and PDF', async () => {
    const docx = await call(app, 'hoso.contents', { id: hosoId, format: 'docx' }, vt);
    expect(docx).toMatchObject({ rowCount: 3, fileName: 'muc-luc-ho-so-2026-hs-01.docx' });
    const text = await docxText(docx.data);
    for (const s of ['MỤC LỤC VĂN BẢN', 'Số, ký hiệu văn bản', 'Tác giả văn bản', 'Tờ số/Trang số', '70/KH-UBND', '10/03/2026', 'Ủy ban nhân dân tỉnh Bắc Ninh', '1–3', secret.subject, 'Mật'])
      expect(text).toContain(s);
    const pdf = await call(app, 'hoso.contents', { id: hosoId, format: 'pdf' }, vt);
    const read = await pdfText(pdf.data);
    for (const s of ['MỤC LỤC VĂN BẢN', 'Trích yếu nội dung văn bản', '12/KH-SNV', 'Kế hoạch triển khai Đại hội', 'Mục lục này gồm 3 văn bản, 9 trang']) expect(read.text).toContain(s);
    if (havePdftotext) {
      const file = path.join(tempDir(), 'muc-luc.pdf');
      fs.writeFileSync(file, pdf.data);
      const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      expect(out).toContain('MỤC LỤC VĂN BẢN');
      expect(out).toContain('70/KH-UBND');
    }
  });

  it('a reader who may not read a document sees its row and number only', async () => {
    const text = await docxText((await call(app, 'hoso.contents', { id: hosoId, format: 'docx' }, cv)).data);
    expect(text).toContain('70/KH-UBND');
    expect(text).not.toContain(secret.subject);
    expect(text).not.toContain(secret.ref);
    expect(text).toContain('Văn bản bạn không được xem');
  });

  it('the danh mục of the year lists every hồ sơ with its period and người lập', async () => {
    const f = await call(app, 'hoso.catalogue', { year: 2026, format: 'docx' }, vt);
    expect(f.rowCount).toBe(3);
    const text = await docxText(f.data);
    for (const s of ['DANH MỤC HỒ SƠ NĂM 2026', 'Số và ký hiệu hồ sơ', 'HS-01', 'Hồ sơ tổ chức Đại hội Đảng ủy khối', '10 năm', 'Nguyễn Tổng Hợp', 'Đã kết thúc']) expect(text).toContain(s);
    expect((await call(app, 'hoso.catalogue', { year: 2026, format: 'pdf' }, ld)).mime).toBe('application/pdf');
    expect(await callErr(app, 'hoso.catalogue', { year: 2026, format: 'pdf' }, cv)).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('handover to the archive (ND30 Điều 30–31)', () => {
  let pkg: Uint8Array;

  it('lists the closed hồ sơ due within a year of closing', async () => {
    const due = await call(app, 'hoso.dueForHandover', { year: 2026 }, vt);
    expect(due.map((d) => [d.code, d.dueBy, d.overdue])).toEqual([['HS-01', '2027-03-15', false]]);
    expect(await call(app, 'hoso.dueForHandover', { year: 2025 }, vt)).toEqual([]);
  });

  it('writes one package: the files byte for byte, the mục lục, metadata.xml and the checksums; the hồ sơ is handed over', async () => {
    expect(await callErr(app, 'hoso.handover', { ids: [hosoId] }, cv)).toMatchObject({ code: 'FORBIDDEN' });
    const open = (await call(app, 'hoso.list', { status: 'mo', year: 2026 }, vt))[0];
    expect((await callErr(app, 'hoso.handover', { ids: [hosoId, open.id] }, vt)).message).toContain('chưa kết thúc');
    expect((await call(app, 'hoso.get', { id: hosoId }, vt)).status).toBe('dong');
    const [p] = await call(app, 'hoso.handover', { ids: [hosoId] }, vt);
    pkg = p.data;
    expect(p.sha256).toBe(crypto.createHash('sha256').update(p.data).digest('hex'));
    expect(p.fileName).toBe('nop-luu-2026-HS-01.zip');
    const after = await call(app, 'hoso.get', { id: hosoId }, vt);
    expect(after).toMatchObject({ status: 'nop-luu', packageSha256: p.sha256 });
    const zip = await JSZip.loadAsync(p.data);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['files/001-ke-hoach-70.pdf', 'files/003-van-ban.pdf', 'manifest-sha256.txt', 'metadata.xml', 'muc-luc.pdf']);
    expect(Buffer.compare(Buffer.from(await zip.file('files/003-van-ban.pdf')!.async('uint8array')), Buffer.from(signedPdf))).toBe(0);
    const xml = await zip.file('metadata.xml')!.async('string');
    for (const s of ['<FileCode>000.00.12.H06.2026.HS-01</FileCode>', '<Maintenance>10 năm</Maintenance>', '<DocTotal>3</DocTotal>', '<PageTotal>9</PageTotal>', '<CodeNumber>70</CodeNumber>', '<CodeNotation>KH-UBND</CodeNotation>', '<OrganName>Ủy ban nhân dân tỉnh Bắc Ninh</OrganName>', '<Confidentiality>Mật</Confidentiality>'])
      expect(xml).toContain(s);
    const manifest = await zip.file('manifest-sha256.txt')!.async('string');
    expect(manifest.trim().split('\n')).toHaveLength(4);
    expect(manifest).toContain(`${crypto.createHash('sha256').update(signedPdf).digest('hex')}  files/003-van-ban.pdf`);
    expect(await callErr(app, 'hoso.handover', { ids: [hosoId] }, vt)).toMatchObject({ code: 'CONFLICT' });
  });

  it('verifies, off the API thread, and names the one file whose byte changed', async () => {
    const good = await call(app, 'hoso.verifyPackage', { data: pkg }, cv);
    expect(good).toMatchObject({ ok: true, problems: [], fileCode: '000.00.12.H06.2026.HS-01', docTotal: 3, files: 5, matches: { id: hosoId, code: 'HS-01' } });
    // One byte of the stored signed PDF, flipped inside the ZIP.
    const bad = new Uint8Array(pkg);
    const at = Buffer.from(bad).indexOf(Buffer.from('Trang 2 cua ke hoach'));
    expect(at).toBeGreaterThan(0);
    bad[at] ^= 0x01;
    const r = await call(app, 'hoso.verifyPackage', { data: bad, name: 'goi.zip' }, cv);
    expect(r.ok).toBe(false);
    expect(r.matches).toBeNull();
    expect(r.problems).toEqual([{ file: 'files/003-van-ban.pdf', problem: 'nội dung đã bị thay đổi: mã SHA-256 không khớp bản kê' }]);
  });

  it('catches a repacked package whose metadata disagrees, a file slipped in, and a file that is no ZIP', async () => {
    const zip = await JSZip.loadAsync(pkg);
    const xml = await zip.file('metadata.xml')!.async('string');
    zip.file('metadata.xml', xml.replace('<DocTotal>3</DocTotal>', '<DocTotal>2</DocTotal>'));
    zip.file('../ngoai.txt', 'x');
    const r = await call(app, 'hoso.verifyPackage', { data: await zip.generateAsync({ type: 'uint8array' }) }, cv);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { file: 'metadata.xml', problem: 'nội dung đã bị thay đổi: mã SHA-256 không khớp bản kê' },
        { file: 'metadata.xml', problem: 'DocTotal ghi 2 nhưng có 3 văn bản' },
        expect.objectContaining({ file: '../ngoai.txt' }),
      ]),
    );
    expect(await callErr(app, 'hoso.verifyPackage', { data: new TextEncoder().encode('không phải zip') }, cv)).toMatchObject({ code: 'FILE_INVALID', field: 'data' });
    // An entry that inflates past its declared size is stopped there, never inflated whole.
    const bomb = new JSZip();
    bomb.file('a.txt', 'x'.repeat(1_000_000), { compression: 'DEFLATE' });
    const b = Buffer.from(await bomb.generateAsync({ type: 'uint8array' }));
    const cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    b.writeUInt32LE(1000, cd + 24);
    const lied = await call(app, 'hoso.verifyPackage', { data: new Uint8Array(b) }, cv);
    expect(lied.problems).toContainEqual({ file: 'a.txt', problem: 'giải nén ra nhiều hơn kích thước khai báo' });
  });

  it('refuses a decompression bomb before inflating it: the ratio, the total, entries sharing their data, the input size', async () => {
    const refused = async (data: Uint8Array, says: string) =>
      expect(await callErr(app, 'hoso.verifyPackage', { data }, cv)).toMatchObject({ code: 'FILE_INVALID', field: 'data', message: expect.stringContaining(says) });
    const tight = new JSZip();
    tight.file('files/001-a.txt', new Uint8Array(4 * 1024 * 1024), { compression: 'DEFLATE' });
    await refused(await tight.generateAsync({ type: 'uint8array' }), 'tỉ lệ nén bất thường');
    // Central directory records, each rewritten through `patch` (offset of the record).
    const records = (b: Buffer) => {
      const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const out: number[] = [];
      for (let i = 0, p = b.readUInt32LE(eocd + 16); i < b.readUInt16LE(eocd + 10); i++, p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32)) out.push(p);
      return out;
    };
    const shared = new JSZip();
    shared.file('files/001-a.pdf', 'a'.repeat(100), { compression: 'STORE' });
    shared.file('files/002-b.pdf', 'b'.repeat(100), { compression: 'STORE' });
    const sb = Buffer.from(await shared.generateAsync({ type: 'uint8array' }));
    const [first, second] = records(sb);
    sb.writeUInt32LE(sb.readUInt32LE(first + 42), second + 42);
    await refused(new Uint8Array(sb), 'dùng chung dữ liệu');
    // 4,097 entries of 1 MiB each, as declared (none over 1 MiB, so no ratio applies): over 4 GB in all.
    const many = new JSZip();
    for (let i = 0; i < 4097; i++) many.file(`files/${i}.txt`, 'x', { compression: 'STORE' });
    const mb = Buffer.from(await many.generateAsync({ type: 'uint8array' }));
    for (const p of records(mb)) mb.writeUInt32LE(1024 * 1024, p + 24);
    await refused(new Uint8Array(mb), 'giải nén ra quá 4 GB');
    // Over 2 GB is refused by the schema, before any reading (a view that says so, not 2 GB of memory).
    class Huge extends Uint8Array {
      override get byteLength() {
        return 2 * 1024 * 1024 * 1024 + 1;
      }
    }
    expect(await callErr(app, 'hoso.verifyPackage', { data: new Huge(8) }, cv)).toMatchObject({ code: 'VALIDATION', field: 'data', message: 'Tệp gói nộp lưu quá lớn (tối đa 2 GB).' });
  });

  it('gives the package of a handed-over hồ sơ again, byte for byte, to the văn thư only', async () => {
    const again = await call(app, 'hoso.package', { id: hosoId }, vt);
    expect(again).toMatchObject({ id: hosoId, fileName: 'nop-luu-2026-HS-01.zip', files: 5, size: pkg.byteLength });
    expect(Buffer.compare(Buffer.from(again.data), Buffer.from(pkg))).toBe(0);
    expect(await callErr(app, 'hoso.package', { id: hosoId }, cv)).toMatchObject({ code: 'FORBIDDEN' });
    const open = (await call(app, 'hoso.list', { status: 'mo', year: 2026 }, vt))[0];
    expect(await callErr(app, 'hoso.package', { id: open.id }, vt)).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('marks none handed over when one package of several cannot be made, and all of them once every package is made', async () => {
    const made = async (code: string, pdf: Uint8Array) => {
      const h = await call(app, 'hoso.add', { code, title: `Hồ sơ ${code}`, retention: '1.11', year: 2025 }, vt);
      await call(app, 'hoso.addDoc', { id: h.id, kind: 'outgoing', refId: issueDirectly(app, vt.caller!.id, `${code}/KH-SNV`, `Kế hoạch ${code}`, pdf) }, vt);
      await call(app, 'hoso.close', { id: h.id }, vt);
      return h.id;
    };
    const pdfB = makePdf(['Ke hoach HS-21, ban duy nhat']);
    const a = await made('HS-20', makePdf(['Ke hoach HS-20']));
    const b = await made('HS-21', pdfB);
    // The second hồ sơ's stored file changed on disk: its package cannot be made.
    const file = app.blobs.pathOf(crypto.createHash('sha256').update(pdfB).digest('hex'));
    const kept = fs.readFileSync(file);
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, Buffer.concat([kept, Buffer.from('x')]));
    const packages = () => app.db.prepare("SELECT count(*) FROM blobs WHERE mime = 'application/zip'").pluck().get() as number;
    const before = packages();
    expect((await callErr(app, 'hoso.handover', { ids: [a, b] }, vt)).message).toContain('bị hỏng');
    for (const id of [a, b]) expect((await call(app, 'hoso.get', { id }, vt)).status).toBe('dong');
    expect(packages()).toBe(before);
    fs.writeFileSync(file, kept);
    const done = await call(app, 'hoso.handover', { ids: [a, b] }, vt);
    expect(done.map((p) => p.fileName)).toEqual(['nop-luu-2025-HS-20.zip', 'nop-luu-2025-HS-21.zip']);
    for (const p of done) expect((await call(app, 'hoso.get', { id: p.id }, vt)).packageSha256).toBe(p.sha256);
    expect(packages()).toBe(before + 2);
  });
});

describe('destruction after the period, by two roles', () => {
  it('is refused before the period ends, and for Vĩnh viễn ever', async () => {
    const early = await callErr(app, 'hoso.requestDisposal', { id: hosoId, reason: 'Hết giá trị' }, vt);
    expect(early).toMatchObject({ code: 'VALIDATION' });
    expect(early.message).toContain('chỉ tiêu hủy được từ năm 2037');
    expect(await callErr(app, 'hoso.requestDisposal', { id: hosoId, reason: 'x' }, ld)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the văn thư proposes, another account’s lãnh đạo approves; the row, the list and the audit trail stay', async () => {
    clock.set(new Date('2036-12-31T16:59:00.000Z')); // 23:59 on 31/12/2036 in Vietnam: still within the period
    expect(await callErr(app, 'hoso.requestDisposal', { id: hosoId, reason: 'Hết giá trị' }, vt)).toMatchObject({ code: 'VALIDATION' });
    clock.set(new Date('2037-01-05T03:00:00.000Z'));
    expect(await callErr(app, 'hoso.approveDisposal', { id: hosoId }, ld)).toMatchObject({ code: 'CONFLICT' });
    const asked = await call(app, 'hoso.requestDisposal', { id: hosoId, reason: 'Hết thời hạn bảo quản 10 năm' }, both);
    expect(asked.disposal).toMatchObject({ requestedBy: { fullName: 'Hoàng Kiêm Nhiệm' }, reason: 'Hết thời hạn bảo quản 10 năm' });
    expect(await callErr(app, 'hoso.approveDisposal', { id: hosoId }, both)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'hoso.approveDisposal', { id: hosoId }, vt)).toMatchObject({ code: 'FORBIDDEN' });
    const notified = app.db.prepare("SELECT user_id FROM notifications WHERE entity = 'hoso' AND entity_id = ? ORDER BY user_id").pluck().all(hosoId);
    expect(notified).toEqual([ld.caller!.id, ld2.caller!.id]);
    const gone = await call(app, 'hoso.approveDisposal', { id: hosoId, note: 'Hội đồng xác định giá trị tài liệu đã thẩm định' }, ld2);
    expect(gone).toMatchObject({ status: 'huy', statusLabel: 'Đã tiêu hủy', docCount: 3 });
    const trail = app.db.prepare("SELECT action FROM audit_log WHERE entity = 'hoso' AND entity_id = ? ORDER BY seq").pluck().all(hosoId);
    expect(trail).toEqual(['hoso.create', 'hoso.addDoc', 'hoso.addDoc', 'hoso.addDoc', 'hoso.reorder', 'hoso.reorder', 'hoso.close', 'hoso.handover', 'hoso.requestDisposal', 'hoso.destroy']);
    // The other hồ sơ and the documents' register rows are untouched.
    expect((await call(app, 'hoso.list', { year: 2026 }, vt)).filter((h) => h.status !== 'huy').map((h) => h.code).sort()).toEqual(['HS-02', 'HS-03']);
    expect((await call(app, 'incoming.get', { id: plain.id }, vt)).ref).toBe(plain.ref);
    expect(await callErr(app, 'hoso.requestDisposal', { id: hosoId, reason: 'x' }, vt)).toMatchObject({ code: 'CONFLICT' });
  });

  it('a hồ sơ reopened loses its disposal request: documents added later are not destroyed on the old one', async () => {
    clock.set(new Date('2026-06-01T03:00:00.000Z'));
    const h = await call(app, 'hoso.add', { code: 'BC-01', title: 'Báo cáo tháng', retention: '1.8', year: 2024 }, vt);
    const doc = await call(app, 'incoming.register', sampleIncoming({ ref: '11/BC' }), vt);
    await call(app, 'hoso.addDoc', { id: h.id, kind: 'incoming', refId: doc.id }, vt);
    await call(app, 'incoming.setStatus', { id: doc.id, status: 'hoan-thanh' }, vt);
    await call(app, 'hoso.close', { id: h.id }, vt);
    clock.set(new Date('2032-02-01T03:00:00.000Z'));
    expect((await call(app, 'hoso.requestDisposal', { id: h.id, reason: 'Hết thời hạn 5 năm' }, vt)).disposal).not.toBeNull();
    expect((await call(app, 'hoso.reopen', { id: h.id, reason: 'Bổ sung văn bản' }, vt)).disposal).toBeNull();
    await call(app, 'hoso.close', { id: h.id }, vt);
    expect(await callErr(app, 'hoso.approveDisposal', { id: h.id }, ld)).toMatchObject({ code: 'CONFLICT' });
    expect((await call(app, 'hoso.get', { id: h.id }, vt)).status).toBe('dong');
  });

  it('a Vĩnh viễn hồ sơ is never destroyed', async () => {
    clock.set(new Date('2026-06-01T03:00:00.000Z'));
    const h = await call(app, 'hoso.add', { code: 'VV-01', title: 'Quy chế làm việc', retention: '1.2' }, vt);
    await call(app, 'hoso.addDoc', { id: h.id, kind: 'incoming', refId: (await call(app, 'incoming.register', sampleIncoming({ ref: '9/QC' }), vt)).id }, vt);
    await call(app, 'incoming.setStatus', { id: (await call(app, 'hoso.get', { id: h.id }, vt)).documents[0].refId, status: 'hoan-thanh' }, vt);
    await call(app, 'hoso.close', { id: h.id }, vt);
    clock.set(new Date('2199-01-01T03:00:00.000Z'));
    expect((await callErr(app, 'hoso.requestDisposal', { id: h.id, reason: 'x' }, vt)).message).toContain('Vĩnh viễn: không bao giờ');
  });
});

describe('a unit removed', () => {
  it('is refused while its work or an open hồ sơ waits; removed, it keeps its records and its members keep reading', async () => {
    clock.set(new Date('2026-06-01T03:00:00.000Z'));
    const unit = await call(app, 'units.save', { name: 'Tổ Lưu trữ tạm thời', members: ['cv2'] }, qt);
    const doc = await call(app, 'incoming.register', sampleIncoming({ ref: '21/TB' }), vt);
    await call(app, 'incoming.route', { id: doc.id, lead: 'Tổ Lưu trữ tạm thời' }, ld);
    const h = await call(app, 'hoso.add', { code: 'LT-01', title: 'Hồ sơ của tổ', retention: '1.11', year: 2023, unitId: unit.id }, vt);
    await call(app, 'hoso.addDoc', { id: h.id, kind: 'incoming', refId: doc.id }, vt);
    expect((await callErr(app, 'units.remove', { id: unit.id }, qt)).message).toContain('đang chờ xử lý');
    await call(app, 'incoming.setStatus', { id: doc.id, status: 'hoan-thanh' }, vt);
    expect((await callErr(app, 'units.remove', { id: unit.id }, qt)).message).toContain('1 hồ sơ công việc đang mở');
    await call(app, 'hoso.close', { id: h.id }, vt);
    expect(await call(app, 'units.remove', { id: unit.id }, qt)).toEqual({ removed: true });
    expect((await call(app, 'units.list', {}, qt)).map((u) => u.name)).not.toContain('Tổ Lưu trữ tạm thời');
    // The closed work items and the routing stay; the member still reads the document; the hồ sơ keeps its unit.
    expect(app.db.prepare('SELECT count(*) FROM work_items WHERE unit_id = ? AND closed_at IS NOT NULL').pluck().get(unit.id)).toBeGreaterThan(0);
    expect(app.db.prepare('SELECT unit_id FROM incoming_handlers WHERE doc_id = ?').pluck().all(doc.id)).toEqual([unit.id]);
    expect((await call(app, 'incoming.get', { id: doc.id }, cv2)).ref).toBe('21/TB');
    expect((await call(app, 'hoso.get', { id: h.id }, cv2)).unit).toMatchObject({ name: 'Tổ Lưu trữ tạm thời' });
    // Nothing new goes to it; its name is free for a new unit.
    expect(await callErr(app, 'hoso.add', { code: 'LT-02', title: 'x', unitId: unit.id }, vt)).toMatchObject({ code: 'VALIDATION' });
    expect((await call(app, 'units.save', { name: 'Tổ Lưu trữ tạm thời' }, qt)).id).not.toBe(unit.id);
  });
});
