import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setParseLimits } from '../../electron/parsing/limits';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import { runningJobs } from '../../electron/intake/jobs';
import { addUser, call, callErr, rowsCount, tempApp, tempDir } from '../helpers/app';
import { makePdf } from '../fixtures/make-files';
import { nestedQPdf, xxeDocx, zipBombDocx } from '../fixtures/hostile/make-hostile';
import { claimedPng, passwordPdf, png } from '../fixtures/intake-files/make';

/**
 * Issue 16, bad input: every file ends in a clear Vietnamese refusal or an empty proposal with a warning, nothing is
 * registered, and the host answers other calls while a file is being read (the reading is the parse worker's and
 * OCR's, never this thread's). OCR runs on two small images only (a blank page, noise).
 */
let app: Awaited<ReturnType<typeof tempApp>>;
let work: string;

beforeAll(async () => {
  app = await tempApp();
  work = tempDir('vanphong-intake-hostile-');
});
afterAll(async () => {
  setParseLimits(null);
  await closeUntrusted();
  await app.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

const extract = (name: string, data: Uint8Array, job?: string) => call(app, 'intake.extract', { file: { name, data }, job });
const refused = (name: string, data: Uint8Array) => callErr(app, 'intake.extract', { file: { name, data } });

describe('intake.extract refuses or empties bad input, and registers nothing', () => {
  it('PDFs: a password, a broken one, 500 pages (read to its 30th page, counted whole)', async () => {
    expect(await refused('mat-khau.pdf', passwordPdf())).toMatchObject({ code: 'FILE_INVALID', message: 'Không đọc được tệp «mat-khau.pdf»: tệp được đặt mật khẩu.' });
    const whole = makePdf(['Công văn bị cắt ngang giữa chừng']);
    expect(await refused('hong.pdf', whole.slice(0, Math.floor(whole.length / 2)))).toMatchObject({
      code: 'FILE_INVALID',
      message: 'Không đọc được tệp «hong.pdf»: cấu trúc PDF bị hỏng hoặc không đầy đủ.',
    });
    const line = 'Trang noi dung bao cao tong ket cong tac van thu luu tru nam 2025 cua co quan';
    const big = makePdf(Array.from({ length: 500 }, (_, i) => `${line} (trang ${i + 1})`));
    const started = performance.now();
    const { proposal: p } = await extract('500-trang.pdf', big);
    console.log(`500-page PDF (${(big.byteLength / 1024).toFixed(0)} KB) read in ${Math.round(performance.now() - started)} ms`);
    expect(p.pageCount?.value).toBe(500);
    expect(p.text.source).toBe('pdf-text');
    expect(p.warnings).toContain('Tệp có 500 trang: chỉ đọc 30 trang đầu (Nơi nhận và chữ ký ở trang cuối có thể không được đọc).');
  });

  it('DOCX: a ZIP bomb and external entities (XXE) are refused without inflating or reading anything', async () => {
    expect(await refused('bom.docx', zipBombDocx())).toMatchObject({ code: 'FILE_INVALID', message: expect.stringMatching(/^Không đọc được tệp «bom\.docx»: phần «word\/document\.xml» giải nén ra .* vượt giới hạn/) });
    const secret = path.join(work, 'bi-mat.txt');
    fs.writeFileSync(secret, 'BI-MAT-KHONG-DUOC-LO');
    const xxe = await refused('xxe.docx', xxeDocx(secret));
    expect(xxe).toMatchObject({ code: 'FILE_INVALID', message: 'Không đọc được tệp «xxe.docx»: tệp bị hỏng hoặc không đúng định dạng.' });
    expect(JSON.stringify(xxe)).not.toContain('BI-MAT');
  });

  it('images: a PNG claiming 20,000 × 20,000 pixels is refused by its header; a blank scan and noise give an empty proposal with a warning', async () => {
    const huge = await refused('khong-lo.png', claimedPng(20_000, 20_000));
    expect(huge).toMatchObject({ code: 'FILE_INVALID' });
    expect(huge.message).toContain('ảnh quá lớn (20.000 × 20.000 điểm ảnh');
    for (const [name, data] of [
      ['trang-trang.png', png(620, 877, 255)],
      ['nhieu.png', png(240, 240, 'noise')],
    ] as const) {
      const { proposal: p } = await extract(name, data);
      expect(p.text, name).toMatchObject({ source: 'ocr', characters: 0 });
      expect([p.sender, p.ref, p.docDate, p.subject, p.docType], name).toEqual([null, null, null, null, null]);
      expect(p.warnings, name).toContain('Không nhận dạng được chữ nào trong ảnh: có thể là trang trắng hoặc không phải văn bản.');
    }
  });

  it('an e-mail of 100 MB is refused by its size before it is parsed', async () => {
    const started = performance.now();
    const e = await refused('thu-lon.eml', new Uint8Array(100 * 1024 * 1024));
    expect(e).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
    expect(e.message).toContain('«thu-lon.eml» dung lượng 100 MB: quá lớn để tự đọc (tối đa 64 MB)');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('none of it registered anything or added to the directory', () => {
    expect(rowsCount(app, 'incoming_docs')).toBe(0);
    expect(rowsCount(app, 'organizations')).toBe(0);
    expect(runningJobs()).toBe(0);
  });
});

describe('a file being read never holds the host', () => {
  it('other calls answer while a slow PDF is read; the PDF ends at its time limit with a Vietnamese refusal', async () => {
    setParseLimits({ timeMs: 1_500 });
    const slow = extract('cham.pdf', nestedQPdf(), 'luot-doc-cham-1').then(
      () => 'answered',
      (e: Error) => e.message,
    );
    await new Promise((r) => setTimeout(r, 150));
    const t = performance.now();
    const org = await call(app, 'settings.organisation', {});
    const progress = await call(app, 'intake.progress', { job: 'luot-doc-cham-1' });
    const answeredMs = performance.now() - t;
    console.log(`while a PDF is read: two calls answered in ${answeredMs.toFixed(0)} ms`);
    expect(org).toBeTruthy();
    expect(progress).toEqual({ stage: 'read' });
    expect(answeredMs).toBeLessThan(1_000);
    expect(await slow).toMatch(/^intake\.extract failed: FILE_INVALID Không đọc được tệp «cham\.pdf»: tệp cần quá 1,5 giây để đọc\.$/);
  });

  it('a read is cancelled by its job name, at once, and only by the account that started it', async () => {
    setParseLimits({ timeMs: 15_000 });
    const started = performance.now();
    const slow = callErr(app, 'intake.extract', { file: { name: 'huy.pdf', data: nestedQPdf() }, job: 'luot-doc-huy-01' });
    await new Promise((r) => setTimeout(r, 300));
    const other = await addUser(app, 'vanthu2', ['vanthu']);
    expect(await call(app, 'intake.cancel', { job: 'luot-doc-huy-01' }, other)).toEqual({ cancelled: false });
    expect(await call(app, 'intake.progress', { job: 'luot-doc-huy-01' }, other)).toBeNull();
    expect(await call(app, 'intake.cancel', { job: 'luot-doc-huy-01' })).toEqual({ cancelled: true });
    const e = await slow;
    expect(e).toMatchObject({ code: 'CONFLICT', message: 'Đã dừng đọc tệp «huy.pdf».', details: { cancelled: true } });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await call(app, 'intake.progress', { job: 'luot-doc-huy-01' })).toBeNull();
    // Stopped before its (slower) upload arrived: the read is refused when it comes, not run in full.
    expect(await call(app, 'intake.cancel', { job: 'luot-doc-huy-02' })).toEqual({ cancelled: false });
    const late = await callErr(app, 'intake.extract', { file: { name: 'huy2.pdf', data: nestedQPdf() }, job: 'luot-doc-huy-02' });
    expect(late).toMatchObject({ code: 'CONFLICT', details: { cancelled: true } });
  });
});
