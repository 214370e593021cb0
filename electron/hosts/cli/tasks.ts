import fs from 'node:fs';
import { AppError } from '../../../shared/api/result';
import { formatDateVN } from '../../../shared/domain/dates';
import { TASK_STATUS_LABELS, TASK_UPDATE_LABELS, type DashboardFigures, type HandlerRef, type PlanProposal, type TaskDetail, type TaskRow } from '../../../shared/tasks/schemas';
import { foldVietnamese } from '../../../shared/text/fold';
import { int, parse, str } from './args';
import { printJson } from './output';
import { call, withApp, type CliApp } from './session';

/**
 * Giao việc from the command line: add, list, update (progress, deadline), done (the lead submits, the giver
 * approves), from-plan (an issued Kế hoạch's activities as tasks), dashboard, export, report.
 */

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
const many = (v: unknown): string[] => (typeof v === 'string' ? v.split(';').map((s) => s.trim()).filter(Boolean) : []);
const flag = (v: unknown) => v === true;

function status(r: TaskRow): string {
  if (r.overdue) return `${TASK_STATUS_LABELS['qua-han']}, ${TASK_STATUS_LABELS[r.status].toLowerCase()}`;
  if (r.status === 'hoan-thanh' && r.late) return 'Hoàn thành trễ hạn';
  return TASK_STATUS_LABELS[r.status];
}

export function taskLine(r: TaskRow): string {
  const deadline = r.deadline ? `hạn ${formatDateVN(r.deadline)}` : 'không hạn';
  const co = r.co.length ? `; phối hợp: ${r.co.map((c) => c.name).join(', ')}` : '';
  const subs = r.subtasks.total ? `; ${r.subtasks.total - r.subtasks.open}/${r.subtasks.total} việc con xong` : '';
  return `#${String(r.id).padEnd(5)} [${status(r)}] ${r.title} — chủ trì: ${r.lead?.name ?? '?'}${co}; ${deadline}; ${r.progress}%${subs}`;
}

function detailLines(t: TaskDetail): string {
  const lines = [taskLine(t), `  Nguồn: ${t.sourceText}`, `  Người giao: ${t.createdBy.fullName}`];
  if (t.parent) lines.push(`  Việc cha: #${t.parent.id} ${t.parent.title}`);
  if (t.note) lines.push(`  Ghi chú: ${t.note}`);
  if (t.cancelReason) lines.push(`  Lý do hủy: ${t.cancelReason}`);
  for (const c of t.children) lines.push(`  Việc con: ${taskLine(c)}`);
  for (const u of t.updates) {
    const who = `${u.actor ?? 'hệ thống'}${u.onBehalfOf ? ` (ủy quyền của ${u.onBehalfOf})` : ''}`;
    const files = u.files.length ? ` [tệp: ${u.files.map((f) => f.name).join(', ')}]` : '';
    lines.push(`  ${u.at.slice(0, 10)} ${TASK_UPDATE_LABELS[u.kind]} — ${who}${u.progress !== null ? ` ${u.progress}%` : ''}${u.note ? `: ${u.note}` : ''}${files}`);
  }
  return lines.join('\n');
}

const TASK_ID = (v: unknown) => {
  const id = int(v, 'Mã công việc');
  if (id === undefined) throw new AppError('VALIDATION', 'Thiếu mã công việc: «vanphong tasks show MÃ».', { field: 'id' });
  return id;
};

async function unitId(app: CliApp, name: string): Promise<number> {
  const u = (await call(app, 'units.list', {})).find((x) => fold(x.name) === fold(name));
  if (!u) throw new AppError('VALIDATION', `Không có đơn vị «${name}».`, { field: 'unit' });
  return u.id;
}

function figures(f: DashboardFigures): string {
  return `tổng ${f.total}, đúng hạn ${f.onTime}, trễ hạn ${f.late}, đang làm ${f.open}, quá hạn ${f.overdue}`;
}

function proposalLine(p: PlanProposal): string {
  const lead = p.lead ? p.lead.name : `«${p.source.lead || '—'}» (chưa khớp đơn vị, người nào: dùng --lead ${p.row}=TÊN)`;
  const co = p.co.length ? `; phối hợp: ${p.co.map((c) => c.name + (c.kind === 'text' ? ' (ngoài cơ quan)' : '')).join(', ')}` : '';
  const deadline = p.deadline ? `hạn ${formatDateVN(p.deadline)} (từ «${p.source.time}»)` : p.source.time ? `không hạn (từ «${p.source.time}»)` : 'không hạn';
  const done = p.taskId ? `  [đã giao: việc #${p.taskId}]` : '';
  const warn = p.deadlineWarning ? `\n      ! ${p.deadlineWarning}` : '';
  return `  Dòng ${String(p.row).padStart(2)}: ${p.title} — chủ trì: ${lead}${co}; ${deadline}${done}${warn}`;
}

const refOf = (h: { userId: number | null; unitId: number | null; name: string }): HandlerRef => (h.unitId !== null ? { unitId: h.unitId } : h.userId !== null ? { userId: h.userId } : h.name);

export async function tasksCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const { values } = parse(rest, {
      title: { type: 'string' },
      lead: { type: 'string' },
      co: { type: 'string' },
      deadline: { type: 'string' },
      'working-days': { type: 'string' },
      parent: { type: 'string' },
      incoming: { type: 'string' },
      meeting: { type: 'string' },
      note: { type: 'string' },
    });
    if (!str(values.title) || !str(values.lead)) throw new AppError('VALIDATION', 'Dùng: vanphong tasks add --title "TÊN VIỆC" --lead ĐƠN-VỊ-HOẶC-NGƯỜI [--co "A;B"] [--deadline YYYY-MM-DD | --working-days N]');
    await withApp(values, async (app) => {
      const t = await call(app, 'tasks.add', {
        title: str(values.title)!,
        lead: str(values.lead)!,
        co: many(values.co),
        deadline: str(values.deadline),
        workingDays: int(values['working-days'], 'Số ngày làm việc'),
        parentId: int(values.parent, 'Mã việc cha'),
        incomingId: int(values.incoming, 'Mã văn bản đến'),
        meetingId: int(values.meeting, 'Mã cuộc họp'),
        note: str(values.note),
      });
      if (values.json) printJson(t);
      else console.log(`Đã giao việc #${t.id}: ${t.title} — chủ trì: ${t.lead?.name}${t.deadline ? `, hạn ${formatDateVN(t.deadline)}` : ''}.`);
    });
    return;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { mine: { type: 'boolean' }, unit: { type: 'string' }, overdue: { type: 'boolean' }, status: { type: 'string' }, plan: { type: 'string' }, limit: { type: 'string' } });
    await withApp(values, async (app) => {
      const list = await call(app, 'tasks.list', {
        mine: flag(values.mine),
        unit: str(values.unit),
        overdue: flag(values.overdue),
        status: str(values.status) as 'mo' | undefined,
        outgoingId: int(values.plan, 'Mã kế hoạch'),
        limit: int(values.limit, 'Số dòng') ?? 100,
      });
      if (values.json) return printJson(list);
      if (list.rows.length === 0) return console.log('Không có công việc nào.');
      for (const r of list.rows) console.log(taskLine(r));
      if (list.total > list.rows.length) console.log(`(${list.rows.length}/${list.total} việc; thêm --limit để xem nhiều hơn)`);
    });
    return;
  }
  if (sub === 'show') {
    const { values, positionals } = parse(rest, {});
    await withApp(values, async (app) => {
      const t = await call(app, 'tasks.get', { id: TASK_ID(positionals[0]) });
      if (values.json) printJson(t);
      else console.log(detailLines(t));
    });
    return;
  }
  if (sub === 'update') {
    const { values, positionals } = parse(rest, {
      progress: { type: 'string' },
      note: { type: 'string' },
      deadline: { type: 'string' },
      'working-days': { type: 'string' },
      title: { type: 'string' },
      lead: { type: 'string' },
      co: { type: 'string' },
    });
    const id = TASK_ID(positionals[0]);
    await withApp(values, async (app) => {
      const progress = int(values.progress, 'Tiến độ');
      const edit = ['deadline', 'working-days', 'title', 'lead', 'co'].some((k) => values[k] !== undefined);
      if (progress === undefined && !edit && values.note === undefined) throw new AppError('VALIDATION', 'Dùng: vanphong tasks update MÃ [--progress N] [--note "…"] [--deadline YYYY-MM-DD]');
      let t: TaskDetail | undefined;
      if (edit || (progress === undefined && values.note !== undefined)) {
        t = await call(app, 'tasks.update', {
          id,
          title: str(values.title),
          lead: str(values.lead),
          co: values.co !== undefined ? many(values.co) : undefined,
          deadline: values.deadline === '' ? null : str(values.deadline),
          workingDays: int(values['working-days'], 'Số ngày làm việc'),
          note: progress === undefined ? str(values.note) : undefined,
        });
      }
      if (progress !== undefined) t = await call(app, 'tasks.progress', { id, progress, note: str(values.note) });
      if (values.json) printJson(t);
      else console.log(`Đã cập nhật: ${taskLine(t!)}`);
    });
    return;
  }
  if (sub === 'done' || sub === 'return' || sub === 'cancel') {
    const { values, positionals } = parse(rest, { note: { type: 'string' }, reason: { type: 'string' } });
    const id = TASK_ID(positionals[0]);
    await withApp(values, async (app) => {
      const t =
        sub === 'done'
          ? await call(app, 'tasks.done', { id, note: str(values.note) })
          : sub === 'return'
            ? await call(app, 'tasks.returnResult', { id, note: str(values.note) ?? '' })
            : await call(app, 'tasks.cancel', { id, reason: str(values.reason) ?? str(values.note) ?? '' });
      if (values.json) return printJson(t);
      const said = t.status === 'cho-duyet' ? 'Đã trình kết quả, chờ người giao việc duyệt' : t.status === 'hoan-thanh' ? (t.late ? 'Đã hoàn thành (trễ hạn)' : 'Đã hoàn thành') : t.status === 'huy' ? 'Đã hủy' : 'Đã trả lại';
      console.log(`${said}: #${t.id} ${t.title}.`);
    });
    return;
  }
  if (sub === 'from-plan') {
    const { values, positionals } = parse(rest, { yes: { type: 'boolean' }, lead: { type: 'string', multiple: true } });
    const outgoingId = int(positionals[0], 'Mã văn bản đi');
    if (outgoingId === undefined) throw new AppError('VALIDATION', 'Dùng: vanphong tasks from-plan MÃ-VĂN-BẢN-ĐI [--lead DÒNG=TÊN]... [--yes]');
    const chosen = new Map<number, string>();
    for (const l of (values.lead as string[] | undefined) ?? []) {
      const m = /^(\d+)=(.+)$/.exec(l);
      if (!m) throw new AppError('VALIDATION', `--lead «${l}»: dùng dạng DÒNG=TÊN, ví dụ --lead 3="Phòng Tổng hợp".`, { field: 'lead' });
      chosen.set(Number(m[1]), m[2].trim());
    }
    await withApp(values, async (app) => {
      const p = await call(app, 'tasks.fromPlanPreview', { outgoingId });
      const pending = p.rows.filter((r) => r.taskId === null);
      const ready = pending.filter((r) => r.lead || chosen.has(r.row));
      if (!values.yes) {
        if (values.json) return printJson(p);
        console.log(`${p.outgoing.ref} ngày ${formatDateVN(p.outgoing.date)} — ${p.outgoing.subject}: ${p.rows.length} hoạt động.`);
        for (const r of p.rows) console.log(proposalLine(chosen.has(r.row) ? { ...r, lead: { role: 'lead', kind: 'text', userId: null, unitId: null, name: chosen.get(r.row)! } } : r));
        console.log(ready.length ? `Thêm --yes để giao ${ready.length} việc.` : 'Không còn dòng nào để giao.');
        return;
      }
      const made = ready.length
        ? await call(app, 'tasks.fromPlan', {
            outgoingId,
            rows: ready.map((r) => ({ row: r.row, title: r.title, lead: chosen.get(r.row) ?? refOf(r.lead!), co: r.co.map(refOf), deadline: r.deadline, note: r.note ?? undefined })),
          })
        : { created: [], skipped: [] };
      const left = pending.filter((r) => !ready.includes(r)).map((r) => r.row);
      if (values.json) return printJson({ ...made, unmatched: left });
      console.log(`Đã giao ${made.created.length} việc từ ${p.outgoing.ref}${made.skipped.length ? `; ${made.skipped.length} dòng đã giao trước đó` : ''}.`);
      if (left.length) console.log(`Chưa giao dòng ${left.join(', ')}: chưa khớp đơn vị, người chủ trì — chọn bằng --lead DÒNG=TÊN.`);
    });
    return;
  }
  if (sub === 'dashboard') {
    const { values } = parse(rest, { unit: { type: 'string' }, person: { type: 'string' }, year: { type: 'string' } });
    await withApp(values, async (app) => {
      const person = str(values.person);
      const userId = person ? (await call(app, 'users.list', {})).find((u) => u.username === person || fold(u.fullName) === fold(person))?.id : undefined;
      if (person && userId === undefined) throw new AppError('VALIDATION', `Không có người «${person}».`, { field: 'person' });
      const d = await call(app, 'tasks.dashboard', { unitId: str(values.unit) ? await unitId(app, str(values.unit)!) : undefined, userId, year: int(values.year, 'Năm') });
      if (values.json) return printJson(d);
      console.log(`Công việc${d.year ? ` năm ${d.year}` : ''} (đến ngày ${formatDateVN(d.today)}):`);
      for (const u of d.units) console.log(`  ${u.name}: ${figures(u)}`);
      for (const p of d.people) console.log(`  ${p.name}: ${figures(p)}`);
    });
    return;
  }
  if (sub === 'export') {
    const { values } = parse(rest, { out: { type: 'string' }, mine: { type: 'boolean' }, unit: { type: 'string' }, overdue: { type: 'boolean' }, plan: { type: 'string' } });
    const out = str(values.out);
    if (!out?.endsWith('.xlsx')) throw new AppError('VALIDATION', 'Dùng: vanphong tasks export --out TỆP.xlsx [--plan MÃ] [--unit ĐƠN-VỊ] [--overdue]', { field: 'out' });
    await withApp(values, async (app) => {
      const f = await call(app, 'tasks.exportXlsx', { mine: flag(values.mine), unit: str(values.unit), overdue: flag(values.overdue), outgoingId: int(values.plan, 'Mã kế hoạch') });
      fs.writeFileSync(out, f.data);
      if (values.json) printJson({ file: out, rowCount: f.rowCount });
      else console.log(`Đã ghi ${f.rowCount} việc vào ${out}.`);
    });
    return;
  }
  if (sub === 'report') {
    const { values, positionals } = parse(rest, {});
    const outgoingId = int(positionals[0], 'Mã văn bản đi');
    if (outgoingId === undefined) throw new AppError('VALIDATION', 'Dùng: vanphong tasks report MÃ-KẾ-HOẠCH');
    await withApp(values, async (app) => {
      const r = await call(app, 'tasks.report', { outgoingId });
      if (values.json) printJson(r);
      else console.log(`Đã tạo dự thảo Báo cáo kết quả thực hiện (mã dự thảo ${r.draftId}); mở trong Soạn thảo để hoàn thiện.`);
    });
    return;
  }
  throw new AppError('VALIDATION', `Lệnh «tasks ${sub ?? ''}» không có. Dùng: add, list, show, update, done, return, cancel, from-plan, dashboard, export, report.`);
}
