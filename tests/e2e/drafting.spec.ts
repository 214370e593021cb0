import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pdfText } from '../helpers/pdf-text';

const shots = 'test-results/screenshots';

async function fill(page: Page, testId: string, value: string) {
  const el = page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).first();
  await el.fill(value);
}

/** The preview has caught up with the model when its page canvas is drawn and no stale-preview error shows. */
async function previewReady(page: Page) {
  await expect(page.getByTestId('preview-stale')).toHaveCount(0);
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="preview-page"]') as HTMLCanvasElement | null;
    return !!c && c.width > 200;
  });
}

test('a chuyên viên drafts a Kế hoạch from its template, sees it live and exports Word and PDF', async ({ app: page, host }) => {
  await page.getByRole('menuitem', { name: /Soạn thảo/ }).click();
  await expect(page.getByTestId('draft-list')).toContainText('Chưa có bản dự thảo nào');
  await page.getByTestId('new-draft').click();
  await page.getByRole('button', { name: 'Soạn', exact: true }).click();
  await expect(page.getByTestId('draft-editor')).toBeVisible();

  await fill(page, 'f-parentOrgan', 'Ủy ban nhân dân tỉnh Ninh Bình');
  await fill(page, 'f-organ', 'Sở Nội vụ');
  await fill(page, 'f-organAbbr', 'SNV');
  await fill(page, 'f-number', '5');
  await fill(page, 'f-place', 'Ninh Bình');
  const date = page.locator('input[data-testid="f-date"]');
  await date.click();
  await date.fill('07/03/2026');
  await date.press('Enter');
  await fill(page, 'f-subject', 'Tổ chức Hội nghị tập huấn công tác văn thư năm 2026');
  await page.getByTestId('body-block').first().getByTestId('block-text').fill('Thực hiện Nghị định số 30/2020/NĐ-CP, Sở Nội vụ ban hành Kế hoạch như sau:');
  await fill(page, 'f-onBehalfOf', 'Giám đốc');
  await page.getByTestId('f-authority').click();
  await page.locator('.ant-select-item-option[title="KT."]').click();
  await fill(page, 'f-title', 'Phó Giám đốc');
  await fill(page, 'f-name', 'Nguyễn Văn An');
  await fill(page, 'f-recipients', 'Ủy ban nhân dân tỉnh (để b/c)\nCác phòng, đơn vị thuộc Sở');
  await fill(page, 'f-archive', 'VT, VP');
  // A new block with the keyboard: Ctrl+Enter in a block adds one of the same kind below it.
  const blocks = page.getByTestId('body-block');
  const before = await blocks.count();
  await blocks.first().getByTestId('block-text').press('Control+Enter');
  await expect(blocks).toHaveCount(before + 1);
  await blocks.nth(1).getByTestId('block-text').fill('Hội nghị được tổ chức trong 01 ngày tại Hội trường Sở Nội vụ.');
  await previewReady(page);
  await expect(page.getByTestId('preview-pages')).toContainText('1 trang');
  // A phụ lục goes on its own page.
  await page.getByTestId('add-appendix').click();
  await page.getByTestId('appendix-title').fill('Danh sách đại biểu dự hội nghị');
  await page.getByTestId('appendix').getByTestId('block-text').fill('Lãnh đạo các phòng, đơn vị thuộc Sở.');
  await expect(page.getByTestId('preview-pages')).toContainText('2 trang');
  await previewReady(page);
  await page.screenshot({ path: `${shots}/drafting-editor.png` });

  // Bad input: an empty organ name is refused next to its field, and the preview says it is not up to date.
  await fill(page, 'f-organ', '');
  await expect(page.getByTestId('error-organ')).toHaveText('Cơ quan ban hành không được để trống.');
  await expect(page.getByTestId('preview-stale')).toContainText('không được để trống');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('error-organ')).toBeVisible();
  await fill(page, 'f-organ', 'Sở Nội vụ');
  await previewReady(page);

  // Export: the PDF holds what the preview shows.
  const [pdfDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
  expect(pdfDl.suggestedFilename()).toBe('ke-hoach-5-kh-snv.pdf');
  const pdfFile = path.join(host.files, pdfDl.suggestedFilename());
  await pdfDl.saveAs(pdfFile);
  const { text } = await pdfText(new Uint8Array(fs.readFileSync(pdfFile)));
  for (const line of ['ỦY BAN NHÂN DÂN TỈNH NINH BÌNH', 'SỞ NỘI VỤ', 'Số: 05/KH-SNV', 'Ninh Bình, ngày 07 tháng 3 năm 2026', 'KẾ HOẠCH', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn An', '- Ủy ban nhân dân tỉnh (để b/c);', '- Lưu: VT, VP.']) {
    expect(text, line).toContain(line);
  }
  expect(text).toContain('Hội trường Sở Nội vụ.');
  expect(text).toContain('Phụ lục DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ (Kèm theo Kế hoạch số 05/KH-SNV ngày 07 tháng 3 năm 2026 của Sở Nội vụ)');
  expect(text).toMatch(/triển khai thực hiện\.\/\. Nơi nhận:/);
  const [docxDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()]);
  expect(docxDl.suggestedFilename()).toBe('ke-hoach-5-kh-snv.docx');
  const docxFile = path.join(host.files, docxDl.suggestedFilename());
  await docxDl.saveAs(docxFile);
  expect(fs.readFileSync(docxFile).subarray(0, 2).toString()).toBe('PK');

  // Save (Ctrl+S), reopen from the list.
  await page.keyboard.press('Control+s');
  await expect(page).toHaveURL(/#\/drafting\/1$/);
  await page.getByRole('button', { name: 'Danh sách' }).click();
  await expect(page.getByTestId('draft-row')).toHaveCount(1);
  await expect(page.getByTestId('draft-row')).toContainText('Tổ chức Hội nghị tập huấn công tác văn thư năm 2026');
  await page.getByTestId('draft-row').click();
  await expect(page.locator('input[data-testid="f-number"]')).toHaveValue('5');
});

test('pasted text is recognised, shown for correction, and saved as a draft', async ({ app: page }) => {
  const text = fs.readFileSync(path.join('tests', 'fixtures', 'drafting', 'state-ke-hoach-header.txt'), 'utf8');
  await page.getByRole('menuitem', { name: /Soạn thảo/ }).click();
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('recognised')).toContainText('05/KH-SNV');
  // A new draft: the source's number stays out of it (review.spec.ts tests the "in the source" line).
  await expect(page.locator('input[data-testid="f-number"]')).toHaveValue('');
  await expect(page.locator('[data-testid="f-place"]')).toHaveValue('Ninh Bình');
  await previewReady(page);
  await page.screenshot({ path: `${shots}/drafting-import.png` });
  await page.getByTestId('save-draft').click();
  await expect(page).toHaveURL(/#\/drafting\/1$/);
});
