import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/result';
import { MEETING_STATUSES, MEETING_STATUS_LABELS, type IcsChange, type IcsImportReport, type Meeting, type MeetingStatus, type ParticipantInput } from '../../../shared/meetings/schemas';
import { WEEKDAY_NAMES, addDays, dateVN, hm, vnParts, weekMonday } from '../../../shared/meetings/time';
import { foldVietnamese } from '../../../shared/text/fold';
import { int, parse, str } from './args';
import { requireFile } from './files';
import { printJson } from './output';
import { call, withApp, type CliApp } from './session';

/** Meetings and rooms from the command line: add, list, the week as .ics/.docx/.pdf, import an .ics. */
const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

async function userId(app: CliApp, name: string, field: string): Promise<number | undefined> {
  const users = (await call(app, 'users.list', {})).filter((u) => u.active && (fold(u.fullName) === fold(name) || u.username.toLowerCase() === name.trim().toLowerCase()));
  if (users.length > 1) throw new AppError('VALIDATION', `Có ${users.length} người tên «${name}»: dùng tên đăng nhập (${users.map((u) => u.username).join(', ')}).`, { field });
  return users[0]?.id;
}

async function requireUser(app: CliApp, name: string, field: string): Promise<number> {
  const id = await userId(app, name, field);
  if (id === undefined) throw new AppError('VALIDATION', `Không có người «${name}» trong danh sách cán bộ.`, { field });
  return id;
}

async function requireRoom(app: CliApp, name: string): Promise<number> {
  const room = (await call(app, 'rooms.list', {})).find((r) => fold(r.name) === fold(name));
  if (!room) throw new AppError('VALIDATION', `Không có phòng họp «${name}». Thêm phòng bằng «vanphong rooms add "${name}"».`, { field: 'room' });
  return room.id;
}

/** "A;B": each a person (full name or username) or an organisation/unit of the directory; anything else is refused. */
async function participants(app: CliApp, list: string | undefined): Promise<ParticipantInput[]> {
  const out: ParticipantInput[] = [];
  for (const name of (list ?? '').split(';').map((s) => s.trim()).filter(Boolean)) {
    const uid = await userId(app, name, 'participants');
    if (uid !== undefined) {
      out.push({ kind: 'person', userId: uid });
      continue;
    }
    const org = (await call(app, 'organizations.list', { query: name, limit: 50 })).find((o) => fold(o.name) === fold(name));
    if (!org) throw new AppError('VALIDATION', `Không có người hoặc đơn vị «${name}» trong danh bạ.`, { field: 'participants' });
    out.push({ kind: 'organization', organizationId: org.id });
  }
  return out;
}


export function meetingLine(m: Meeting): string {
  const p = vnParts(m.startMs);
  const where = m.room?.name ?? m.location;
  const who = m.chair ? `, chủ trì: ${m.chair.name}` : '';
  return `#${m.id}  ${WEEKDAY_NAMES[p.weekday]} ${p.date.slice(8, 10)}/${p.date.slice(5, 7)}  ${m.allDay ? 'cả ngày   ' : `${hm(m.start)}–${hm(m.end)}`}  ${m.title}${where ? ` (${where})` : ''}${who}  [${MEETING_STATUS_LABELS[m.status]}]${m.conflictReason ? ' [trùng lịch: ' + m.conflictReason + ']' : ''}`;
}

const CHANGE_WORDS: Record<IcsChange['action'], string> = { create: 'thêm', update: 'sửa', cancel: 'hủy' };

function reportText(r: IcsImportReport): string {
  const lines = [`${r.dryRun ? 'Thử nhập (chưa ghi gì)' : 'Đã nhập'}: ${r.created} mới, ${r.updated} cập nhật${r.cancelled ? `, ${r.cancelled} hủy` : ''}, ${r.unchanged} không đổi, ${r.skipped.length} bỏ qua.`];
  for (const c of r.changes) {
    lines.push(`  ${CHANGE_WORDS[c.action]}${c.meetingId ? ` #${c.meetingId}` : ''} «${c.title}» ${c.allDay ? 'cả' : hm(c.start)} ngày ${dateVN(c.start.slice(0, 10))}${c.reason ? `: ${c.reason}` : ''}`);
  }
  for (const s of r.skipped) lines.push(`  bỏ qua${s.line ? ` (dòng ${s.line})` : ''}${s.title ? ` «${s.title}»` : ''}: ${s.reason}`);
  for (const c of r.clashes) lines.push(`  trùng lịch: ${c.name} đã có «${c.title}» ${hm(c.start)}–${hm(c.end)} ngày ${c.start.slice(8, 10)}/${c.start.slice(5, 7)}/${c.start.slice(0, 4)}`);
  if (r.unmatched.length) lines.push(`  giữ nguyên tên (không có trong danh bạ): ${r.unmatched.join('; ')}`);
  return lines.join('\n');
}

async function personOrRoom(app: CliApp, values: Record<string, unknown>): Promise<{ userId?: number; roomId?: number }> {
  const person = str(values.person);
  const room = str(values.room);
  return { userId: person ? await requireUser(app, person, 'person') : undefined, roomId: room ? await requireRoom(app, room) : undefined };
}

export async function meetingsCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const { values } = parse(rest, {
      title: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      content: { type: 'string' },
      room: { type: 'string' },
      location: { type: 'string' },
      chair: { type: 'string' },
      participants: { type: 'string' },
      prepare: { type: 'string' },
      status: { type: 'string' },
      'all-day': { type: 'boolean', default: false },
      repeat: { type: 'string' },
      until: { type: 'string' },
      'allow-conflict': { type: 'boolean', default: false },
      reason: { type: 'string' },
    });
    const status = str(values.status);
    if (status !== undefined && !(MEETING_STATUSES as readonly string[]).includes(status)) {
      throw new AppError('VALIDATION', '--status phải là du-kien, chinh-thuc, hoan hoặc huy.', { field: 'status' });
    }
    const repeat = str(values.repeat);
    if (repeat !== undefined && !['daily', 'workday', 'weekly', 'monthly'].includes(repeat)) throw new AppError('VALIDATION', '--repeat phải là daily, workday (ngày làm việc), weekly hoặc monthly.', { field: 'repeat' });
    await withApp(values, async (app) => {
      const room = str(values.room);
      const chair = str(values.chair);
      const r = await call(app, 'meetings.save', {
        title: str(values.title) as string,
        start: str(values.start) as string,
        end: str(values.end) as string,
        content: str(values.content),
        roomId: room ? await requireRoom(app, room) : undefined,
        location: str(values.location),
        chairId: chair ? await requireUser(app, chair, 'chair') : undefined,
        participants: await participants(app, str(values.participants)),
        prepareUnit: str(values.prepare),
        status: status as MeetingStatus | undefined,
        allDay: values['all-day'] as boolean,
        recurrence: repeat ? { freq: repeat as 'daily', until: str(values.until) as string } : undefined,
        allowConflict: values['allow-conflict'] as boolean,
        conflictReason: str(values.reason),
      });
      if (values.json) printJson(r);
      else {
        console.log(`Đã thêm ${r.created > 1 ? `${r.created} buổi họp` : 'cuộc họp'}: ${meetingLine(r.meeting)}`);
        for (const c of r.clashes) console.log(`  (vẫn xếp dù trùng: ${c.name} đã có «${c.title}» ${hm(c.start)}–${hm(c.end)})`);
      }
    });
    return;
  }
  if (sub === 'list' || sub === 'week') {
    const { values, positionals } = parse(rest, { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, person: { type: 'string' }, room: { type: 'string' } });
    await withApp(values, async (app) => {
      const who = await personOrRoom(app, values);
      if (sub === 'week') {
        const week = positionals[0];
        if (!week) throw new AppError('VALIDATION', 'Dùng: vanphong meetings week 2026-W48 [--out FILE.ics|FILE.docx|FILE.pdf] [--person TÊN] [--room PHÒNG]');
        const out = str(values.out);
        if (out) {
          const ext = path.extname(out).slice(1).toLowerCase();
          if (ext !== 'ics' && ext !== 'docx' && ext !== 'pdf') throw new AppError('VALIDATION', '--out phải là tệp .ics, .docx hoặc .pdf.', { field: 'out' });
          const f = await call(app, 'meetings.exportWeek', { week, format: ext, ...who });
          fs.writeFileSync(out, f.data);
          console.log(`Đã ghi ${out} (${f.rowCount} cuộc họp).`);
          return;
        }
        const monday = weekMonday(week);
        if (!monday) throw new AppError('VALIDATION', 'Tuần không hợp lệ: cần dạng 2026-W48.', { field: 'week' });
        values.from = monday;
        values.to = addDays(monday, 6);
      }
      const list = await call(app, 'meetings.list', { from: str(values.from) as string, to: str(values.to) as string, ...who });
      if (values.json) printJson(list);
      else if (list.length === 0) console.log('Không có cuộc họp nào.');
      else for (const m of list) console.log(meetingLine(m));
    });
    return;
  }
  if (sub === 'export') {
    const { values } = parse(rest, { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, person: { type: 'string' }, room: { type: 'string' } });
    const out = str(values.out);
    if (!out || !out.toLowerCase().endsWith('.ics')) throw new AppError('VALIDATION', 'Dùng: vanphong meetings export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.ics [--person TÊN] [--room PHÒNG]');
    await withApp(values, async (app) => {
      const f = await call(app, 'meetings.exportIcs', { from: str(values.from) as string, to: str(values.to) as string, ...(await personOrRoom(app, values)) });
      fs.writeFileSync(out, f.data);
      console.log(`Đã ghi ${out} (${f.rowCount} cuộc họp).`);
    });
    return;
  }
  if (sub === 'import') {
    const { values, positionals } = parse(rest, { 'dry-run': { type: 'boolean', default: false }, 'allow-conflict': { type: 'boolean', default: false }, reason: { type: 'string' } });
    const file = positionals[0];
    if (!file) throw new AppError('VALIDATION', 'Dùng: vanphong meetings import FILE.ics [--dry-run] [--allow-conflict --reason TEXT]');
    requireFile(file, 'tệp .ics');
    await withApp(values, async (app) => {
      const r = await call(app, 'meetings.import', {
        data: new Uint8Array(fs.readFileSync(file)),
        fileName: path.basename(file),
        dryRun: values['dry-run'] as boolean,
        allowConflict: values['allow-conflict'] as boolean,
        conflictReason: str(values.reason),
      });
      if (values.json) printJson(r);
      else console.log(reportText(r));
    });
    return;
  }
  if (sub === 'status') {
    const { values, positionals } = parse(rest, { status: { type: 'string' }, reason: { type: 'string' }, 'allow-conflict': { type: 'boolean', default: false } });
    const id = int(positionals[0], 'Mã cuộc họp');
    const status = str(values.status);
    if (id === undefined || status === undefined) throw new AppError('VALIDATION', 'Dùng: vanphong meetings status ID --status du-kien|chinh-thuc|hoan|huy [--reason TEXT]');
    if (!(MEETING_STATUSES as readonly string[]).includes(status)) throw new AppError('VALIDATION', '--status phải là du-kien, chinh-thuc, hoan hoặc huy.', { field: 'status' });
    await withApp(values, async (app) => {
      const m = await call(app, 'meetings.setStatus', { id, status: status as MeetingStatus, reason: str(values.reason), allowConflict: values['allow-conflict'] as boolean });
      if (values.json) printJson(m);
      else console.log(`Đã chuyển sang «${MEETING_STATUS_LABELS[m.status]}»${m.statusReason ? ` (lý do: ${m.statusReason})` : ''}: ${meetingLine(m)}`);
    });
    return;
  }
  if (sub === 'invite') {
    const { values, positionals } = parse(rest, {});
    const id = int(positionals[0], 'Mã cuộc họp');
    if (id === undefined) throw new AppError('VALIDATION', 'Dùng: vanphong meetings invite ID   (tạo dự thảo Giấy mời từ cuộc họp)');
    await withApp(values, async (app) => {
      const r = await call(app, 'meetings.invitation', { id });
      if (values.json) printJson(r);
      else console.log(`Đã tạo dự thảo Giấy mời số ${r.draftId}.`);
    });
    return;
  }
  if (sub === 'settings') {
    const { values } = parse(rest, {
      profile: { type: 'string' },
      'parent-organ': { type: 'string' },
      organ: { type: 'string' },
      abbr: { type: 'string' },
      place: { type: 'string' },
      whose: { type: 'string' },
      authority: { type: 'string' },
      'on-behalf-of': { type: 'string' },
      'signer-title': { type: 'string' },
      'signer-name': { type: 'string' },
      recipient: { type: 'string', multiple: true },
    });
    await withApp(values, async (app) => {
      const cur = await call(app, 'meetings.settings', {});
      const next = await call(app, 'meetings.saveSettings', {
        profile: (str(values.profile) ?? cur.profile) as 'state',
        parentOrgan: str(values['parent-organ']) ?? cur.parentOrgan,
        organ: str(values.organ) ?? cur.organ,
        organAbbr: str(values.abbr) ?? cur.organAbbr,
        place: str(values.place) ?? cur.place,
        whose: str(values.whose) ?? cur.whose,
        signature: {
          authority: str(values.authority) ?? cur.signature.authority,
          onBehalfOf: str(values['on-behalf-of']) ?? cur.signature.onBehalfOf,
          title: str(values['signer-title']) ?? cur.signature.title,
          name: str(values['signer-name']) ?? cur.signature.name,
        },
        recipients: (values.recipient as string[] | undefined) ?? cur.recipients,
      });
      if (values.json) printJson(next);
      else console.log(`Đã lưu: ${next.organ}, ${next.place}; ký: ${next.signature.title} ${next.signature.name}.`);
    });
    return;
  }
  throw new AppError('VALIDATION', `Lệnh «meetings ${sub ?? ''}» không có. Dùng: add, list, week, export, import, status, invite, settings.`);
}

export async function roomsCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const { values, positionals } = parse(rest, { capacity: { type: 'string' }, location: { type: 'string' } });
    const name = positionals[0];
    if (!name) throw new AppError('VALIDATION', 'Dùng: vanphong rooms add "TÊN PHÒNG" [--capacity N] [--location TEXT]');
    await withApp(values, async (app) => {
      const r = await call(app, 'rooms.save', { name, capacity: int(values.capacity, 'Sức chứa') ?? null, location: str(values.location) });
      if (values.json) printJson(r);
      else console.log(`Đã thêm phòng «${r.name}» (mã ${r.id}).`);
    });
    return;
  }
  if (sub === 'list') {
    const { values } = parse(rest, {});
    await withApp(values, async (app) => {
      const rooms = await call(app, 'rooms.list', {});
      if (values.json) printJson(rooms);
      else for (const r of rooms) console.log(`${String(r.id).padStart(4)}  ${r.name}${r.capacity ? ` (${r.capacity} chỗ)` : ''}${r.active ? '' : ' (ngừng dùng)'}`);
    });
    return;
  }
  throw new AppError('VALIDATION', `Lệnh «rooms ${sub ?? ''}» không có. Dùng: add, list.`);
}
