import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { makeDocx, makePdf } from '../fixtures/make-files';

const shots = 'test-results/screenshots';

/** A date `days` from today in Vietnam, as the date pickers take it (dd/MM/yyyy). */
function vnDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
}

async function pickDate(page: Page, testId: string, ddmmyyyy: string) {
  // antd puts the test id on the <input> itself for DatePicker, on a wrapper for RangePicker.
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
}

async function register(page: Page, d: { sender: string; ref: string; docDate: string; subject: string; type?: string; file?: string }) {
  await page.keyboard.press('Control+n');
  const form = page.getByTestId('incoming-form');
  await expect(form).toBeVisible();
  await form.getByTestId('f-sender').locator('input').fill(d.sender);
  await form.getByTestId('f-ref').fill(d.ref);
  await pickDate(page, 'f-docDate', d.docDate);
  if (d.type) {
    await form.getByTestId('f-docType').click();
    await page.keyboard.type(d.type);
    await page.keyboard.press('Enter');
  }
  await form.getByTestId('f-subject').fill(d.subject);
  if (d.file) await form.locator('input[type=file]').setInputFiles(d.file);
  await page.getByTestId('save-incoming').click();
}

test('a văn thư registers, routes, finds, views and exports incoming documents', async ({ app: page, host }) => {
  const pdf = path.join(host.files, 'ke-hoach-dai-hoi.pdf');
  fs.writeFileSync(pdf, makePdf(['Ke hoach to chuc Dai hoi dai bieu', 'Trang hai: phan cong nhiem vu to chuc dai hoi']));
  const docx = path.join(host.files, 'bao-cao.docx');
  fs.writeFileSync(docx, await makeDocx(['Báo cáo kết quả phòng, chống sạt lở bờ sông Đuống']));
  const pdf2 = path.join(host.files, 'cong-van.pdf');
  fs.writeFileSync(pdf2, makePdf(['Cong van ve viec gop y du thao quy che lam viec']));

  await page.getByRole('menuitem', { name: /Văn bản đến/ }).click();
  await expect(page.getByTestId('register-view')).toBeVisible();

  await register(page, { sender: 'Đảng ủy Khối các cơ quan tỉnh', ref: '70-KH/ĐUK', docDate: '02/03/2026', subject: 'Kế hoạch tổ chức Đại hội đại biểu Đảng bộ Khối', type: 'Kế hoạch', file: pdf });
  await expect(page.getByTestId('detail-number')).toHaveText('1');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-detail')).toBeHidden();
  await register(page, { sender: 'Sở Nông nghiệp và Môi trường', ref: '125/BC-SNNMT', docDate: '03/03/2026', subject: 'Báo cáo công tác phòng, chống thiên tai', type: 'Báo cáo', file: docx });
  await expect(page.getByTestId('detail-number')).toHaveText('2');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-detail')).toBeHidden();
  await register(page, { sender: 'Văn phòng Ủy ban nhân dân tỉnh', ref: '310/VP-TH', docDate: '04/03/2026', subject: 'Góp ý dự thảo Quy chế làm việc', type: 'Công văn', file: pdf2 });
  await expect(page.getByTestId('detail-number')).toHaveText('3');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-detail')).toBeHidden();

  const rows = page.getByTestId('incoming-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('incoming-total')).toContainText('3 văn bản');
  await page.screenshot({ path: `${shots}/register-view.png` });

  // Route document 1: chờ xử lý → đang xử lý
  await rows.filter({ hasText: '70-KH/ĐUK' }).click();
  await page.getByTestId('action-route').click();
  await page.getByTestId('route-lead').fill('Ban Tổ chức');
  // A deadline before the arrival date is refused next to its field, and nothing is routed.
  await pickDate(page, 'route-deadline', '20/03/2026');
  await page.getByRole('button', { name: 'Chuyển', exact: true }).click();
  await expect(page.getByTestId('route-form')).toContainText('ở trước ngày đến');
  await expect(page.getByTestId('detail-status')).toHaveText('Chờ xử lý');
  await pickDate(page, 'route-deadline', vnDate(14));
  await expect(page.getByTestId('route-form')).not.toContainText('ở trước ngày đến');
  await page.getByRole('button', { name: 'Chuyển', exact: true }).click();
  await expect(page.getByTestId('detail-status')).toHaveText('Đang xử lý');
  await expect(page.getByTestId('history')).toContainText('Ban Tổ chức');

  // The PDF opens inside the app, with thumbnails.
  await page.getByTestId('open-attachment').first().click();
  await expect(page.getByTestId('pdf-viewer')).toBeVisible();
  await expect(page.getByTestId('pdf-thumb')).toHaveCount(2);
  await expect(page.getByTestId('pdf-page')).toHaveText('Trang 1/2');
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="pdf-page-canvas"]') as HTMLCanvasElement | null;
    return !!c && c.width > 100;
  });
  await page.screenshot({ path: `${shots}/pdf-viewer.png` });
  // Icon-only buttons say what they do (a screen reader's name, a tooltip on hover); the next page button works.
  const nameless = await page.getByTestId('pdf-viewer').locator('button').evaluateAll((bs) => bs.filter((b) => !(b.getAttribute('aria-label') || b.textContent?.trim())).length);
  expect(nameless).toBe(0);
  await page.getByRole('button', { name: 'Trang sau' }).click();
  await expect(page.getByTestId('pdf-page')).toHaveText('Trang 2/2');
  // Esc closes the viewer, and then (the focus back in the drawer) the drawer.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pdf-viewer')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-detail')).toBeHidden();

  // Wait until the background extraction has indexed every attachment.
  await expect(page.getByTestId('index-idle')).toBeAttached({ timeout: 30_000 });

  // Found without diacritics, from the header search.
  const search = page.getByTestId('global-search').locator('input');
  for (const [q, expected] of [
    ['dang uy khoi', '70-KH/ĐUK'],
    ['ke hoach dai hoi', '70-KH/ĐUK'],
    ['phong chong thien tai', '125/BC-SNNMT'],
    ['gop y du thao quy che', '310/VP-TH'],
    ['sat lo bo song duong', '125/BC-SNNMT'], // only in the DOCX attachment
    ['phan cong nhiem vu', '70-KH/ĐUK'], // only on page 2 of the PDF
  ]) {
    await page.keyboard.press('Control+k');
    await search.fill(q);
    const hit = page.getByTestId('search-hit').first();
    await expect(hit, q).toContainText(expected);
    await expect(page.getByTestId('search-hit'), q).toHaveCount(1);
  }
  await page.getByTestId('search-hit').first().click();
  await expect(page.getByTestId('incoming-detail')).toContainText('70-KH/ĐUK');
  await page.keyboard.press('Escape');

  // Filter the register by typing without diacritics.
  await search.fill('');
  await page.getByTestId('register-search').locator('input').fill('quy che lam viec');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('310/VP-TH');
  await page.getByTestId('register-search').locator('input').fill('');
  await expect(rows).toHaveCount(3);

  // Export the register book, Word then Excel.
  for (const format of ['Word (.docx)', 'Excel (.xlsx)']) {
    await page.getByTestId('open-export').click();
    await page.getByText(format).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất tệp' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^so-van-ban-den_\d{4}-01-01_\d{4}-\d{2}-\d{2}\.(docx|xlsx)$/);
    const saved = path.join(host.files, download.suggestedFilename());
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
  }

  // Editing keeps the số đến; cancelling (hủy) needs a reason and keeps the number used.
  await rows.filter({ hasText: '310/VP-TH' }).click();
  await page.getByTestId('action-edit').click();
  await page.getByTestId('edit-ref').fill('311/VP-TH');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('incoming-detail')).toContainText('311/VP-TH');
  await expect(page.getByTestId('detail-number')).toHaveText('3');
  await page.getByTestId('action-cancel').click();
  await page.getByRole('dialog', { name: 'Hủy văn bản đến' }).getByRole('button', { name: 'Hủy văn bản', exact: true }).click();
  await expect(page.getByText('Nhập lý do hủy.')).toBeVisible();
  await page.getByTestId('cancel-reason').fill('Vào sổ nhầm văn bản của đơn vị khác');
  await page.getByRole('dialog', { name: 'Hủy văn bản đến' }).getByRole('button', { name: 'Hủy văn bản', exact: true }).click();
  await expect(page.getByTestId('detail-status')).toHaveText('Đã hủy');
  await expect(page.getByTestId('incoming-detail')).toContainText('Số đến 3 vẫn được giữ, không cấp lại');
  await page.keyboard.press('Escape');
  await expect(rows.filter({ hasText: '311/VP-TH' })).toHaveClass(/vp-cancelled/);

  // The same sender + số ký hiệu + ngày văn bản again: the văn thư is warned and can decline (ND30 Phụ lục VI).
  await register(page, { sender: 'Sở Nông nghiệp và Môi trường', ref: '125/BC-SNNMT', docDate: '03/03/2026', subject: 'Báo cáo công tác phòng, chống thiên tai' });
  const warning = page.getByRole('dialog', { name: 'Có thể trùng văn bản đã vào sổ' });
  await expect(warning).toContainText('số đến 2/2026');
  await warning.getByRole('button', { name: 'Không', exact: true }).click();
  await page.getByRole('button', { name: 'Hủy bỏ', exact: true }).click();
  // What was typed is not thrown away without asking (issue 15).
  await page.getByRole('dialog').filter({ hasText: 'Bỏ những gì đã nhập?' }).getByRole('button', { name: 'Bỏ', exact: true }).click();
  await expect(page.getByTestId('incoming-total')).toContainText('3 văn bản');

  // The dashboard counts what happened.
  await page.getByRole('menuitem', { name: /Tổng quan/ }).click();
  await expect(page.getByTestId('dashboard')).toContainText('Đang xử lý');
  await expect(page.getByTestId('month-chart')).toBeVisible();
  await page.screenshot({ path: `${shots}/dashboard.png` });
});

test('bad input shows a Vietnamese message next to the field and registers nothing', async ({ app: page, host }) => {
  const fake = path.join(host.files, 'gia-mao.pdf');
  fs.writeFileSync(fake, 'MZ\x90\x00 this is an executable, not a PDF');
  await page.getByRole('menuitem', { name: /Văn bản đến/ }).click();
  await page.getByTestId('new-incoming').click();
  const form = page.getByTestId('incoming-form');
  await page.getByTestId('save-incoming').click();
  await expect(form).toContainText('Nhập số và ký hiệu văn bản.');
  await expect(form).toContainText('Nhập cơ quan gửi văn bản.');

  await form.getByTestId('f-sender').locator('input').fill('Sở Y tế');
  await form.getByTestId('f-ref').fill('15/SYT-VP');
  await pickDate(page, 'f-docDate', '05/03/2026');
  await form.getByTestId('f-subject').fill('Công văn về việc tiêm chủng');
  await form.locator('input[type=file]').setInputFiles(fake);
  await page.screenshot({ path: `${shots}/registration-form.png` });
  await page.getByTestId('save-incoming').click();
  await expect(form).toContainText('không phải là PDF');
  await page.screenshot({ path: `${shots}/registration-error.png` });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').filter({ hasText: 'Bỏ những gì đã nhập?' }).getByRole('button', { name: 'Bỏ', exact: true }).click();
  await expect(page.getByTestId('incoming-form')).toBeHidden();
  await expect(page.getByTestId('incoming-total')).toContainText('0 văn bản');
});
