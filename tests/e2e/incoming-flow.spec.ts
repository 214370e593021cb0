import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, hostApi, login, test } from './fixtures';

/**
 * Issue 17, incoming documents to people, as four office workers do it in the browser: the văn thư submits to the
 * leader, the leader writes the bút phê giving a unit five working days, the unit's head passes it to a chuyên viên,
 * who finds it in «Chờ tôi xử lý» (counted on the menu), opens it from there, sees the whole trail, and prints the
 * Phiếu giải quyết văn bản đến (PDF and Word) and a copy of the attached PDF with the ĐẾN mark.
 */
const PASSWORD = 'mat-khau-van-phong';
const shots = 'test-results/screenshots';

async function switchTo(page: Page, username: string) {
  // The detail drawer closes first (Esc), as it covers the header.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-detail')).toBeHidden();
  await page.getByTestId('current-user').hover();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await login(page, username, PASSWORD);
}

/** Opens the document's detail by its address, as a link from the inbox or a notification does. */
async function openDoc(page: Page, id: number) {
  await page.evaluate((id) => (location.hash = `#/incoming/${id}`), id);
  await expect(page.getByTestId('incoming-detail')).toBeVisible();
}

async function option(page: Page, title: string) {
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).last().click();
}

test('văn thư trình → lãnh đạo bút phê → trưởng phòng phân công → the chuyên viên finds it waiting, sees the trail and prints the Phiếu and the ĐẾN copy', async ({ page, host }) => {
  const api = await hostApi(host);
  for (const [username, fullName, roles] of [
    ['vt', 'Trần Văn Thư', ['vanthu']],
    ['gd', 'Nguyễn Văn An', ['lanhdao']],
    ['tp', 'Vũ Trưởng Phòng', ['chuyenvien']],
    ['cv', 'Nguyễn Kế Toán', ['chuyenvien']],
  ] as const) {
    await api('users.create', { username, fullName, roles, password: PASSWORD });
  }
  await api('units.save', { name: 'Phòng Kế toán', head: 'tp', members: ['cv'] });
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  const d = await PDFDocument.create();
  d.addPage([595.28, 841.89]).drawText('Cong van ve viec lap du toan', { x: 85, y: 700, size: 13, font: await d.embedFont(StandardFonts.TimesRoman) });
  const pdf = Buffer.from(await d.save()).toString('base64');
  const doc = await api<{ id: number; arrivalNumber: number }>('incoming.register', {
    sender: 'Sở Tài chính tỉnh Bắc Ninh',
    ref: '88/STC-NS',
    docDate: today,
    subject: 'Về việc lập dự toán ngân sách năm 2027',
    attachments: [{ name: 'cong-van-88.pdf', data: { $bytes: pdf } }],
  });
  // The e2e host stops a parse after 2 s (for the hostile-file specs; 20 s in use), and the first stamp loads pdf-lib
  // and the fonts into the parse worker: one stamp beforehand, so that a busy CI machine measures the click, not that.
  const [attachment] = (await api<{ attachments: { id: number }[] }>('incoming.get', { id: doc.id })).attachments;
  await api('incoming.stampedCopy', { id: doc.id, attachmentId: attachment.id }).catch(() => undefined);

  await page.goto(host.url);
  await login(page, 'vt', PASSWORD);
  await openDoc(page, doc.id);
  await page.getByTestId('flow-submit').click();
  await page.getByTestId('submit-to').click();
  await option(page, 'Nguyễn Văn An');
  await page.locator('.ant-modal:visible').getByRole('button', { name: 'Trình', exact: true }).click();
  await expect(page.getByTestId('step-submit')).toContainText('Trần Văn Thư → Nguyễn Văn An');

  await switchTo(page, 'gd');
  await openDoc(page, doc.id);
  await page.getByTestId('flow-instruct').click();
  const form = page.getByTestId('instruct-form');
  await page.getByTestId('instruct-lead').click();
  await option(page, 'Phòng Kế toán — đơn vị');
  await form.getByText('Trong số ngày làm việc').click();
  await page.locator('input[data-testid="instruct-days"], [data-testid="instruct-days"] input').first().fill('5');
  // The bút phê itself is required: said next to its field, nothing recorded.
  await page.locator('.ant-modal:visible').getByRole('button', { name: 'Ghi bút phê', exact: true }).click();
  await expect(form).toContainText('Nhập ý kiến chỉ đạo.');
  await page.getByTestId('instruct-note').fill('Giao Phòng Kế toán chủ trì, tham mưu văn bản trả lời.');
  await page.locator('.ant-modal:visible').getByRole('button', { name: 'Ghi bút phê', exact: true }).click();
  await expect(page.getByTestId('step-instruct')).toContainText('Nguyễn Văn An → Phòng Kế toán');
  await expect(page.getByTestId('detail-status')).toHaveText('Đang xử lý');

  await switchTo(page, 'tp');
  await openDoc(page, doc.id);
  await page.getByTestId('flow-assign').click();
  await page.getByTestId('assign-to').click();
  await option(page, 'Nguyễn Kế Toán');
  await page.locator('.ant-modal:visible').getByRole('button', { name: 'Phân công', exact: true }).click();
  await expect(page.getByTestId('step-assign')).toContainText('Vũ Trưởng Phòng → Phòng Kế toán → Nguyễn Kế Toán');

  // The chuyên viên finds it in «Chờ tôi xử lý», counted on the menu, and opens it from there.
  await switchTo(page, 'cv');
  await expect(page.getByTestId('inbox-count')).toContainText('1');
  await page.getByRole('menuitem', { name: /Chờ tôi xử lý/ }).click();
  const row = page.getByTestId('waiting-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Số đến ${doc.arrivalNumber} — Về việc lập dự toán ngân sách năm 2027`);
  await expect(row).toContainText('Chủ trì');
  await expect(page.getByRole('tab', { name: 'Văn bản đến (1)' })).toBeVisible();
  await row.click();
  await expect(page).toHaveURL(new RegExp(`#/incoming/${doc.id}$`));
  const trail = page.getByTestId('history');
  await expect(trail.getByTestId(/^step-/)).toHaveCount(3);
  await expect(trail).toContainText('Trình lãnh đạo');
  await expect(trail).toContainText('“Giao Phòng Kế toán chủ trì, tham mưu văn bản trả lời.”');
  await expect(trail).toContainText('Phân công');
  await expect(page.getByTestId('flow-progress')).toBeVisible();
  await expect(page.getByTestId('flow-finish')).toBeVisible();
  await expect(page.getByTestId('flow-assign')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/incoming-flow-trail.png` });

  // The Phiếu giải quyết văn bản đến, as PDF and Word, and a copy of the PDF with the ĐẾN mark.
  const buttons = page.getByTestId('sheet-buttons');
  await expect(buttons).toBeVisible();
  const [sheet] = await Promise.all([page.waitForEvent('download'), buttons.getByTestId('print-sheet').click()]);
  expect(sheet.suggestedFilename()).toBe(`phieu-giai-quyet-van-ban-den_${doc.arrivalNumber}-${today.slice(0, 4)}.pdf`);
  expect(fs.readFileSync(await sheet.path()).subarray(0, 5).toString()).toBe('%PDF-');
  const [word] = await Promise.all([page.waitForEvent('download'), buttons.getByTestId('print-sheet-docx').click()]);
  expect(word.suggestedFilename()).toMatch(/\.docx$/);
  const [copy] = await Promise.all([page.waitForEvent('download'), buttons.getByTestId('stamped-copy').click()]);
  expect(copy.suggestedFilename()).toMatch(/^cong-van-88-dau-den-\d+-\d{4}\.pdf$/);
  await expect(page.locator('.ant-message')).toContainText('Bản sao có dấu ĐẾN');
  expect((await PDFDocument.load(fs.readFileSync(await copy.path()))).getPageCount()).toBe(1);
});
