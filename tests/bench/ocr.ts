import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { draftSchema, type DraftInput } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { recogniseFile } from '../../electron/ocr/recognise';
import { rotateSmall, toGray } from '../../electron/ocr/preprocess';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import { partyProgramme, planWithAppendices, stateLetter, statePlan } from '../fixtures/sample-drafts';
import { rng } from './corpus';
import { percentile } from './stats';

type Emit = (name: string, value: number, unit: string) => void;

/**
 * Issue 16: OCR on our own documents. Drafts of several types are exported to PDF with our exporter; their text
 * layer (pdftotext -layout: the columns of a line side by side, as the engine reads them) is the reference. Each page
 * is rendered at 200 and 300 dpi with pdftoppm, and a degraded copy of the 300 dpi page is made here (grain, a 1.5°
 * turn, JPEG at quality 40). Every image goes through recogniseFile as the app runs it (parse worker, one page per
 * task). CER = edit distance / reference length, over all pages of a variant, after NFC and collapsing whitespace.
 * `ocr.refs_exact`: the share of số, ký hiệu and dates of the references found exactly in the degraded pages' text.
 * Needs pdftoppm and pdftotext (poppler-utils); without them the section says so and emits nothing.
 */
const DOCS: [string, () => DraftInput][] = [
  ['ke-hoach', () => statePlan(2)],
  ['chuong-trinh', partyProgramme],
  ['cong-van', () => ({ ...stateLetter(), number: 15, date: '2026-03-12' })],
  ['phu-luc', planWithAppendices],
];

const normal = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Levenshtein distance over UTF-16 units (Vietnamese NFC letters are one unit each), two rows. */
export function editDistance(a: string, b: string): number {
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, sub);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Grain (±24 grey levels), a 1.5° turn, and JPEG at quality 40: a page as an office scanner or phone leaves it. */
export function degrade(png: Uint8Array, seed: number): Uint8Array {
  const p = PNG.sync.read(Buffer.from(png));
  let g = toGray(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.length), p.width, p.height, 4);
  g = rotateSmall(g, 1.5);
  const r = rng(seed);
  const rgba = Buffer.alloc(g.width * g.height * 4);
  for (let i = 0; i < g.data.length; i++) {
    const v = Math.max(0, Math.min(255, g.data[i] + Math.round((r() - 0.5) * 48)));
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data: rgba, width: g.width, height: g.height }, 40).data);
}

const has = (cmd: string) => spawnSync(cmd, ['-v']).error === undefined;

export async function benchOcr(emit: Emit): Promise<void> {
  if (!has('pdftoppm') || !has('pdftotext')) {
    process.stderr.write('ocr: pdftoppm/pdftotext (poppler-utils) not found — OCR figures skipped\n');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-ocr-bench-'));
  const variants: Record<'300dpi' | '200dpi' | 'degraded', { edits: number; length: number }> = {
    '300dpi': { edits: 0, length: 0 },
    '200dpi': { edits: 0, length: 0 },
    degraded: { edits: 0, length: 0 },
  };
  const ms300: number[] = [];
  let refs = 0;
  let refsFound = 0;
  try {
    for (const [name, make] of DOCS) {
      const pdf = await renderPdf(buildPlan(draftSchema.parse(make())));
      const file = path.join(dir, `${name}.pdf`);
      fs.writeFileSync(file, pdf.data);
      for (let page = 1; page <= pdf.pageCount; page++) {
        const ref = normal(spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout);
        if (!ref) continue;
        const png = (dpi: number) => {
          const out = path.join(dir, `${name}-${page}-${dpi}`);
          spawnSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', file, out]);
          return new Uint8Array(fs.readFileSync(`${out}.png`));
        };
        const at300 = png(300);
        const images: [keyof typeof variants, string, Uint8Array][] = [
          ['300dpi', 'png', at300],
          ['200dpi', 'png', png(200)],
          ['degraded', 'jpg', degrade(at300, page * 7919 + name.length)],
        ];
        for (const [variant, ext, data] of images) {
          const r = await recogniseFile({ data, name: `${name}-${page}.${ext}` });
          const got = normal(r.text);
          const edits = editDistance(ref, got);
          variants[variant].edits += edits;
          variants[variant].length += ref.length;
          if (variant === '300dpi') ms300.push(r.pages[0]?.ms ?? 0);
          if (variant === 'degraded') {
            // Số, ký hiệu ("Số: 15/SNV-VP", "Số 01-CTr/ĐU") and dates ("ngày 12 tháng 3 năm 2026") as printed.
            const wanted = [...ref.matchAll(/Số:? ?(\d+[^\s,;]*\/[^\s,;]+)|ngày \d{1,2} tháng \d{1,2} năm \d{4}/g)].map((m) => m[1] ?? m[0]);
            refs += wanted.length;
            refsFound += wanted.filter((w) => got.includes(w)).length;
          }
          const p = r.pages[0];
          process.stderr.write(
            `ocr ${name} p${page} ${variant.padEnd(8)} ${String(p?.ms ?? 0).padStart(6)} ms conf ${String(p?.confidence ?? 0).padStart(3)} ` +
              `rot ${p?.rotation ?? 0} skew ${p?.skew ?? 0} CER ${((100 * edits) / ref.length).toFixed(2)} %\n`,
          );
        }
      }
    }
  } finally {
    await closeUntrusted();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const cer = (v: keyof typeof variants) => (100 * variants[v].edits) / Math.max(1, variants[v].length);
  emit('ocr.cer_300dpi', cer('300dpi'), '%');
  emit('ocr.cer_200dpi', cer('200dpi'), '%');
  emit('ocr.cer_degraded', cer('degraded'), '%');
  emit('ocr.page_ms_p50', percentile(ms300, 50), 'ms');
  if (refs) emit('ocr.refs_exact', (100 * refsFound) / refs, '%');
}
