import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderDocx } from '../../electron/drafting/docx-export';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { statePlan } from '../fixtures/sample-drafts';
import { parseOfficialText } from '../../shared/drafting/parse-text';
import { fileURLToPath } from 'node:url';

type Emit = (name: string, value: number, unit: string) => void;

import { median } from './stats';

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm: fonts loaded, code compiled
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** Issue 3's figures: a 10-page plan exported warm to DOCX and PDF, and the same DOCX through LibreOffice. */
export async function benchDrafting(emit: Emit): Promise<void> {
  let size = 10;
  let d = draftSchema.parse(statePlan(size));
  let pages = (await renderPdf(buildPlan(d))).pageCount;
  while (pages < 10) {
    d = draftSchema.parse(statePlan(++size));
    pages = (await renderPdf(buildPlan(d))).pageCount;
  }
  emit('drafting.plan_pages', pages, 'pages');
  const docxMs = await timeIt(10, () => renderDocx(buildPlan(d)));
  const pdfMs = await timeIt(10, () => renderPdf(buildPlan(d)));
  emit('drafting.export_docx_10_pages', docxMs, 'ms');
  emit('drafting.export_pdf_10_pages', pdfMs, 'ms');

  // `convert` end to end (parse → validate → DOCX + PDF) on the real fixtures beside the repository when present,
  // else on our own.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const real = path.resolve(here, '../../../shared/fixtures');
  const ownDir = path.resolve(here, '../../tests/fixtures/drafting');
  const dirUsed = fs.existsSync(real) ? real : ownDir;
  for (const f of fs.readdirSync(dirUsed).filter((n) => n.endsWith('.txt'))) {
    const text = fs.readFileSync(path.join(dirUsed, f), 'utf8');
    const ms = await timeIt(5, async () => {
      const plan = buildPlan(draftSchema.parse(parseOfficialText(text).draft));
      await renderDocx(plan);
      await renderPdf(plan);
    });
    emit(`drafting.convert.${path.basename(f, '.txt')}`, ms, 'ms');
  }

  const soffice = ['soffice', 'libreoffice'].find((b) => spawnSync(b, ['--version']).status === 0);
  if (!soffice) {
    process.stderr.write('drafting: LibreOffice not installed, libreoffice figure skipped\n');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-lo-'));
  const file = path.join(dir, 'plan.docx');
  fs.writeFileSync(file, await renderDocx(buildPlan(d)));
  const profile = `-env:UserInstallation=file://${dir}/profile`;
  spawnSync(soffice, [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, file]); // warm the profile
  const lo: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    spawnSync(soffice, [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, file]);
    lo.push(performance.now() - t0);
  }
  emit('drafting.libreoffice_docx_to_pdf_10_pages', median(lo), 'ms');
  emit('drafting.pdf_speedup_vs_libreoffice', median(lo) / pdfMs, 'x');
  fs.rmSync(dir, { recursive: true, force: true });
}
