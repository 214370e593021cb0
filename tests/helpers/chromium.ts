import { execSync } from 'node:child_process';

/** Debian's Chromium (no browser download): CHROMIUM_PATH, else `chromium` on PATH. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const b of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execSync(`command -v ${b}`, { encoding: 'utf8' }).trim() || undefined;
    } catch {
      /* try the next */
    }
  }
  return undefined;
}

/** The flags every end-to-end browser starts with. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
