import { spawn, spawnSync } from 'node:child_process';

const CHROMIUM_LIKE = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'brave-browser'];

function which(cmd: string): string | null {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split(/\r?\n/)[0].trim() || null : null;
}

/** Opens the app in a Chromium-based browser in --app mode when one is installed, else the default browser. */
export function openBrowser(url: string): void {
  if (process.env.VANPHONG_NO_BROWSER) return;
  const detach = (cmd: string, args: string[]) => {
    try {
      const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
      child.on('error', () => undefined);
      child.unref();
      return true;
    } catch {
      return false;
    }
  };
  for (const b of CHROMIUM_LIKE) {
    const p = which(b);
    if (p) {
      const extra = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      if (detach(p, [`--app=${url}`, ...extra])) return;
    }
  }
  if (process.platform === 'darwin') detach('open', [url]);
  else if (process.platform === 'win32') detach('cmd', ['/c', 'start', '', url]);
  else detach('xdg-open', [url]);
}
