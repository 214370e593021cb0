import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { configuredMaxFileBytes } from '../../app/context';
import { hasAnyField, percent, proposalLines } from '../../../shared/intake/format';
import type { ExtractOutput, IntakeProgress, IntakeProposal } from '../../../shared/intake/schemas';
import { formatDateVN } from '../../../shared/domain/dates';
import { extractFile, INTAKE_MAX_BYTES, tooLarge } from '../../intake/extract';
import { closeUntrusted } from '../../parsing/untrusted';
import { parse, str } from './args';
import { requireFile } from './files';
import { printJson } from './output';
import { call, withApp } from './session';

/**
 * `vanphong extract FILE [--json]`: what the registration form would prefill from a file — sending organ, số and ký
 * hiệu, date, type, trích yếu, signer, Nơi nhận, marks, pages — each with its confidence and where it was read.
 * Registers nothing. With --user (or VANPHONG_USER, or --server) it runs through the API as that account and matches
 * the organ in the office's directory; without, it reads the file on this computer alone, with no data folder.
 */
const KIND_LABELS: Record<IntakeProposal['file']['kind'], string> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  image: 'ảnh',
  eml: 'thư điện tử',
  text: 'tệp chữ',
  markdown: 'Markdown',
};

function readInput(file: string, max: number) {
  const abs = path.resolve(file);
  requireFile(abs, 'tệp', 'file');
  // By its size first: a 100 MB e-mail is refused before a byte of it is read.
  const size = fs.statSync(abs).size;
  if (size > max) throw tooLarge(path.basename(abs), size, max);
  const b = fs.readFileSync(abs);
  return { name: path.basename(abs), data: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
}

/** «Nhận dạng chữ (OCR) trang 1/2…» on standard error, one line per change, for a person watching a long scan. */
function progressPrinter() {
  let last = '';
  return (p: IntakeProgress) => {
    const line = p.stage === 'ocr' && p.pages ? `Nhận dạng chữ (OCR) trang ${Math.max(1, p.page ?? 1)}/${p.pages}…` : p.stage === 'ocr' ? 'Nhận dạng chữ (OCR)…' : '';
    if (!line || line === last) return;
    last = line;
    process.stderr.write(`${line}\n`);
  };
}

const quote = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;

function printProposal(p: IntakeProposal, file: string, matched: boolean): void {
  const pages = p.pageCount ? `, ${p.pageCount.value} trang` : '';
  const ocr = p.text.source === 'ocr' ? ` (OCR ${p.text.ocrPages} trang, độ tin cậy ${percent(p.text.ocrConfidence ?? 0)})` : '';
  console.log(`Tệp: ${p.file.name} (${KIND_LABELS[p.file.kind]}${pages})${ocr}`);
  if (p.email) {
    console.log(`Thư điện tử: từ ${p.email.from ? `${p.email.from} <${p.email.address}>` : p.email.address}${p.email.date ? `, ngày ${formatDateVN(p.email.date)}` : ''}`);
    if (p.email.subject) console.log(`  Tiêu đề: ${p.email.subject}`);
    if (p.email.document) console.log(`  Văn bản đọc từ tệp đính kèm: ${p.email.document}`);
  }
  const lines = proposalLines(p);
  const width = Math.max(...lines.map((l) => l.label.length), 10);
  for (const l of lines) console.log(`  ${l.label.padEnd(width)}  ${l.value}  [${percent(l.confidence)} · ${l.source}${l.evidence ? ` · in là «${l.evidence}»` : ''}]`);
  if (p.match) console.log(`Danh bạ: «${p.match.name}» (mã ${p.match.id})`);
  else if (!matched) console.log('Chưa đối chiếu danh bạ: thêm --user TÊN để đối chiếu với danh bạ cơ quan.');
  if (p.warnings.length) {
    console.log('Cần kiểm tra:');
    for (const w of p.warnings) console.log(`  - ${w}`);
  }
  if (p.sender && p.ref && p.docDate && p.subject) {
    const args = [`--sender ${quote(p.sender.value)}`, `--ref ${quote(p.ref.value)}`, `--date ${p.docDate.value}`, `--subject ${quote(p.subject.value)}`];
    if (p.docType) args.push(`--type ${quote(p.docType.value.name)}`);
    if (p.pageCount) args.push(`--pages ${p.pageCount.value}`);
    if (p.urgency) args.push(`--urgency ${p.urgency.value}`);
    if (p.secrecy) args.push(`--secrecy ${p.secrecy.value}`);
    if (p.file.kind !== 'eml' && p.file.kind !== 'text' && p.file.kind !== 'markdown') args.push(`--file ${quote(file)}`);
    console.log(`Chưa vào sổ. Sau khi kiểm tra: vanphong incoming add ${args.join(' ')}`);
  } else console.log('Chưa vào sổ: thiếu trường bắt buộc, hãy nhập bằng tay.');
}

export async function extractCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {});
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new AppError('VALIDATION', 'Dùng: vanphong extract TỆP [--json]   (PDF, Word .docx, ảnh, thư .eml, .txt, .md)');
  const input = readInput(file, Math.min(INTAKE_MAX_BYTES, configuredMaxFileBytes()));
  const onProgress = progressPrinter();
  const viaApi = str(values.user) !== undefined || str(values.server) !== undefined || !!process.env.VANPHONG_USER;
  let out: ExtractOutput;
  try {
    out = viaApi
      ? await withApp(values, async (app) => {
          // The extraction runs in the call; its progress is asked by the same account under the job's name.
          const job = crypto.randomBytes(12).toString('base64url');
          const timer = setInterval(() => {
            call(app, 'intake.progress', { job }).then((p) => p && onProgress(p), () => undefined);
          }, 400);
          try {
            return await call(app, 'intake.extract', { file: input, job });
          } finally {
            clearInterval(timer);
          }
        })
      : await extractFile(input, { now: new Date(), onProgress });
  } finally {
    await closeUntrusted();
  }
  const p = out.proposal;
  if (values.json) printJson(p);
  else printProposal(p, file, viaApi);
  if (!hasAnyField(p)) {
    console.error(`Lỗi: không đọc được thông tin nào từ tệp «${p.file.name}»${p.warnings.length ? `: ${p.warnings.join(' ')}` : '.'}`);
    return 1;
  }
  return 0;
}
