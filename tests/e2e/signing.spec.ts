import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { makeTestPki } from '../helpers/test-ca';
import { sealPng, signaturePng } from '../helpers/stamp-images';
import { statePlan } from '../fixtures/sample-drafts';
import { has } from '../helpers/tools';

const shots = 'test-results/screenshots';
const haveOpenssl = has('openssl', ['version']);

async function pick(page: Page, testId: string, title: string) {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-item-option[title="${title}"]`).click();
}

/** antd's Upload puts a test id on its hidden <input type=file> (or on a wrapper, depending on the version). */
const fileInput = (page: Page, testId: string) => page.locator(`input[type=file][data-testid="${testId}"], [data-testid="${testId}"] input[type=file]`).first();

async function sign(page: Page, opts: { pdf: string; role: RegExp; p12: string; password: string }) {
  const form = page.getByTestId('sign-form');
  await fileInput(page, 'sign-pdf').setInputFiles(opts.pdf);
  await form.getByTestId('sign-role').getByText(opts.role).click();
  await fileInput(page, 'sign-p12').setInputFiles(opts.p12);
  await form.getByTestId('sign-password').fill(opts.password);
}

const opensslReason = 'the openssl command is not installed: it makes the test CA';
if (!haveOpenssl) console.log(`[signing.spec] skipped: ${opensslReason}`);

test('the leader signs with their signature image, the văn thư adds the seal; the register shows the badge', async ({ app: page, host }, testInfo) => {
  testInfo.skip(!haveOpenssl, opensslReason);
  const pki = makeTestPki();
  const leaderP12 = pki.p12('Nguyễn Văn An');
  const organP12 = pki.p12('Văn phòng UBND tỉnh Bắc Ninh');
  const sigFile = path.join(host.files, 'chu-ky.png');
  const sealFile = path.join(host.files, 'con-dau.png');
  fs.writeFileSync(sigFile, signaturePng());
  fs.writeFileSync(sealFile, sealPng());
  const model = path.join(host.files, 'ke-hoach.json');
  fs.writeFileSync(model, JSON.stringify(statePlan(1)));
  const exported = spawnSync(process.execPath, ['bin/vanphong.cjs', 'export', model, '--out', host.files, '--pdf'], { encoding: 'utf8' });
  expect(exported.status, exported.stderr).toBe(0);
  const pdf = path.join(host.files, 'ke-hoach.pdf');

  // The organisation must be in the directory to hold a seal.
  await page.getByRole('menuitem', { name: /Danh bạ cơ quan/ }).click();
  await page.getByRole('button', { name: /Thêm cơ quan/ }).click();
  await page.getByRole('dialog').getByLabel('Tên cơ quan').fill('Ủy ban nhân dân tỉnh Bắc Ninh');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Mẫu chữ ký, con dấu.
  await page.getByRole('menuitem', { name: /Chữ ký số/ }).click();
  await page.getByRole('tab', { name: 'Mẫu chữ ký, con dấu' }).click();
  await page.getByTestId('person-name').fill('Nguyễn Văn An');
  await page.getByTestId('person-position').fill('Chủ tịch');
  await page.getByTestId('person-add').click();
  await expect(page.getByRole('cell', { name: 'Nguyễn Văn An' })).toBeVisible();
  await page.locator('[data-testid^="signature-upload-"]').first().locator('..').locator('input[type=file]').setInputFiles(sigFile);
  await expect(page.getByTestId('stamp-preview')).toHaveCount(1);
  await pick(page, 'seal-org', 'Ủy ban nhân dân tỉnh Bắc Ninh');
  await page.getByTestId('seal-upload').locator('..').locator('input[type=file]').setInputFiles(sealFile);
  await expect(page.getByTestId('stamp-preview')).toHaveCount(2);
  await expect(page.getByRole('cell', { name: '40 mm' })).toBeVisible();
  await page.screenshot({ path: `${shots}/signing-stamps.png` });

  // Chứng thư tin cậy: the test CA.
  await page.getByRole('tab', { name: 'Chứng thư tin cậy' }).click();
  await page.getByTestId('trust-upload').locator('..').locator('input[type=file]').setInputFiles(pki.caPem);
  await expect(page.getByTestId('trust-table')).toContainText('Cơ quan chứng thực số thử nghiệm Việt Nam');

  // The leader signs: a wrong password is said under its field and nothing is produced.
  await page.getByRole('tab', { name: 'Ký văn bản' }).click();
  await sign(page, { pdf, role: /Người có thẩm quyền ký/, p12: leaderP12, password: 'sai-mat-khau' });
  await pick(page, 'sign-person', 'Nguyễn Văn An');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-form')).toContainText('Sai mật khẩu của tệp chữ ký số');
  await expect(page.getByTestId('sign-result')).toHaveCount(0);
  await page.getByTestId('sign-password').fill('123456');
  await expect(page.getByTestId('sign-form')).not.toContainText('Sai mật khẩu');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sign-result')).toBeVisible();
  await expect(page.getByTestId('sig-report')).toHaveCount(1);
  await expect(page.getByTestId('sig-panel')).toContainText('Chữ ký số hợp lệ');
  const [dl1] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sign-download').click()]);
  const once = path.join(host.files, 'ke-hoach-da-ky.pdf');
  await dl1.saveAs(once);

  // The văn thư issues it with the organisation's seal.
  await sign(page, { pdf: once, role: /Văn thư phát hành/, p12: organP12, password: '123456' });
  await pick(page, 'sign-org', 'Ủy ban nhân dân tỉnh Bắc Ninh');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByTestId('sig-report')).toHaveCount(2);
  await expect(page.getByTestId('sig-panel')).toContainText('Chữ ký số hợp lệ');
  await expect(page.getByTestId('sig-report').nth(1)).toContainText('Văn phòng UBND tỉnh Bắc Ninh');
  await page.waitForFunction(() => ((document.querySelector('[data-testid="signed-page"]') as HTMLCanvasElement | null)?.width ?? 0) > 200);
  await page.screenshot({ path: `${shots}/signing-result.png` });
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sign-download').click()]);
  const twice = path.join(host.files, 'ke-hoach-phat-hanh.pdf');
  await dl2.saveAs(twice);
  expect(fs.readFileSync(twice).subarray(0, fs.statSync(once).size).equals(fs.readFileSync(once))).toBe(true);

  // Registered elsewhere as incoming, the file shows its badge in the register and its panel in the viewer.
  await page.getByRole('menuitem', { name: /Văn bản đến/ }).click();
  await page.keyboard.press('Control+n');
  const form = page.getByTestId('incoming-form');
  await form.getByTestId('f-sender').locator('input').fill('Ủy ban nhân dân tỉnh Bắc Ninh');
  await form.getByTestId('f-ref').fill('70/KH-BTVLMHTXVN');
  const docDate = page.locator('input[data-testid="f-docDate"]');
  await docDate.click();
  await docDate.fill('10/03/2026');
  await docDate.press('Enter');
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
  await form.getByTestId('f-subject').fill('Tổ chức Tháng hành động vì hợp tác xã năm 2026');
  await form.locator('input[type=file]').setInputFiles(twice);
  await page.getByTestId('save-incoming').click();
  await expect(page.getByTestId('detail-number')).toHaveText('1');
  await expect(page.getByTestId('attachment').getByTestId('sig-badge')).toHaveAttribute('data-status', 'valid');
  await page.getByTestId('open-attachment').click();
  await expect(page.getByTestId('sig-panel')).toBeVisible();
  await expect(page.getByTestId('sig-report')).toHaveCount(2);
  await page.waitForFunction(() => ((document.querySelector('[data-testid="pdf-page-canvas"]') as HTMLCanvasElement | null)?.width ?? 0) > 200);
  await page.screenshot({ path: `${shots}/signing-viewer.png` });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-row').first().getByTestId('sig-badge')).toHaveAttribute('data-status', 'valid');
});
