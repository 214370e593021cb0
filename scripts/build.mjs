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

// The CLI / browser-mode host (ESM, node_modules external), split so that each command loads only its own code:
// the modules behind a dynamic import() become chunks beside main.mjs (serve finds ../renderer from any of them).
const cli = await build({
  ...common,
  // cpu-worker: the office server's worker threads (hosts/server/cpu-pool.ts finds it beside the chunks).
  // parse-worker: untrusted files are parsed there (electron/parsing/worker-file.ts finds it beside the chunks, and
  // from dist/electron/main.cjs and dist/bench/bench.mjs as ../cli/parse-worker.mjs).
  entryPoints: {
    main: 'electron/hosts/cli/entry.ts',
    'cpu-worker': 'electron/hosts/server/cpu-worker.ts',
    'parse-worker': 'electron/hosts/parse-worker.ts',
  },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  format: 'esm',
  splitting: true,
  metafile: true,
  packages: 'external',
});
pruneStaleChunks('dist/cli', cli.metafile);

// The benchmark: one file, which spawns itself for its worker processes.
await build({
  ...common,
  entryPoints: { 'bench/bench': 'tests/bench/bench.ts' },
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

/** Chunk names carry a content hash: remove the ones an earlier build left that this build no longer writes. */
function pruneStaleChunks(dir, metafile) {
  const written = new Set(Object.keys(metafile.outputs).map((o) => path.resolve(root, o)));
  for (const f of fs.readdirSync(path.join(root, dir))) {
    const p = path.join(root, dir, f);
    if (/\.mjs(\.map)?$/.test(f) && !written.has(p)) fs.rmSync(p, { force: true });
  }
}

