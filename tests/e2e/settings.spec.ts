import path from 'node:path';
import fs from 'node:fs';
import { expect, hostApi, login, test } from './fixtures';
import { sealPng } from '../helpers/stamp-images';

const shots = 'test-results/screenshots';

test('the quản trị sets the organisation once in Cài đặt; new drafts and the weekly schedule take their header from it', async ({ app: page, host }) => {
  await page.getByRole('menuitem', { name: 'Cài đặt' }).click();
  await expect(page.getByTestId('organ-unconfigured')).toBeVisible();
  await page.getByTestId('organ-parent').fill('Ủy ban nhân dân tỉnh Bắc Ninh');
  await page.getByTestId('organ-name').fill('Sở Nội vụ');
  await page.getByTestId('organ-abbr').fill('SNV');
  await page.getByTestId('organ-place').fill('Bắc Ninh');
  await page.getByTestId('organ-id').fill('12345');
  await page.getByTestId('organ-save').click();
  // Refused next to the field, in Vietnamese; nothing saved.
  await expect(page.locator('.ant-form-item-has-error')).toContainText('Mã định danh gồm 13 ký tự');
  await expect(page.getByTestId('organ-unconfigured')).toBeVisible();
  await page.getByTestId('organ-id').fill('000.00.12.H06');
  await page.getByTestId('organ-save').click();
  await expect(page.getByTestId('organ-unconfigured')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/settings-organ.png` });

  // The seal, on its own tab; its image shows.
  await page.getByRole('tab', { name: 'Con dấu và chữ ký' }).click();
  await expect(page.getByTestId('seal-state')).toContainText('Chưa có ảnh con dấu');
  const seal = path.join(host.files, 'con-dau.png');
  fs.writeFileSync(seal, sealPng());
  await page.getByTestId('seal-upload').locator('..').locator('input[type=file]').setInputFiles(seal);
  await expect(page.getByTestId('seal-image')).toBeVisible();
  await expect(page.getByTestId('seal-state')).toContainText('40 mm');
  await page.screenshot({ path: `${shots}/settings-stamps.png` });

  // The weekly schedule, until it has its own header, prints the organisation's.
  await page.getByRole('tab', { name: 'Lịch công tác tuần' }).click();
  await expect(page.getByTestId('schedule-settings')).toContainText('Sở Nội vụ');

  // A new draft starts with the header, the place and the usual signer; not "…".
  await page.getByRole('menuitem', { name: /Soạn thảo/ }).click();
  await page.getByTestId('new-draft').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Soạn' }).click();
  await expect(page.getByTestId('f-organ')).toHaveValue('Sở Nội vụ');
  await expect(page.getByTestId('f-parentOrgan')).toHaveValue('Ủy ban nhân dân tỉnh Bắc Ninh');
  await expect(page.getByTestId('f-organAbbr')).toHaveValue('SNV');
  await expect(page.getByTestId('f-place')).toHaveValue('Bắc Ninh');
  await expect(page.getByTestId('f-title')).toHaveValue('Giám đốc');

  // A chuyên viên has no Cài đặt, and the API refuses them too.
  const admin = await hostApi(host);
  await admin('users.create', { username: 'binh', fullName: 'Trần Thị Bình', roles: ['chuyenvien'], password: 'mat-khau-van-phong' });
  await page.getByTestId('current-user').hover();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await login(page, 'binh', 'mat-khau-van-phong');
  await expect(page.getByRole('menuitem', { name: 'Cài đặt' })).toHaveCount(0);
  const binh = await hostApi(host, 'binh', 'mat-khau-van-phong');
  await expect(binh('settings.saveOrganisation', { profile: 'state', name: 'X' })).rejects.toThrow(/FORBIDDEN/);
});
