import './check-node.mjs';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const quiet = process.argv.includes('--quiet');
const t0 = Date.now();

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};

// Node hosts: the CLI / browser-mode host (ESM) and the benchmark. node_modules stay external.
await build({
  ...common,
  entryPoints: { 'cli/main': 'electron/hosts/cli/entry.ts', 'bench/bench': 'tests/bench/bench.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  packages: 'external',
});

// Electron main (CJS, the form Electron loads most simply), with an import.meta.url shim for shared code.
await build({
  ...common,
  entryPoints: { 'electron/main': 'electron/hosts/electron/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  packages: 'external',
  define: { ...common.define, 'import.meta.url': '__vanphong_import_meta_url' },
  banner: { js: "const __vanphong_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});

// Sandboxed preload: may require only 'electron'; everything else is bundled in.
await build({
  ...common,
  entryPoints: { 'electron/preload': 'electron/hosts/electron/preload.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  external: ['electron'],
});

await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
console.log(`build: dist/ ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
