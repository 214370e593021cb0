import path from 'node:path';
import { userConfigDir } from '../db/user-dirs';

/**
 * Where the database lives: --data-dir, else VANPHONG_DATA_DIR, else the per-user application data folder
 * (the same folder Electron's app.getPath('userData') gives for productName "Văn phòng điện tử" → "vanphong").
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.VANPHONG_DATA_DIR) return path.resolve(env.VANPHONG_DATA_DIR);
  return path.join(userConfigDir(env), 'vanphong');
}
