import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, hostApi, test } from './fixtures';

/**
 * Every screen, as a person sees it at the two common laptop sizes: captured (test-results/screens/) and checked that
 * no primary control (button, field, tab, menu entry) is cut off at the side or lies over another one. A control below
 * the fold is fine (the page scrolls); one cut by a box that does not scroll, or covering another, is not.
 */

const dir = 'test-results/screens';
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

interface Screen {
  name: string;
  hash: string;
  /** What shows once the screen has loaded. */
  ready: string;
  /** Opens a drawer, a dialog or a form on the screen. */
  open?(page: Page): Promise<void>;
  /** What shows once it is open (default: an open drawer or dialog). */
  opened?: string;
}

const LAYER = '[role="dialog"]';

const SCREENS: Screen[] = [
  { name: 'tong-quan', hash: '#/dashboard', ready: '.ant-card' },
  { name: 'van-ban-den', hash: '#/incoming', ready: '[data-testid="new-incoming"]' },
  { name: 'vao-so-van-ban-den', hash: '#/incoming', ready: '[data-testid="new-incoming"]', open: (p) => p.getByTestId('new-incoming').click() },
  { name: 'van-ban-di', hash: '#/outgoing', ready: '.ant-tabs' },
  { name: 'tim-kiem', hash: '#/search?q=ke%20hoach', ready: '[data-testid="search-page"] .ant-list, [data-testid="search-page"] .ant-empty, [data-testid="search-page"] mark' },
  { name: 'soan-thao', hash: '#/drafting', ready: '[data-testid="draft-list"]' },
  {
    name: 'soan-thao-moi',
    hash: '#/drafting',
    ready: '[data-testid="draft-list"]',
    open: async (p) => (await p.getByTestId('new-draft').click(), await p.getByRole('dialog').getByRole('button', { name: 'Soạn' }).click()),
    opened: '[data-testid="draft-editor"] canvas',
  },
  { name: 'chu-ky-so', hash: '#/signing', ready: '.ant-tabs' },
  { name: 'lich-hop', hash: '#/schedule', ready: '[data-testid="schedule-add"]' },
  { name: 'them-cuoc-hop', hash: '#/schedule', ready: '[data-testid="schedule-add"]', open: (p) => p.getByTestId('schedule-add').click() },
  { name: 'noi-nhan', hash: '#/recipients', ready: '.ant-card, .ant-table' },
  { name: 'danh-ba', hash: '#/directory', ready: '.ant-table' },
  { name: 'nhat-ky', hash: '#/audit', ready: '.ant-table' },
  { name: 'tai-khoan', hash: '#/users', ready: '.ant-table' },
  { name: 'cai-dat-co-quan', hash: '#/settings/organ', ready: '[data-testid="organ-form"]' },
  { name: 'cai-dat-don-vi', hash: '#/settings/units', ready: '.ant-table' },
  { name: 'cai-dat-con-dau', hash: '#/settings/stamps', ready: '[data-testid="seal-card"]' },
  { name: 'cai-dat-lich', hash: '#/settings/schedule', ready: '[data-testid="schedule-settings"]' },
  { name: 'cai-dat-chung-thu', hash: '#/settings/trust', ready: '.ant-card, .ant-form' },
  { name: 'may-chu-phien', hash: '#/sessions', ready: '.ant-card, .ant-table' },
  { name: 'sao-luu', hash: '#/backup', ready: '.ant-card' },
];

/** What is wrong with the controls in view: the ones cut off at the side, and the pairs that overlap. */
function layoutProblems(): string[] {
  const SELECTOR = 'button, input:not([type=hidden]):not([type=file]), textarea, .ant-select, [role="tab"], .ant-menu-item, .ant-radio-button-wrapper';
  const visible = (e: Element) => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 2 && r.height > 2 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.05;
  };
  // Controls inside a toast or a tooltip come and go; those inside a collapsed select are not controls of their own.
  const transient = (e: Element) => !!e.closest('.ant-message, .ant-notification, .ant-tooltip, .ant-popover, .ant-select-dropdown, .ant-picker-dropdown');
  const label = (e: Element) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} «${(e.textContent || e.getAttribute('aria-label') || (e as HTMLInputElement).placeholder || '').trim().slice(0, 30)}»`;
  // In an open drawer or dialog, only its controls count (the page behind is covered on purpose).
  const layer = [...document.querySelectorAll('[role="dialog"]')].filter(visible).pop();
  const controls = [...(layer ?? document).querySelectorAll(SELECTOR)].filter((e) => visible(e) && !transient(e) && !e.parentElement?.closest('.ant-select'));
  const problems: string[] = [];
  for (const e of controls) {
    const r = e.getBoundingClientRect();
    if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(`${label(e)} ra ngoài mép màn hình (${Math.round(r.left)}–${Math.round(r.right)} / ${window.innerWidth})`);
    // Cut by a box that hides its overflow sideways (a box that scrolls sideways shows a scrollbar instead).
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'hidden' && s.overflowX !== 'clip') continue;
      const b = a.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1) {
        problems.push(`${label(e)} bị cắt bởi khung chứa`);
        break;
      }
    }
  }
  // What of a control can be seen: its box cut by every box around it that scrolls or hides its overflow (a field
  // scrolled under a dialog's footer is not on top of the footer's buttons).
  const shown = (e: Element) => {
    const r = e.getBoundingClientRect();
    let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      const b = a.getBoundingClientRect();
      if (s.overflowX !== 'visible') [left, right] = [Math.max(left, b.left), Math.min(right, b.right)];
      if (s.overflowY !== 'visible') [top, bottom] = [Math.max(top, b.top), Math.min(bottom, b.bottom)];
    }
    return { left, top, right, bottom };
  };
  const boxes = controls.map((e) => ({ e, r: shown(e) })).filter((b) => b.r.right - b.r.left > 2 && b.r.bottom - b.r.top > 2);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 2 && h > 2) problems.push(`${label(a.e)} chồng lên ${label(b.e)}`);
    }
  return problems;
}

test('every screen at 1440×900 and 1280×720: captured, no primary control cut off or overlapping another', async ({ app: page, host }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(dir, { recursive: true });
  // An office with some work in it, so that tables and charts have rows.
  const api = await hostApi(host);
  await api('organizations.create', { name: 'Sở Tài chính tỉnh Bắc Ninh' });
  for (let i = 1; i <= 3; i++) await api('incoming.register', { sender: 'Sở Tài chính tỉnh Bắc Ninh', ref: `${40 + i}/KH-STC`, docDate: '2026-03-02', subject: `Kế hoạch kiểm tra quyết toán ngân sách năm 2025, đợt ${i}` });
  await api('settings.saveOrganisation', { profile: 'state', name: 'Sở Nội vụ', parentOrgan: 'Ủy ban nhân dân tỉnh Bắc Ninh', abbr: 'SNV', place: 'Bắc Ninh' });

  // The check itself finds what it looks for: two buttons one over the other, one cut off at the right edge.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'vp-check';
    box.innerHTML = '<button style="position:fixed;left:300px;top:300px;width:120px">Một</button><button style="position:fixed;left:340px;top:305px;width:120px">Hai</button><button style="position:fixed;right:-60px;top:400px;width:120px">Ba</button>';
    document.body.appendChild(box);
  });
  const planted = await page.evaluate(layoutProblems);
  expect(planted.filter((p) => p.includes('«Một»') && p.includes('«Hai»'))).toHaveLength(1);
  expect(planted.filter((p) => p.includes('«Ba» ra ngoài mép màn hình'))).toHaveLength(1);
  await page.evaluate(() => document.getElementById('vp-check')?.remove());

  const found: string[] = [];
  for (const vp of VIEWPORTS) {
    await page.setViewportSize(vp);
    for (const s of SCREENS) {
      await page.evaluate((h) => (location.hash = h), s.hash);
      // Leaving a form that was opened and not saved (a new draft) asks first: nothing typed is worth keeping here.
      const leave = page.getByRole('dialog').filter({ hasText: 'Bỏ những gì đã nhập?' });
      if (await leave.isVisible({ timeout: 300 }).catch(() => false)) await leave.getByRole('button', { name: 'Bỏ', exact: true }).click();
      await page.locator(s.ready).first().waitFor({ timeout: 15_000 });
      if (s.open) {
        await s.open(page);
        await page.locator(s.opened ?? LAYER).filter({ visible: true }).first().waitFor({ timeout: 15_000 });
        await page.waitForTimeout(600); // the drawer's slide-in, the preview's first render
      } else await page.waitForTimeout(150);
      await page.screenshot({ path: `${dir}/${s.name}-${vp.width}x${vp.height}.png` });
      for (const p of await page.evaluate(layoutProblems)) found.push(`${s.name} ${vp.width}×${vp.height}: ${p}`);
      if (s.open && !s.opened) {
        await page.keyboard.press('Escape');
        // A form that asks before closing: nothing was typed, so it closes; if it asks anyway, leave without keeping.
        const discard = page.getByRole('button', { name: 'Bỏ', exact: true });
        if (await discard.isVisible().catch(() => false)) await discard.click();
      }
    }
  }
  expect(found, found.join('\n')).toEqual([]);
});
