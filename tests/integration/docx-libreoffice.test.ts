import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderDocx } from '../../electron/drafting/docx-export';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { partyProgramme, statePlan } from '../fixtures/sample-drafts';
import { pdfText } from '../helpers/pdf-text';

/** LibreOffice is an independent judge of our DOCX: it must open it and lay it out like our PDF. */
const soffice = ['soffice', 'libreoffice'].find((b) => spawnSync(b, ['--version'], { encoding: 'utf8' }).status === 0);
const reason = 'LibreOffice (soffice) is not installed here: `apt-get install libreoffice-writer-nogui` to compare our DOCX with our PDF.';
if (!soffice) console.log(`[docx-libreoffice] skipped: ${reason}`);

describe.skipIf(!soffice)('our DOCX through LibreOffice vs our PDF', () => {
  it.each([
    ['state plan, 6 pages', statePlan(6)],
    ['party programme', partyProgramme()],
  ])('%s: same page count (±1) and the same key lines in the same order', async (_name, input) => {
    const d = draftSchema.parse(input);
    const plan = buildPlan(d);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-lo-'));
    fs.writeFileSync(path.join(dir, 'doc.docx'), await renderDocx(plan));
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'doc.docx')], { stdio: 'ignore', timeout: 120_000 });
    const lo = await pdfText(new Uint8Array(fs.readFileSync(path.join(dir, 'doc.pdf'))));
    const ours = await pdfText((await renderPdf(plan)).data);
    console.log(`[docx-libreoffice] ${_name}: LibreOffice ${lo.pages} pages, ours ${ours.pages}`);
    expect(Math.abs(lo.pages - ours.pages)).toBeLessThanOrEqual(1);
    const key = d.profile === 'state'
      ? ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 70/KH-BTVLMHTXVN', 'KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU', 'II. NỘI DUNG HOẠT ĐỘNG', 'III. TỔ CHỨC THỰC HIỆN', 'Nơi nhận:', 'Cao Xuân Thu Vân']
      : ['ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 01-CTr/ĐU', 'CHƯƠNG TRÌNH', 'I. MỤC ĐÍCH, YÊU CẦU', 'II. TỔ CHỨC THỰC HIỆN', 'Nơi nhận:', 'Đỗ Văn Chiến'];
    for (const out of [lo.text, ours.text]) {
      const at = key.map((k) => out.indexOf(k));
      expect(at.every((i) => i >= 0), `missing: ${key.filter((_, i) => at[i] < 0)}`).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  }, 180_000);
});
