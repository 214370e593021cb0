import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobText } from '../../electron/attachments/repo';
import { provisionedDataDir, vanphong, withDataDir } from '../helpers/cli';
import { tempDir } from '../helpers/app';
import { draftPng, imagePdf, scanLetter } from '../fixtures/ocr/make-scans';

/**
 * Issue 16 end to end, from dist/ (tests/helpers/cli.ts): a scan registered with `vanphong incoming add --file` is
 * recognised while the command waits, with its progress on stderr; a word found only inside the scanned page is then
 * found by a search typed without diacritics; the stored file is the one given, byte for byte (the text lives beside
 * it). `--no-wait` leaves recognition to the next long-running host. The only page this suite sends to the engine.
 */
const SENTENCE = 'Đề nghị bổ sung kinh phí sửa chữa trụ sở làm việc của Chi cục Kiểm lâm.';

let dir: string;
let work: string;
let scanFile: string;
let pngFile: string;

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  work = tempDir('vanphong-ocr-');
  // The letter's top half (header, addressee, body): what the engine reads is what this test pays for.
  const { png } = await draftPng(scanLetter(SENTENCE), 150, 1, 0.3);
  scanFile = path.join(work, 'cong-van-scan.pdf');
  fs.writeFileSync(scanFile, await imagePdf([png], 150));
  pngFile = path.join(work, 'anh-chup.png');
  fs.writeFileSync(pngFile, png);
  dir = await provisionedDataDir('vanphong-ocr-cli-');
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('vanphong incoming add with a scan', () => {
  it('waits for recognition with its progress on stderr; the scan’s words are then found without diacritics', () => {
    const add = vanphong(['incoming', 'add', '--subject', 'Báo cáo', '--sender', 'Sở Nội vụ', '--ref', '27/SNV-VP', '--date', '2026-03-12', '--file', scanFile, '--data-dir', dir]);
    expect(add.code, add.err).toBe(0);
    expect(add.err).toContain('Nhận dạng chữ (OCR) trang 1/1…');
    expect(add.out).toMatch(/Văn bản nhận dạng \(OCR\): [\d.]+ ký tự, độ tin cậy \d+ %/);
    // "kiểm lâm", "trụ sở" appear only inside the scanned page, typed here without diacritics.
    const found = vanphong(['search', 'kiem lam tru so', '--json', '--data-dir', dir]);
    expect(found.code, found.err).toBe(0);
    const hits = JSON.parse(found.out) as { ref: string }[];
    expect(hits.map((h) => h.ref)).toEqual(['27/SNV-VP']);
  });

  it('keeps the file as given, and its recognised text beside it, marked as OCR', async () => {
    const original = new Uint8Array(fs.readFileSync(scanFile));
    await withDataDir(dir, async (app) => {
      const sha = sha256(original);
      expect(Buffer.from(app.blobs.read(sha)).equals(Buffer.from(original))).toBe(true);
      expect(sha256(app.blobs.read(sha))).toBe(sha);
      const t = blobText(app.db, sha)!;
      expect(t).toMatchObject({ status: 'done', source: 'ocr' });
      expect(t.confidence).toBeGreaterThan(60);
      expect(t.text!.replace(/\s+/g, ' ')).toContain('Chi cục Kiểm lâm');
    });
  });

  it('--no-wait leaves recognition to the next long-running host', async () => {
    const add = vanphong(['incoming', 'add', '--subject', 'Ảnh chụp', '--sender', 'Sở Tư pháp', '--ref', '28/STP', '--date', '2026-03-12', '--file', pngFile, '--no-wait', '--data-dir', dir]);
    expect(add.code, add.err).toBe(0);
    expect(add.err).not.toContain('Nhận dạng chữ');
    expect(add.out).toContain('Chưa nhận dạng chữ (OCR): máy chủ hoặc chế độ trình duyệt sẽ nhận dạng khi chạy.');
    await withDataDir(dir, async (app) => {
      expect(blobText(app.db, sha256(new Uint8Array(fs.readFileSync(pngFile))))).toMatchObject({ status: 'pending', text: null });
    });
  });
});
