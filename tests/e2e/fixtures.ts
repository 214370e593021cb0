import { test as base, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Data folders' keys (encryption at rest) go to a temporary key store, never the real ~/.config/vanphong-keys; every
// process the specs spawn inherits it.
process.env.VANPHONG_KEY_DIR ??= path.join(os.tmpdir(), `vanphong-e2e-keys-${process.getuid?.() ?? 'user'}`);

export const E2E_USER = 'tester';
export const E2E_PASSWORD = 'mat-khau-thu-nghiem';

/** Logs in through the login screen, as a person would. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/**
 * Each test gets its own data folder and its own browser-mode host (the real CLI `serve`), with one account. `serve`
 * prints an address with a one-time code; `launch()` asks it for a new one (Enter on its standard input), as a person
 * opening a second window would.
 */
export interface E2eHost {
  /** The first address printed (with its one-time code): for the first page only. */
  url: string;
  origin: string;
  launch(): Promise<string>;
  dataDir: string;
  files: string;
}

/**
 * The first account (administrator, and every other role, so each spec can act as one office worker), made once per
 * Playwright worker in a template folder that each test copies: a `users add` process per test cost a second each.
 * The copy keeps the folder's id, so the key of its encryption at rest (in VANPHONG_KEY_DIR) opens it too.
 */
function makeTemplate(): string {
  const template = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-e2e-template-')), 'data');
  const made = spawnSync(process.execPath, ['bin/vanphong.cjs', 'users', 'add', E2E_USER, '--role', 'quantri,vanthu,chuyenvien,lanhdao', '--full-name', 'Người Thử Nghiệm', '--password-stdin', '--data-dir', template], {
    input: E2E_PASSWORD,
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`users add failed: ${made.stderr}`);
  return template;
}

export const test = base.extend<{ host: E2eHost; app: Page }, { template: string }>({
  template: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const template = makeTemplate();
      await use(template);
      fs.rmSync(path.dirname(template), { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  host: async ({ template }, use) => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-e2e-')), 'data');
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-e2e-files-'));
    fs.cpSync(template, dataDir, { recursive: true });
    const child: ChildProcess = spawn(process.execPath, ['bin/vanphong.cjs', 'serve', '--data-dir', dataDir, '--port', '0', '--no-open'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      // A hostile file is stopped after 2 s instead of 20 (the specs' own files are read in milliseconds).
      env: { ...process.env, VANPHONG_PARSE_TIME_MS: '2000' },
    });
    let log = '';
    let seen = 0;
    const nextUrl = () =>
      new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`serve did not print its URL: ${log}`)), 20_000);
        const check = () => {
          const all = [...log.matchAll(/URL: (http:\/\/127\.0\.0\.1:\d+\/#code=[\w-]+)/g)];
          if (all.length > seen) {
            clearTimeout(t);
            child.stdout!.off('data', check);
            resolve(all[seen++][1]);
          }
        };
        child.stdout!.on('data', check);
        check();
      });
    child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    let stopping = false;
    child.on('exit', (code, signal) => {
      if (code !== null && code !== 0) log += `\nserve exited ${code}`;
      // A host that dies under a test ("Mất kết nối tới máy chủ" on the page) says why in the test's output.
      if (!stopping) console.error(`[e2e host] serve ended during the test (code ${code}, signal ${signal}); its last output:\n${log.slice(-4000)}`);
    });
    const url = await nextUrl();
    const launch = () => {
      child.stdin!.write('\n');
      return nextUrl();
    };
    await use({ url, origin: new URL(url).origin, launch, dataDir, files });
    stopping = true;
    child.kill('SIGTERM');
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.url);
    await login(page, E2E_USER, E2E_PASSWORD);
    await use(page);
  },
});

/**
 * The host's API over HTTP, logged in as `username`, as the browser calls it (the token its page gets for a one-time
 * code, in a header; the session in a cookie): for setting up data a test is not about, in one request each instead of
 * a CLI process each.
 */
export async function hostApi(host: E2eHost, username = E2E_USER, password = E2E_PASSWORD): Promise<<T>(name: string, input: unknown) => Promise<T>> {
  const launchUrl = new URL(await host.launch());
  const exchanged = await fetch(new URL('/launch', launchUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: host.origin },
    body: JSON.stringify({ code: launchUrl.hash.replace('#code=', '') }),
  });
  const { token } = (await exchanged.json()) as { token: string };
  const post = (name: string, input: unknown, cookie = '', csrf = '') =>
    fetch(new URL(`/api/${name}`, launchUrl), { method: 'POST', headers: { 'X-Vanphong-Token': token, 'Content-Type': 'application/json', Cookie: cookie, 'X-Vanphong-Csrf': csrf }, body: JSON.stringify(input) });
  const login = await post('auth.login', { username, password });
  if (!login.ok) throw new Error(`auth.login failed: HTTP ${login.status}`);
  const cookie = String(login.headers.get('set-cookie')).split(';')[0];
  const csrf = String(login.headers.get('x-vanphong-csrf'));
  return async <T>(name: string, input: unknown): Promise<T> => {
    const r = (await (await post(name, input, cookie, csrf)).json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
}

export { expect } from '@playwright/test';
