import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, sampleIncoming } from '../helpers/app';
import { provisionedDataDir, vanphong, withDataDir } from '../helpers/cli';
import { pdfText } from '../helpers/pdf-text';

/**
 * `vanphong incoming sheet` and `vanphong incoming stamp` from the command line: the Phiếu giải quyết văn bản đến and
 * a copy of the document's PDF with the ĐẾN mark, written to the file named; a wrong file name is refused before
 * anything is opened.
 */
let dir: string;
let id: number;
let sha256: string;

async function onePagePdf(): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  d.addPage([595.28, 841.89]).drawText('Noi dung cong van', { x: 85, y: 700, size: 13, font: await d.embedFont(StandardFonts.TimesRoman) });
  return d.save();
}

beforeAll(async () => {
  const data = await onePagePdf();
  dir = await provisionedDataDir('vanphong-cli-print-', async (app, tester) => {
    const d = await call(app, 'incoming.register', sampleIncoming({ attachments: [{ name: 'cong-van.pdf', data }] }), tester);
    await call(app, 'incoming.route', { id: d.id, lead: 'Văn phòng', instruction: 'Văn phòng tham mưu, báo cáo.', actor: 'Nguyễn Văn An' }, tester);
    id = d.id;
    sha256 = d.attachments[0].sha256;
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('vanphong incoming sheet | stamp', () => {
  it('writes the sheet and the stamped copy; the stored file stays as it was', async () => {
    const sheet = path.join(dir, 'phieu.docx');
    const a = vanphong(['incoming', 'sheet', String(id), '--out', sheet, '--data-dir', dir]);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toContain('Đã ghi phiếu giải quyết văn bản đến');
    const xml = await (await JSZip.loadAsync(fs.readFileSync(sheet))).file('word/document.xml')!.async('string');
    expect(xml).toContain('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(xml).toContain('Văn phòng tham mưu, báo cáo.');

    const copy = path.join(dir, 'ban-sao.pdf');
    const b = vanphong(['incoming', 'stamp', String(id), '--out', copy, '--data-dir', dir]);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain('Bản sao có dấu ĐẾN');
    const c = (await pdfText(fs.readFileSync(copy))).text;
    expect(c).toContain('Chuyển: Văn phòng');
    expect(c).toContain('Noi dung cong van');
    await withDataDir(dir, async (app) => expect(crypto.createHash('sha256').update(app.blobs.read(sha256)).digest('hex')).toBe(sha256));
  });

  it('refuses a file name it cannot write, before opening anything', () => {
    const bad = vanphong(['incoming', 'sheet', String(id), '--out', path.join(dir, 'phieu.txt'), '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Tệp phiếu phải có đuôi .pdf hoặc .docx.');
    expect(fs.existsSync(path.join(dir, 'phieu.txt'))).toBe(false);
  });
});
