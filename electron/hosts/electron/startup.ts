import { resolveDataDir } from '../../app/data-dir';
import { APP_URL } from './security';

/**
 * Which database and which URL the desktop app opens: --data-dir, else VANPHONG_DATA_DIR, else the same per-user
 * folder the CLI and browser mode use (resolveDataDir), so that all three hosts open one database. Electron's own
 * userData would be "~/.config/Văn phòng điện tử" (from productName), a different folder.
 */
export function startupPlan(argv: readonly string[], env: NodeJS.ProcessEnv): { dataDir: string; url: string } {
  const i = argv.indexOf('--data-dir');
  const eq = argv.find((a) => a.startsWith('--data-dir='));
  const explicit = i >= 0 ? argv[i + 1] : eq?.slice('--data-dir='.length);
  return { dataDir: resolveDataDir(explicit || undefined, env), url: APP_URL };
}
