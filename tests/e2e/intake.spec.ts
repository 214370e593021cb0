import { expect, test } from './fixtures';
import { exported, stateLetterModel } from '../fixtures/intake-files/make';

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

  // Dropped as a file manager drops it: a DataTransfer holding the file, on the drop area.
  const drop = async (name: string, data: Uint8Array) => {
    const dataTransfer = await page.evaluateHandle(
      ({ b64, name }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
        return dt;
      },
      { b64: Buffer.from(data).toString('base64'), name },
    );
    await page.getByTestId('intake-drop').locator('.ant-upload-btn').dispatchEvent('drop', { dataTransfer });
  };

  // A file that is no document: refused in Vietnamese beside the drop area, nothing filled.
  await drop('ghi-chu.txt', new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2, 3, 0]));
  await expect(page.getByTestId('intake-error')).toContainText('Không đọc được tệp «ghi-chu.txt»: chỉ đọc được PDF, Word (.docx), ảnh');
  await expect(form.getByTestId('f-ref')).toHaveValue('');

  await drop('cong-van-125.pdf', pdf);
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
