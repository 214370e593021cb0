import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/api/result';
import type { MethodInput } from '../../../shared/api/contract';
import { configuredMaxFileBytes, openApp } from '../../app/context';
import { resolveDataDir } from '../../app/data-dir';
import { call, USER_FLAGS, withApp } from './session';
import { auditCommand, draftCommand, outgoingCommand, recipientsCommand, usersCommand } from './outgoing';
import { meetingsCommand, roomsCommand } from './meetings';
import { startHttpHost } from '../http/server';
import { openBrowser } from './open-browser';
import { int, parse, str } from './args';
import { hitLine, incomingLine, printJson } from './output';
import { HELP } from './help';
import { requireFile } from './files';
import { convertCommand, exportCommand } from './drafting';
import { signCommand, tokensCommand, verifyCommand } from './signing';

/** The `vanphong` CLI: a thin host that parses flags, calls the same API as the UI, prints the result. */

function readFileInput(p: string, maxBytes: number) {
  const abs = path.resolve(p);
  requireFile(abs, 'tệp', 'file');
  // Refuse an oversize file before reading it: a multi-gigabyte file must not be loaded into memory at all.
  if (fs.statSync(abs).size > maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `Tệp «${path.basename(abs)}» lớn quá giới hạn ${Math.round(maxBytes / 1048576)} MB.`, { field: 'file' });
  }
  const b = fs.readFileSync(abs);
  return { name: path.basename(abs), data: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
}

const URGENCY_FLAGS: Record<string, 'thuong' | 'khan' | 'thuong-khan' | 'hoa-toc'> = {
  thuong: 'thuong',
  khan: 'khan',
  'thuong-khan': 'thuong-khan',
  'hoa-toc': 'hoa-toc',
};

async function incoming(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'add': {
      const { values } = parse(rest, {
        ...USER_FLAGS,
        subject: { type: 'string' },
        sender: { type: 'string' },
        ref: { type: 'string' },
        date: { type: 'string' },
        arrived: { type: 'string' },
        type: { type: 'string' },
        urgency: { type: 'string' },
        secrecy: { type: 'string' },
        book: { type: 'string' },
        pages: { type: 'string' },
        recipient: { type: 'string' },
        note: { type: 'string' },
        file: { type: 'string', multiple: true },
        'allow-duplicate': { type: 'boolean', default: false },
      });
      const urgency = str(values.urgency);
      if (urgency !== undefined && !(urgency in URGENCY_FLAGS)) {
        throw new AppError('VALIDATION', `Độ khẩn «${urgency}» không hợp lệ; dùng khan, thuong-khan hoặc hoa-toc.`, { field: 'urgency' });
      }
      const files = ((values.file as string[] | undefined) ?? []).map((f) => readFileInput(f, configuredMaxFileBytes()));
      await withApp(values, async (app) => {
        const rec = await call(app, 'incoming.register', {
          subject: str(values.subject) as string,
          sender: str(values.sender) as string,
          ref: str(values.ref) as string,
          docDate: str(values.date) as string,
          arrivalDate: str(values.arrived),
          docType: str(values.type),
          urgency: urgency ? URGENCY_FLAGS[urgency] : undefined,
          secrecy: str(values.secrecy) as MethodInput<'incoming.register'>['secrecy'],
          book: str(values.book),
          pageCount: int(values.pages, 'Số trang'),
          recipient: str(values.recipient),
          note: str(values.note),
          attachments: files,
          allowDuplicate: values['allow-duplicate'] === true,
        });
        // One-shot command: extract the attachments' text now so `vanphong search` finds it next.
        await app.indexer.runUntilIdle();
        const detail = await call(app, 'incoming.get', { id: rec.id });
        if (values.json) printJson(detail);
        else {
          console.log(`Đã vào sổ «${detail.bookName}»: số đến ${detail.arrivalNumber}/${detail.year}`);
          console.log(incomingLine(detail));
          for (const a of detail.attachments) console.log(`  📎 ${a.name} (${a.size} byte, ${a.sha256.slice(0, 12)}…)`);
        }
      });
      return;
    }
    case 'list': {
      const { values } = parse(rest, { ...USER_FLAGS, year: { type: 'string' }, book: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } });
      await withApp(values, async (app) => {
        const offset = int(values.offset, 'Vị trí bắt đầu') ?? 0;
        const r = await call(app, 'incoming.list', {
          year: int(values.year, 'Năm'),
          book: str(values.book),
          limit: int(values.limit, 'Giới hạn') ?? 1000,
          offset,
          sort: 'arrivalNumber',
          order: 'asc',
        });
        if (values.json) printJson(r);
        else {
          for (const row of r.rows) console.log(incomingLine(row));
          const shown = r.rows.length ? `dòng ${offset + 1}–${offset + r.rows.length} của ` : '';
          console.log(`Tổng: ${shown}${r.total} văn bản`);
          if (r.total !== null && offset + r.rows.length < r.total) console.log(`Còn nữa: thêm --offset ${offset + r.rows.length} để xem tiếp.`);
        }
      });
      return;
    }
    case 'show': {
      const { values, positionals } = parse(rest, { ...USER_FLAGS });
      await withApp(values, async (app) => {
        const d = await call(app, 'incoming.get', { id: int(positionals[0], 'Mã văn bản') as number });
        if (values.json) printJson(d);
        else console.log(incomingLine(d));
      });
      return;
    }
    case 'route': {
      const { values, positionals } = parse(rest, {
        ...USER_FLAGS,
        lead: { type: 'string' },
        co: { type: 'string' },
        instruction: { type: 'string' },
        deadline: { type: 'string' },
      });
      await withApp(values, async (app) => {
        const d = await call(app, 'incoming.route', {
          id: int(positionals[0], 'Mã văn bản') as number,
          lead: str(values.lead) as string,
          coUnits: (str(values.co) ?? '').split(';').map((s) => s.trim()).filter(Boolean),
          instruction: str(values.instruction),
          deadline: str(values.deadline),
        });
        if (values.json) printJson(d);
        else console.log(`Đã chuyển xử lý: ${incomingLine(d)}`);
      });
      return;
    }
    default:
      throw new AppError('VALIDATION', `Lệnh «incoming ${sub ?? ''}» không có. Dùng: add, list, show, route.`);
  }
}

async function search(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...USER_FLAGS, limit: { type: 'string' } });
  await withApp(values, async (app) => {
    const hits = await call(app, 'search.query', { query: positionals.join(' '), limit: int(values.limit, 'Giới hạn') ?? 50 });
    if (values.json) printJson(hits);
    else {
      for (const h of hits) console.log(hitLine(h));
      console.log(`${hits.length} kết quả`);
    }
  });
}

async function registerBook(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    ...USER_FLAGS,
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    book: { type: 'string' },
  });
  const kind = positionals[0];
  if (kind !== 'incoming' && kind !== 'outgoing' && kind !== 'followup') {
    throw new AppError('VALIDATION', 'Dùng: vanphong register-book incoming|outgoing|followup --from DATE --to DATE --out FILE.docx|FILE.xlsx');
  }
  const out = str(values.out);
  if (!out) throw new AppError('VALIDATION', 'Thiếu --out FILE.docx hoặc FILE.xlsx.', { field: 'out' });
  const ext = path.extname(out).slice(1).toLowerCase();
  if (ext !== 'docx' && ext !== 'xlsx') throw new AppError('VALIDATION', 'Tệp xuất phải có đuôi .docx hoặc .xlsx.', { field: 'out' });
  await withApp(values, async (app) => {
    const file = await call(app, 'registerBook.export', {
      kind,
      from: str(values.from) as string,
      to: str(values.to) as string,
      book: str(values.book),
      format: ext,
    });
    const tmp = `${out}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, file.data);
    fs.renameSync(tmp, out);
    if (values.json) printJson({ out: path.resolve(out), rowCount: file.rowCount });
    else console.log(`Đã xuất ${file.rowCount} văn bản vào ${path.resolve(out)}`);
  });
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parse(argv, { port: { type: 'string' }, 'no-open': { type: 'boolean', default: false } });
  const app = await openApp({ dataDir: resolveDataDir(str(values['data-dir'])), backgroundIndexing: true });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticRoot = path.resolve(here, '..', 'renderer');
  const host = await startHttpHost(app, { port: int(values.port, 'Cổng') ?? 0, staticRoot: fs.existsSync(staticRoot) ? staticRoot : undefined });
  const url = `${host.url}#token=${host.token}`;
  console.log(`Văn phòng điện tử (chế độ trình duyệt) — dữ liệu: ${app.dataDir}`);
  console.log(`URL: ${url}`);
  app.indexer.kick();
  if (!values['no-open']) openBrowser(url);
  const stop = async () => {
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => undefined);
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'incoming':
        await incoming(rest);
        break;
      case 'search':
        await search(rest);
        break;
      case 'register-book':
        await registerBook(rest);
        break;
      case 'serve':
        await serve(rest);
        break;
      case 'convert':
        await convertCommand(rest);
        break;
      case 'export':
        await exportCommand(rest);
        break;
      case 'sign':
        await signCommand(rest);
        break;
      case 'verify':
        await verifyCommand(rest);
        break;
      case 'tokens':
        await tokensCommand(rest);
        break;
      case 'users':
        await usersCommand(rest);
        break;
      case 'draft':
        await draftCommand(rest);
        break;
      case 'outgoing':
        await outgoingCommand(rest);
        break;
      case 'recipients':
        await recipientsCommand(rest);
        break;
      case 'audit':
        return await auditCommand(rest);
      case 'meetings':
        await meetingsCommand(rest);
        break;
      case 'rooms':
        await roomsCommand(rest);
        break;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        break;
      default:
        throw new AppError('VALIDATION', `Lệnh «${cmd}» không có. Gõ «vanphong help» để xem các lệnh.`);
    }
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      const where = e.field ? ` [${e.field}]` : '';
      if (argv.includes('--json')) console.error(JSON.stringify({ ok: false, error: e.toJSON() }));
      else {
        console.error(`Lỗi${where}: ${e.message}`);
        if (e.code === 'DUPLICATE' && cmd === 'incoming') console.error('Nếu đúng là văn bản khác, chạy lại lệnh với --allow-duplicate để vẫn vào sổ.');
      }
      return e.code === 'VALIDATION' || e.code === 'DUPLICATE' ? 2 : 1;
    }
    const code = (e as NodeJS.ErrnoException)?.code;
    const file = (e as NodeJS.ErrnoException)?.path;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOSPC' || code === 'EROFS') {
      const why = { ENOENT: 'thư mục không tồn tại', EACCES: 'không có quyền ghi', EISDIR: 'đó là một thư mục', ENOSPC: 'hết chỗ trên đĩa', EROFS: 'ổ đĩa chỉ đọc' }[code];
      console.error(`Lỗi: không ghi hoặc đọc được «${file ?? ''}»: ${why}.`);
      return 1;
    }
    console.error('Lỗi không mong đợi:', e);
    return 1;
  }
}
