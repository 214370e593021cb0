import os from 'node:os';
import path from 'node:path';

/**
 * Where the database lives: --data-dir, else VANPHONG_DATA_DIR, else the per-user application data folder
 * (the same folder Electron's app.getPath('userData') gives for productName "Văn phòng điện tử" → "vanphong").
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.VANPHONG_DATA_DIR) return path.resolve(env.VANPHONG_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'vanphong');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'vanphong');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'vanphong');
  }
}
