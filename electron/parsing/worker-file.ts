import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the parse worker's code is, in each way the app runs:
 * - the CLI, the browser-mode host and the office server (dist/cli/*.mjs, split into chunks): `parse-worker.mjs`
 *   beside the chunk holding this code (scripts/build.mjs builds it as an entry of the cli build);
 * - the Electron main process (dist/electron/main.cjs, where import.meta.url is shimmed to main.cjs's URL) and the
 *   benchmark (dist/bench/bench.mjs): `../cli/parse-worker.mjs`, the same file (dist/** is packaged whole);
 * - from the TypeScript sources (vitest, tsx): the entry, electron/hosts/parse-worker.ts, bundled on the spot with
 *   esbuild (a devDependency, ~0.1 s) into node_modules/.cache/vanphong/parse-worker-<hash>.mjs, packages left
 *   external, so the worker runs as plain Node (tsx inside a worker would transpile pdf.js itself: 2 s, 300 MB).
 * VANPHONG_PARSE_WORKER names the file explicitly. No file found: parsing fails closed (untrusted.ts), unless
 * VANPHONG_PARSE_IN_PROCESS=1 allows running without the limits.
 */
let sourceBuild: Promise<string> | null = null;

export async function parseWorkerFile(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (env.VANPHONG_PARSE_WORKER) return fs.existsSync(env.VANPHONG_PARSE_WORKER) ? env.VANPHONG_PARSE_WORKER : null;
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) return (sourceBuild ??= bundleFromSource(fileURLToPath(new URL('../hosts/parse-worker.ts', here))));
  for (const rel of ['./parse-worker.mjs', '../cli/parse-worker.mjs']) {
    const file = fileURLToPath(new URL(rel, here));
    if (fs.existsSync(file)) return file;
  }
  return null;
}

async function bundleFromSource(entry: string): Promise<string> {
  const root = path.resolve(path.dirname(entry), '..', '..');
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = r.outputFiles[0].contents;
  const dir = path.join(root, 'node_modules', '.cache', 'vanphong');
  const file = path.join(dir, `parse-worker-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // Test processes run side by side: write aside, then rename (atomic), so no worker loads half a file.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
    // Earlier versions of the sources left theirs: those a day old are no longer used by a running test.
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (/^parse-worker-/.test(f) && p !== file && Date.now() - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { force: true });
    }
  }
  return file;
}
