import fs from 'node:fs';
import path from 'node:path';
import { expect, hostApi, test } from './fixtures';

/**
 * «Trao đổi văn bản» (issue 18) in browser mode: a status that cannot be written (the outbox is not a folder) is listed
 * under «Lỗi, chờ gửi lại» with its Vietnamese reason; once the folder is fixed, «Gửi lại» and «Chạy trao đổi ngay»
 * send it, and it is listed as sent — its file in the outbox.
 */
test('a message that failed is listed with its reason, resent, and sent', async ({ app: page, host }) => {
  const api = await hostApi(host);
  const blocker = path.join(host.files, 'khong-phai-thu-muc.txt');
  fs.writeFileSync(blocker, 'x');
  const outbox = path.join(host.files, 'gui');
  await api('settings.saveOrganisation', { profile: 'state', name: 'Sở Nội vụ tỉnh Hậu Giang', abbr: 'SNV', place: 'Hậu Giang', organId: '000.00.00.H31' });
  await api('exchange.saveSettings', { outbox: path.join(blocker, 'gui'), inbox: path.join(host.files, 'nhan') });
  const inc = await api<{ id: number }>('incoming.register', { sender: 'Ủy ban nhân dân tỉnh Hậu Giang', ref: '70/KH-UBND', docDate: '2026-03-10', docType: 'Kế hoạch', subject: 'Kế hoạch chuyển đổi số' });
  await api('exchange.sendStatus', { incomingId: inc.id, code: '03', to: '000.00.00.H30', documentId: '000.00.00.H30,2026/03/10,70/KH-UBND' });

  await page.getByRole('menuitem', { name: 'Trao đổi văn bản' }).click();
  await expect(page.getByTestId('exchange-page')).toBeVisible();
  await page.getByTestId('exchange-run').click();
  await expect(page.getByTestId('exchange-report')).toBeVisible();
  await page.getByTestId('exchange-tab-problems').click();
  await expect(page.getByTestId('exchange-error')).toContainText('Không ghi được vào thư mục gửi');
  await expect(page.getByTestId('exchange-error')).toContainText('đường dẫn không phải thư mục');
  await page.screenshot({ path: 'test-results/screenshots/exchange-problems.png' });

  await api('exchange.saveSettings', { outbox });
  await page.getByTestId('exchange-resend').click();
  await expect(page.getByTestId('exchange-row')).toHaveCount(0);
  await page.getByTestId('exchange-run').click();
  await page.getByRole('tab', { name: 'Đã gửi' }).click();
  await expect(page.getByTestId('exchange-row').first()).toContainText('Đã gửi');
  await expect(page.getByTestId('exchange-row').first()).toContainText('trạng thái 03');
  expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.edxml'))).toHaveLength(1);
});
