import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { expect, test } from './fixtures';
import { exported, stateLetterModel } from '../fixtures/intake-files/make';
import { fixtureDocs, templateDoc } from '../fixtures/intake/documents';
import { extractAll, pdftotextAvailable } from '../helpers/intake-extract';
import { docxToMarkdown } from '../helpers/converter-markdown';
import { buildPlan } from '../../shared/drafting/plan';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { renderDocx } from '../../electron/drafting/docx-export';
import type { Block, DraftDocument } from '../../shared/drafting/model';
import { sourceLine, sourceRefOf } from '../../shared/drafting/import-draft';
import { foldVietnamese } from '../../shared/text/fold';

/** Dropped as a file manager drops it: a DataTransfer holding the file, on the registration form's drop area. */
async function drop(page: Page, name: string, data: Uint8Array) {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return dt;
    },
    { b64: Buffer.from(data).toString('base64'), name },
  );
  await page.getByTestId('intake-drop').locator('.ant-upload-btn').dispatchEvent('drop', { dataTransfer });
}

/**
 * Issue 16: a văn thư drops a PDF on the registration form; the host reads it and fills the empty fields, each marked
 * «Tự điền · NN%»; the văn thư corrects one and presses Vào sổ; the register holds what was read.
 */
test('a PDF dropped on the registration form fills its fields, marked, and Vào sổ registers them', async ({ app: page }) => {
  const pdf = (await exported(stateLetterModel(), 'pdf')).data;
  await page.getByRole('menuitem', { name: /Văn bản đến/ }).click();
  await page.keyboard.press('Control+n');
  const form = page.getByTestId('incoming-form');
  await expect(form).toBeVisible();

  // A file that is no document: refused in Vietnamese beside the drop area, nothing filled.
  await drop(page, 'ghi-chu.txt', new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2, 3, 0]));
  await expect(page.getByTestId('intake-error')).toContainText('Không đọc được tệp «ghi-chu.txt»: chỉ đọc được PDF, Word (.docx), ảnh');
  await expect(form.getByTestId('f-ref')).toHaveValue('');

  await drop(page, 'cong-van-125.pdf', pdf);
  await expect(page.getByTestId('intake-error')).toHaveCount(0);

  await expect(page.getByTestId('intake-result')).toContainText('Đã điền từ «cong-van-125.pdf»');
  await expect(page.getByTestId('intake-result')).toContainText('Người ký: KT. GIÁM ĐỐC · PHÓ GIÁM ĐỐC · Nguyễn Thị Hoa');
  await expect(form.getByTestId('f-sender').locator('input')).toHaveValue('SỞ Y TẾ TỈNH BẮC NINH');
  await expect(form.getByTestId('f-ref')).toHaveValue('125/SYT-NVY');
  await expect(page.locator('input[data-testid="f-docDate"]')).toHaveValue('02/03/2026');
  await expect(form.getByTestId('f-docType')).toContainText('Công văn');
  await expect(form.getByTestId('f-subject')).toHaveValue('tăng cường phòng, chống dịch bệnh mùa xuân năm 2026');
  await expect(form.getByTestId('f-urgency')).toContainText('Khẩn');
  await expect(form.locator('#pageCount, input[id$="pageCount"]').first()).toHaveValue('1');
  // Attached as a file chosen by hand would be; each filled field carries its mark.
  await expect(form.locator('.ant-upload-list')).toContainText('cong-van-125.pdf');
  await expect(form.getByTestId('autofill-ref')).toHaveText('Tự điền · 95%');
  await expect(form.getByTestId('autofill-sender')).toBeVisible();
  await expect(form.getByTestId('autofill-urgency')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/registration-prefilled.png' });

  // The văn thư corrects the trích yếu: it is theirs now, no longer marked.
  await form.getByTestId('f-subject').fill('Tăng cường phòng, chống dịch bệnh mùa xuân năm 2026');
  await expect(form.getByTestId('autofill-subject')).toHaveCount(0);
  await expect(form.getByTestId('autofill-ref')).toBeVisible();

  await page.getByTestId('save-incoming').click();
  await expect(page.getByTestId('detail-number')).toHaveText('1');
  const detail = page.getByTestId('incoming-detail');
  for (const text of ['SỞ Y TẾ TỈNH BẮC NINH', '125/SYT-NVY', '02/03/2026', 'Công văn', 'Tăng cường phòng, chống dịch bệnh mùa xuân năm 2026', 'Khẩn', 'cong-van-125.pdf']) {
    await expect(detail).toContainText(text);
  }
  await page.keyboard.press('Escape');
  const row = page.getByTestId('incoming-row').filter({ hasText: '125/SYT-NVY' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('SỞ Y TẾ TỈNH BẮC NINH');
});

/** An image-only PDF of a document: its pages rendered at 200 dpi in grey (as an office scanner gives them), no text. */
async function scanned(pdf: Uint8Array): Promise<Uint8Array> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-e2e-scan-'));
  try {
    fs.writeFileSync(path.join(dir, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', path.join(dir, 'doc.pdf'), path.join(dir, 'page')]);
    const out = await PDFDocument.create();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.png')).sort()) {
      const png = await out.embedPng(fs.readFileSync(path.join(dir, f)));
      out.addPage([595.28, 841.89]).drawImage(png, { x: 0, y: 0, width: 595.28, height: 841.89 });
    }
    return out.save();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const upper = (s: string) => s.toLocaleUpperCase('vi');

/**
 * Issue 16, "Done means", as a new user would try it: text taken out of a fixture's exported PDF (a PDF viewer's copy,
 * pdftotext -layout) and a converter's Markdown of the other's DOCX, pasted into the drafting import, gives the same
 * document; a scan of an exported plan (one page, image only) dropped on the registration form comes prefilled, and a
 * word found only inside the scanned page is found by search typed without diacritics once it is registered.
 */
const poppler = pdftotextAvailable();
const popplerMissing = 'pdftotext and pdftoppm (poppler-utils) are not installed: the pasted shapes and the scan are made with them';
if (!poppler) console.log(`[intake.spec] "pasted text of every shape…" skipped: ${popplerMissing}`);

test('pasted text of every shape gives the same document; a dropped scan is prefilled and its words are found', async ({ app: page }, testInfo) => {
  testInfo.skip(!poppler, popplerMissing);

  await test.step('paste-import: a PDF viewer copy and pdftotext -layout of one fixture, a converter Markdown of the other', async () => {
    // Every shape of both fixtures (and every template) is compared field by field in tests/integration/intake-roundtrip;
    // here each shape goes once through the screen a user pastes into.
    const docs = fixtureDocs();
    const programme = docs.find((d) => d.name.includes('chuong-trinh'))!;
    const plan70 = docs.find((d) => d.name.includes('ke-hoach-70'))!;
    const p = buildPlan(programme.draft);
    const [pdf, docx] = await Promise.all([renderPdf(p), renderDocx(buildPlan(plan70.draft))]);
    const texts = await extractAll(pdf.data, await renderDocx(p));
    const cases = [
      { doc: programme, shape: 'pdfjs', text: texts.pdfjs! },
      { doc: programme, shape: 'pdftotext -layout', text: texts['pdftotext-layout']! },
      { doc: plan70, shape: 'markdown', text: await docxToMarkdown(docx) },
    ];
    for (const { doc, shape, text } of cases) {
      const d = doc.draft;
      await page.getByRole('menuitem', { name: /Soạn thảo/ }).click();
      // The last import is an unsaved new draft: leaving it asks first.
      const discard = page.getByRole('button', { name: 'Bỏ', exact: true });
      if (await discard.isVisible().catch(() => false)) await discard.click();
      await page.getByTestId('open-import').click();
      await page.getByTestId('import-text').fill(text);
      await page.getByTestId('import-run').click();
      const where = `${doc.name} [${shape}]`;
      // A new draft: unnumbered and undated, the source's shown beside the fields.
      await expect(page.locator('body'), where).toContainText(sourceLine(sourceRefOf(d)!));
      await expect(page.locator('[data-testid="f-organ"]'), where).toHaveValue(d.organ);
      await expect(page.locator('[data-testid="f-parentOrgan"]'), where).toHaveValue(d.parentOrgan);
      await expect(page.locator('[data-testid="f-place"]'), where).toHaveValue(d.place);
      await expect(page.locator('[data-testid="f-subject"]'), where).toHaveValue(d.subject);
      await expect(page.locator('[data-testid="f-name"]'), where).toHaveValue(d.signature.name);
    }
  });

  // A one-page Kế hoạch of the State template: header, a few items, Nơi nhận and signer on the page that is scanned.
  const t = templateDoc('state', 'ke-hoach').draft;
  const plan: DraftDocument = {
    ...t,
    body: [
      ...(t.body.slice(0, 3) as Block[]),
      { kind: 'paragraph', text: 'Văn phòng Sở phối hợp với Trung tâm Lưu trữ lịch sử tỉnh chỉnh lý tài liệu tồn đọng tại kho Quỳnh Lưu.' },
    ],
  };
  const pdf = await renderPdf(buildPlan(plan));
  expect((await PDFDocument.load(pdf.data)).getPageCount()).toBe(1);
  const scan = await scanned(pdf.data);

  await test.step('the scan dropped on the registration form comes prefilled', async () => {
    await page.getByRole('menuitem', { name: /Văn bản đến/ }).click();
    const discard = page.getByRole('button', { name: 'Bỏ', exact: true });
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await page.keyboard.press('Control+n');
    const form = page.getByTestId('incoming-form');
    await expect(form).toBeVisible();
    await drop(page, 'ke-hoach-scan.pdf', scan);
    await expect(page.getByTestId('intake-result')).toContainText('Đã điền từ «ke-hoach-scan.pdf»', { timeout: 60_000 });
    await expect(page.getByTestId('intake-result')).toContainText(plan.signature.name);
    await expect(form.getByTestId('f-ref')).toHaveValue(`${plan.number}/KH-${plan.organAbbr}`);
    await expect(page.locator('input[data-testid="f-docDate"]')).toHaveValue('07/03/2025');
    await expect(form.getByTestId('f-docType')).toContainText('Kế hoạch');
    // OCR may confuse a tone mark in the bold title ("chuyển đối"), which the văn thư corrects: its letters are right.
    expect(foldVietnamese(await form.getByTestId('f-subject').inputValue())).toBe(foldVietnamese(plan.subject));
    // The organ as printed, told apart by its province (a directory entry would give the office's own spelling).
    await expect(form.getByTestId('f-sender').locator('input')).toHaveValue(new RegExp(`^${upper(plan.organ)}`));
    await page.screenshot({ path: 'test-results/screenshots/registration-scan-prefilled.png' });
    await page.getByTestId('save-incoming').click();
    await expect(page.getByTestId('detail-number')).toHaveText('1');
    await page.keyboard.press('Escape');
  });

  await test.step('a word only inside the scanned page is found, typed without diacritics', async () => {
    const search = page.getByTestId('global-search').locator('input');
    // The host recognises the registered scan in the background: asked again until it is indexed.
    await expect(async () => {
      await search.fill('');
      await search.fill('kho quynh luu');
      await expect(page.getByTestId('search-hit').first()).toContainText('12/KH-SNV', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    // The excerpt is the recognised text of the scan, around the words searched for.
    await expect(page.getByTestId('search-hit').first()).toContainText('kho Quỳnh Lưu');
  });
});
