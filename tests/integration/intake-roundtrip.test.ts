import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../shared/drafting/plan';
import { parseOfficialText } from '../../shared/drafting/parse-text';
import { renderDocx } from '../../electron/drafting/docx-export';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { fixtureDocs, templateDoc, type IntakeDoc } from '../fixtures/intake/documents';
import { compareDrafts } from '../helpers/intake-compare';
import { EXTRACTIONS, extractAll, pdftotextAvailable, type Extraction } from '../helpers/intake-extract';

/*
 * The importer reads back what we export, whatever shape the text takes on the way: each document is exported once
 * to PDF and DOCX, its text taken out five ways (a PDF viewer's copy, pdftotext, pdftotext -layout, mammoth's raw
 * text, a converter's Markdown), imported, and compared field by field with the model that was exported. The full
 * matrix (every type of both profiles) is in the bench (tests/bench/intake-roundtrip.ts).
 */
const DOCS: IntakeDoc[] = [
  ...fixtureDocs(),
  templateDoc('state', 'quyet-dinh'),
  templateDoc('state', 'cong-van'),
  templateDoc('party', 'ke-hoach'),
  templateDoc('party', 'to-trinh'),
];

if (!pdftotextAvailable()) console.log('intake round trip: pdftotext (poppler-utils) is not installed; its two extractions are skipped');

const texts = new Map<string, Partial<Record<Extraction, string>>>();

beforeAll(async () => {
  for (const doc of DOCS) {
    const plan = buildPlan(doc.draft);
    const [pdf, docx] = await Promise.all([renderPdf(plan), renderDocx(plan)]);
    texts.set(doc.name, await extractAll(pdf.data, docx));
  }
});

describe.each(DOCS.map((d) => [d.name, d] as const))('intake round trip: %s', (_name, doc) => {
  it.each(EXTRACTIONS.map((x) => [x]))('reads back every field from its %s text', (x) => {
    const text = texts.get(doc.name)?.[x];
    if (text === undefined) {
      console.log(`${doc.name} [${x}]: skipped, pdftotext is not installed`);
      return;
    }
    const r = parseOfficialText(text);
    const c = compareDrafts(doc.draft, r.draft);
    if (c.differing.length) console.log(`${doc.name} [${x}] differs:\n  ${c.differing.join('\n  ')}`);
    expect(c.differing).toEqual([]);
    expect(c.fields.length).toBeGreaterThanOrEqual(25);
  });
});

describe('a Quyết định and a compound title as printed', () => {
  const A4_W = 595.28;
  const mm = (v: number) => (v * 72) / 25.4;
  const centre = mm(30) + (A4_W - mm(45)) / 2;

  it('centres the thẩm quyền above the căn cứ and "QUYẾT ĐỊNH:" under them, in bold, in the PDF and the DOCX', async () => {
    const d = templateDoc('state', 'quyet-dinh').draft;
    expect(d.competence).toBe('Giám đốc Sở Nội vụ');
    const plan = buildPlan(d);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: (await renderPdf(plan)).data, isEvalSupported: false, verbosity: 0 }).promise;
    const items = (await (await doc.getPage(1)).getTextContent()).items.flatMap((it) => ('str' in it && it.str.trim() ? [{ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width }] : []));
    await doc.destroy();
    const at = (s: string) => items.find((i) => i.str === s)!;
    for (const s of ['GIÁM ĐỐC SỞ NỘI VỤ', 'QUYẾT ĐỊNH:']) expect(Math.abs(at(s).x + at(s).w / 2 - centre), s).toBeLessThan(1.5);
    const firstBasis = items.find((i) => i.str.startsWith('Căn cứ Luật'))!;
    const article = items.find((i) => i.str.startsWith('Điều 1.'))!;
    expect(at('GIÁM ĐỐC SỞ NỘI VỤ').y).toBeGreaterThan(firstBasis.y);
    expect(at('QUYẾT ĐỊNH:').y).toBeLessThan(items.find((i) => i.str.startsWith('Theo đề nghị'))!.y);
    expect(at('QUYẾT ĐỊNH:').y).toBeGreaterThan(article.y);
    const xml = await (await JSZip.loadAsync(await renderDocx(plan))).file('word/document.xml')!.async('string');
    for (const s of ['GIÁM ĐỐC SỞ NỘI VỤ', 'QUYẾT ĐỊNH:']) {
      const i = xml.indexOf(`>${s}<`);
      expect(i, s).toBeGreaterThan(0);
      expect(xml.slice(xml.lastIndexOf('<w:p>', i), i)).toMatch(/<w:jc w:val="center"\/>.*<w:b\/>/s);
    }
  });

  it('prints a compound title as written and reads it back with the type', async () => {
    const d = { ...templateDoc('party', 'chuong-trinh').draft, title: 'Chương trình hành động' };
    const plan = buildPlan(d);
    const text = (await extractAll((await renderPdf(plan)).data, await renderDocx(plan))).mammoth!;
    expect(text).toContain('CHƯƠNG TRÌNH HÀNH ĐỘNG');
    const r = parseOfficialText(text).draft;
    expect([r.docType, r.title, r.subject]).toEqual(['chuong-trinh', 'CHƯƠNG TRÌNH HÀNH ĐỘNG', d.subject]);
  });
});

describe('the comparison itself', () => {
  it('reports a field that differs, with both values', () => {
    const doc = DOCS[2];
    const changed = { ...doc.draft, competence: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH', signature: { ...doc.draft.signature, name: 'Lê Văn Tám' } };
    const c = compareDrafts(doc.draft, changed);
    expect(c.differing.map((d) => d.split(':')[0])).toEqual(['competence', 'signature.name']);
    expect(c.agreement).toBeCloseTo((c.fields.length - 2) / c.fields.length, 5);
  });

  it('compares a model with itself as agreeing on every field', () => {
    for (const doc of DOCS) expect(compareDrafts(doc.draft, doc.draft).differing).toEqual([]);
  });
});
