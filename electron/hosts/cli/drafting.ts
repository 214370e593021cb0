import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { draftSchema, type DraftDocument } from '../../../shared/drafting/model';
import { parseOfficialText } from '../../../shared/drafting/parse-text';
import { asNewDraft, sourceLine, type SourceRef } from '../../../shared/drafting/import-draft';
import { parse, str } from './args';
import { printJson } from './output';
import { requireFile } from './files';

/** `vanphong export` and `vanphong convert`: the drafting capability from the command line. */

export async function validate(input: unknown, source: string): Promise<DraftDocument> {
  const r = draftSchema.safeParse(input);
  if (!r.success) {
    // The dispatcher (and every service behind it) is loaded only to word a refusal: convert and export need neither.
    const { validationError } = await import('../../api/dispatch');
    const e = validationError(r.error);
    const lines = (e.details as { path: string; message: string }[]).map((i) => `  ${i.path || '(gốc)'}: ${i.message}`);
    throw new AppError('VALIDATION', `Mô hình văn bản «${source}» không hợp lệ:\n${lines.join('\n')}`, { field: e.field });
  }
  return r.data;
}

export function readText(file: string): string {
  const b = fs.readFileSync(requireFile(file));
  if (b.length === 0) throw new AppError('FILE_EMPTY', `Tệp «${file}» rỗng.`);
  // Binary files (a PDF, a DOCX, an image) are not text to import: refuse them instead of printing their bytes.
  if (b.includes(0) || /^(%PDF|PK\x03\x04|\x89PNG|\xff\xd8)/.test(b.subarray(0, 8).toString('latin1'))) {
    throw new AppError('FILE_INVALID', `Tệp «${file}» không phải văn bản dạng chữ (.txt): hãy chép nội dung văn bản ra tệp chữ hoặc dán vào ứng dụng.`);
  }
  return b.toString('utf8');
}

/**
 * `vanphong draft import FILE.txt`: the text as a new draft, unnumbered and undated (the văn thư gives both at
 * issuance); the source's number and date come back as `source`, for the command to print. `convert` keeps them.
 */
export async function importTextDraft(file: string, profile: 'state' | 'party' | undefined): Promise<{ draft: DraftDocument; source: SourceRef | null }> {
  const imported = asNewDraft(parseOfficialText(readText(file), { profile }));
  return { draft: await validate(imported.draft, path.basename(file)), source: imported.source };
}

/** The line `draft import` prints under the new draft's number: what the source had, and that the draft has neither. */
export const sourceNote = (s: SourceRef): string => `${sourceLine(s)} — bản dự thảo để trống số và ngày (văn thư cấp khi phát hành).`;

/** Renders every format first, then writes: a failure writes no file at all. */
async function writeOutputs(d: DraftDocument, outDir: string, base: string, formats: ('docx' | 'pdf')[], extra: Record<string, string> = {}): Promise<string[]> {
  const { renderDraft } = await import('../../drafting/service');
  const rendered = [];
  for (const f of formats) rendered.push(await renderDraft(d, f));
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const [ext, text] of Object.entries(extra)) {
    const p = path.resolve(outDir, `${base}.${ext}`);
    fs.writeFileSync(p, text);
    written.push(p);
  }
  for (const r of rendered) {
    const p = path.resolve(outDir, `${base}.${r.fileName.split('.').pop()}`);
    fs.writeFileSync(`${p}.tmp`, r.data);
    fs.renameSync(`${p}.tmp`, p);
    written.push(p);
  }
  return written;
}

export async function exportCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, docx: { type: 'boolean', default: false }, pdf: { type: 'boolean', default: false } });
  const file = positionals[0];
  const out = str(values.out);
  if (!file || !out) throw new AppError('VALIDATION', 'Dùng: vanphong export MODEL.json --out DIR [--docx] [--pdf]');
  let json: unknown;
  try {
    json = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', `Tệp «${file}» không phải JSON hợp lệ (thiếu hoặc thừa dấu ngoặc, dấu phẩy, dấu nháy).`);
  }
  const d = await validate(json, file);
  const formats: ('docx' | 'pdf')[] = values.docx || values.pdf ? [...(values.docx ? ['docx' as const] : []), ...(values.pdf ? ['pdf' as const] : [])] : ['docx', 'pdf'];
  const written = await writeOutputs(d, out, path.basename(file, path.extname(file)), formats);
  if (values.json) printJson({ files: written });
  else for (const w of written) console.log(`Đã ghi ${w}`);
}

export async function convertCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, profile: { type: 'string' } });
  const file = positionals[0];
  const out = str(values.out);
  if (!file || !out) throw new AppError('VALIDATION', 'Dùng: vanphong convert INPUT.txt --out DIR [--profile state|party]');
  const profile = str(values.profile);
  if (profile !== undefined && profile !== 'state' && profile !== 'party') throw new AppError('VALIDATION', 'Thể thức phải là state (Nhà nước) hoặc party (Đảng).', { field: 'profile' });
  const parsed = parseOfficialText(readText(file), { profile });
  const d = await validate(parsed.draft, file);
  const base = path.basename(file, path.extname(file));
  const written = await writeOutputs(d, out, base, ['docx', 'pdf'], { json: `${JSON.stringify(d, null, 2)}\n` });
  if (values.json) printJson({ files: written, recognised: parsed.recognised, warnings: parsed.warnings });
  else {
    for (const w of written) console.log(`Đã ghi ${w}`);
    console.log('Nhận ra:');
    for (const r of parsed.recognised) console.log(`  ${r}`);
    if (parsed.warnings.length) {
      console.log('Cảnh báo:');
      for (const w of parsed.warnings) console.log(`  ${w}`);
    }
  }
}
