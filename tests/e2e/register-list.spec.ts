import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { E2E_PASSWORD, expect, hostApi, login, test } from './fixtures';
import { makePdf } from '../fixtures/make-files';

/**
 * Issue 15 on the register screens: unsaved input is never lost without asking (items 1), the register list (item 9),
 * and actions shown only to whom the API lets call them (item 3).
 */
const shots = 'test-results/screenshots';

function cli(dataDir: string, args: string[], input?: string): string {
  const r = spawnSync(process.execPath, ['bin/vanphong.cjs', ...args, '--data-dir', dataDir, '--user', 'tester'], { input, encoding: 'utf8', env: { ...process.env, VANPHONG_PASSWORD: E2E_PASSWORD } });
  if (r.status !== 0) throw new Error(`vanphong ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const LONG_ORGAN = 'Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực — Văn phòng Thường trực khu vực miền Trung và Tây Nguyên';
const LONG_SUBJECT =
  'Kế hoạch tổ chức kiểm tra, giám sát việc thực hiện các nghị quyết, chỉ thị, kết luận của Trung ương về công tác phòng, chống tham nhũng, lãng phí, tiêu cực tại các cơ quan, đơn vị, địa phương trong khu vực năm 2026 và những năm tiếp theo';

async function openRegister(page: Page) {
  await page.getByRole('menuitem', { name: /Văn bản đến/ }).click();
  await expect(page.getByTestId('register-view')).toBeVisible();
}

/** The «Bỏ những gì đã nhập?» question: answers «Tiếp tục nhập» (keep) or «Bỏ». */
async function answer(page: Page, choice: 'Tiếp tục nhập' | 'Bỏ') {
  const ask = page.getByRole('dialog').filter({ hasText: 'Bỏ những gì đã nhập?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: choice, exact: true }).click();
  await expect(ask).toHaveCount(0);
}

async function expectTyped(form: Locator) {
  await expect(form.getByTestId('f-sender').locator('input')).toHaveValue('Sở Y tế tỉnh Bắc Ninh');
  await expect(form.getByTestId('f-ref')).toHaveValue('15/SYT-VP');
  await expect(form.getByTestId('f-subject')).toHaveValue('Công văn về việc tiêm chủng mở rộng');
}

test('the registration drawer asks before input is thrown away, and keeps a draft through a reload', async ({ app: page, host }) => {
  await openRegister(page);
  // An empty register says what to do first.
  const empty = page.getByTestId('incoming-empty');
  await expect(empty).toContainText('chưa có văn bản đến nào');
  await expect(empty.getByRole('button', { name: 'Vào sổ văn bản đến' })).toBeVisible();
  await expect(empty.getByRole('button', { name: 'Nhập sổ từ tệp CSV' })).toBeVisible();
  await page.screenshot({ path: `${shots}/register-empty.png` });

  await empty.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
  const form = page.getByTestId('incoming-form');
  await expect(form).toBeVisible();
  await form.getByTestId('f-sender').locator('input').fill('Sở Y tế tỉnh Bắc Ninh');
  await form.getByTestId('f-ref').fill('15/SYT-VP');
  await form.getByTestId('f-subject').fill('Công văn về việc tiêm chủng mở rộng');

  // Esc, the ×, a click outside the drawer and the menu all ask; «Tiếp tục nhập» keeps every value.
  await page.keyboard.press('Escape');
  await answer(page, 'Tiếp tục nhập');
  await expectTyped(form);
  const close = page.locator('.ant-drawer-close');
  await expect(close).toHaveAccessibleName('Đóng');
  await close.click();
  await answer(page, 'Tiếp tục nhập');
  await page.mouse.click(120, 450);
  await answer(page, 'Tiếp tục nhập');
  // Leaving the screen (a link, the back button, a shortcut) changes the address: it is put back and the user asked.
  await page.evaluate(() => (location.hash = '#/dashboard'));
  await answer(page, 'Tiếp tục nhập');
  expect(new URL(page.url()).hash).toBe('#/incoming');
  await expect(page.getByTestId('register-view')).toBeVisible();
  await expectTyped(form);
  // Moving within the register (a row's address closing, as Ctrl+N does) keeps the drawer and asks nothing.
  await page.evaluate(() => (location.hash = '#/incoming/1'));
  await page.waitForFunction(() => location.hash === '#/incoming/1');
  await page.evaluate(() => (location.hash = '#/incoming'));
  await page.waitForFunction(() => location.hash === '#/incoming');
  await form.getByTestId('f-ref').fill('15/SYT-VP');
  await expect(page.getByRole('dialog').filter({ hasText: 'Bỏ những gì đã nhập?' })).toHaveCount(0);
  await expectTyped(form);
  await page.getByRole('button', { name: 'Hủy bỏ', exact: true }).click();
  await answer(page, 'Tiếp tục nhập');

  // Closing or reloading the window asks too; after the reload the form opens again and offers the draft back.
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.type();
    void d.accept();
  });
  await page.reload();
  expect(asked).toBe('beforeunload');
  const offer = page.getByRole('dialog').filter({ hasText: 'Khôi phục bản nháp chưa lưu?' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Khôi phục', exact: true }).click();
  await expectTyped(page.getByTestId('incoming-form'));

  // «Bỏ» lets the user leave, and the draft is gone.
  await page.evaluate(() => (location.hash = '#/dashboard'));
  await answer(page, 'Bỏ');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await openRegister(page);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('incoming-form')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // A form with nothing typed closes at once; the import from the empty state registers a whole old register.
  await page.getByTestId('empty-register').click();
  await expect(page.getByTestId('incoming-form')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-form')).toBeHidden();
  const csv = path.join(host.files, 'so-cu.csv');
  fs.writeFileSync(
    csv,
    '\uFEFFNgày đến;Tác giả;Số, ký hiệu;Ngày văn bản;Tên loại;Trích yếu;Độ khẩn\n' +
      '05/01/2026;Sở Tài chính;12/STC-NS;02/01/2026;Công văn;Về việc quyết toán ngân sách năm 2025;\n' +
      `06/01/2026;"${LONG_ORGAN}";07/KH-BCĐ;03/01/2026;Kế hoạch;"${LONG_SUBJECT}";Khẩn\n` +
      '07/01/2026;Bộ Nội vụ;99/BNV-TCCB;04/01/2026;;Hướng dẫn tuyển dụng công chức;\n',
  );
  await page.getByTestId('empty-import').click();
  await page.locator('.ant-modal input[type=file]').setInputFiles(csv);
  await expect(page.getByTestId('import-summary')).toContainText('3 văn bản đọc được');
  await page.getByRole('button', { name: 'Vào sổ 3 văn bản' }).click();
  await expect(page.getByTestId('incoming-row')).toHaveCount(3);
  await expect(page.getByTestId('incoming-total')).toContainText('3 văn bản');
});

test('register rows open on click and Enter, mark their files, and show long organs and trích yếu on two lines with a tooltip', async ({ app: page, host }) => {
  const api = await hostApi(host);
  const pdf = path.join(host.files, 'ke-hoach.pdf');
  fs.writeFileSync(pdf, makePdf(['Ke hoach kiem tra giam sat nam 2026']));
  await api('incoming.register', { sender: 'Sở Tài chính', ref: '12/STC-NS', docDate: '2026-03-02', arrivalDate: '2026-03-03', subject: 'Về việc quyết toán ngân sách năm 2025' });
  cli(host.dataDir, ['incoming', 'add', '--sender', LONG_ORGAN, '--ref', '07/KH-BCĐ', '--date', '2026-03-03', '--arrived', '2026-03-04', '--subject', LONG_SUBJECT, '--type', 'Kế hoạch', '--urgency', 'khan', '--file', pdf]);
  await api('incoming.register', { sender: 'Bộ Nội vụ', ref: '99/BNV-TCCB', docDate: '2026-03-04', arrivalDate: '2026-03-05', subject: 'Hướng dẫn tuyển dụng công chức' });
  await openRegister(page);
  const rows = page.getByTestId('incoming-row');
  await expect(rows).toHaveCount(3);

  // Which rows have files: an icon with its count in a tooltip and in its accessible name.
  const clip = page.getByTestId('row-attachments');
  await expect(clip).toHaveCount(1);
  await expect(rows.filter({ hasText: '07/KH-BCĐ' }).getByTestId('row-attachments')).toHaveAccessibleName('Có 1 tệp đính kèm');
  await clip.hover();
  await expect(page.getByRole('tooltip')).toHaveText('1 tệp đính kèm');

  // The long trích yếu wraps to two lines, clipped; the whole text is in the tooltip.
  const long = rows.filter({ hasText: '07/KH-BCĐ' });
  for (const cell of [long.locator('.vp-cell-subject .vp-clamp2'), long.locator('.vp-cell-sender .vp-clamp2')]) {
    const box = await cell.evaluate((el) => ({ h: el.clientHeight, full: el.scrollHeight, lines: getComputedStyle(el).webkitLineClamp }));
    expect(box.lines).toBe('2');
    expect(box.h).toBeGreaterThanOrEqual(34);
    expect(box.h).toBeLessThanOrEqual(38);
    expect(box.full).toBeGreaterThan(box.h);
  }
  await long.locator('.vp-cell-subject .vp-clamp2').hover();
  await expect(page.getByRole('tooltip').filter({ hasText: LONG_SUBJECT })).toBeVisible();
  await page.mouse.move(5, 5);
  await expect(page.locator('.ant-tooltip:not(.ant-tooltip-hidden)')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/register-list.png` });

  // A click anywhere on the row opens it; so does Enter on the focused row, and ↓ moves to the next row.
  await long.locator('.vp-cell-date').click();
  await expect(page.getByTestId('incoming-detail')).toContainText('07/KH-BCĐ');
  for (const id of ['action-route', 'action-status', 'action-edit', 'action-cancel']) await expect(page.getByTestId(id)).toBeVisible();
  await expectNamedButtons(page.locator('.ant-drawer'));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-detail')).toBeHidden();
  await rows.first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('incoming-detail')).toContainText('99/BNV-TCCB');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incoming-detail')).toBeHidden();
  await page.waitForTimeout(600); // the drawer gives the focus back to the row it was opened from once it has closed
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('incoming-detail')).toContainText('07/KH-BCĐ');
  await page.keyboard.press('Escape');
  await expectNamedButtons(page.getByTestId('register-view'));
});

/** Every visible button has a name a screen reader can say (text, or aria-label for an icon). */
async function expectNamedButtons(scope: Locator) {
  const unnamed = await scope.getByRole('button').evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter((el) => !((el as HTMLElement).innerText.trim() || el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML.slice(0, 160)),
  );
  expect(unnamed).toEqual([]);
}

test('a chuyên viên sees only the actions they may call', async ({ app: page, host, browser }) => {
  cli(host.dataDir, ['users', 'add', 'hoa', '--role', 'chuyenvien', '--full-name', 'Lê Thị Hoa', '--password-stdin'], 'mat-khau-cua-hoa');
  const api = await hostApi(host);
  const doc = await api<{ id: number }>('incoming.register', { sender: 'Sở Tài chính', ref: '45/KH-STC', docDate: '2026-03-02', subject: 'Kế hoạch kiểm tra quyết toán ngân sách' });
  await api('incoming.route', { id: doc.id, lead: 'Lê Thị Hoa' });
  await page.close();

  const desk = await browser.newContext();
  const hoa = await desk.newPage();
  await hoa.goto(await host.launch());
  await login(hoa, 'hoa', 'mat-khau-cua-hoa');
  await openRegister(hoa);
  await expect(hoa.getByTestId('incoming-row')).toHaveCount(1);
  for (const id of ['new-incoming', 'open-import', 'open-export']) await expect(hoa.getByTestId(id)).toHaveCount(0);
  await hoa.getByTestId('incoming-row').click();
  await expect(hoa.getByTestId('incoming-detail')).toContainText('45/KH-STC');
  // She reports progress; routing, correcting and cancelling are the văn thư's and the leader's.
  await expect(hoa.getByTestId('action-status')).toBeInViewport({ ratio: 1 });
  for (const id of ['action-route', 'action-edit', 'action-cancel']) await expect(hoa.getByTestId(id)).toHaveCount(0);
  await hoa.screenshot({ path: `${shots}/chuyen-vien-detail-actions.png` });
  await desk.close();
});

test('a secret document being registered is protected by the questions but never kept in the browser’s storage', async ({ app: page }) => {
  await openRegister(page);
  await page.getByTestId('incoming-empty').getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
  const form = page.getByTestId('incoming-form');
  await form.getByTestId('f-subject').fill('Phương án bảo vệ mục tiêu quan trọng');
  await page.waitForTimeout(1500);
  const kept = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('vanphong.draft.')).map((k) => localStorage.getItem(k) ?? ''));
  expect((await kept()).join()).toContain('Phương án bảo vệ');
  await form.getByTestId('f-secrecy').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Tuyệt mật"]').click();
  await page.waitForTimeout(1500);
  expect((await kept()).join()).not.toContain('Phương án bảo vệ');
  await page.keyboard.press('Escape');
  await answer(page, 'Tiếp tục nhập');
  await expect(form.getByTestId('f-subject')).toHaveValue('Phương án bảo vệ mục tiêu quan trọng');
});
