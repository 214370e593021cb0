import fs from 'node:fs';
import path from 'node:path';
import { RemoteApp } from './remote';
import { AppError } from '../../../shared/api/result';
import type { MethodInput } from '../../../shared/api/contract';
import { configuredMaxFileBytes } from '../../app/context';
import { call, withApp } from './session';
import { int, parse, str } from './args';
import { incomingLine, printJson } from './output';
import { requireFile } from './files';
import type { BackgroundIndexer } from '../../app/context';
import { TextIndexer } from '../../search/text-indexer';
import type { AttachmentText } from '../../../shared/attachments/schemas';
import type { IncomingDetail } from '../../../shared/incoming/schemas';
import { STEP_LABELS } from '../../../shared/incoming/flow';
import { formatDateTimeVN, formatDateVN } from '../../../shared/domain/dates';

/** `vanphong incoming …` and `vanphong register-book`: the register from the command line (`vanphong search`: search.ts). */

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

/** Drains the text indexer in this process, with recognition's progress on stderr (or recognition put off). */
async function extractNow(indexer: BackgroundIndexer, noWait: boolean, own: readonly string[]): Promise<void> {
  const ix = indexer instanceof TextIndexer ? indexer : null;
  // Ctrl-C while a scan is read: the file is given back as pending (not counted as a failed attempt), then exit.
  const interrupted = () => void indexer.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  if (ix) {
    ix.ocr = !noWait;
    // Only this command's files are recognised now: scans waiting from before are left to a long-running host.
    ix.ocrOnly = new Set(own);
    ix.onOcrProgress = (p) => {
      if (p.stage === 'recognise') process.stderr.write(`Nhận dạng chữ (OCR) trang ${p.page}/${p.pages}…\n`);
    };
  }
  try {
    await indexer.runUntilIdle();
  } finally {
    process.off('SIGINT', interrupted);
    if (ix) {
      ix.ocr = true;
      ix.ocrOnly = null;
      ix.onOcrProgress = null;
    }
  }
}

/**
 * What became of an attachment's recognition, in one line (nothing for a file with its own text). Still pending after
 * the drain: put off by --no-wait (every other file has been read).
 */
function ocrLine(t: AttachmentText): string | null {
  if (t.status === 'pending') return 'Chưa nhận dạng chữ (OCR): máy chủ hoặc chế độ trình duyệt sẽ nhận dạng khi chạy.';
  if (t.status === 'failed') return t.note;
  if (t.source !== 'ocr') return null;
  const n = (t.text ?? '').length.toLocaleString('vi-VN');
  return `Văn bản nhận dạng (OCR): ${n} ký tự, độ tin cậy ${t.confidence ?? 0} %${t.note ? `. ${t.note}` : ''}`;
}

const URGENCY_FLAGS: Record<string, 'thuong' | 'khan' | 'thuong-khan' | 'hoa-toc'> = {
  thuong: 'thuong',
  khan: 'khan',
  'thuong-khan': 'thuong-khan',
  'hoa-toc': 'hoa-toc',
};

export async function incomingCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'add': {
      const { values } = parse(rest, {
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
        'no-wait': { type: 'boolean', default: false },
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
        // One-shot command: extract the attachments' text now so `vanphong search` finds it next; scans are
        // recognised (OCR) with their progress on stderr, or, --no-wait, left to the next long-running host.
        // An office server reads its files in its own time: nothing to report here.
        const remote = app instanceof RemoteApp;
        if (!remote) await extractNow(app.indexer, values['no-wait'] === true, rec.attachments.map((a) => a.sha256));
        const detail = await call(app, 'incoming.get', { id: rec.id });
        if (values.json) printJson(detail);
        else {
          console.log(`Đã vào sổ «${detail.bookName}»: số đến ${detail.arrivalNumber}/${detail.year}`);
          console.log(incomingLine(detail));
          for (const a of detail.attachments) {
            console.log(`  📎 ${a.name} (${a.size} byte, ${a.sha256.slice(0, 12)}…)`);
            const t = !remote && (a.mime.startsWith('image/') || a.mime === 'application/pdf') ? await call(app, 'attachments.text', { sha256: a.sha256 }) : null;
            const line = t && ocrLine(t);
            if (line) console.log(`     ${line}`);
          }
        }
      });
      return;
    }
    case 'list': {
      const { values } = parse(rest, { year: { type: 'string' }, book: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } });
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
          // Without --book the books' series share numbers (1/2026 of the secret book is another document): name each row's book.
          const book = str(values.book);
          for (const row of r.rows) console.log(book ? incomingLine(row) : `${incomingLine(row)}  · ${row.bookName}`);
          const shown = r.rows.length ? `dòng ${offset + 1}–${offset + r.rows.length} của ` : '';
          console.log(`Tổng: ${shown}${r.total} văn bản${book ? ` trong sổ «${r.rows[0]?.bookName ?? book}»` : ' (mọi sổ)'}`);
          if (r.total !== null && offset + r.rows.length < r.total) console.log(`Còn nữa: thêm --offset ${offset + r.rows.length} để xem tiếp.`);
        }
      });
      return;
    }
    case 'show': {
      const { values, positionals } = parse(rest, {});
      await withApp(values, async (app) => {
        const d = await call(app, 'incoming.get', { id: int(positionals[0], 'Mã văn bản') as number });
        if (values.json) printJson(d);
        else {
          console.log(incomingLine(d));
          if (d.steps.length) console.log(['Quá trình xử lý:', ...stepLines(d)].join('\n'));
        }
      });
      return;
    }
    case 'route': {
      const { values, positionals } = parse(rest, {
        lead: { type: 'string' },
        co: { type: 'string' },
        info: { type: 'string' },
        instruction: { type: 'string' },
        deadline: { type: 'string' },
      });
      await withApp(values, async (app) => {
        const d = await call(app, 'incoming.route', {
          id: int(positionals[0], 'Mã văn bản') as number,
          lead: str(values.lead) as string,
          coUnits: (str(values.co) ?? '').split(';').map((s) => s.trim()).filter(Boolean),
          info: (str(values.info) ?? '').split(';').map((s) => s.trim()).filter(Boolean),
          instruction: str(values.instruction),
          deadline: str(values.deadline),
        });
        if (values.json) printJson(d);
        else {
          console.log(`Đã chuyển xử lý: ${incomingLine(d)}`);
          const kind = { unit: 'đơn vị', user: 'tài khoản', text: 'ngoài cơ quan' } as const;
          const role = { lead: 'Chủ trì', co: 'Phối hợp', info: 'Để biết' } as const;
          for (const h of d.handlers) console.log(`  ${role[h.role]}: ${h.name} (${kind[h.kind]})`);
        }
      });
      return;
    }
    case 'submit':
    case 'instruct':
    case 'assign':
    case 'progress':
    case 'finish':
    case 'return':
      return flowCommand(sub, rest);
    case 'sheet':
    case 'stamp':
      return (await import('./incoming-print')).incomingPrintCommand(sub, rest);
    default:
      throw new AppError('VALIDATION', `Lệnh «incoming ${sub ?? ''}» không có. Dùng: add, list, show, route, submit, instruct, assign, progress, finish, return.`);
  }
}

/** A list typed as "A;B": the names, trimmed, empty ones dropped. */
const names = (v: unknown) => (str(v) ?? '').split(';').map((s) => s.trim()).filter(Boolean);
/** An account typed as its id (digits only) or its login name. */
const account = (v: unknown) => {
  const s = str(v);
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : (s as string);
};

/** The processing trail, one line a step (ND30 Điều 24: the văn thư's follow-up of each document). */
export function stepLines(d: IncomingDetail): string[] {
  return d.steps.map((s) => {
    const who = `${s.actor?.name ?? 'Văn thư ghi'}${s.onBehalfOf ? ` (ủy quyền của ${s.onBehalfOf.name})` : ''}`;
    const to = [s.toUnit?.name, s.toUser?.name].filter(Boolean).join(' → ');
    const parts = [
      `${formatDateTimeVN(s.at)}  ${STEP_LABELS[s.kind]}: ${who}${to ? ` → ${to}` : ''}`,
      s.deadline ? `hạn ${formatDateVN(s.deadline)}` : '',
      s.progress !== null && s.kind === 'progress' ? `${s.progress} %` : '',
      s.reply ? `trả lời bằng văn bản ${s.reply.ref}` : '',
      s.note ? `«${s.note}»` : '',
    ];
    return `  ${parts.filter(Boolean).join(' · ')}`;
  });
}

/** `incoming submit|instruct|assign|progress|finish|return ID …`: the flow from the văn thư to the handlers. */
async function flowCommand(sub: 'submit' | 'instruct' | 'assign' | 'progress' | 'finish' | 'return', rest: string[]): Promise<void> {
  const { values, positionals } = parse(rest, {
    to: { type: 'string' },
    lead: { type: 'string' },
    co: { type: 'string' },
    info: { type: 'string' },
    deadline: { type: 'string' },
    'working-days': { type: 'string' },
    role: { type: 'string' },
    percent: { type: 'string' },
    reply: { type: 'string' },
    note: { type: 'string' },
  });
  const id = int(positionals[0], 'Mã văn bản') as number;
  const note = str(values.note);
  await withApp(values, async (app) => {
    let d: IncomingDetail;
    switch (sub) {
      case 'submit':
        d = await call(app, 'incoming.submit', { id, to: account(values.to), note });
        break;
      case 'instruct':
        d = await call(app, 'incoming.instruct', {
          id,
          lead: str(values.lead) as string,
          co: names(values.co),
          info: names(values.info),
          deadline: str(values.deadline),
          workingDays: int(values['working-days'], 'Số ngày làm việc'),
          note: note as string,
        });
        break;
      case 'assign': {
        const role = str(values.role);
        if (role !== undefined && role !== 'lead' && role !== 'co') throw new AppError('VALIDATION', 'Vai trò (--role) phải là lead (chủ trì) hoặc co (phối hợp).', { field: 'role' });
        d = await call(app, 'incoming.assign', { id, to: account(values.to), role, deadline: str(values.deadline), note });
        break;
      }
      case 'progress':
        d = await call(app, 'incoming.progress', { id, progress: int(values.percent, 'Tiến độ (--percent)') as number, note: note as string });
        break;
      case 'finish':
        d = await call(app, 'incoming.finish', { id, reply: int(values.reply, 'Mã văn bản trả lời (--reply)'), note });
        break;
      case 'return':
        d = await call(app, 'incoming.returnToClerk', { id, note: note as string });
        break;
    }
    if (values.json) printJson(d);
    else {
      const last = d.steps.at(-1);
      console.log(`Đã ghi «${last ? STEP_LABELS[last.kind] : sub}»: ${incomingLine(d)}`);
      if (d.deadline) console.log(`  Hạn giải quyết: ${formatDateVN(d.deadline)}${d.overdue ? ' (quá hạn)' : ''}`);
      console.log('Quá trình xử lý:');
      for (const l of stepLines(d)) console.log(l);
    }
  });
}

export async function registerBookCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
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
