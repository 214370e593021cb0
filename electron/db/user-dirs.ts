import os from 'node:os';
import path from 'node:path';

/** The per-user application data folder of the platform (%APPDATA%, ~/Library/Application Support, ~/.config). */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  }
}
