import path from 'node:path';
import { APP_URL } from './security';

/** Which database and which URL the desktop app opens: --data-dir, else VANPHONG_DATA_DIR, else Electron's userData. */
export function startupPlan(argv: readonly string[], env: NodeJS.ProcessEnv, userDataPath: string): { dataDir: string; url: string } {
  const i = argv.indexOf('--data-dir');
  const eq = argv.find((a) => a.startsWith('--data-dir='));
  const explicit = i >= 0 ? argv[i + 1] : eq?.slice('--data-dir='.length);
  const dataDir = explicit ? path.resolve(explicit) : env.VANPHONG_DATA_DIR ? path.resolve(env.VANPHONG_DATA_DIR) : userDataPath;
  return { dataDir, url: APP_URL };
}
