import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { MAX_PACKAGE_BYTES } from '../../../shared/exchange/limits';
import { BUSINESS_LABELS, VERDICT_LABELS, type Business, type SignatureVerdict } from '../../../shared/exchange/edxml-model';
import { int, parse, str } from './args';
import { requireFile, writeAtomically } from './files';
import { printJson } from './output';
import { call, withApp } from './session';
import { KEY_FLAGS, keyFromFlags } from './signing';

/**
 * `vanphong edxml export|import` (issue 18): an issued outgoing document written as an edXML package (QCVN 102:2016),
 * signed with the organisation's key; a received package registered into the incoming register. `edxml status` (the
 * status packages) belongs to the exchange commands.
 */
const USAGE =
  'Dùng: vanphong edxml export ID --out FILE.edxml [--to MÃ-ĐỊNH-DANH]... [--attach FILE]... [--revoke|--update|--replace [--replaces ID-CŨ] --reason TEXT] ' +
  '(--p12 FILE [--pass-stdin] | --pkcs11 MODULE --pin-stdin) | vanphong edxml import FILE.edxml | vanphong edxml status …';


export function verdictLine(s: SignatureVerdict): string {
  const what = s.kind === 'xml' ? 'Chữ ký gói tin (XML)' : `Chữ ký tệp ${s.file}`;
  const who = s.signer ? ` — ${s.signer}${s.issuer ? ` (cấp bởi ${s.issuer})` : ''}` : '';
  return `  ${what}: ${VERDICT_LABELS[s.status]}${who}${s.problems.length ? `; ${s.problems.join(' ')}` : ''}`;
}

async function exportCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    to: { type: 'string', multiple: true },
    attach: { type: 'string', multiple: true },
    revoke: { type: 'boolean', default: false },
    update: { type: 'boolean', default: false },
    replace: { type: 'boolean', default: false },
    reason: { type: 'string' },
    replaces: { type: 'string' },
    ...KEY_FLAGS,
  });
  const id = int(positionals[0], 'Mã văn bản đi');
  const out = str(values.out);
  if (id === undefined || !out) throw new AppError('VALIDATION', USAGE);
  const kinds = (['revoke', 'update', 'replace'] as const).filter((k) => values[k]);
  if (kinds.length > 1) throw new AppError('VALIDATION', 'Chọn một trong --revoke, --update, --replace.', { field: kinds[1] });
  const business = (kinds[0] ?? 'new') as Business;
  const attachments = ((values.attach as string[] | undefined) ?? []).map((f) => ({ name: path.basename(f), data: new Uint8Array(fs.readFileSync(requireFile(f, 'tệp kèm theo', 'attach'))) }));
  const key = await keyFromFlags(values);
  await withApp(values, async (app) => {
    const r = await call(app, 'exchange.exportEdxml', { id, to: (values.to as string[] | undefined) ?? [], business, reason: str(values.reason), key, attachments, replaces: int(str(values.replaces), 'Mã văn bản đi bị thay thế') });
    const file = writeAtomically(out, r.bytes);
    if (values.json) return printJson({ ...r, file, size: r.bytes.byteLength });
    console.log(`Đã xuất gói edXML${business === 'new' ? '' : ` (${BUSINESS_LABELS[business].toLowerCase()})`} ${r.documentId} → ${file} (${r.bytes.byteLength.toLocaleString('vi-VN')} byte, đã ký số).`);
    console.log(`Gửi điện tử cho ${r.recipients.length} nơi nhận:`);
    for (const x of r.recipients) console.log(`  ${x.organId}  ${x.name}${x.email ? `  <${x.email}>` : ''}`);
    if (r.notSendable.length) {
      console.log(`Không gửi điện tử được (${r.notSendable.length}):`);
      for (const x of r.notSendable) console.log(`  ${x.name} — ${x.why}`);
    }
  });
}

async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {});
  const file = positionals[0];
  if (!file) throw new AppError('VALIDATION', USAGE);
  requireFile(file, 'gói tin edXML', 'file');
  // Larger packages are refused by their size, before any byte is read (the API's own cap).
  const size = fs.statSync(file).size;
  if (size > MAX_PACKAGE_BYTES) throw new AppError('VALIDATION', `Gói tin edXML «${path.basename(file)}» quá lớn (${Math.round(size / 1024 / 1024).toLocaleString('vi-VN')} MB, tối đa ${MAX_PACKAGE_BYTES / 1024 / 1024} MB): từ chối, không đọc.`, { field: 'file' });
  const data = new Uint8Array(fs.readFileSync(file));
  await withApp(values, async (app) => {
    const r = await call(app, 'exchange.importEdxml', { fileName: path.basename(file), data });
    const doc = await call(app, 'incoming.get', { id: r.incomingId });
    if (values.json) return printJson({ ...r, year: doc.year, sender: doc.sender, ref: doc.ref, subject: doc.subject });
    const what = r.business === 'new' ? 'Đã vào sổ văn bản đến' : `Đã áp dụng gói ${BUSINESS_LABELS[r.business].toLowerCase()} cho văn bản đến`;
    console.log(`${what}: số đến ${r.arrivalNumber}/${doc.year} — ${doc.ref} của ${doc.sender} (${r.fromOrganId}).`);
    console.log(`  ${doc.subject}`);
    console.log(`  Mã văn bản: ${r.documentId}`);
    for (const s of r.signatures) console.log(verdictLine(s));
    for (const x of r.skipped) console.log(`  Tệp không lưu: ${x.name} — ${x.why}`);
  });
}

export async function edxmlCommand(argv: string[]): Promise<number | void> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return exportCommand(rest);
  if (sub === 'import') return importCommand(rest);
  // The status packages are the exchange commands' (electron/hosts/cli/exchange.ts).
  if (sub === 'status') return (await import('./exchange')).edxmlStatusCommand(rest);
  throw new AppError('VALIDATION', USAGE);
}
