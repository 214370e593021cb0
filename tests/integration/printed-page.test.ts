import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { draftSchema, type DraftDocument, type DraftInput } from '../../shared/drafting/model';
import { buildPlan, type DocumentPlan } from '../../shared/drafting/plan';
import type { Meeting, ScheduleSettings } from '../../shared/meetings/schemas';
import { renderDocx } from '../../electron/drafting/docx-export';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { textWidth } from '../../electron/drafting/fonts';
import { fitHeader, MIN_LEFT_SHARE } from '../../electron/drafting/header-layout';
import { weekDocument } from '../../electron/meetings/week-document';
import { stateLetter, statePlan } from '../fixtures/sample-drafts';

/**
 * The printed page as a reader sees it (issue 15, items 13–17): positions of text and rules read back from our PDF
 * with pdf.js, and the paragraph properties of our DOCX, for the layouts that went wrong: a wrapped organ name, the
 * weekly schedule's closing, widows, a Kính gửi list, a Quốc hiệu in a narrow column.
 */

type Item = { str: string; x: number; y: number; w: number; font: string };
/** A horizontal rule, PDF user space (y up). */
type Rule = { x1: number; x2: number; y: number };

const A4_W = 595.28;
const mm = (v: number) => (v * 72) / 25.4;
const LEFT = mm(30);
const TEXT_W = A4_W - mm(45);

/** Text items (baselines) and horizontal rules of each page. */
async function pdfLayout(data: Uint8Array): Promise<{ items: Item[]; rules: Rule[] }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: { items: Item[]; rules: Rule[] }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const items: Item[] = [];
    for (const it of (await page.getTextContent()).items) {
      if (!('str' in it) || !it.str.trim()) continue;
      items.push({ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, font: it.fontName });
    }
    // Rules are paths of one segment (a moveTo and a lineTo at the same height); the transform stack is followed.
    const ops = await page.getOperatorList();
    const rules: Rule[] = [];
    let ctm = [1, 0, 0, 1, 0, 0];
    const stack: number[][] = [];
    const mul = (a: number[], b: number[]) => [
      a[0] * b[0] + a[1] * b[2],
      a[0] * b[1] + a[1] * b[3],
      a[2] * b[0] + a[3] * b[2],
      a[2] * b[1] + a[3] * b[3],
      a[4] * b[0] + a[5] * b[2] + b[4],
      a[4] * b[1] + a[5] * b[3] + b[5],
    ];
    const at = (x: number, y: number) => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
    ops.fnArray.forEach((fn, k) => {
      const args = ops.argsArray[k] as unknown[];
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === pdfjs.OPS.transform) ctm = mul(args as number[], ctm);
      else if (fn === pdfjs.OPS.constructPath) {
        const d = Array.from((args[1] as ArrayLike<number>[])[0] ?? []);
        // moveTo (0) x y, lineTo (1) x y: one segment.
        if (d.length === 6 && d[0] === 0 && d[3] === 1 && Math.abs(d[2] - d[5]) < 0.01) {
          const [x1, y] = at(d[1], d[2]);
          const [x2] = at(d[4], d[5]);
          rules.push({ x1: Math.min(x1, x2), x2: Math.max(x1, x2), y });
        }
      }
    });
    pages.push({ items, rules });
  }
  await doc.destroy();
  return pages;
}

const pdfOf = async (plan: DocumentPlan) => pdfLayout((await renderPdf(plan)).data);
async function docxOf(plan: DocumentPlan): Promise<string> {
  const zip = await JSZip.loadAsync(await renderDocx(plan));
  return zip.file('word/document.xml')!.async('string');
}
/** The <w:p> elements of a piece of document.xml, with their text. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p\/>/gs)].map((m) => ({ xml: m[0], text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('') }));
const attr = (xml: string, el: string, name: string): number | null => {
  const m = new RegExp(`<w:${el}\\b[^>]*\\bw:${name}="(-?\\d+)"`).exec(xml);
  return m ? Number(m[1]) : null;
};
/** The cells of the first table (the header): [row][cell] → inner xml. */
function headerCells(xml: string): { cells: string[][]; grid: number[] } {
  const tbl = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
  const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
  const cells = tbl
    .split('<w:tr>')
    .slice(1)
    .map((row) => row.split('<w:tc>').slice(1));
  return { cells, grid };
}

/** Organ names that wrap to one, two and three lines in the left header column. */
const ORGANS = [
  { lines: 1, parentOrgan: 'Liên minh Hợp tác xã Việt Nam', organ: 'Ban Thường vụ' },
  // The longest organ name of the directory fixture (tests/fixtures/recipients, recipients-import tests).
  { lines: 2, parentOrgan: 'Liên minh Hợp tác xã Việt Nam', organ: 'Trung tâm Hỗ trợ phát triển hợp tác xã' },
  { lines: 3, parentOrgan: 'Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu', organ: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Bà Rịa – Vũng Tàu' },
];

const WEEK_MONDAY_MS = Date.parse('2026-11-23T08:00:00+07:00');
function meeting(id: number, day: number, title: string): Meeting {
  const startMs = WEEK_MONDAY_MS + day * 86_400_000;
  const iso = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00';
  return {
    id,
    uid: `m${id}@test`,
    recurrenceId: null,
    recurrence: null,
    title,
    content: 'Nghe báo cáo tình hình thực hiện nhiệm vụ tuần',
    start: iso(startMs),
    end: iso(startMs + 2 * 3600_000),
    startMs,
    endMs: startMs + 2 * 3600_000,
    allDay: false,
    room: { id: 1, name: 'Phòng họp số 1' },
    location: '',
    chair: null,
    participants: [],
    prepareUnit: '',
    links: [],
    status: 'chinh-thuc',
    statusReason: null,
    reminderMinutes: null,
    conflictReason: null,
    sequence: 0,
    createdBy: null,
    createdById: null,
    updatedAt: '2026-11-20T00:00:00Z',
  };
}
function weekly(o: Partial<ScheduleSettings> = {}): DraftDocument {
  const settings: ScheduleSettings = {
    profile: 'state',
    parentOrgan: 'Ủy ban nhân dân tỉnh Bắc Ninh',
    organ: 'Văn phòng',
    organAbbr: 'VP',
    place: 'Bắc Ninh',
    whose: 'của Lãnh đạo Ủy ban nhân dân tỉnh',
    signature: { authority: '', onBehalfOf: '', title: 'Chánh Văn phòng', name: 'Hoàng Văn Em' },
    recipients: ['Thường trực Tỉnh ủy', 'Các sở, ban, ngành'],
    ...o,
  };
  return weekDocument('2026-W48', [meeting(1, 0, 'Giao ban Lãnh đạo Ủy ban nhân dân tỉnh'), meeting(2, 2, 'Làm việc với Sở Tài chính')], settings, '2026-11-20');
}

describe('item 13: the rule under the organ name keeps its place whatever the wrap', () => {
  const cases = ORGANS.flatMap((o) => [
    { name: `State plan, organ on ${o.lines} line(s)`, draft: () => draftSchema.parse({ ...statePlan(1), parentOrgan: o.parentOrgan, organ: o.organ }) },
    { name: `weekly schedule, organ on ${o.lines} line(s)`, draft: () => weekly({ parentOrgan: o.parentOrgan, organ: o.organ }) },
  ]);

  it('PDF: under the descenders of the organ’s last line, 1/3–1/2 of its widest line, 6 pt above the Số line', async () => {
    const gaps: Record<string, number> = {};
    for (const c of cases) {
      const plan = buildPlan(c.draft());
      const [p1] = await pdfOf(plan);
      const so = p1.items.find((i) => i.str.startsWith('Số'))!;
      const colRight = LEFT + TEXT_W * 0.5;
      const rules = p1.rules.filter((r) => r.y > so.y && r.x2 <= colRight);
      expect(rules, c.name).toHaveLength(1);
      const rule = rules[0];
      // The organ's lines: the items in the left column above the rule, in the face of the line just above it.
      const above = p1.items.filter((i) => i.x + i.w <= colRight && i.y > rule.y).sort((a, b) => a.y - b.y);
      const last = above[0];
      const organLines = [];
      for (const it of above) {
        if (it.font !== last.font) break;
        organLines.push(it);
      }
      const widest = Math.max(...organLines.map((i) => i.w));
      const len = rule.x2 - rule.x1;
      expect(last.y - rule.y, `${c.name}: rule under the descenders`).toBeGreaterThan(12 * 0.22 + 0.5);
      expect(last.y - rule.y, `${c.name}: rule close to the name`).toBeLessThan(9);
      expect(rule.y - so.y, `${c.name}: 6 pt between the rule and the Số line`).toBeGreaterThanOrEqual(13 * 0.9 + 6 - 0.01);
      expect(len / widest, `${c.name}: rule length`).toBeGreaterThanOrEqual(1 / 3 - 0.01);
      expect(len / widest, `${c.name}: rule length`).toBeLessThanOrEqual(1 / 2 + 0.01);
      gaps[c.name] = rule.y - so.y;
    }
    // Where the organ column is the taller one (parent + a wrapped name), the same distance whatever the wrap.
    const wrapped = Object.entries(gaps).filter(([n]) => !n.includes('1 line'));
    for (const [n, g] of wrapped) expect(Math.abs(g - wrapped[0][1]), n).toBeLessThan(0.5);
  });

  it('DOCX: the rule follows the organ’s last line, as long as the PDF’s, and the Số line keeps 6 pt above it', async () => {
    for (const c of cases) {
      const plan = buildPlan(c.draft());
      const { cells, grid } = headerCells(await docxOf(plan));
      const left = paragraphs(cells[0][0]);
      const rulePara = left[left.length - 1];
      expect(rulePara.xml, c.name).toContain('<w:top w:val="single"');
      expect(rulePara.text).toBe('');
      expect(left[left.length - 2].text, c.name).toBe(plan.header[0].left[plan.header[0].left.length - 1].runs.map((r) => r.text).join(''));
      const docxLen = (grid[0] - (attr(rulePara.xml, 'ind', 'left') ?? 0) - (attr(rulePara.xml, 'ind', 'right') ?? 0)) / 20;
      const [p1] = await pdfOf(plan);
      const so = p1.items.find((i) => i.str.startsWith('Số'))!;
      const pdfRule = p1.rules.find((r) => r.y > so.y && r.x2 <= LEFT + TEXT_W * 0.5)!;
      expect(Math.abs(docxLen - (pdfRule.x2 - pdfRule.x1)), `${c.name}: DOCX rule ${docxLen} pt`).toBeLessThan(1.5);
      const number = paragraphs(cells[1][0])[0];
      expect(number.text.startsWith('Số')).toBe(true);
      expect(attr(number.xml, 'spacing', 'before')).toBeGreaterThanOrEqual(120);
    }
  });
});

describe('item 14: the weekly schedule’s closing', () => {
  // The settings form's placeholder shows "Lưu: VT." as the last Nơi nhận line: people type it in.
  const typed = () => weekly({ recipients: ['Thường trực Tỉnh ủy;', '- Lãnh đạo UBND tỉnh;', 'Lưu: VT, TH.'] });

  it('prints "Lưu" once, from the Nơi nhận list when it has the line, else the default', async () => {
    for (const [d, lastLine] of [
      [typed(), '- Lưu: VT, TH.'],
      [weekly(), '- Lưu: VT.'],
    ] as const) {
      const plan = buildPlan(d);
      const left = plan.closing.left.map((p) => p.runs.map((r) => r.text).join(''));
      expect(left.filter((l) => /Lưu/.test(l))).toEqual([lastLine]);
      expect(left[left.length - 1]).toBe(lastLine);
      expect(left.filter((l) => l.startsWith('- -'))).toEqual([]);
      const text = (await pdfOf(plan)).flatMap((p) => p.items).map((i) => i.str).join('\n');
      expect(text.match(/Lưu/g)).toHaveLength(1);
      const docText = paragraphs(await docxOf(plan)).map((p) => p.text);
      expect(docText.filter((t) => t.includes('Lưu'))).toEqual([lastLine]);
    }
  });

  it('leaves no stray "./." under the table: the schedule ends in its last row', async () => {
    const plan = buildPlan(typed());
    expect(plan.flow.map((f) => f.role)).toEqual(['type-name', 'subject', 'table']);
    const pages = await pdfOf(plan);
    const items = pages.flatMap((p) => p.items);
    expect(items.filter((i) => i.str.trim() === './.')).toEqual([]);
    const end = items.find((i) => i.str.includes('./.'))!;
    expect(end.str).toMatch(/Làm việc tại cơ quan\.\/\.$/);
    const docText = paragraphs(await docxOf(plan)).map((p) => p.text);
    expect(docText).not.toContain('./.');
    expect(docText.filter((t) => t.endsWith('./.'))).toEqual(['Làm việc tại cơ quan./.']);
  });
});

describe('item 15: widows and orphans in the body', () => {
  /** Paragraphs of 3 to 6 lines whose words tell their paragraph: "t7x12" is word 12 of paragraph 7. */
  function longBody(shift: number): DraftInput {
    const body: DraftInput['body'] = [];
    for (let k = 0; k < shift; k++) body.push({ kind: 'paragraph', text: `Dòng đệm số ${k + 1}.` });
    // The last paragraph has three lines: when the closing block takes the body's last two lines to a new page
    // (shifts 8 and 9), the third goes with them.
    const words = [30, 42, 26, 55, 34, 48, 30, 62, 38, 27, 44, 52, 33, 40, 29, 30];
    words.forEach((n, k) => body.push({ kind: 'paragraph', text: Array.from({ length: n }, (_, j) => `t${k}x${j}`).join(' ') + '.' }));
    return { ...statePlan(1), body };
  }

  it('PDF: a paragraph split between pages keeps at least two lines on each page, in every position, with the closing too', async () => {
    let splits = 0;
    for (let shift = 0; shift < 12; shift++) {
      const pages = await pdfOf(buildPlan(draftSchema.parse(longBody(shift))));
      const linesOf = new Map<number, number[]>(); // paragraph → lines on each page
      pages.forEach((pg, pi) => {
        const lines = new Map<number, string>();
        for (const it of pg.items) lines.set(Math.round(it.y), (lines.get(Math.round(it.y)) ?? '') + it.str);
        for (const text of lines.values()) {
          const m = /t(\d+)x\d+/.exec(text);
          if (!m) continue;
          const k = Number(m[1]);
          const counts = linesOf.get(k) ?? [];
          counts[pi] = (counts[pi] ?? 0) + 1;
          linesOf.set(k, counts);
        }
      });
      for (const [k, counts] of linesOf) {
        const on = counts.filter((n) => n !== undefined && n > 0);
        if (on.length > 1) splits++;
        for (const n of on) if (on.length > 1) expect(n, `shift ${shift}, paragraph ${k}: ${JSON.stringify(counts)}`).toBeGreaterThanOrEqual(2);
      }
    }
    expect(splits).toBeGreaterThanOrEqual(3);
  });

  it('DOCX: body paragraphs have widow control', async () => {
    const xml = await docxOf(buildPlan(draftSchema.parse(longBody(0))));
    const body = paragraphs(xml).filter((p) => /t\d+x\d+/.test(p.text));
    expect(body).toHaveLength(16);
    for (const p of body) expect(p.xml, p.text.slice(0, 20)).toContain('<w:widowControl/>');
  });
});

describe('item 16: Kính gửi several recipients, aligned under the text after the colon', () => {
  const letter = (addressees: string[]) =>
    draftSchema.parse({ ...stateLetter(), addressees });
  const THREE = ['Văn phòng Ủy ban nhân dân tỉnh', 'Sở Tư pháp', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh và các đơn vị sự nghiệp công lập trực thuộc Sở Nội vụ tỉnh'];

  it('PDF: the dashes start where the text after "Kính gửi: " would, a long one wraps under its own text', async () => {
    const label = await textWidth('Kính gửi: ', 'regular', 14);
    const dash = await textWidth('- ', 'regular', 14);
    const [p1] = await pdfOf(buildPlan(letter(THREE)));
    const k = p1.items.find((i) => i.str.startsWith('Kính gửi:'))!;
    const lines = p1.items.filter((i) => i.y < k.y - 1 && i.y > k.y - 100).sort((a, b) => b.y - a.y);
    const items = lines.filter((i) => i.str.startsWith('- '));
    expect(items.map((i) => i.str.split(/\s+/).slice(0, 3).join(' '))).toEqual(['- Văn phòng', '- Sở Tư', '- Ủy ban']);
    for (const it of items) expect(Math.abs(it.x - (k.x + label)), it.str).toBeLessThan(0.5);
    // The third addressee wraps: its next line hangs under the text after the dash, not under the dash.
    const third = items[2];
    const next = lines.find((i) => i.y < third.y - 1)!;
    expect(next.str).not.toMatch(/^- /);
    expect(Math.abs(next.x - (third.x + dash))).toBeLessThan(0.5);
    for (const it of [k, ...lines]) expect(it.x + it.w).toBeLessThanOrEqual(A4_W - mm(15) + 0.5);
    expect(k.x).toBeGreaterThanOrEqual(LEFT);
  });

  it('PDF: one recipient stays on the label’s line; a long one wraps under the text after the colon', async () => {
    const label = await textWidth('Kính gửi: ', 'regular', 14);
    const [short] = await pdfOf(buildPlan(letter(['Sở Tư pháp'])));
    const one = short.items.find((i) => i.str.startsWith('Kính gửi:'))!;
    expect(one.str).toBe('Kính gửi: Sở Tư pháp.');
    expect(Math.abs(one.x + one.w / 2 - (LEFT + TEXT_W / 2))).toBeLessThan(1);
    const [long] = await pdfOf(buildPlan(letter([THREE[2]])));
    const k = long.items.find((i) => i.str.startsWith('Kính gửi:'))!;
    const next = long.items.filter((i) => i.y < k.y - 1).sort((a, b) => b.y - a.y)[0];
    expect(Math.abs(next.x - (k.x + label))).toBeLessThan(0.5);
  });

  it('DOCX: the label at the block’s left, each recipient indented to the text after the colon, hanging by the dash', async () => {
    const label = Math.round((await textWidth('Kính gửi: ', 'regular', 14)) * 20);
    const dash = Math.round((await textWidth('- ', 'regular', 14)) * 20);
    const ps = paragraphs(await docxOf(buildPlan(letter(THREE))));
    const k = ps.find((p) => p.text === 'Kính gửi:')!;
    expect(k.xml).toContain('<w:jc w:val="left"/>');
    const x0 = attr(k.xml, 'ind', 'left') ?? 0;
    expect(x0).toBeGreaterThanOrEqual(567);
    const items = ps.filter((p) => THREE.some((a) => p.text.startsWith(`- ${a}`)));
    expect(items).toHaveLength(3);
    for (const it of items) {
      expect(Math.abs((attr(it.xml, 'ind', 'left') ?? 0) - (x0 + label + dash)), it.text).toBeLessThanOrEqual(2);
      expect(Math.abs((attr(it.xml, 'ind', 'hanging') ?? 0) - dash), it.text).toBeLessThanOrEqual(1);
      expect(attr(it.xml, 'ind', 'firstLine')).toBeNull();
    }
  });
});

describe('item 17: the Quốc hiệu on one line', () => {
  /** ND30's widest margins (left 35, right 20 mm) and the Quốc hiệu at 13 pt, both allowed. */
  function narrow(d: DraftInput): DocumentPlan {
    const plan = buildPlan(draftSchema.parse(d));
    const right = plan.header[0].right.map((p, i) => (i === 0 ? { ...p, size: 13 } : p));
    return { ...plan, profile: { ...plan.profile, marginsMm: { top: 20, bottom: 20, left: 35, right: 20 } }, header: [{ ...plan.header[0], right }, ...plan.header.slice(1)] };
  }

  it('PDF: never "VIỆT / NAM", whatever the margins and the size; the Tiêu ngữ centred under it', async () => {
    for (const d of [statePlan(1), stateLetter(), { ...statePlan(1), parentOrgan: ORGANS[2].parentOrgan, organ: ORGANS[2].organ, place: 'Thành phố Hồ Chí Minh' }]) {
      const [p1] = await pdfOf(narrow(d));
      const qh = p1.items.filter((i) => i.str.includes('CỘNG HÒA'));
      expect(qh.map((i) => i.str)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
      expect(p1.items.filter((i) => i.x > qh[0].x - 1 && /^(VIỆT )?NAM$/.test(i.str.trim()))).toEqual([]);
      expect(qh[0].x + qh[0].w).toBeLessThanOrEqual(A4_W - mm(20) + 0.5);
      const motto = p1.items.find((i) => i.str === 'Độc lập - Tự do - Hạnh phúc')!;
      expect(Math.abs(motto.x + motto.w / 2 - (qh[0].x + qh[0].w / 2))).toBeLessThan(1);
      // The organ column keeps to the left of the title.
      for (const it of p1.items.filter((i) => i.y > motto.y - 1 && i !== qh[0] && i !== motto)) expect(it.x + it.w).toBeLessThanOrEqual(qh[0].x + 0.5);
    }
  });

  it('shrinks a title line only when the widest title column allowed cannot hold it, never under 12 pt', () => {
    const titles = [
      { width: 269.53, size: 13 },
      { width: 159.14, size: 13 },
    ];
    // The State profile's columns hold its 12 pt Quốc hiệu: the profile's share stays; at 13 pt the title column widens.
    const profile = fitHeader({ width: 467.72, leftShare: 0.42, titles: [{ width: 248.8, size: 12 }, titles[1]], placeDate: 204.55 });
    expect(profile.titleSizes).toEqual([12, 13]);
    expect(profile.left).toBeCloseTo(467.72 * 0.42, 6);
    const at13 = fitHeader({ width: 467.72, leftShare: 0.42, titles, placeDate: 204.55 });
    expect(at13.titleSizes).toEqual([13, 13]);
    expect(at13.right).toBeGreaterThan(269.53 * 1.03);
    // A text width of 430 pt: the right column takes its most (65 %), the Quốc hiệu 12.5 pt.
    const tight = fitHeader({ width: 430, leftShare: 0.42, titles, placeDate: 204.55 });
    expect(tight.right).toBeCloseTo(430 * (1 - MIN_LEFT_SHARE), 6);
    expect(tight.titleSizes).toEqual([12.5, 13]);
    expect(fitHeader({ width: 300, leftShare: 0.42, titles, placeDate: 204.55 }).titleSizes[0]).toBe(12);
  });

  it('DOCX: the title column is wide enough for the Quốc hiệu at its size, with room for Word’s rounding', async () => {
    const need = (await textWidth('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 13)) * 20;
    const { cells, grid } = headerCells(await docxOf(narrow(statePlan(1))));
    expect(grid[1]).toBeGreaterThanOrEqual(need * 1.02);
    expect(grid[0] + grid[1]).toBe(11906 - Math.round((35 * 1440) / 25.4) - Math.round((20 * 1440) / 25.4));
    expect(paragraphs(cells[0][1])[0].xml).toContain('<w:sz w:val="26"/>');
  });
});
