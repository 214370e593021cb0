import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const root = path.resolve(__dirname, '../..');

/**
 * A TypeScript script bundled once (esbuild, ~0.2 s) into node_modules/.cache/vanphong-tests, for tests that spawn it
 * many times: a child then starts in plain Node in a fraction of the time `--import tsx` takes to transpile the app
 * on every start. Packages stay external and resolve from the repository's node_modules.
 */
export function bundledScript(entry: string): string {
  const r = buildSync({ entryPoints: [entry], absWorkingDir: root, bundle: true, platform: 'node', target: 'node22', format: 'esm', packages: 'external', write: false, logLevel: 'silent' });
  const code = r.outputFiles[0].contents;
  const dir = path.join(root, 'node_modules', '.cache', 'vanphong-tests');
  const file = path.join(dir, `${path.basename(entry, '.ts')}-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // Test files run side by side: written aside, then renamed, so no child loads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  }
  return file;
}
