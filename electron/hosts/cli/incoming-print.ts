import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { int, parse, str } from './args';
import { printJson } from './output';
import { call, withApp } from './session';

/**
 * `vanphong incoming sheet ID --out FILE.pdf|.docx` (Phiếu giải quyết văn bản đến, ND30 Phụ lục IV) and
 * `vanphong incoming stamp ID [--attachment N] --out FILE.pdf` (a copy of the document's PDF with the ĐẾN mark on
 * page 1; N is the file's place in the document's list, 1 for the first; without it, the document's only PDF).
 */
const USAGE = {
  sheet: 'Dùng: vanphong incoming sheet ID --out FILE.pdf|FILE.docx',
  stamp: 'Dùng: vanphong incoming stamp ID [--attachment N] --out FILE.pdf   (N: thứ tự tệp đính kèm, 1 là tệp đầu tiên)',
} as const;

/** Written beside the target then renamed: a reader never sees half a file. */
function writeOut(out: string, data: Uint8Array): string {
  const tmp = `${out}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, out);
  return path.resolve(out);
}

export async function incomingPrintCommand(sub: 'sheet' | 'stamp', argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, attachment: { type: 'string' } });
  const id = int(positionals[0], 'Mã văn bản');
  const out = str(values.out);
  if (id === undefined || !out) throw new AppError('VALIDATION', USAGE[sub], { field: id === undefined ? 'id' : 'out' });
  const ext = path.extname(out).slice(1).toLowerCase();
  if (sub === 'sheet') {
    if (ext !== 'pdf' && ext !== 'docx') throw new AppError('VALIDATION', 'Tệp phiếu phải có đuôi .pdf hoặc .docx.', { field: 'out' });
    await withApp(values, async (app) => {
      const file = await call(app, 'incoming.processingSheet', { id, format: ext });
      const written = writeOut(out, file.data);
      if (values.json) printJson({ out: written, fileName: file.fileName });
      else console.log(`Đã ghi phiếu giải quyết văn bản đến vào ${written}`);
    });
    return;
  }
  if (ext !== 'pdf') throw new AppError('VALIDATION', 'Bản sao có dấu ĐẾN là tệp PDF: --out phải có đuôi .pdf.', { field: 'out' });
  const n = int(values.attachment, 'Thứ tự tệp đính kèm');
  await withApp(values, async (app) => {
    const d = await call(app, 'incoming.get', { id });
    const list = d.attachments.map((a, i) => `${i + 1}. ${a.name}`).join('; ') || 'không có tệp nào';
    let a = n === undefined ? undefined : d.attachments[n - 1];
    if (n === undefined) {
      const pdfs = d.attachments.filter((x) => x.mime === 'application/pdf');
      if (pdfs.length !== 1) throw new AppError('VALIDATION', `Văn bản có ${pdfs.length} tệp PDF: chọn một bằng --attachment N (${list}).`, { field: 'attachment' });
      a = pdfs[0];
    }
    if (!a) throw new AppError('NOT_FOUND', `Văn bản không có tệp đính kèm thứ ${n} (${list}).`, { field: 'attachment' });
    const copy = await call(app, 'incoming.stampedCopy', { id, attachmentId: a.id });
    const written = writeOut(out, copy.data);
    if (values.json) printJson({ out: written, fileName: copy.fileName, originalSha256: copy.originalSha256, signedOriginal: copy.signedOriginal, notice: copy.notice, placement: copy.placement });
    else {
      console.log(`Đã ghi bản sao có dấu ĐẾN của «${a.name}» vào ${written}`);
      console.log(copy.notice);
    }
  });
}
