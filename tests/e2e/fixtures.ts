import { test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Each test gets its own data folder and its own browser-mode host (the real CLI `serve`). */
export const test = base.extend<{ host: { url: string; dataDir: string; files: string }; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-e2e-'));
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-e2e-files-'));
    const child: ChildProcess = spawn(process.execPath, ['bin/vanphong.cjs', 'serve', '--data-dir', dataDir, '--port', '0', '--no-open'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`serve did not print its URL: ${log}`)), 20_000);
      child.stdout!.on('data', (c: Buffer) => {
        log += c.toString();
        const m = /URL: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(log);
        if (m) {
          clearTimeout(t);
          resolve(m[1]);
        }
      });
      child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
    });
    await use({ url, dataDir, files });
    child.kill('SIGTERM');
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.url);
    await use(page);
  },
});

export { expect } from '@playwright/test';
