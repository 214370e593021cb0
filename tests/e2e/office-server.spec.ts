import { spawn, type ChildProcess } from 'node:child_process';
import { startServerProcess } from '../helpers/server-process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, login, test } from './fixtures';
import { machineNames, ownIdentity } from '../../electron/hosts/server/tls-identity';
import { RemoteApp } from '../../electron/hosts/cli/remote';
import { startRemoteSigner, type RemoteSignerDouble } from '../helpers/remote-signer';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * Issue 13, "Done means", in browsers: one `vanphong server` on 127.0.0.1 over HTTPS, three people at three browser
 * contexts (chuyên viên, lãnh đạo, văn thư). The plan goes from draft to issued without sharing a screen; the leader's
 * "waiting for me" count rises live when the chuyên viên submits, without a reload; both signatures come from the
 * remote-signing test double, approved as the signer would on their phone (a browser cannot reach a USB token and
 * may not send a key to the server).
 *
 * Chromium trusts this server's certificate by its public key (--ignore-certificate-errors-spki-list), the browser's
 * way of pinning: the identity is made before the browser starts, the server then reuses it.
 */
const haveOpenssl = has('openssl', ['version']);
const PW = 'mat-khau-du-dai';
// This file is loaded by the test runner and by its worker: both must pin the same key, so the identity lives in one
// fixed folder (made once, reused) and is copied into each run's data folder, where the server finds and reuses it.
const seed = path.join(os.tmpdir(), 'vanphong-e2e-office-tls');
const identity = ownIdentity(seed, machineNames('127.0.0.1'));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-e2e-office-'));
fs.cpSync(path.join(seed, 'tls'), path.join(dataDir, 'tls'), { recursive: true });
const spki = crypto
  .createHash('sha256')
  .update(new crypto.X509Certificate(identity.cert).publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');

test.use({
  launchOptions: {
    // launchOptions here replace the config's: the same browser and flags, plus the pin.
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`],
  },
});

let server: ChildProcess;
let url = '';
let fingerprint = '';
let signer: RemoteSignerDouble;

/** `vanphong server` on this run's data folder; its URL (and the fingerprint it printed). */
async function startServer(listen: string): Promise<string> {
  const started = await startServerProcess(process.cwd(), dataDir, { listen });
  server = started.child;
  fingerprint = started.fingerprint;
  return started.url;
}

async function api(user: string) {
  const c = new RemoteApp({ url, caFile: path.join(dataDir, 'tls', 'ca.pem') });
  await c.login(user, PW);
  return c;
}

const opensslReason = 'the openssl command is not installed (it makes the test CA and the signers’ keys)';
if (!haveOpenssl) console.log(`[office-server.spec] skipped: ${opensslReason}`);

// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
  testInfo.skip(!haveOpenssl, opensslReason);
  const made = spawn(process.execPath, ['bin/vanphong.cjs', 'users', 'add', 'quantri', '--role', 'quantri', '--full-name', 'Quản Trị', '--password-stdin', '--data-dir', dataDir], { stdio: ['pipe', 'ignore', 'pipe'] });
  made.stdin!.end(PW);
  await new Promise((r) => made.once('exit', r));
  url = await startServer('127.0.0.1:0');
  const pki = makeTestPki();
  signer = await startRemoteSigner({ users: { an: { p12: pki.p12('Nguyễn Văn An') }, cuong: { p12: pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh') } } });
  const admin = await api('quantri');
  for (const [username, fullName, role] of [
    ['binh', 'Trần Thị Bình', 'chuyenvien'],
    ['an', 'Nguyễn Văn An', 'lanhdao'],
    ['cuong', 'Lê Văn Cường', 'vanthu'],
  ] as const) {
    // The văn thư also administers the accounts, as in many small offices.
    await admin.call('users.create', { username, fullName, roles: role === 'vanthu' ? ['vanthu', 'quantri'] : [role], password: PW });
  }
  await admin.call('signing.saveSettings', { tsaUrl: '', remoteUrl: signer.url });
  await admin.close();
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await signer?.close();
});

async function desk(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await login(page, username, PW);
  return page;
}

test('three desks take a plan from draft to issued; the leader’s count rises live; both signatures approved on the phone; the admin ends a session', async ({ browser }) => {
  test.setTimeout(120_000);
  const binh = await api('binh');
  const draft = await binh.call('drafts.save', {
    draft: { ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } },
  });
  await binh.close();

  const [chuyenvien, lanhdao, vanthu] = await Promise.all([desk(browser, 'binh'), desk(browser, 'an'), desk(browser, 'cuong')]);
  await expect(lanhdao.getByTestId('inbox-count')).toHaveCount(0);

  // The chuyên viên submits at their desk…
  await chuyenvien.goto(`${url}#/drafting/${draft.id}`);
  await chuyenvien.getByTestId('wf-submit').click();
  await chuyenvien.getByTestId('wf-to').click();
  await chuyenvien.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Nguyễn Văn An"]').last().click();
  await chuyenvien.getByTestId('wf-ok').click();
  await expect(chuyenvien.getByTestId('workflow-status')).toHaveText('Chờ duyệt');
  // …and the leader's count rises on their screen without a reload, with a notice.
  await expect(lanhdao.getByTestId('inbox-count')).toContainText('1', { timeout: 5_000 });
  await expect(lanhdao.getByText('Trần Thị Bình trình văn bản chờ bạn duyệt')).toBeVisible();

  // The leader approves and signs: a browser offers only ký số từ xa; the phone approves.
  await lanhdao.getByRole('menuitem', { name: /Văn bản đi/ }).click();
  await lanhdao.getByTestId('inbox-row').first().click();
  await lanhdao.getByTestId('wf-approve').click();
  await lanhdao.getByTestId('wf-ok').click();
  await expect(lanhdao.getByTestId('workflow-status')).toHaveText('Đã duyệt, chờ ký');
  await lanhdao.getByTestId('wf-sign').click();
  await expect(lanhdao.getByTestId('wf-key-browser-note')).toBeVisible();
  await expect(lanhdao.getByTestId('wf-key-p12')).toHaveCount(0);
  await lanhdao.getByTestId('wf-ok').click();
  await expect(lanhdao.getByTestId('wf-key-remote-waiting')).toBeVisible();
  const asked = await signer.approveNext(20_000);
  expect(asked.username).toBe('an');
  await expect(lanhdao.getByTestId('workflow-status')).toHaveText('Đã ký, chờ phát hành', { timeout: 20_000 });

  // The văn thư, told live, issues it with the organisation's key through the same service.
  await expect(vanthu.getByTestId('inbox-count')).toContainText('1', { timeout: 5_000 });
  await vanthu.getByRole('menuitem', { name: /Văn bản đi/ }).click();
  await vanthu.getByTestId('inbox-row').first().click();
  await vanthu.getByTestId('wf-issue').click();
  await vanthu.getByTestId('wf-ok').click();
  expect((await signer.approveNext(20_000)).username).toBe('cuong');
  await expect(vanthu.getByTestId('wf-issued')).toContainText('01/KH-UBND', { timeout: 20_000 });
  await vanthu.screenshot({ path: 'test-results/office-server-issued.png' });

  // The chuyên viên sees it issued on their screen, without reloading.
  await expect(chuyenvien.getByTestId('wf-issued')).toContainText('01/KH-UBND', { timeout: 10_000 });

  // The văn thư, also the administrator, sees the fingerprint clients compare and who is logged in from where, and
  // ends the chuyên viên's session: their page finds it over (its live stream ends with it; a reload asks again).
  const admin = vanthu;
  await admin.getByRole('menuitem', { name: /Máy chủ, phiên/ }).click();
  await expect(admin.getByTestId('server-fingerprint')).toHaveText(fingerprint);
  const row = admin.getByRole('row', { name: /Trần Thị Bình/ }).first();
  await expect(row).toContainText('127.0.0.1');
  await admin.screenshot({ path: 'test-results/office-server-sessions.png' });
  await row.getByTestId('session-end').click();
  await admin.getByRole('button', { name: 'Kết thúc', exact: true }).click();
  await expect(admin.getByText('Đã kết thúc phiên của Trần Thị Bình')).toBeVisible();
  await chuyenvien.reload();
  await expect(chuyenvien.getByTestId('login-username')).toBeVisible();
});

test('when the server goes away, the desk says so in one line, keeps what was typed, and saves once it is back', async ({ browser }) => {
  const binh = await api('binh');
  const draft = await binh.call('drafts.save', {
    draft: { ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } },
  });
  await binh.close();
  const page = await desk(browser, 'binh');
  await page.goto(`${url}#/drafting/${draft.id}`);
  await page.getByTestId('f-place').fill('Thành phố Bắc Ninh');

  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('save-draft').click();
  await expect(page.getByText('Không kết nối được máy chủ: chưa có gì được ghi').first()).toBeVisible();
  await expect(page.getByTestId('f-place')).toHaveValue('Thành phố Bắc Ninh');

  // Back on the same address: the live stream reconnects by itself, the login held (sessions are in the database).
  await startServer(new URL(url).host);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 15_000 });
  await page.getByTestId('save-draft').click();
  await expect(page.getByText(/Đã lưu bản dự thảo/)).toBeVisible();
  const check = await api('binh');
  expect((await check.call('drafts.get', { id: draft.id })).draft.place).toBe('Thành phố Bắc Ninh');
  await check.close();
});
