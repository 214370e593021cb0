import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { formatDateVN } from '../../../shared/domain/dates';
import { HOSO_DOC_KIND_LABELS, type HosoDetail, type HosoSummary } from '../../../shared/hoso/schemas';
import { int, parse, str } from './args';
import { requireFile, writeAtomically } from './files';
import { printJson } from './output';
import { call, withApp } from './session';

/**
 * `vanphong hoso …`: hồ sơ công việc from the command line (ND30 Điều 28–31) — the danh mục, documents in a hồ sơ,
 * closing, the mục lục, handover packages and their verification, destruction by two roles, the retention table.
 */
const USAGE = 'Dùng: vanphong hoso add|list|show|add-doc|remove-doc|close|reopen|contents|catalogue|due|handover|verify|request-disposal|approve-disposal|retention …';

function line(h: HosoSummary): string {
  const period = h.retention ? h.retention.label : 'chưa chọn thời hạn';
  return `${String(h.id).padStart(4)}  ${h.year}  ${h.code}  ${h.title}  — ${period}; ${h.owner.fullName}${h.unit ? ` (${h.unit.name})` : ''}; ${h.docCount} văn bản  (${h.statusLabel})`;
}

function show(h: HosoDetail): void {
  console.log(`Hồ sơ số ${h.code} năm ${h.year} — mã hồ sơ ${h.fileCode} (mã ${h.id})`);
  console.log(`  ${h.title}`);
  console.log(`  Thời hạn bảo quản: ${h.retention ? `${h.retention.label} (${h.retention.code})` : 'chưa chọn'}; người lập: ${h.owner.fullName}${h.unit ? `, ${h.unit.name}` : ''}; ${h.statusLabel}`);
  if (h.status !== 'mo') console.log(`  Từ ${formatDateVN(h.startDate)} đến ${formatDateVN(h.endDate)}; ${h.docCount} văn bản, ${h.pageTotal ?? 0} trang`);
  if (h.packageSha256) console.log(`  Gói nộp lưu SHA-256: ${h.packageSha256}`);
  for (const d of h.documents) {
    const work = d.openWork.length ? `  [${d.openWork.join('; ')}]` : '';
    console.log(`  ${String(d.ordinal).padStart(3)}. ${HOSO_DOC_KIND_LABELS[d.kind]} ${d.ref || `#${d.refId}`}  ${formatDateVN(d.date)}  ${d.subject}${d.pageRange ? `  (trang ${d.pageRange})` : ''}${work}`);
  }
  if (h.hiddenCount) console.log(`  … và ${h.hiddenCount} văn bản bạn không được xem.`);
}

function idOf(positionals: string[], usage: string): number {
  const id = int(positionals[0], 'Mã hồ sơ');
  if (id === undefined) throw new AppError('VALIDATION', usage);
  return id;
}

function docOf(values: Record<string, unknown>, usage: string): { kind: 'incoming' | 'outgoing' | 'draft'; refId: number } {
  const given = (['incoming', 'outgoing', 'draft'] as const).filter((k) => values[k] !== undefined);
  if (given.length !== 1) throw new AppError('VALIDATION', usage);
  return { kind: given[0], refId: int(values[given[0]], 'Mã văn bản') as number };
}

const years = (v: unknown): number | null => {
  const s = String(v ?? '').trim().toLowerCase();
  if (s === 'vinh-vien' || s === 'vĩnh viễn' || s === 'vinh vien') return null;
  const n = int(s, '--years');
  if (n === undefined) throw new AppError('VALIDATION', 'Thiếu --years SỐ-NĂM (hoặc vinh-vien).', { field: 'years' });
  return n;
};

async function retentionCommand(argv: string[]): Promise<void> {
  const [sub = 'list', ...rest] = argv;
  const { values, positionals } = parse(rest, { title: { type: 'string' }, years: { type: 'string' }, base: { type: 'string' }, code: { type: 'string' }, group: { type: 'string' } });
  await withApp(values, async (app) => {
    if (sub === 'list') {
      const rows = await call(app, 'retention.list', {});
      if (values.json) return printJson(rows);
      for (const r of rows) console.log(`${r.code.padEnd(6)} ${r.label.padEnd(10)} ${r.title}${r.source !== 'TT10/2022' ? ` (cơ quan bổ sung${r.baseCode ? `, theo ${r.baseCode}` : ''})` : ''}`);
      return;
    }
    if (sub === 'add') {
      const r = await call(app, 'retention.add', { title: str(values.title) as string, years: years(values.years), base: str(values.base), code: str(values.code), group: int(values.group, '--group') });
      if (values.json) return printJson(r);
      console.log(`Đã thêm dòng ${r.code}: ${r.title} — ${r.label}${r.minimum ? ` (tối thiểu ${r.minimum})` : ''}.`);
      return;
    }
    if (sub === 'set') {
      const code = positionals[0];
      const row = (await call(app, 'retention.list', {})).find((r) => r.code.toLowerCase() === String(code ?? '').toLowerCase());
      if (!row) throw new AppError('NOT_FOUND', `Không có dòng «${code ?? ''}» trong bảng thời hạn bảo quản.`);
      const r = await call(app, 'retention.update', { id: row.id, years: values.years !== undefined ? years(values.years) : undefined, title: str(values.title) });
      if (values.json) return printJson(r);
      console.log(`Đã sửa dòng ${r.code}: ${r.title} — ${r.label}.`);
      return;
    }
    throw new AppError('VALIDATION', 'Dùng: vanphong hoso retention list | add --title T --years N|vinh-vien [--base MÃ] | set MÃ --years N');
  });
}

export async function hosoCommand(argv: string[]): Promise<number | void> {
  const [sub, ...rest] = argv;
  if (sub === 'retention') return retentionCommand(rest);
  const { values, positionals } = parse(rest, {
    code: { type: 'string' },
    title: { type: 'string' },
    year: { type: 'string' },
    retention: { type: 'string' },
    owner: { type: 'string' },
    rights: { type: 'string' },
    description: { type: 'string' },
    status: { type: 'string' },
    incoming: { type: 'string' },
    outgoing: { type: 'string' },
    draft: { type: 'string' },
    out: { type: 'string' },
    reason: { type: 'string' },
    note: { type: 'string' },
  });
  const year = int(values.year, 'Năm');
  const detail = (h: HosoDetail, said: string) => (values.json ? printJson(h) : (console.log(said), show(h)));
  switch (sub) {
    case 'add':
      return withApp(values, async (app) => {
        const h = await call(app, 'hoso.add', {
          code: str(values.code) as string,
          title: str(values.title) as string,
          year,
          retention: str(values.retention),
          owner: str(values.owner),
          rights: str(values.rights) as never,
          description: str(values.description),
        });
        detail(h, `Đã lập hồ sơ số ${h.code} năm ${h.year} (mã ${h.id}).`);
      });
    case 'list':
      return withApp(values, async (app) => {
        const rows = await call(app, 'hoso.list', { year, status: str(values.status) as never });
        if (values.json) return printJson(rows);
        if (!rows.length) console.log(`Chưa có hồ sơ nào${year ? ` năm ${year}` : ''}. Lập bằng «vanphong hoso add --code SỐ --title "TIÊU ĐỀ"».`);
        for (const h of rows) console.log(line(h));
      });
    case 'show':
      return withApp(values, async (app) => {
        const h = await call(app, 'hoso.get', { id: idOf(positionals, 'Dùng: vanphong hoso show MÃ') });
        if (values.json) return printJson(h);
        show(h);
      });
    case 'add-doc':
    case 'remove-doc': {
      const usage = `Dùng: vanphong hoso ${sub} MÃ-HỒ-SƠ --incoming MÃ | --outgoing MÃ | --draft MÃ`;
      const id = idOf(positionals, usage);
      const doc = docOf(values, usage);
      return withApp(values, async (app) => {
        const h = await call(app, sub === 'add-doc' ? 'hoso.addDoc' : 'hoso.removeDoc', { id, ...doc });
        detail(h, sub === 'add-doc' ? `Đã đưa ${HOSO_DOC_KIND_LABELS[doc.kind].toLowerCase()} mã ${doc.refId} vào hồ sơ ${h.code}.` : `Đã bỏ văn bản khỏi hồ sơ ${h.code}.`);
      });
    }
    case 'close':
      return withApp(values, async (app) => {
        const h = await call(app, 'hoso.close', { id: idOf(positionals, 'Dùng: vanphong hoso close MÃ') });
        detail(h, `Đã kết thúc hồ sơ ${h.code}: ${h.docCount} văn bản, ${h.pageTotal ?? 0} trang.`);
      });
    case 'reopen':
      return withApp(values, async (app) => {
        const h = await call(app, 'hoso.reopen', { id: idOf(positionals, 'Dùng: vanphong hoso reopen MÃ --reason "LÝ DO"'), reason: str(values.reason) as string });
        detail(h, `Đã mở lại hồ sơ ${h.code}.`);
      });
    case 'contents':
    case 'catalogue': {
      const out = str(values.out);
      const ext = out ? path.extname(out).slice(1).toLowerCase() : '';
      if (!out || (ext !== 'pdf' && ext !== 'docx')) throw new AppError('VALIDATION', 'Thiếu --out TỆP.pdf hoặc TỆP.docx.', { field: 'out' });
      return withApp(values, async (app) => {
        const f =
          sub === 'contents'
            ? await call(app, 'hoso.contents', { id: idOf(positionals, 'Dùng: vanphong hoso contents MÃ --out TỆP.pdf|TỆP.docx'), format: ext })
            : await call(app, 'hoso.catalogue', { year: year ?? new Date().getFullYear(), format: ext });
        const abs = writeAtomically(out, f.data);
        if (values.json) printJson({ out: abs, rowCount: f.rowCount });
        else console.log(`Đã xuất ${sub === 'contents' ? 'mục lục văn bản' : 'danh mục hồ sơ'} (${f.rowCount} dòng) vào ${abs}`);
      });
    }
    case 'due':
      return withApp(values, async (app) => {
        const rows = await call(app, 'hoso.dueForHandover', { year: year ?? new Date().getFullYear() });
        if (values.json) return printJson(rows);
        if (!rows.length) console.log('Không có hồ sơ đã kết thúc nào chờ nộp lưu.');
        for (const h of rows) console.log(`${line(h)}  — nộp lưu trước ${formatDateVN(h.dueBy)}${h.overdue ? ' (QUÁ HẠN)' : ''}`);
      });
    case 'handover': {
      const out = str(values.out);
      if (!out || path.extname(out).toLowerCase() !== '.zip') throw new AppError('VALIDATION', 'Thiếu --out TỆP.zip.', { field: 'out' });
      const id = idOf(positionals, 'Dùng: vanphong hoso handover MÃ --out TỆP.zip');
      return withApp(values, async (app) => {
        const [p] = await call(app, 'hoso.handover', { ids: [id] });
        const abs = writeAtomically(out, p.data);
        if (values.json) printJson({ id: p.id, out: abs, sha256: p.sha256, size: p.size, files: p.files });
        else console.log(`Đã nộp lưu hồ sơ mã ${p.id}: gói ${abs} (${p.files} tệp, ${p.size.toLocaleString('vi-VN')} byte)\nSHA-256 của gói: ${p.sha256}`);
      });
    }
    case 'verify': {
      const file = positionals[0];
      if (!file) throw new AppError('VALIDATION', 'Dùng: vanphong hoso verify TỆP.zip');
      requireFile(file, 'gói nộp lưu', 'file');
      const data = new Uint8Array(fs.readFileSync(file));
      return withApp(values, async (app) => {
        const r = await call(app, 'hoso.verifyPackage', { name: path.basename(file), data });
        if (values.json) printJson(r);
        else {
          console.log(r.ok ? `Gói nộp lưu hợp lệ: ${r.files} tệp đúng mã băm, metadata.xml khớp.` : `Gói nộp lưu KHÔNG hợp lệ: ${r.problems.length} lỗi.`);
          if (r.fileCode) console.log(`  Hồ sơ ${r.fileCode}: ${r.title ?? ''} (${r.docTotal ?? 0} văn bản)`);
          for (const p of r.problems) console.log(`  ${p.file}: ${p.problem}`);
          console.log(r.matches ? `  Đúng gói đã nộp lưu của hồ sơ ${r.matches.code} (mã ${r.matches.id}).` : '  Không khớp gói nộp lưu nào đã ghi trong cơ sở dữ liệu này.');
        }
        return r.ok ? 0 : 3;
      });
    }
    case 'request-disposal':
      return withApp(values, async (app) => {
        const h = await call(app, 'hoso.requestDisposal', { id: idOf(positionals, 'Dùng: vanphong hoso request-disposal MÃ --reason "LÝ DO"'), reason: str(values.reason) as string });
        detail(h, `Đã đề nghị tiêu hủy hồ sơ ${h.code}: chờ một lãnh đạo khác duyệt.`);
      });
    case 'approve-disposal':
      return withApp(values, async (app) => {
        const h = await call(app, 'hoso.approveDisposal', { id: idOf(positionals, 'Dùng: vanphong hoso approve-disposal MÃ'), note: str(values.note) });
        detail(h, `Đã duyệt tiêu hủy hồ sơ ${h.code}.`);
      });
    default:
      throw new AppError('VALIDATION', sub ? `Lệnh «hoso ${sub}» không có. ${USAGE}` : USAGE);
  }
}
