import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderDocx } from '../../electron/drafting/docx-export';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { partyProgramme, planWithAppendices, statePlan, stateLetter } from '../fixtures/sample-drafts';

type TextItem = { str: string; x: number; y: number; w: number; font: string };

async function pdfPages(data: Uint8Array): Promise<TextItem[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: TextItem[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || !it.str.trim()) continue;
      items.push({ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, font: it.fontName });
    }
    pages.push(items);
  }
  await doc.destroy();
  return pages;
}

const A4_W = 595.28;
const mm = (v: number) => (v * 72) / 25.4;

describe('PDF layout engine', () => {
  it('lays out a State Kế hoạch by ND30: header columns, centred title, page numbers from page 2, signature on the right', async () => {
    const r = await renderPdf(buildPlan(draftSchema.parse(statePlan(3))));
    expect(r.pageCount).toBeGreaterThanOrEqual(3);
    const pages = await pdfPages(r.data);
    const p1 = pages[0];
    const find = (items: TextItem[], s: string) => items.find((i) => i.str.includes(s));
    // Quốc hiệu in the right column, the organ in the left one, on the same band.
    const qh = find(p1, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')!;
    const organ = find(p1, 'BAN THƯỜNG VỤ')!;
    expect(qh.x).toBeGreaterThan(mm(30) + (A4_W - mm(45)) * 0.42 - 1);
    expect(organ.x + organ.w).toBeLessThan(mm(30) + (A4_W - mm(45)) * 0.42 + 1);
    expect(Math.abs(find(p1, 'Số: 70/KH-BTVLMHTXVN')!.y - find(p1, 'ngày 07 tháng 02 năm 2026')!.y)).toBeLessThan(1);
    // The type name is centred on the text width (left 30 mm, right 15 mm).
    const title = find(p1, 'KẾ HOẠCH')!;
    expect(Math.abs(title.x + title.w / 2 - (mm(30) + (A4_W - mm(45)) / 2))).toBeLessThan(1.5);
    // Body text starts at the left margin (30 mm), never left of it, never right of the right margin.
    for (const page of pages) for (const it of page) {
      expect(it.x).toBeGreaterThanOrEqual(mm(30) - 0.5);
      expect(it.x + it.w).toBeLessThanOrEqual(A4_W - mm(15) + 0.5);
    }
    // No number on page 1; "2" centred in the top margin of page 2.
    const top = (items: TextItem[]) => items.filter((i) => i.y > 841.89 - mm(20));
    expect(top(p1)).toEqual([]);
    const n2 = top(pages[1]);
    expect(n2.map((i) => i.str)).toEqual(['2']);
    expect(Math.abs(n2[0].x + n2[0].w / 2 - A4_W / 2)).toBeLessThan(1);
    // The closing: Nơi nhận on the left, the signer on the right, on the last page, with body text before it.
    const last = pages[pages.length - 1];
    const noiNhan = find(last, 'Nơi nhận:')!;
    const name = find(last, 'Cao Xuân Thu Vân')!;
    expect(noiNhan.x).toBeLessThan(A4_W / 2);
    expect(name.x).toBeGreaterThan(A4_W / 2);
    expect(last.some((i) => i.y > noiNhan.y && i.str.includes('./.'))).toBe(true);
    // Signature and seal slots on the last page, the seal overlapping the left third of the signature.
    const sig = r.slots.find((s) => s.kind === 'signature')!;
    const seal = r.slots.find((s) => s.kind === 'seal')!;
    expect(sig.page).toBe(r.pageCount);
    expect(seal.rect[2]).toBeCloseTo(sig.rect[0] + (sig.rect[2] - sig.rect[0]) / 3, 1);
    expect(sig.rect[1]).toBeGreaterThan(name.y);
  });

  it('keeps a heading with its paragraph and never leaves the signature alone on a page', async () => {
    for (let pages = 2; pages <= 6; pages++) {
      const r = await renderPdf(buildPlan(draftSchema.parse(statePlan(pages))));
      const all = await pdfPages(r.data);
      for (const page of all) {
        const body = page.filter((i) => i.y < 841.89 - mm(20));
        const lowest = body.reduce((a, b) => (b.y < a.y ? b : a), body[0]);
        expect(/^(I|II|III|IV)\. /.test(lowest.str), `heading at the foot of a page: ${lowest.str}`).toBe(false);
      }
      const last = all[all.length - 1];
      const noiNhan = last.find((i) => i.str.includes('Nơi nhận:'))!;
      expect(last.filter((i) => i.y > noiNhan.y + 5 && i.y < 841.89 - mm(20)).length, `body lines above the signature (${pages} pages)`).toBeGreaterThanOrEqual(1);
    }
  });

  it('prints Vietnamese with the embedded Tinos font in both profiles', async () => {
    for (const d of [partyProgramme(), stateLetter()]) {
      const r = await renderPdf(buildPlan(draftSchema.parse(d)));
      const text = (await pdfPages(r.data)).flat().map((i) => i.str).join(' ');
      expect(text).toMatch(d.profile === 'party' ? /ĐẢNG CỘNG SẢN VIỆT NAM.*Số 01-CTr\/ĐU.*CHƯƠNG TRÌNH.*Đỗ Văn Chiến/s : /Kính gửi:.*Như trên/s);
      expect(Buffer.from(r.data).toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+Tinos/);
    }
  });
});

describe('phụ lục', () => {
  it('starts each phụ lục on a new page, numbered on its own, with the Roman label, title and reference line', async () => {
    const r = await renderPdf(buildPlan(draftSchema.parse(planWithAppendices())));
    const pages = await pdfPages(r.data);
    const text = (pg: TextItem[]) => pg.map((i) => i.str).join(' ');
    const first = pages.findIndex((pg) => text(pg).includes('Phụ lục I') && !text(pg).includes('Phụ lục II'));
    const second = pages.findIndex((pg) => text(pg).includes('Phụ lục II'));
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first + 1); // the table takes two pages
    expect(r.slots[0].page).toBe(first); // the signature stays on the document's last page, before the phụ lục
    const top = (pg: TextItem[]) => pg.filter((i) => i.y > 841.89 - mm(20)).map((i) => i.str);
    expect(top(pages[first])).toEqual([]);
    expect(top(pages[first + 1])).toEqual(['2']);
    expect(top(pages[second])).toEqual([]);
    expect(text(pages[first])).toContain('DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ');
    expect(text(pages[first + 1])).toMatch(/^STT Họ và tên Chức vụ, đơn vị 28 /); // the header row repeats
    expect(text(pages[first]).replace(/\s+/g, ' ')).toContain('(Kèm theo Kế hoạch số 70/KH-BTVLMHTXVN ngày 07 tháng 02 năm 2026 của Ban Thường vụ)');
  });

  it('gives each phụ lục its own DOCX section numbered from 1', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(buildPlan(draftSchema.parse(planWithAppendices()))));
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc.match(/<w:sectPr/g)).toHaveLength(3);
    expect(doc.match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(3);
    expect(doc.match(/<w:titlePg\/>/g)).toHaveLength(3);
  });
});

describe('DOCX exporter', () => {
  async function xml(d: ReturnType<typeof statePlan>, part = 'word/document.xml') {
    const zip = await JSZip.loadAsync(await renderDocx(buildPlan(draftSchema.parse(d))));
    return { doc: await zip.file(part)!.async('string'), zip };
  }

  it('sets A4, the ND30 margins, a first page without number and centred page numbers after it', async () => {
    const { doc, zip } = await xml(statePlan(3));
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(doc).toContain('<w:titlePg/>');
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    const numbered = headers.filter((h) => h.includes('PAGE'));
    expect(numbered).toHaveLength(1);
    expect(numbered[0]).toContain('<w:jc w:val="center"/>');
  });

  it('uses Times New Roman with each element’s size and weight, a justified indented body and 6 pt spacing', async () => {
    const { doc } = await xml(statePlan(1));
    expect(doc).not.toMatch(/w:ascii="(?!Times New Roman)/);
    const para = (text: string) => {
      const i = doc.indexOf(`>${text}<`);
      expect(i, text).toBeGreaterThan(0);
      return doc.slice(doc.lastIndexOf('<w:p>', i), i);
    };
    expect(para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toMatch(/<w:b\/>.*<w:sz w:val="24"\/>/s);
    expect(para('Độc lập - Tự do - Hạnh phúc')).toMatch(/<w:b\/>.*<w:sz w:val="26"\/>/s);
    expect(para('Hà Nội, ngày 07 tháng 02 năm 2026')).toMatch(/<w:i\/>.*<w:sz w:val="28"\/>/s);
    const body = para('- Bảo đảm trang trọng, thiết thực, an toàn, tiết kiệm, có trọng điểm, không phô trương, hình thức.');
    expect(body).toContain('<w:jc w:val="both"/>');
    expect(body).toMatch(/w:firstLine="720"/);
    expect(body).toMatch(/w:after="120"/);
    expect(body).toMatch(/<w:sz w:val="28"\/>/);
    expect(para('I. MỤC ĐÍCH, YÊU CẦU')).toContain('<w:keepNext/>');
    expect(para('Nơi nhận:')).toMatch(/<w:b\/>.*<w:i\/>.*<w:sz w:val="24"\/>/s);
    expect(para('- Lưu: VT, KHHT.')).toMatch(/<w:sz w:val="22"\/>/);
  });

  it('frames the độ khẩn stamp with a single border on all four sides', async () => {
    const { doc } = await xml({ ...stateLetter(), urgency: 'khan' } as ReturnType<typeof statePlan>);
    const i = doc.indexOf('>KHẨN<');
    const p = doc.slice(doc.lastIndexOf('<w:p>', i), i);
    for (const side of ['top', 'bottom', 'left', 'right']) expect(p).toMatch(new RegExp(`<w:${side} w:val="single"`));
  });
});
