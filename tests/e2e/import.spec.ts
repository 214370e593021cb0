import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { ND30_OUTGOING_HEADER, writeRegisterXlsx } from '../fixtures/old-register';

/**
 * «Nhập sổ cũ» (issue 18) in browser mode: upload an .xlsx, map the column not recognised, dry run, import, the register;
 * then an old outgoing register from the outgoing register's page, recognised as one by its header.
 */
test('an old Excel register is uploaded, mapped, tried, imported with a progress bar, and its rows are in the register', async ({ app: page, host }) => {
  const file = path.join(host.files, 'so-den-cu.xlsx');
  const header = ['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày VB', 'Tên loại và trích yếu nội dung', 'Ghi chú'];
  await writeRegisterXlsx(
    file,
    Array.from({ length: 25 }, (_, i) => ['03/11/2026', 500 + i, 'Sở Khoa học và Công nghệ', `${500 + i}/SKHCN-VP`, '02/11/2026', `Công văn về việc thẩm định đề tài số ${i + 1}`, '']),
    header,
  );
  expect(fs.existsSync(file)).toBe(true);

  await page.getByRole('menuitem', { name: /Văn bản đến/ }).click();
  await page.getByTestId('open-import-old').click();
  await expect(page.getByTestId('import-page')).toBeVisible();
  await page.getByTestId('import-page').locator('input[type=file]').setInputFiles(file);
  await expect(page.getByTestId('import-missing')).toContainText('Ngày văn bản');
  await expect(page.getByTestId('import-run')).toBeDisabled();

  await page.getByTestId('map-col-4').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Ngày văn bản"]').click();
  await expect(page.getByTestId('import-missing')).toHaveCount(0);

  await page.getByTestId('import-dry-run').click();
  await expect(page.getByTestId('import-counts')).toContainText('25/25 dòng — sẽ nhập 25, bỏ qua 0, lỗi 0');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('import-counts')).toContainText('25/25 dòng — đã nhập 25, bỏ qua 0, lỗi 0 — xong.');
  await expect(page.getByTestId('import-report')).toContainText('500/2026');
  await page.screenshot({ path: 'test-results/screenshots/import-done.png' });

  await page.getByRole('button', { name: 'Về sổ văn bản đến' }).click();
  await expect(page.getByTestId('incoming-total')).toContainText('25 văn bản');
  await expect(page.getByTestId('register-view')).toContainText('524/SKHCN-VP');
  await page.screenshot({ path: 'test-results/screenshots/import-register.png' });

  // An old outgoing register, from the outgoing register's page: its header says which register it is.
  const outgoing = path.join(host.files, 'so-di-cu.xlsx');
  await writeRegisterXlsx(
    outgoing,
    Array.from({ length: 6 }, (_, i) => [`${30 + i}/UBND-VP`, '04/11/2026', `Công văn về việc triển khai nhiệm vụ số ${i + 1}`, 'Nguyễn Văn An', 'Các sở, ban, ngành;\nLưu: VT', 'VT', 20, '', '', '']),
    ND30_OUTGOING_HEADER,
    'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
  );
  await page.getByRole('menuitem', { name: /Văn bản đi/ }).click();
  await page.getByRole('tab', { name: /Sổ văn bản đi/ }).click();
  await page.getByTestId('outgoing-import-old').click();
  await page.getByTestId('import-page').locator('input[type=file]').setInputFiles(outgoing);
  await expect(page.getByTestId('import-kind').locator('.ant-segmented-item-selected')).toHaveText('Sổ văn bản đi');
  await expect(page.getByTestId('import-missing')).toHaveCount(0);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-counts')).toContainText('6/6 dòng — đã nhập 6, bỏ qua 0, lỗi 0 — xong.');
  await expect(page.getByTestId('import-report').getByRole('columnheader', { name: 'Số', exact: true })).toBeVisible();
  await expect(page.getByTestId('import-report')).toContainText('30/2026');
  await page.screenshot({ path: 'test-results/screenshots/import-outgoing-done.png' });
  await page.getByRole('button', { name: 'Về sổ văn bản đi' }).click();
  await expect(page.getByTestId('outgoing')).toContainText('35/UBND-VP');
});
