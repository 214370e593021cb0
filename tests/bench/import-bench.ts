import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../electron/app/context';
import { dispatch } from '../../electron/api/dispatch';
import { openApp } from '../../electron/hosts/open-app';
import { finished } from '../../electron/imports/service';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import type { ImportStatus } from '../../shared/imports/schemas';
import { makePdf } from '../fixtures/make-files';
import { generatedRow, writeRegisterXlsx } from '../fixtures/old-register';
import { benchSession } from './session';

type Emit = (name: string, value: number, unit: string) => void;

/**
 * An old register brought in (issue 18): N PDFs (2–5 KB each, generated once into the temp folder and kept for the
 * next run) in year folders beside an N-row .xlsx, imported into a new data folder by a child process (so its peak
 * RSS is the import's alone: process.resourceUsage().maxRSS). Figures: import.documents_per_s, import.peak_rss_mb.
 */
export async function benchImport(emit: Emit, opts: { bundle: string; records: number }): Promise<void> {
  const src = await sourceFolder(opts.records);
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-import-bench-data-'));
  try {
    const r = spawnSync(process.execPath, ['--expose-gc', opts.bundle, '--import-child', src, data], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { docsPerS: number; peakRssMb: number; status: ImportStatus };
    if (out.status.imported !== opts.records) throw new Error(`imported ${out.status.imported} of ${opts.records}: ${JSON.stringify(out.status.problems.slice(0, 3))}`);
    emit('import.documents_per_s', out.docsPerS, 'docs/s');
    emit('import.peak_rss_mb', out.peakRssMb, 'MB');
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
}

async function sourceFolder(n: number): Promise<string> {
  const dir = path.join(os.tmpdir(), `vanphong-import-bench-src-${n}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const filler = 'Noi dung van ban quet '.repeat(40);
  for (let i = 0; i < n; i++) {
    const no = i + 1;
    const sub = path.join(dir, 'ban-quet', String(Math.floor(i / 1000)).padStart(2, '0'));
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    const name = i % 4 === 0 ? `SD-${no}.pdf` : i % 4 === 1 ? `2025-${no}.pdf` : `${no}.pdf`;
    fs.writeFileSync(path.join(sub, name), makePdf([`So den ${no}/2025 ${filler}`, filler, filler]));
  }
  await writeRegisterXlsx(path.join(dir, 'so-den-2025.xlsx'), (function* () {
    for (let i = 0; i < n; i++) yield generatedRow(i);
  })());
  fs.writeFileSync(path.join(dir, '.complete'), '');
  return dir;
}

/** The child: import the folder into a new data folder, print the figures as one JSON line. */
export async function importChild(src: string, dataDir: string): Promise<void> {
  const app: AppContext = await openApp({ dataDir, onNewKey: () => undefined, backgroundIndexing: false });
  try {
    const session = await benchSession(app);
    const t0 = performance.now();
    const r = await dispatch(app, 'imports.run', { source: { path: src } }, session);
    if (!r.ok) throw new Error(r.error.message);
    const status = await finished((r.value as ImportStatus).job);
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(`${JSON.stringify({ docsPerS: status.imported / s, peakRssMb: process.resourceUsage().maxRSS / 1024, status })}\n`);
  } finally {
    await app.close();
    await closeUntrusted();
  }
}
