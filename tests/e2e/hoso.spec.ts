import { expect, hostApi, test } from './fixtures';

const shots = 'test-results/screenshots';

test('a hồ sơ is made, takes a document found by search, is closed and handed over as a package', async ({ app: page, host }) => {
  const api = await hostApi(host);
  await api('settings.saveOrganisation', { profile: 'state', name: 'Sở Nội vụ', organId: '000.00.12.H06' });
  const doc = await api<{ id: number }>('incoming.register', { sender: 'Ủy ban nhân dân tỉnh Bắc Ninh', ref: '70/KH-UBND', docDate: '2026-03-10', subject: 'Kế hoạch tổ chức hội nghị tổng kết công tác năm' });
  await api('incoming.setStatus', { id: doc.id, status: 'hoan-thanh' });

  await page.getByRole('menuitem', { name: 'Hồ sơ công việc' }).click();
  await page.getByTestId('hoso-new').click();
  await page.getByTestId('hoso-code').fill('TH.01');
  await page.getByTestId('hoso-title').fill('Hồ sơ hội nghị tổng kết công tác năm');
  await page.getByTestId('hoso-retention').click();
  await page.keyboard.type('1.4');
  await page.keyboard.press('Enter');
  await page.getByTestId('hoso-save').click();
  await expect(page.getByTestId('hoso-status')).toHaveText('Đang lập');

  await page.getByTestId('hoso-add-doc').click();
  await page.getByTestId('hoso-search').locator('input').fill('tong ket');
  await page.getByTestId('hoso-search').locator('input').press('Enter');
  await page.getByTestId(`hoso-pick-incoming-${doc.id}`).click();
  await expect(page.getByTestId(`hoso-pick-incoming-${doc.id}`)).toHaveText('Đã thêm');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('hoso-docs')).toContainText('70/KH-UBND');

  await page.getByTestId('hoso-close').click();
  await page.getByRole('button', { name: 'Kết thúc hồ sơ' }).last().click();
  await expect(page.getByTestId('hoso-status')).toHaveText('Đã kết thúc');
  await expect(page.locator('.ant-modal-confirm')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/hoso-detail.png` });

  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hoso-handover').click()]);
  expect(zip.suggestedFilename()).toMatch(/^nop-luu-\d{4}-TH\.01\.zip$/);
  await expect(page.getByTestId('hoso-status')).toHaveText('Đã nộp lưu');
});
