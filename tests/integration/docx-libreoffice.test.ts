import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderDocx } from '../../electron/drafting/docx-export';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { partyProgramme, statePlan } from '../fixtures/sample-drafts';
import { pdfText } from '../helpers/pdf-text';
import { libreOfficePdfs, soffice } from '../helpers/libreoffice';

/** LibreOffice is an independent judge of our DOCX: it must open it and lay it out like our PDF. */
const reason = 'LibreOffice (soffice) is not installed here: `apt-get install libreoffice-writer-nogui` to compare our DOCX with our PDF.';
if (!soffice) console.log(`[docx-libreoffice] skipped: ${reason}`);

const DOCS = {
  state: { name: 'state plan, 6 pages', input: statePlan(6), key: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 70/KH-BTVLMHTXVN', 'KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU', 'II. NỘI DUNG HOẠT ĐỘNG', 'III. TỔ CHỨC THỰC HIỆN', 'Nơi nhận:', 'Cao Xuân Thu Vân'] },
  party: { name: 'party programme', input: partyProgramme(), key: ['ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 01-CTr/ĐU', 'CHƯƠNG TRÌNH', 'I. MỤC ĐÍCH, YÊU CẦU', 'II. TỔ CHỨC THỰC HIỆN', 'Nơi nhận:', 'Đỗ Văn Chiến'] },
};
type Doc = keyof typeof DOCS;

describe.skipIf(!soffice)('our DOCX through LibreOffice vs our PDF', () => {
  const plans = { state: buildPlan(draftSchema.parse(DOCS.state.input)), party: buildPlan(draftSchema.parse(DOCS.party.input)) };
  let converted: Record<Doc, string>;
  // Both documents in one LibreOffice run.
  beforeAll(async () => {
    converted = libreOfficePdfs({ state: await renderDocx(plans.state), party: await renderDocx(plans.party) });
  }, 180_000);

  it.each((Object.keys(DOCS) as Doc[]).map((doc) => [DOCS[doc].name, doc] as const))('%s: same page count (±1) and the same key lines in the same order', async (name, doc) => {
    const { key } = DOCS[doc];
    const lo = await pdfText(new Uint8Array(fs.readFileSync(converted[doc])));
    const ours = await pdfText((await renderPdf(plans[doc])).data);
    console.log(`[docx-libreoffice] ${name}: LibreOffice ${lo.pages} pages, ours ${ours.pages}`);
    expect(Math.abs(lo.pages - ours.pages)).toBeLessThanOrEqual(1);
    for (const out of [lo.text, ours.text]) {
      const at = key.map((k) => out.indexOf(k));
      expect(at.every((i) => i >= 0), `missing: ${key.filter((_, i) => at[i] < 0)}`).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });
});
