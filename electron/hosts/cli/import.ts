import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { columnLetters, FIELDS_OF, IMPORT_FIELD_LABELS, missingFields, parseMapSpec, REGISTER_KIND_LABELS, type ImportMapping, type RegisterKind } from '../../../shared/imports/fields';
import { IMPORT_OUTCOME_LABELS, type ImportPreview, type ImportSource, type ImportStatus } from '../../../shared/imports/schemas';
import { escapeControls } from '../../../shared/text/hygiene';
import { parse, str } from './args';
import { printJson } from './output';
import { RemoteApp } from './remote';
import { call, withApp, type CliApp } from './session';

/**
 * `vanphong import FOLDER|FILE.zip|FILE.xlsx|FILE.csv [--register den|di] [--book NAME] [--dry-run] [--map SPEC]
 * [--report FILE.csv]`: an old register into the incoming or the outgoing register (issue 18), the one its header
 * names unless --register says. The header is recognised and the columns mapped; without
 * confidence and without --map it prints the proposal and exits 2. Progress goes to stderr (one line rewriting itself
 * on a terminal, a line a second otherwise) and always a last summary line; --report writes each row's outcome.
 * Killed, the same command continues where it stopped.
 */
const USAGE = 'Dùng: vanphong import THƯ-MỤC|TỆP.zip|TỆP.xlsx|TỆP.csv [--register den|di] [--book TÊN-SỔ] [--dry-run] [--map "Số đến=A,Ngày đến=B,…"] [--report TỆP.csv] [--json]';

const REGISTER_ARG: Record<string, RegisterKind> = { den: 'incoming', di: 'outgoing' };

function describeMapping(p: ImportPreview, m: ImportMapping): string[] {
  return FIELDS_OF[p.kind].map((f) => {
    const i = m[f];
    return `  ${IMPORT_FIELD_LABELS[f].padEnd(32)} ${i === undefined ? '—' : `cột ${columnLetters(i)}${p.header[i] ? ` «${p.header[i]}»` : ''}`}`;
  });
}

const seconds = (s: number | null) => (s === null ? '…' : s >= 90 ? `${Math.round(s / 60)} phút` : `${s} giây`);

function progressLine(s: ImportStatus): string {
  const pct = s.total ? Math.floor((s.done / s.total) * 100) : 100;
  const what = `${s.dryRun ? 'Chạy thử' : 'Nhập sổ cũ'} (${REGISTER_KIND_LABELS[s.kind].toLowerCase()})`;
  const tail = s.state === 'running' ? ` — còn khoảng ${seconds(s.etaSeconds)}` : '';
  return `${what}: ${s.done}/${s.total} dòng (${pct}%) — ${s.dryRun ? 'sẽ nhập' : 'đã nhập'} ${s.imported}, bỏ qua ${s.skipped}, lỗi ${s.failed}${s.files ? `, ${s.files} tệp` : ''}${tail}`;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeReport(app: CliApp, s: ImportStatus, file: string): Promise<void> {
  const out = path.resolve(file);
  const tmp = `${out}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, `\uFEFFDòng,Kết quả,${s.kind === 'incoming' ? 'Số đến' : 'Số'},Lý do\r\n`);
    if (s.runId === null) {
      for (const p of s.problems) fs.writeSync(fd, `${[p.row, IMPORT_OUTCOME_LABELS[p.outcome], p.arrivalNumber, p.reason].map(csvCell).join(',')}\r\n`);
    } else {
      for (let offset = 0; ; offset += 2000) {
        const page = await call(app, 'imports.rows', { runId: s.runId, offset, limit: 2000 });
        for (const r of page.rows) {
          const n = r.arrivalNumber !== null ? `${r.arrivalNumber}/${r.year}` : '';
          fs.writeSync(fd, `${[r.row, IMPORT_OUTCOME_LABELS[r.outcome], n, r.reason].map(csvCell).join(',')}\r\n`);
        }
        if (page.rows.length < 2000) break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, out);
}

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    book: { type: 'string' },
    register: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    map: { type: 'string' },
    report: { type: 'string' },
  });
  if (positionals.length !== 1) throw new AppError('VALIDATION', USAGE);
  const given = positionals[0];
  const registerArg = str(values.register);
  const kind = registerArg === undefined ? undefined : REGISTER_ARG[registerArg];
  if (registerArg !== undefined && !kind) throw new AppError('VALIDATION', '--register phải là den (sổ văn bản đến) hoặc di (sổ văn bản đi).', { field: 'register' });
  return withApp(values, async (app) => {
    let source: ImportSource = { path: path.resolve(given) };
    if (app instanceof RemoteApp) {
      if (!fs.statSync(given).isFile()) throw new AppError('VALIDATION', 'Qua máy chủ cơ quan chỉ gửi được một tệp (.xlsx, .csv, .zip): thư mục bản quét thì nhập trên máy có thư mục dữ liệu.', { field: 'server' });
      source = { file: { name: path.basename(given), data: new Uint8Array(fs.readFileSync(given)) } };
    }
    const p = await call(app, 'imports.preview', { source, kind });
    let mapping: ImportMapping = p.mapping;
    const spec = str(values.map);
    if (spec !== undefined) {
      const r = parseMapSpec(spec, p.header, p.kind);
      if ('error' in r) throw new AppError('VALIDATION', `--map: ${r.error}`, { field: 'map' });
      mapping = { ...p.mapping, ...r.mapping };
    } else if (!p.confident) {
      if (values.json) printJson({ ok: false, needsMapping: true, preview: p });
      else {
        console.error(p.headerRow === null ? `Không nhận ra dòng tiêu đề của sổ «${p.register}».` : `Dòng tiêu đề (dòng ${p.headerRow}) của «${p.register}»: chưa chắc cách ghép cột. Đề xuất:`);
        for (const l of describeMapping(p, p.mapping)) console.error(l);
        if (p.header.length) console.error(`Các cột: ${p.header.map((h, i) => `${columnLetters(i)}=«${h}»`).join(', ')}`);
        const lack = missingFields(p.mapping, p.kind);
        if (lack.length) console.error(`Thiếu: ${lack.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')}.`);
        const example = p.kind === 'incoming' ? 'Số đến=A,Ngày đến=B,Tác giả (nơi gửi)=C,…' : 'Số, ký hiệu=A,Ngày văn bản=B,Tên loại và trích yếu nội dung=C,…';
        console.error(`${REGISTER_KIND_LABELS[p.kind]}. Chạy lại với --map "${example}" (tên trường = chữ cái hoặc tên cột), --register den|di nếu nhầm sổ.`);
      }
      return 2;
    }
    let s = await call(app, 'imports.run', { source, kind: p.kind, mapping: spec !== undefined ? mapping : undefined, book: str(values.book), dryRun: values['dry-run'] === true });
    const tty = process.stderr.isTTY === true;
    let last = '';
    let lastAt = 0;
    if (s.resumedAt !== null && !values.json) console.error(`Tiếp tục lượt nhập trước từ dòng ${s.resumedAt} (${s.done} dòng đã xử lý).`);
    while (s.state === 'running') {
      const line = progressLine(s);
      if (tty) process.stderr.write(`\r\x1b[K${escapeControls(line)}`);
      else if (line !== last && Date.now() - lastAt >= 500) {
        process.stderr.write(`${escapeControls(line)}\n`);
        lastAt = Date.now();
      }
      last = line;
      await new Promise((r) => setTimeout(r, 100));
      s = await call(app, 'imports.status', { job: s.job });
    }
    if (tty) process.stderr.write('\r\x1b[K');
    const report = str(values.report);
    if (report) await writeReport(app, s, report);
    if (values.json) printJson(s);
    else {
      console.error(progressLine(s));
      for (const p of s.problems.slice(0, 10)) console.error(`  Dòng ${p.row}: ${IMPORT_OUTCOME_LABELS[p.outcome]} — ${p.reason}`);
      if (s.error) console.error(`Lỗi: ${s.error}`);
      if (report) console.error(`Báo cáo từng dòng: ${path.resolve(report)}`);
    }
    return s.state === 'done' ? 0 : 1;
  });
}
