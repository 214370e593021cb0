import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { draftSchema, type DraftInput } from '../../shared/drafting/model';
import { buildPlan, plainText, type PlanTable } from '../../shared/drafting/plan';
import { renderDocx } from '../../electron/drafting/docx-export';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { statePlan } from '../fixtures/sample-drafts';
import { has } from '../helpers/tools';
import { libreOfficePdfs, soffice } from '../helpers/libreoffice';

/**
 * The weekly work schedule ("LỊCH CÔNG TÁC TUẦN") through the drafting engine: a printed title in place of the type
 * name, and a bordered table whose Thứ/ngày cell is merged down over each day's rows.
 */

const pdftotext = has('pdftotext', ['-v']);
if (!pdftotext) console.log('[drafting-table] PDF text checks skipped: pdftotext (poppler-utils) is not installed.');
if (!soffice) console.log('[drafting-table] LibreOffice check skipped: soffice is not installed.');

const DAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const HEADER = ['Thứ/ngày', 'Thời gian', 'Nội dung', 'Chủ trì', 'Thành phần', 'Địa điểm'];

/** Week 48 of 2026 (23–29/11): `perDay` rows a day, each row's content led by a token "M<day>.<row>" that never wraps. */
function weeklySchedule(days: number, perDay: number | number[], content = 'Họp giao ban công tác tuần, nghe báo cáo tình hình thực hiện nhiệm vụ'): DraftInput {
  const rows: string[][] = [HEADER];
  const rowSpans: number[][] = [HEADER.map(() => 1)];
  for (let d = 0; d < days; d++) {
    const n = Array.isArray(perDay) ? perDay[d] : perDay;
    for (let k = 0; k < n; k++) {
      rows.push([k === 0 ? `**${DAYS[d % 7]}**\n${23 + d}/11` : '', k % 2 ? '14h00' : '08h00', `M${d + 1}.${k + 1}: ${content}`, 'Đ/c Chánh Văn phòng', 'Lãnh đạo các phòng, đơn vị thuộc Văn phòng', 'Phòng họp số 1']);
      rowSpans.push([k === 0 ? n : 0, 1, 1, 1, 1, 1]);
    }
  }
  return {
    profile: 'state',
    parentOrgan: 'Ủy ban nhân dân tỉnh',
    organ: 'Văn phòng',
    organAbbr: 'VP',
    number: null,
    place: 'Bắc Ninh',
    date: '2026-11-20',
    docType: 'thong-bao',
    title: 'Lịch công tác tuần 48',
    subject: '(Từ ngày 23/11/2026 đến ngày 29/11/2026)',
    body: [{ kind: 'table', rows, header: true, rowSpans, widths: [1.8, 1.4, 5, 2.2, 3, 2], align: ['center', 'center', 'left', 'left', 'left', 'left'] }],
    signature: { authority: 'KT.', onBehalfOf: 'Chánh Văn phòng', title: 'Phó Chánh Văn phòng', name: 'Nguyễn Văn An' },
    recipients: [{ text: 'Thường trực Ủy ban nhân dân tỉnh', note: 'để b/c' }, { text: 'Các phòng, đơn vị thuộc Văn phòng' }],
    archive: ['VT', 'HCTC'],
  };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-table-'));
}

/** pdftotext -layout of the whole file, or of one page. */
function layoutText(pdf: Uint8Array, page?: number): string {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
}

const count = (s: string, re: RegExp) => (s.match(new RegExp(re.source, 'g')) ?? []).length;

async function documentXml(d: DraftInput): Promise<string> {
  const zip = await JSZip.loadAsync(await renderDocx(buildPlan(draftSchema.parse(d))));
  return zip.file('word/document.xml')!.async('string');
}

describe('the model refuses bad merged cells, saying where and why', () => {
  const issues = (table: object) => {
    const r = draftSchema.safeParse({ ...weeklySchedule(1, 1), body: [{ kind: 'table', rows: [['Ngày', 'Việc'], ['Thứ Hai', 'Họp'], ['', 'Tiếp dân']], ...table }] });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a well-formed span, and a span from the first row of a table without header', () => {
    expect(issues({ rowSpans: [[1, 1], [2, 1], [0, 1]] })).toEqual([]);
    expect(issues({ header: false, rows: [['Thứ Hai', 'Họp'], ['', 'Tiếp dân'], ['Thứ Ba', 'Họp']], rowSpans: [[2, 1], [0, 1], [1, 1]] })).toEqual([]);
  });

  it('a shape that does not match the rows', () => {
    expect(issues({ rowSpans: [[1, 1], [2, 1]] })).toEqual(['body.0.rowSpans: Ô gộp (rowSpans) có 2 dòng nhưng bảng có 3 dòng.']);
    expect(issues({ rowSpans: [[1, 1], [2], [0, 1]] })).toEqual(['body.0.rowSpans.1: Dòng 2 của ô gộp (rowSpans) có 1 ô nhưng dòng 2 của bảng có 2 ô.']);
    expect(issues({ rows: [['Ngày', 'Việc'], ['Thứ Hai'], ['', 'Tiếp dân']], rowSpans: [[1, 1], [2], [0, 1]] })).toEqual([
      'body.0.rows.1: Bảng có ô gộp thì mọi dòng phải có đủ 2 ô; dòng 2 có 1 ô.',
    ]);
  });

  it('a span running past the end of the table', () => {
    expect(issues({ rowSpans: [[1, 1], [3, 1], [0, 1]] })).toEqual(['body.0.rowSpans.1.0: Ô dòng 2, cột 1 gộp 3 dòng, vượt quá cuối bảng (chỉ còn 2 dòng).']);
  });

  it('a 0 that no span above covers, and a covered cell that is not 0', () => {
    expect(issues({ rowSpans: [[1, 1], [1, 1], [0, 1]] })).toEqual(['body.0.rowSpans.2.0: Ô dòng 3, cột 1 là 0 (bị che) nhưng không có ô gộp nào phía trên phủ tới.']);
    expect(issues({ rowSpans: [[1, 1], [2, 1], [1, 1]] })).toEqual(['body.0.rowSpans.2.0: Ô dòng 3, cột 1 nằm trong ô gộp phía trên nên phải là 0 (không được là 1).']);
  });

  it('text in a covered cell, a negative span, a span from the header row', () => {
    expect(issues({ rows: [['Ngày', 'Việc'], ['Thứ Hai', 'Họp'], ['Thứ Ba', 'Tiếp dân']], rowSpans: [[1, 1], [2, 1], [0, 1]] })).toEqual([
      'body.0.rows.2.0: Ô dòng 3, cột 1 bị ô gộp phía trên che nên phải để trống.',
    ]);
    expect(issues({ rowSpans: [[1, 1], [-1, 1], [0, 1]] })).toEqual(['body.0.rowSpans.1.0: Số dòng gộp không được âm.']);
    expect(issues({ rows: [['Ngày', 'Việc'], ['', 'Họp'], ['Thứ Ba', 'Tiếp dân']], rowSpans: [[2, 1], [0, 1], [1, 1]] })).toEqual([
      'body.0.rowSpans.0.0: Ô dòng 1, cột 1 thuộc dòng tiêu đề, không được gộp xuống các dòng dưới.',
    ]);
  });

  it('an alignment per column: as many as the columns, each left, center or right', () => {
    expect(issues({ align: ['left'] })).toEqual(['body.0.align: Căn lề có 1 cột nhưng bảng có 2 cột.']);
    expect(issues({ align: ['left', 'middle'] })).toEqual(['body.0.align.1: Căn lề cột phải là left, center hoặc right.']);
    expect(issues({ align: ['center', 'right'] })).toEqual([]);
  });

  it('a printed title of at most 200 characters', () => {
    const r = draftSchema.safeParse({ ...weeklySchedule(1, 1), title: 'x'.repeat(201) });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['title: Tiêu đề văn bản dài quá 200 ký tự.']);
  });
});

describe('the print plan of a weekly schedule', () => {
  it('prints the title in capitals in place of the type name; without a title, the type name as before', () => {
    const plan = buildPlan(draftSchema.parse(weeklySchedule(3, 3)));
    const paras = plan.flow.filter((f) => f.kind === 'para');
    expect(paras[0].role).toBe('type-name');
    expect(plainText(paras[0].runs)).toBe('LỊCH CÔNG TÁC TUẦN 48');
    expect(paras[0].runs[0].bold).toBe(true);
    expect(plan.flow.some((f) => f.kind === 'para' && plainText(f.runs) === 'THÔNG BÁO')).toBe(false);
    const number = plan.header[1].left.find((p) => p.role === 'number')!;
    expect(plainText(number.runs)).toMatch(/^Số:\s+\/TB-VP$/);
    expect(plainText(buildPlan(draftSchema.parse(statePlan(1))).flow.find((f) => f.kind === 'para')!.runs)).toBe('KẾ HOẠCH');
  });

  it('carries the spans and alignment into the table, at 11 pt for six columns', () => {
    const plan = buildPlan(draftSchema.parse(weeklySchedule(3, 3)));
    const t = plan.flow.find((f): f is PlanTable => f.kind === 'table')!;
    expect(t.rowSpans!.map((r) => r[0])).toEqual([1, 3, 0, 0, 3, 0, 0, 3, 0, 0]);
    expect(t.align).toEqual(['center', 'center', 'left', 'left', 'left', 'left']);
    expect(t.size).toBe(11);
    expect(t.rows[1][0]).toEqual([{ text: 'Thứ Hai', bold: true }, { text: '\n23/11' }]);
    // A table of fewer columns keeps one point under the body.
    const narrow = buildPlan(draftSchema.parse({ ...statePlan(1), body: [{ kind: 'table', rows: [['STT', 'Nội dung']] }] }));
    expect((narrow.flow.find((f) => f.kind === 'table') as PlanTable).size).toBe(13);
  });
});

describe.skipIf(!pdftotext)('PDF: merged cells', () => {
  it('prints each day once, on a merged cell, with the title and the number line', async () => {
    const r = await renderPdf(buildPlan(draftSchema.parse(weeklySchedule(3, 3))));
    expect(r.pageCount).toBe(1);
    const text = layoutText(r.data);
    for (const [i, day] of ['Thứ Hai', 'Thứ Ba', 'Thứ Tư'].entries()) {
      expect(count(text, new RegExp(day)), day).toBe(1);
      expect(count(text, new RegExp(`\\b${23 + i}/11(?!/)`)), `${23 + i}/11`).toBe(1);
    }
    expect(text).toContain('LỊCH CÔNG TÁC TUẦN 48');
    expect(text).toContain('(Từ ngày 23/11/2026 đến ngày 29/11/2026)');
    expect(text).not.toContain('THÔNG BÁO');
    expect(text).toMatch(/Số:\s+\/TB-VP/);
    // The day's label is centred down its rows: on the line of the middle row's content, not the first.
    const lines = text.split('\n');
    const label = lines.findIndex((l) => l.includes('Thứ Hai'));
    expect(label).toBeGreaterThan(lines.findIndex((l) => l.includes('M1.1:')));
    expect(label).toBeLessThan(lines.findIndex((l) => l.includes('M1.3:')));
  });

  it('keeps a day on one page when the table runs over two, and repeats the header row', async () => {
    const d = weeklySchedule(5, 4);
    const r = await renderPdf(buildPlan(draftSchema.parse(d)));
    expect(r.pageCount).toBeGreaterThanOrEqual(2);
    const pages = Array.from({ length: r.pageCount }, (_, i) => layoutText(r.data, i + 1));
    const pageOf = (token: string) => pages.flatMap((p, i) => (p.includes(token) ? [i + 1] : []));
    let split = false;
    for (let day = 1; day <= 5; day++) {
      const where = new Set([1, 2, 3, 4].flatMap((k) => pageOf(`M${day}.${k}:`)));
      expect([...where], `day ${day}`).toHaveLength(1);
      const [page] = where;
      expect(pageOf(DAYS[day - 1]), `label of day ${day}`).toEqual([page]);
      if (page > 1) split = true;
    }
    expect(split).toBe(true);
    // The day at the top of page 2 began there, under the repeated header row.
    const page2 = layoutText(r.data, 2);
    expect(page2).toMatch(/Thời\s+Nội dung\s+Chủ trì\s+Thành phần\s+Địa điểm/);
    expect(page2.indexOf('Nội dung')).toBeLessThan(page2.search(/M\d\.1:/));
  });

  it('splits a day taller than a page, repeating its label on the next page', async () => {
    const r = await renderPdf(buildPlan(draftSchema.parse(weeklySchedule(2, [26, 2]))));
    expect(r.pageCount).toBeGreaterThanOrEqual(2);
    const p1 = layoutText(r.data, 1);
    const p2 = layoutText(r.data, 2);
    expect(p1).toContain('M1.1:');
    expect(p2).toContain('M1.26:');
    expect(count(p1, /Thứ Hai/)).toBe(1);
    expect(count(p2, /Thứ Hai/)).toBe(1);
    expect(p2).toMatch(/Thời\s+Nội dung/);
  });

  it('moves only what follows the table with the closing block: never a line from above the table', async () => {
    // Five days of two rows fill page 1; the closing takes "./." to page 2, the trích yếu stays above the table.
    const r = await renderPdf(buildPlan(draftSchema.parse(weeklySchedule(5, 2))));
    expect(r.pageCount).toBe(2);
    const [p1, p2] = [layoutText(r.data, 1), layoutText(r.data, 2)];
    expect(p1).toContain('(Từ ngày 23/11/2026 đến ngày 29/11/2026)');
    expect(p1).toContain('M5.2:');
    expect(p2).not.toContain('(Từ ngày');
    expect(p2).toMatch(/\.\/\.[\s\S]*Nơi nhận:/);
    expect(r.slots.find((s) => s.kind === 'signature')!.page).toBe(2);
  });

  it('breaks a word too wide for its column inside the column', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const d = weeklySchedule(1, 2);
    const table = d.body![0] as Extract<NonNullable<DraftInput['body']>[number], { kind: 'table' }>;
    table.widths = [1, 1.4, 5, 2.2, 3, 2];
    const r = await renderPdf(buildPlan(draftSchema.parse(d)));
    const doc = await pdfjs.getDocument({ data: new Uint8Array(r.data), isEvalSupported: false, verbosity: 0 }).promise;
    const items = (await (await doc.getPage(1)).getTextContent()).items.filter((it) => 'str' in it && it.str.trim()) as { str: string; transform: number[]; width: number }[];
    await doc.destroy();
    const left = (30 * 72) / 25.4;
    const col = (595.28 - (45 * 72) / 25.4) / 14.6;
    // Below the title and the line under it: the first column of the table.
    const below = items.find((it) => it.str.includes('(Từ ngày'))!.transform[5] - 5;
    const above = items.find((it) => it.str.includes('./.'))!.transform[5] + 5;
    const cut = items.filter((it) => it.transform[4] < left + col && it.transform[5] < below && it.transform[5] > above);
    expect(cut.map((it) => it.str)).toContain('Thứ/');
    for (const it of cut) expect(it.transform[4] + it.width, it.str).toBeLessThanOrEqual(left + col + 0.5);
  });
});

describe('DOCX: merged cells', () => {
  it('writes vMerge restart/continue down each day, centred, kept together, the label on two lines', async () => {
    const doc = await documentXml(weeklySchedule(3, 3));
    const start = doc.indexOf('<w:tbl>', doc.indexOf('<w:tbl>') + 1);
    const table = doc.slice(start, doc.indexOf('</w:tbl>', start));
    const rows = table.split('<w:tr>').slice(1);
    expect(rows).toHaveLength(10);
    const firstCell = (row: string) => row.slice(row.indexOf('<w:tc>'), row.indexOf('</w:tc>'));
    const merge = rows.map((r) => firstCell(r).match(/<w:vMerge w:val="(\w+)"\/>/)?.[1] ?? '-');
    expect(merge).toEqual(['-', 'restart', 'continue', 'continue', 'restart', 'continue', 'continue', 'restart', 'continue', 'continue']);
    for (const r of rows.slice(1)) expect(firstCell(r)).toContain('<w:vAlign w:val="center"/>');
    // Every row of a day but its last is kept with the next; each row has six cells (docx adds none of its own).
    expect(rows.map((r) => firstCell(r).includes('<w:keepNext/>'))).toEqual([false, true, true, false, true, true, false, true, true, false]);
    for (const r of rows) expect(r.match(/<w:tc>/g)).toHaveLength(6);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(firstCell(rows[1])).toMatch(/>Thứ Hai<\/w:t><\/w:r><w:r>.*<w:br\/><w:t xml:space="preserve">23\/11</s);
    expect(rows[1]).toMatch(/<w:jc w:val="center"\/>.*08h00/s);
    // The title replaces the type name; the number line keeps the type's ký hiệu.
    expect(doc).toContain('>LỊCH CÔNG TÁC TUẦN 48<');
    expect(doc).not.toContain('>THÔNG BÁO<');
    const text = [...doc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toMatch(/Số:\s+\/TB-VP/);
  });

  it('does not keep together a day taller than a page', async () => {
    const doc = await documentXml(weeklySchedule(2, [26, 2]));
    const start = doc.indexOf('<w:tbl>', doc.indexOf('<w:tbl>') + 1);
    const rows = doc.slice(start, doc.indexOf('</w:tbl>', start)).split('<w:tr>').slice(1);
    expect(rows.slice(1, 27).some((r) => r.includes('<w:keepNext/>'))).toBe(false);
    expect(rows[27]).toContain('<w:keepNext/>');
  });

  it('turns a line break inside a paragraph into <w:br/>', async () => {
    const doc = await documentXml({ ...statePlan(1), body: [{ kind: 'paragraph', text: 'Dòng một\nDòng hai.' }] });
    expect(doc).toMatch(/>Dòng một<\/w:t><\/w:r><w:r>.*?<w:br\/><w:t xml:space="preserve">Dòng hai\.\/\.</s);
  });
});

describe.skipIf(!soffice || !pdftotext)('DOCX through LibreOffice', () => {
  it('opens the weekly schedule and prints each day once', async () => {
    const d = weeklySchedule(5, 4);
    const plan = buildPlan(draftSchema.parse(d));
    const { lich } = libreOfficePdfs({ lich: await renderDocx(plan) });
    const lo = new Uint8Array(fs.readFileSync(lich));
    const text = layoutText(lo);
    expect(text).toContain('LỊCH CÔNG TÁC TUẦN 48');
    expect(text).toMatch(/Số:\s+\/TB-VP/);
    for (const day of DAYS.slice(0, 5)) expect(count(text, new RegExp(day)), day).toBe(1);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [lich], { encoding: 'utf8' }))![1]);
    const ours = (await renderPdf(plan)).pageCount;
    expect(Math.abs(pages - ours)).toBeLessThanOrEqual(1);
    // Each day on one page there too (each page read once).
    const pageTexts = Array.from({ length: pages }, (_, i) => layoutText(lo, i + 1));
    for (let day = 1; day <= 5; day++) {
      const where = new Set<number>();
      for (let p = 1; p <= pages; p++) for (let k = 1; k <= 4; k++) if (pageTexts[p - 1].includes(`M${day}.${k}:`)) where.add(p);
      expect([...where], `day ${day}`).toHaveLength(1);
    }
  }, 180_000);
});
