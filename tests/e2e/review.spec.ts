import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USER, expect, hostApi, login, test } from './fixtures';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { statePlan } from '../fixtures/sample-drafts';

const shots = 'test-results/screenshots';
const PW = 'mat-khau-van-phong';
const haveOpenssl = has('openssl', ['version']);
const opensslReason = 'the openssl command is not installed: it makes the test CA';

const input = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"]`).first();

async function switchTo(page: Page, username: string, password = PW) {
  await page.getByTestId('current-user').hover();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await login(page, username, password);
}

/** The API is slower than usual for `method`: what the screen shows while it waits can be seen. */
async function slow(page: Page, method: string, ms: number) {
  await page.route(`**/api/${method}`, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** The preview has drawn its first page. */
async function drawn(page: Page) {
  await expect(page.locator('[data-testid="preview-page"][data-drawn="true"]').first()).toBeVisible();
}

async function withKey(page: Page, p12: string) {
  await page.locator('[data-testid="wf-key-p12"] input[type=file], input[type=file][data-testid="wf-key-p12"]').first().setInputFiles(p12);
  await page.getByTestId('wf-key-password').fill('123456');
  await page.getByTestId('wf-ok').click();
  await expect(page.getByRole('dialog')).toHaveCount(0, { timeout: 30_000 });
}

const plan = () => ({
  ...statePlan(1),
  number: null,
  date: null,
  organ: 'Ủy ban nhân dân tỉnh Bắc Ninh',
  organAbbr: 'UBND',
  place: 'Bắc Ninh',
  recipients: [{ text: 'Các sở, ban, ngành tỉnh' }],
  archive: ['VT', 'KT'],
  signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
});

test('the leader reviews a submitted draft in its own view: the document large, the changes since the last version, comment, Trả lại, Duyệt, Ký; the chuyên viên sees no action the API would refuse', async ({ page, host }, testInfo) => {
  testInfo.skip(!haveOpenssl, opensslReason);
  test.setTimeout(240_000);
  const pki = makeTestPki();
  const leaderP12 = pki.p12('Nguyễn Văn An');
  const organP12 = pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh');

  const admin = await hostApi(host);
  await admin('users.create', { username: 'binh', fullName: 'Trần Thị Bình', roles: ['chuyenvien'], unit: 'KT', password: PW });
  const an = await admin<{ id: number }>('users.create', { username: 'an', fullName: 'Nguyễn Văn An', roles: ['lanhdao'], password: PW });
  await admin('users.create', { username: 'cuong', fullName: 'Lê Văn Cường', roles: ['vanthu'], password: PW });
  const binh = await hostApi(host, 'binh', PW);
  const saved = await binh<{ id: number; updatedAt: string }>('drafts.save', { draft: plan() });
  await binh('outgoing.submit', { id: saved.id, to: an.id });
  // A draft of the chuyên viên's own, never submitted: the one she may delete.
  await binh('drafts.save', { draft: { ...plan(), subject: 'Bản nháp chưa trình' } });

  // The leader opens it from Văn bản đi › Chờ tôi xử lý: the review view, the menu on Văn bản đi.
  await page.goto(host.url);
  await login(page, 'an', PW);
  await slow(page, 'drafting.render', 1500);
  await page.getByRole('menuitem', { name: /Văn bản đi/ }).click();
  await page.getByTestId('inbox-row').first().click();
  await expect(page).toHaveURL(new RegExp(`#/outgoing/review/${saved.id}$`));
  await expect(page.getByTestId('review')).toBeVisible();
  // While the document renders, a spinner on a white page — never an empty grey box.
  await expect(page.getByTestId('preview-loading')).toBeVisible();
  await expect(page.getByTestId('preview-loading')).toContainText('Đang dựng bản xem trước');
  await drawn(page);
  await page.unroute('**/api/drafting.render');
  await expect(page.locator('.ant-menu-item-selected')).toContainText('Văn bản đi');
  await expect(page.locator('.ant-menu-item-selected')).not.toContainText('Soạn thảo');
  await expect(page.locator('.ant-breadcrumb')).toContainText('Chờ tôi xử lý');
  // Large: the page is wider than the drafting form's 560 px preview and takes most of the screen.
  const box = (await page.getByTestId('preview-page').first().boundingBox())!;
  expect(box.width).toBeGreaterThan(620);
  await expect(page.getByTestId('diff-first')).toBeVisible();
  // The drafting form is not where the leader decides: its address leads here.
  await page.goto(`${host.origin}/#/drafting/${saved.id}`);
  await expect(page).toHaveURL(new RegExp(`#/outgoing/review/${saved.id}$`));
  await expect(page.getByTestId('review')).toBeVisible();

  // Trả lại with the comment typed beside the document.
  await page.getByTestId('review-comment').fill('Bổ sung phần kinh phí thực hiện.');
  await page.getByTestId('wf-return').click();
  await expect(page.getByTestId('wf-comment')).toHaveValue('Bổ sung phần kinh phí thực hiện.');
  await page.getByTestId('wf-ok').click();
  await expect(page.getByTestId('workflow-status')).toHaveText('Bị trả lại');
  await expect(page.getByTestId('wf-steps')).toContainText('«Bổ sung phần kinh phí thực hiện.»');
  await expect(page.getByTestId('wf-return')).toHaveCount(0);

  // The chuyên viên revises and submits version 2.
  const mine = await binh<{ updatedAt: string; draft: ReturnType<typeof plan> }>('drafts.get', { id: saved.id });
  const body = [...mine.draft.body!, { kind: 'paragraph', text: 'Kinh phí thực hiện từ ngân sách tỉnh năm 2026.' }];
  const first = mine.draft.body![0] as { kind: 'paragraph'; text: string };
  body[0] = { ...first, text: first.text.replace('năm 2026', 'năm 2026 trên địa bàn tỉnh') };
  await binh('drafts.save', { id: saved.id, draft: { ...mine.draft, body }, expectedUpdatedAt: mine.updatedAt });
  await binh('outgoing.submit', { id: saved.id, to: an.id, comment: 'Đã bổ sung kinh phí.' });

  // The leader sees what changed since the version they returned, then approves.
  await page.getByRole('menuitem', { name: /Văn bản đi/ }).click();
  await page.getByTestId('inbox-row').first().click();
  await drawn(page);
  await expect(page.getByTestId('diff-base')).toContainText('Phiên bản 1');
  const diff = page.getByTestId('version-diff');
  await expect(diff.getByTestId('diff-add').filter({ hasText: 'Kinh phí thực hiện từ ngân sách tỉnh năm 2026.' })).toBeVisible();
  await expect(diff.locator('[data-testid="diff-change"] ins')).toContainText(['trên địa bàn tỉnh']);
  await expect(page.getByTestId('diff-section')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/review-changes.png` });
  // At 1280×720 too, the decision's controls are whole, on screen and apart from each other.
  for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
    await page.setViewportSize(size);
    await drawn(page);
    const boxes = [];
    for (const id of ['review-comment', 'wf-return', 'wf-approve']) {
      const b = (await page.getByTestId(id).boundingBox())!;
      expect(b.x, id).toBeGreaterThanOrEqual(0);
      expect(b.y, id).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, id).toBeLessThanOrEqual(size.width);
      expect(b.y + b.height, id).toBeLessThanOrEqual(size.height);
      boxes.push(b);
    }
    const [, ret, approve] = boxes;
    expect(ret.x + ret.width <= approve.x || approve.x + approve.width <= ret.x || ret.y + ret.height <= approve.y).toBe(true);
    if (size.width === 1280) await page.screenshot({ path: `${shots}/review-changes-1280.png` });
  }
  await page.getByTestId('wf-approve').click();
  await page.getByTestId('wf-ok').click();
  await expect(page.getByTestId('workflow-status')).toHaveText('Đã duyệt, chờ ký');
  // Ký from the same view.
  await page.getByTestId('wf-sign').click();
  await withKey(page, leaderP12);
  await expect(page.getByTestId('workflow-status')).toHaveText('Đã ký, chờ phát hành');

  // The chuyên viên: no delete on a submitted draft (only on her own unsubmitted one), no register export, no Hủy.
  await switchTo(page, 'binh');
  await page.getByRole('menuitem', { name: /Soạn thảo/ }).click();
  const rows = page.getByTestId('draft-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Bản nháp chưa trình' }).getByTestId('draft-delete')).toHaveCount(1);
  await expect(rows.filter({ hasNotText: 'Bản nháp chưa trình' }).getByTestId('draft-delete')).toHaveCount(0);

  // The văn thư issues it (from the same view); the register then offers Hủy văn bản to the văn thư only.
  await switchTo(page, 'cuong');
  await page.getByRole('menuitem', { name: /Văn bản đi/ }).click();
  await page.getByTestId('inbox-row').first().click();
  await page.getByTestId('wf-issue').click();
  await withKey(page, organP12);
  await expect(page.getByTestId('wf-issued')).toContainText('01/KH-UBND');
  await page.getByRole('menuitem', { name: /Văn bản đi/ }).click();
  await page.getByRole('tab', { name: 'Sổ văn bản đi' }).click();
  await expect(page.getByTestId('outgoing-row')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Hủy văn bản' })).toBeVisible();

  await switchTo(page, 'binh');
  await page.getByRole('menuitem', { name: /Văn bản đi/ }).click();
  await page.getByRole('tab', { name: 'Sổ văn bản đi' }).click();
  await expect(page.getByTestId('outgoing-row')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Hủy văn bản' })).toHaveCount(0);
  await expect(page.getByTestId('outgoing-send')).toHaveCount(0);
  await expect(page.getByTestId('outgoing-export-docx')).toHaveCount(0);
  await expect(page.getByTestId('outgoing-skip')).toHaveCount(0);
  await switchTo(page, E2E_USER, E2E_PASSWORD);
});

test('a new draft from pasted text is unnumbered and undated, showing the source’s; dates clear with the keyboard; a profile switch re-applies its defaults and says so', async ({ app: page }) => {
  const text = fs.readFileSync(path.join('tests', 'fixtures', 'drafting', 'state-ke-hoach-header.txt'), 'utf8');
  await page.getByRole('menuitem', { name: /Soạn thảo/ }).click();
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill(text);
  await slow(page, 'drafting.render', 1500);
  await page.getByTestId('import-run').click();
  // The editor's preview shows a spinner while it renders.
  await expect(page.getByTestId('preview-loading')).toBeVisible();
  await expect(page.getByTestId('recognised')).toContainText('05/KH-SNV');
  await expect(input(page, 'f-number')).toHaveValue('');
  await expect(input(page, 'f-date')).toHaveValue('');
  await expect(page.getByTestId('source-ref')).toContainText('Trong văn bản gốc: Số 05/KH-SNV, ngày 07/03/2024');
  await drawn(page);
  await page.unroute('**/api/drafting.render');

  // The summary's items sit in their own cells: none overlaps another, none runs out of the box.
  const boxes = await page.getByTestId('recognised-item').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
  const outer = (await page.getByTestId('recognised').boundingBox())!;
  expect(boxes.length).toBeGreaterThan(6);
  for (const [i, a] of boxes.entries()) {
    expect(a.x).toBeGreaterThanOrEqual(outer.x - 0.5);
    expect(a.x + a.w).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;
      expect(apart, `items ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`).toBe(true);
    }
  }
  await page.screenshot({ path: `${shots}/drafting-import-unnumbered.png` });
  await page.getByTestId('source-ref').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/drafting-import-source.png` });

  // A date typed, then cleared with Delete; typed again, cleared with Backspace; and with the named button.
  const date = input(page, 'f-date');
  for (const key of ['Delete', 'Backspace']) {
    await date.click();
    await date.fill('07/03/2026');
    await date.press('Enter');
    await expect(date).toHaveValue('07/03/2026');
    await date.focus();
    await date.press(key);
    await expect(date).toHaveValue('');
  }
  await date.click();
  await date.fill('09/03/2026');
  await date.press('Enter');
  await expect(date).toHaveValue('09/03/2026');
  await page.getByRole('button', { name: 'Xóa ngày ban hành' }).click();
  await expect(date).toHaveValue('');

  // Switch to the Party profile: the State wording follows (the Lưu line keeps its unit), the signer's name stays.
  await page.getByTestId('f-profile').getByText('Đảng (HD 36)').click();
  const note = page.getByTestId('profile-switched');
  await expect(note).toContainText('Đã đổi theo thể thức văn bản của Đảng (HD 36)');
  await expect(note).toContainText('Quyền hạn ký (KT. → T/M)');
  await expect(note).toContainText('Lưu (VT, VTLT → Văn phòng, VTLT)');
  await expect(input(page, 'f-archive')).toHaveValue('Văn phòng, VTLT');
  await expect(input(page, 'f-name')).toHaveValue('Trần Thị Bình');
  await page.screenshot({ path: `${shots}/drafting-profile-switch.png` });

  // Unsaved: leaving asks first; a reload keeps the input as a draft to restore.
  await page.getByRole('button', { name: 'Danh sách' }).click();
  await expect(page.getByRole('dialog')).toContainText('Bỏ những gì đã nhập?');
  await page.getByRole('button', { name: 'Tiếp tục nhập' }).click();
  await expect(page).toHaveURL(/#\/drafting\/new$/);
  await expect(input(page, 'f-archive')).toHaveValue('Văn phòng, VTLT');
  await page.waitForTimeout(1500); // the draft is written about once a second
  await page.reload();
  await expect(page.getByRole('dialog')).toContainText('Khôi phục bản nháp chưa lưu?');
  await page.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(input(page, 'f-archive')).toHaveValue('Văn phòng, VTLT');
  await expect(input(page, 'f-subject')).toHaveValue('Tổ chức Hội nghị tập huấn công tác văn thư, lưu trữ năm 2024');
  await page.getByRole('button', { name: 'Danh sách' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Bỏ', exact: true }).click();
  await expect(page.getByTestId('draft-list')).toBeVisible();

  // A template left as it was takes the Party wording in full.
  await page.getByTestId('new-draft').click();
  await page.getByRole('button', { name: 'Soạn', exact: true }).click();
  await page.getByTestId('f-profile').getByText('Đảng (HD 36)').click();
  // (The template's State signer comes from Cài đặt, or the built-in wording: either way it is replaced.)
  await expect(page.getByTestId('profile-switched')).toContainText(/Thay mặt \/ ký thay cho \(.* → Ban Thường vụ\)/);
  await expect(page.getByTestId('profile-switched')).toContainText(/Chức vụ \(.* → Bí thư\)/);
  await expect(page.getByTestId('profile-switched')).toContainText('Lưu (VT → Văn phòng)');
  await expect(input(page, 'f-onBehalfOf')).toHaveValue('Ban Thường vụ');
  await expect(input(page, 'f-title')).toHaveValue('Bí thư');
  await expect(input(page, 'f-archive')).toHaveValue('Văn phòng');

  // A Quyết định carries its thẩm quyền ban hành, printed above the căn cứ: the editor shows it, filled from the template.
  await page.getByRole('button', { name: 'Danh sách' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Bỏ', exact: true }).click();
  await page.getByTestId('new-draft').click();
  await page.getByTestId('new-type').click();
  await page.keyboard.type('Quyết định');
  await page.locator('.ant-select-item-option[title="Quyết định"]').click();
  await page.getByRole('button', { name: 'Soạn', exact: true }).click();
  await expect(input(page, 'f-competence')).toHaveValue(/\S/);
  await input(page, 'f-competence').fill('Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình');
  await expect(input(page, 'f-competence')).toHaveValue('Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình');
});
