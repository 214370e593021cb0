import { buildPlan } from '../../shared/drafting/plan';
import { parseOfficialText } from '../../shared/drafting/parse-text';
import { renderDocx } from '../../electron/drafting/docx-export';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { allTemplateDocs, fixtureDocs } from '../fixtures/intake/documents';
import { compareDrafts } from '../helpers/intake-compare';
import { EXTRACTIONS, VARIANTS, extractAll, pdftotextAvailable, type Extraction } from '../helpers/intake-extract';
import { median } from './stats';

type Emit = (name: string, value: number, unit: string) => void;

/**
 * Issue 16's figure: every template (each type × State and Party) and the two real documents, exported to PDF and
 * DOCX, their text taken out five ways, imported and compared field by field with the model exported. The agreement
 * over all of them is `intake.roundtrip_field_agreement`; each differing field goes to stderr. Two more shapes of the
 * same texts (a copy in the page's drawing order, markitdown's unwrapped Markdown) get a figure of their own.
 */
export async function benchIntake(emit: Emit): Promise<void> {
  if (!pdftotextAvailable()) process.stderr.write('intake: pdftotext (poppler-utils) is not installed; its two extractions are left out\n');
  const docs = [...fixtureDocs(), ...allTemplateDocs()];
  const tally = new Map<Extraction, { agree: number; total: number }>();
  const parseMs: number[] = [];
  for (const doc of docs) {
    const plan = buildPlan(doc.draft);
    const [pdf, docx] = await Promise.all([renderPdf(plan), renderDocx(plan)]);
    const texts = await extractAll(pdf.data, docx, { variants: true });
    for (const x of [...EXTRACTIONS, ...VARIANTS]) {
      const text = texts[x];
      if (text === undefined) continue;
      const t0 = performance.now();
      const parsed = parseOfficialText(text);
      parseMs.push(performance.now() - t0);
      const c = compareDrafts(doc.draft, parsed.draft);
      const t = tally.get(x) ?? { agree: 0, total: 0 };
      t.agree += c.fields.filter((f) => f.agree).length;
      t.total += c.fields.length;
      tally.set(x, t);
      for (const d of c.differing) process.stderr.write(`intake: ${doc.name} [${x}] ${d}\n`);
    }
  }
  const sum = (xs: readonly Extraction[]) =>
    xs.reduce((a, x) => ({ agree: a.agree + (tally.get(x)?.agree ?? 0), total: a.total + (tally.get(x)?.total ?? 0) }), { agree: 0, total: 0 });
  const main = sum(EXTRACTIONS);
  emit('intake.roundtrip_field_agreement', main.total ? (100 * main.agree) / main.total : 0, '%');
  for (const x of [...EXTRACTIONS, ...VARIANTS]) {
    const t = tally.get(x);
    if (t?.total) emit(`intake.roundtrip_field_agreement.${x}`, (100 * t.agree) / t.total, '%');
  }
  emit('intake.roundtrip_documents', docs.length, 'documents');
  emit('intake.parse_median', median(parseMs), 'ms');
}
