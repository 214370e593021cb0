import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { needsOcr, recogniseFile, type OcrProgress } from '../../electron/ocr/recognise';
import { setOcrLimits } from '../../electron/ocr/limits';
import { openImage } from '../../electron/ocr/images';
import { detectOrientation } from '../../electron/ocr/orientation';
import { removeRules, rotateQuarter, rotateSmall, toGray, type Gray } from '../../electron/ocr/preprocess';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import { addUser, call, callErr, sampleIncoming, tempApp } from '../helpers/app';
import { makeDocx, makePdf, makePng } from '../fixtures/make-files';
import { planWithAppendices } from '../fixtures/sample-drafts';
import { blankPdf, draftPng, greyPng, hugeImagePdf, imagePdf, jpegHeader, pngWithHeader, scanLetter } from '../fixtures/ocr/make-scans';

/**
 * Issue 16, OCR without the engine wherever it can be (CI time): which files need it, the caps on pages, pixels and
 * each page's budget, cancelling, hostile images, orientation and skew. One small image goes through the engine
 * (a photo that is not a document). Recognising a real page, search and the CLI: ocr-cli.test.ts.
 */
/** Small blank pages: rendering A4 at 300 dpi is not what these tests are about. */
const SMALL: [number, number] = [144, 200];
let letter: Gray;
let table: Gray;
let scanPng: Uint8Array;

const grey = (png: Uint8Array): Gray => {
  const p = PNG.sync.read(Buffer.from(png));
  return toGray(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.length), p.width, p.height, 4);
};

beforeAll(async () => {
  const draft = scanLetter('Đoàn kiểm tra đã làm việc tại các phòng chuyên môn.');
  scanPng = (await draftPng(draft, 100)).png;
  // At 150 dpi, as scanners go at the least: up or down can be read from the ink (under ~130 dpi it is left unsure).
  letter = grey((await draftPng(draft, 150)).png);
  table = grey((await draftPng(planWithAppendices(), 100, 3)).png);
});

afterAll(async () => {
  setOcrLimits(null);
  await closeUntrusted();
});

describe('orientation and skew', () => {
  it('finds the quarter turns and the skew of a letter and of a table page, and turns half a turn only when sure', () => {
    const cases: [string, Gray, 0 | 1 | 2 | 3, number][] = [
      ['letter', letter, 0, 2],
      ['letter', letter, 1, -1.5],
      ['letter', letter, 2, 3],
      ['table', table, 3, 2],
    ];
    for (const [name, page, turns, skew] of cases) {
      const scanned = rotateSmall(rotateQuarter(page, turns), skew);
      const o = detectOrientation(removeRules(scanned, name === 'letter' ? 45 : 30));
      const back = (4 - turns) % 4;
      const at = `${name} turned ${turns}, skewed ${skew}°`;
      // The direction of the lines is always found; up or down when sure (else the engine checks, engine.ts).
      expect(o.turns % 2, at).toBe(back % 2);
      if (o.certainty >= 0.2) expect(o.turns, at).toBe(back);
      expect(Math.abs(o.skew + skew), at).toBeLessThan(0.3);
    }
    // Upright, the letter is sure of itself: no second recognition.
    const upright = detectOrientation(removeRules(letter, 45));
    expect(upright).toMatchObject({ turns: 0, skew: 0 });
    expect(upright.certainty).toBeGreaterThanOrEqual(0.2);
  });

  it('removes a table’s ruling lines and keeps its letters', () => {
    const dark = (g: Gray) => g.data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
    const clean = removeRules(table, 30);
    expect(dark(clean)).toBeLessThan(dark(table) * 0.8);
    expect(dark(clean)).toBeGreaterThan(dark(table) * 0.2);
    const text = removeRules(letter, 45);
    // The letter's only long strokes are the rules under its headings.
    expect(dark(text)).toBeGreaterThan(dark(letter) * 0.9);
  });
});

describe('which files need OCR', () => {
  it('images and scanned PDFs do; PDFs with text, blank pages, Word files and tiny images do not', async () => {
    expect(await needsOcr({ data: scanPng, name: 'scan.png' })).toBe(true);
    expect(await needsOcr({ data: await imagePdf([scanPng], 100), name: 'scan.pdf' })).toBe(true);
    expect(await needsOcr({ data: makePdf(['Van ban co lop chu']), name: 'chu.pdf' })).toBe(false);
    expect(await needsOcr({ data: await blankPdf(2), name: 'trang.pdf' })).toBe(false);
    expect(await needsOcr({ data: makePng(), name: 'pixel.png' })).toBe(false);
    expect(await needsOcr({ data: await makeDocx(['Kế hoạch']), name: 'a.docx' })).toBe(false);
    expect(await needsOcr({ data: new TextEncoder().encode('%PDF-1.7 hỏng'), name: 'hong.pdf' })).toBe(false);
  });
});

describe('caps, budgets and cancelling', () => {
  it('recognises the first pages only, with a note, and says how far it got', async () => {
    const seen: OcrProgress[] = [];
    const r = await recogniseFile({ data: await blankPdf(3, SMALL), name: 'ba-trang.pdf' }, { maxPages: 2, onProgress: (p) => seen.push(p) });
    expect(r.pageCount).toBe(3);
    expect(r.pages.map((p) => [p.page, p.source])).toEqual([[1, 'empty'], [2, 'empty']]);
    expect(r.text).toBe('');
    expect(r.note).toBe('Chỉ nhận dạng 2 trang đầu trong 3 trang.');
    expect(seen).toEqual([
      { page: 0, pages: 2, stage: 'render' },
      { page: 1, pages: 2, stage: 'recognise' },
      { page: 2, pages: 2, stage: 'recognise' },
      { page: 2, pages: 2, stage: 'done' },
    ]);
  });

  it('is cancelled through its signal, between pages or during one', async () => {
    const ctl = new AbortController();
    const seen: number[] = [];
    const run = recogniseFile({ data: await blankPdf(4, SMALL), name: 'bon-trang.pdf' }, {
      signal: ctl.signal,
      onProgress: (p) => {
        seen.push(p.page);
        if (p.stage === 'recognise' && p.page === 2) ctl.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(Math.max(...seen)).toBe(2);
  });

});

describe('hostile and odd images', () => {
  it('refuses an image claiming 20,000 × 20,000 pixels before decoding anything', async () => {
    for (const [name, data] of [
      ['lon.png', pngWithHeader(20_000, 20_000)],
      ['lon.jpg', jpegHeader(20_000, 20_000)],
    ] as const) {
      await expect(recogniseFile({ data, name }), name).rejects.toMatchObject({
        code: 'FILE_TOO_LARGE',
        message: expect.stringMatching(/«lon\.(png|jpg)».*20\.000 × 20\.000 điểm ảnh \(400 triệu; tối đa 40 triệu\)/),
      });
    }
  });

  it('a PDF page drawing a 20,000 × 20,000 image fails alone with a clear message; the blank page after it reads', async () => {
    const r = await recogniseFile({ data: await hugeImagePdf(20_000, 20_000), name: 'anh-lon.pdf' });
    expect(r.pages.map((p) => p.source)).toEqual(['failed', 'empty']);
    expect(r.pages[0].error).toMatch(/^Trang 1: không nhận dạng được \(Trang có ảnh quá lớn để nhận dạng \(hơn 40 triệu điểm ảnh\)\)\.$/);
  });

  it('a broken image, a blank page and a file that is neither PDF nor image', async () => {
    const broken = await recogniseFile({ data: pngWithHeader(300, 200, Buffer.from('không phải dữ liệu nén')), name: 'hong.png' });
    expect(broken.pages[0]).toMatchObject({ source: 'failed', reason: expect.stringMatching(/^Ảnh bị hỏng/) });
    const blank = await recogniseFile({ data: greyPng(1200, 1700, () => 250), name: 'trang-trang.png' });
    expect(blank.pages[0]).toMatchObject({ source: 'empty', text: '' });
    await expect(recogniseFile({ data: new TextEncoder().encode('xin chào'), name: 'a.txt' })).rejects.toMatchObject({ code: 'FILE_INVALID' });
  });

  it('scales a large image down to the page size (A4 at 300 dpi in the app) before anything else', async () => {
    const img = await openImage(greyPng(1000, 1400, (x, y) => (((x >> 5) + (y >> 5)) % 2 ? 255 : 0)), { pagePixels: 350_000, maxSourcePixels: 40e6 });
    const { gray, dpi } = await img.page(1);
    expect(gray.width * gray.height).toBeLessThanOrEqual(350_000);
    expect(gray.width * gray.height).toBeGreaterThan(340_000);
    expect(Math.abs(gray.width / gray.height - 1000 / 1400)).toBeLessThan(0.01);
    // Its resolution follows: that of an A4 page this tall.
    expect(Math.abs(dpi - gray.height / 11.69)).toBeLessThan(2);
    // A small image (a fax, 100 dpi) is doubled instead: the engine misreads small letters.
    const fax = await (await openImage(greyPng(827, 1169, () => 255), { pagePixels: 2480 * 3508, maxSourcePixels: 40e6 })).page(1);
    expect([fax.gray.width, fax.gray.height, fax.dpi]).toEqual([1654, 2338, 200]);
  });

  it('a photo that is not a document gives no text, not garbage', async () => {
    const photo = greyPng(900, 600, (x, y) => {
      for (const [cx, cy, r] of [[200, 200, 70], [600, 350, 120], [750, 120, 40]]) if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) return 30 + ((x * 7 + y * 13) % 20);
      return Math.max(0, Math.min(255, 90 + (y / 600) * 120 + 30 * Math.sin(x / 40) * Math.cos(y / 55) - (y > 420 ? 50 : 0)));
    });
    const r = await recogniseFile({ data: photo, name: 'anh-chup.png' });
    expect(r.pages[0].source).toBe('empty');
    expect(r.text).toBe('');
  });
});

describe('attachments.text', () => {
  it('is read under the same check as the file itself', async () => {
    const app = await tempApp();
    try {
      const d = await call(app, 'incoming.register', { ...sampleIncoming(), attachments: [{ name: 'scan.png', data: scanPng }] });
      const sha = d.attachments[0].sha256;
      // Registered, not yet recognised (this app has no background indexing).
      expect(d.attachments[0].textStatus).toBe('pending');
      expect(await call(app, 'attachments.text', { sha256: sha })).toEqual({ status: 'pending', text: null, source: null, confidence: null, note: null });
      const cv = await addUser(app, 'cv', ['chuyenvien']);
      expect(await callErr(app, 'attachments.content', { sha256: sha }, cv)).toMatchObject({ code: 'NOT_FOUND' });
      expect(await callErr(app, 'attachments.text', { sha256: sha }, cv)).toMatchObject({ code: 'NOT_FOUND', message: 'Không tìm thấy tệp đính kèm.' });
      expect(await callErr(app, 'attachments.text', { sha256: 'a'.repeat(64) })).toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await app.cleanup();
    }
  });
});

// Last: each page over its budget costs a fresh parse worker for whatever runs next.
describe('each page’s budget', () => {
  it('a page over its time or memory budget fails with its reason; the next page is still tried', async () => {
    try {
      setOcrLimits({ pageMs: 1 });
      const slow = await recogniseFile({ data: await blankPdf(2, SMALL), name: 'cham.pdf' });
      expect(slow.pages.map((p) => p.source)).toEqual(['failed', 'failed']);
      expect(slow.pages[1].error).toBe('Trang 2: không nhận dạng được (trang cần quá 0,001 giây để nhận dạng).');
      expect(slow.note).toContain('Trang 1: không nhận dạng được');
      setOcrLimits({ workerMemoryMb: 1 });
      const big = await recogniseFile({ data: await blankPdf(1), name: 'nang.pdf' });
      expect(big.pages[0].reason).toBe('trang cần quá nhiều bộ nhớ để nhận dạng');
    } finally {
      setOcrLimits(null);
    }
  });
});
