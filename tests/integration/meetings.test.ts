import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, call, callErr, rowsCount, tempApp } from '../helpers/app';
import type { Session } from '../../electron/app/caller';
import type { AppContext } from '../../electron/app/context';
import { weekMonday, weekOf } from '../../shared/meetings/time';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan, plainText } from '../../shared/drafting/plan';

let app: Awaited<ReturnType<typeof tempApp>>;
let chuTich: Session;
let phoChuTich: Session;
let chuyenVien: Session;
let roomA: number;
let roomB: number;

const uid = (s: Session) => s.caller!.id;

beforeEach(async () => {
  app = await tempApp();
  chuTich = await addUser(app, 'chutich', ['lanhdao'], 'Nguyễn Văn An', { title: 'Chủ tịch' });
  phoChuTich = await addUser(app, 'phochutich', ['lanhdao'], 'Trần Thị Bình', { title: 'Phó Chủ tịch' });
  chuyenVien = await addUser(app, 'chuyenvien', ['chuyenvien'], 'Lê Văn Cường', { unit: 'Phòng Tổng hợp' });
  roomA = (await call(app, 'rooms.save', { name: 'Phòng họp số 1', capacity: 30 })).id;
  roomB = (await call(app, 'rooms.save', { name: 'Hội trường tầng 3', capacity: 200 })).id;
});
afterEach(() => app.cleanup());

const meeting = (over: Record<string, unknown> = {}) => ({
  title: 'Giao ban Lãnh đạo Ủy ban nhân dân tỉnh',
  start: '2026-11-23T08:00',
  end: '2026-11-23T10:00',
  roomId: roomA,
  chairId: uid(chuTich),
  participants: [{ kind: 'person' as const, userId: uid(phoChuTich) }],
  ...over,
});

describe('meetings: entry and clashes', () => {
  it('stores a meeting in Vietnam time and returns it whole', async () => {
    const r = await call(app, 'meetings.save', meeting({ content: 'Nghe báo cáo tình hình tuần', prepareUnit: 'Văn phòng' }));
    expect(r.created).toBe(1);
    expect(r.meeting).toMatchObject({
      title: 'Giao ban Lãnh đạo Ủy ban nhân dân tỉnh',
      start: '2026-11-23T08:00:00+07:00',
      end: '2026-11-23T10:00:00+07:00',
      startMs: Date.parse('2026-11-23T01:00:00Z'),
      room: { id: roomA, name: 'Phòng họp số 1' },
      chair: { userId: uid(chuTich), name: 'Nguyễn Văn An', title: 'Chủ tịch' },
      participants: [{ kind: 'person', refId: uid(phoChuTich), name: 'Trần Thị Bình', detail: 'Phó Chủ tịch' }],
      status: 'du-kien',
      prepareUnit: 'Văn phòng',
    });
    expect(r.meeting.uid).toMatch(/@vanphong$/);
  });

  it('refuses a room booked twice at overlapping times, naming the clash, and writes nothing', async () => {
    await call(app, 'meetings.save', meeting());
    const before = rowsCount(app, 'meetings');
    const audit = rowsCount(app, 'audit_log');
    const e = await callErr(app, 'meetings.save', meeting({ title: 'Họp Ban chỉ đạo', start: '2026-11-23T09:30', end: '2026-11-23T11:00', chairId: undefined, participants: [] }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('Phòng họp số 1 đã có «Giao ban Lãnh đạo Ủy ban nhân dân tỉnh» 08:00–10:00 ngày 23/11/2026');
    expect((e.details as { clashes: unknown[] }).clashes).toHaveLength(1);
    expect(rowsCount(app, 'meetings')).toBe(before);
    expect(rowsCount(app, 'audit_log')).toBe(audit);
  });

  it('refuses a person booked twice (as chair in one, participant in the other); back-to-back is no clash', async () => {
    await call(app, 'meetings.save', meeting());
    const e = await callErr(app, 'meetings.save', meeting({ roomId: roomB, chairId: uid(phoChuTich), participants: [{ kind: 'person', userId: uid(chuTich) }], start: '2026-11-23T09:00', end: '2026-11-23T09:30' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/Nguyễn Văn An đã có|Trần Thị Bình đã có/);
    const ok = await call(app, 'meetings.save', meeting({ start: '2026-11-23T10:00', end: '2026-11-23T11:00' }));
    expect(ok.clashes).toEqual([]);
  });

  it('accepts a clash overridden with a reason, keeps the reason, and the leader’s day shows it', async () => {
    await call(app, 'meetings.save', meeting());
    expect((await callErr(app, 'meetings.save', meeting({ roomId: roomB, start: '2026-11-23T09:00', end: '2026-11-23T11:00', allowConflict: true }))).field).toBe('conflictReason');
    const r = await call(app, 'meetings.save', meeting({ title: 'Tiếp đoàn công tác Bộ Nội vụ', roomId: roomB, start: '2026-11-23T09:00', end: '2026-11-23T11:00', allowConflict: true, conflictReason: 'Chủ tịch dự 30 phút đầu' }));
    expect(r.clashes.map((c) => c.name).sort()).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(r.meeting.conflictReason).toBe('Chủ tịch dự 30 phút đầu');
    const day = await call(app, 'meetings.clashes', { date: '2026-11-23', userId: uid(chuTich) });
    expect(day.pairs).toHaveLength(1);
    expect(day.pairs[0].over).toContain('Nguyễn Văn An');
    expect([day.pairs[0].a.title, day.pairs[0].b.title].sort()).toEqual(['Giao ban Lãnh đạo Ủy ban nhân dân tỉnh', 'Tiếp đoàn công tác Bộ Nội vụ']);
    expect((await call(app, 'meetings.clashes', { date: '2026-11-24' })).pairs).toEqual([]);
  });

  it('a postponed or cancelled meeting frees its room; bringing it back checks again', async () => {
    const first = (await call(app, 'meetings.save', meeting())).meeting;
    expect((await callErr(app, 'meetings.setStatus', { id: first.id, status: 'hoan' })).field).toBe('reason');
    await call(app, 'meetings.setStatus', { id: first.id, status: 'hoan', reason: 'Lãnh đạo đi công tác' });
    await call(app, 'meetings.save', meeting({ title: 'Họp khác', chairId: undefined, participants: [] }));
    const e = await callErr(app, 'meetings.setStatus', { id: first.id, status: 'chinh-thuc' });
    expect(e.code).toBe('CONFLICT');
    expect((await call(app, 'meetings.get', { id: first.id })).status).toBe('hoan');
  });

  it('refuses bad input with Vietnamese messages next to the field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ end: '2026-11-23T07:00' }, 'end', /kết thúc phải sau/],
      [{ start: '2026-02-30T08:00' }, 'start', /không hợp lệ/],
      [{ roomId: 999 }, 'roomId', /Không có phòng họp số 999/],
      [{ chairId: 999 }, 'chairId', /Không có người chủ trì/],
      [{ participants: [{ kind: 'person', userId: 999 }] }, 'participants.0', /Không có người số 999/],
      [{ participants: [{ kind: 'organization', organizationId: 999 }] }, 'participants.0', /Không có cơ quan/],
      [{ title: '  ' }, 'title', /không được để trống/],
      [{ end: '2026-12-31T08:00' }, 'end', /tối đa 31 ngày/],
      [{ links: [{ kind: 'incoming', id: 42 }] }, 'links.0', /Không có văn bản liên quan/],
    ];
    for (const [over, field, msg] of cases) {
      const e = await callErr(app, 'meetings.save', meeting(over));
      expect(e.field, JSON.stringify(over)).toBe(field);
      expect(e.message).toMatch(msg);
    }
    expect(rowsCount(app, 'meetings')).toBe(0);
  });

  it('lets the maker, the văn thư and leaders change a meeting, nobody else', async () => {
    const other = await addUser(app, 'cv2', ['chuyenvien'], 'Phạm Thị Dung');
    const m = (await call(app, 'meetings.save', { title: 'Họp tổ soạn thảo', start: '2026-11-24T14:00', end: '2026-11-24T15:00' }, chuyenVien)).meeting;
    const e = await callErr(app, 'meetings.save', { id: m.id, title: 'Đổi tên', start: m.start, end: m.end }, other);
    expect(e.code).toBe('FORBIDDEN');
    const r = await call(app, 'meetings.save', { id: m.id, title: 'Họp tổ soạn thảo (mở rộng)', start: '2026-11-24T14:00', end: '2026-11-24T16:00' }, chuyenVien);
    expect(r.meeting.sequence).toBe(1);
    await call(app, 'meetings.setStatus', { id: m.id, status: 'huy', reason: 'Đã lồng ghép' }, chuTich);
  });
});

describe('meetings: regular meetings and views', () => {
  it('a weekly series gets one occurrence per week up to its end, each checked for clashes', async () => {
    const r = await call(app, 'meetings.save', meeting({ title: 'Giao ban tuần', recurrence: { freq: 'weekly', until: '2026-12-28' } }));
    expect(r.created).toBe(6); // 23/11, 30/11, 7/12, 14/12, 21/12, 28/12
    const list = await call(app, 'meetings.list', { from: '2026-11-01', to: '2026-12-31' });
    expect(list.map((m) => m.start.slice(0, 10))).toEqual(['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
    expect(new Set(list.map((m) => m.uid)).size).toBe(1);
    expect(list.every((m) => m.recurrenceId === m.startMs)).toBe(true);
    // A one-off meeting in the room on the third Monday clashes with that occurrence only.
    const e = await callErr(app, 'meetings.save', meeting({ title: 'Họp đột xuất', chairId: undefined, participants: [], start: '2026-12-07T09:00', end: '2026-12-07T09:30' }));
    expect(e.message).toContain('«Giao ban tuần» 08:00–10:00 ngày 07/12/2026');
  });

  it('moving a series "from this one on" shifts the later occurrences and leaves the earlier ones', async () => {
    await call(app, 'meetings.save', meeting({ title: 'Giao ban tuần', recurrence: { freq: 'weekly', until: '2026-12-14' } }));
    const list = await call(app, 'meetings.list', { from: '2026-11-01', to: '2026-12-31' });
    const third = list[2];
    await call(app, 'meetings.save', { ...meeting({ title: 'Giao ban tuần (chiều)' }), id: third.id, scope: 'following', start: '2026-12-07T14:00', end: '2026-12-07T16:00' });
    const after = await call(app, 'meetings.list', { from: '2026-11-01', to: '2026-12-31' });
    expect(after.map((m) => `${m.start.slice(0, 16)} ${m.title}`)).toEqual([
      '2026-11-23T08:00 Giao ban tuần',
      '2026-11-30T08:00 Giao ban tuần',
      '2026-12-07T14:00 Giao ban tuần (chiều)',
      '2026-12-14T14:00 Giao ban tuần (chiều)',
    ]);
  });

  it('lists a week per person (chair or participant) and per room', async () => {
    await call(app, 'meetings.save', meeting());
    await call(app, 'meetings.save', meeting({ title: 'Làm việc với Sở Tài chính', roomId: roomB, chairId: uid(phoChuTich), participants: [], start: '2026-11-25T14:00', end: '2026-11-25T16:00' }));
    const week = weekMonday('2026-W48')!;
    expect(week).toBe('2026-11-23');
    expect(weekOf('2026-11-29').week).toBe('2026-W48');
    const to = '2026-11-29';
    expect((await call(app, 'meetings.list', { from: week, to, userId: uid(chuTich) })).map((m) => m.title)).toEqual(['Giao ban Lãnh đạo Ủy ban nhân dân tỉnh']);
    expect((await call(app, 'meetings.list', { from: week, to, userId: uid(phoChuTich) })).length).toBe(2);
    expect((await call(app, 'meetings.list', { from: week, to, roomId: roomB })).map((m) => m.title)).toEqual(['Làm việc với Sở Tài chính']);
  });

  it('reminds the people of a meeting before it starts', async () => {
    const clockApp = app as AppContext;
    const m = (await call(app, 'meetings.save', meeting({ start: '2026-03-15T10:30', end: '2026-03-15T11:30', reminderMinutes: 15 }))).meeting;
    // The fixed clock is 10:00 on 15/03/2026: the reminder is due at 10:15.
    const mine = await call(clockApp, 'meetings.upcoming', { withinMinutes: 30 }, chuTich);
    expect(mine).toEqual([expect.objectContaining({ meetingId: m.id, remindAtMs: m.startMs - 15 * 60_000, location: 'Phòng họp số 1' })]);
    expect(await call(clockApp, 'meetings.upcoming', { withinMinutes: 30 }, chuyenVien)).toEqual([]);
    expect(await call(clockApp, 'meetings.upcoming', { withinMinutes: 10 }, chuTich)).toEqual([]);
  });
});

describe('meetings: invitation and the weekly schedule', () => {
  it('creates a Giấy mời draft (mẫu 1.7) from a meeting, linked to it', async () => {
    await call(app, 'meetings.saveSettings', {
      parentOrgan: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      organ: 'Văn phòng',
      organAbbr: 'VP',
      place: 'Bắc Ninh',
      signature: { authority: 'KT.', onBehalfOf: 'Chánh Văn phòng', title: 'Phó Chánh Văn phòng', name: 'Hoàng Văn Em' },
    });
    const m = (await call(app, 'meetings.save', meeting({ content: 'Nghe báo cáo tình hình kinh tế - xã hội tháng 11', participants: [{ kind: 'person', userId: uid(phoChuTich) }, { kind: 'text', name: 'Giám đốc các sở, ngành' }] }))).meeting;
    const { draftId } = await call(app, 'meetings.invitation', { id: m.id }, chuyenVien);
    const stored = await call(app, 'drafts.get', { id: draftId }, chuyenVien);
    expect(stored.status).toBe('du-thao');
    expect(stored.ownerId).toBe(uid(chuyenVien));
    const d = draftSchema.parse(stored.draft);
    expect(d.docType).toBe('giay-moi');
    const text = buildPlan(d).flow.map((p) => (p.kind === 'para' ? plainText(p.runs) : '')).join('\n');
    expect(text).toContain('Văn phòng trân trọng kính mời: Trần Thị Bình; Giám đốc các sở, ngành.');
    expect(text).toContain('Chủ trì: Đồng chí Nguyễn Văn An, Chủ tịch.');
    expect(text).toContain('Thời gian: 8 giờ 00, Thứ Hai, ngày 23 tháng 11 năm 2026.');
    expect(text).toContain('Địa điểm: Phòng họp số 1.');
    expect((await call(app, 'meetings.get', { id: m.id })).links).toEqual([expect.objectContaining({ kind: 'draft', refId: draftId })]);
    // It then follows the outgoing workflow like any draft.
    const info = await call(app, 'outgoing.submit', { id: draftId, to: uid(chuTich) }, chuyenVien);
    expect(info.status).toBe('cho-duyet');
  });
});

describe('meetings: .ics import', () => {
  const outlook = () => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/ics/outlook.ics')));

  it('imports an Outlook export (Windows zone, weekly series with an exception and a moved occurrence), matching names to the directory', async () => {
    await call(app, 'rooms.save', { name: 'Hội trường A' });
    const dry = await call(app, 'meetings.import', { data: outlook(), fileName: 'outlook.ics', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, created: 6, updated: 0 });
    expect(rowsCount(app, 'meetings')).toBe(0);
    const r = await call(app, 'meetings.import', { data: outlook(), fileName: 'outlook.ics' });
    expect(r).toMatchObject({ created: 6, updated: 0, unchanged: 0, clashes: [] });
    expect(r.unmatched).toContain('Trần Thị Hoa');
    const list = await call(app, 'meetings.list', { from: '2026-11-01', to: '2026-12-31' });
    expect(list.map((m) => m.start.slice(0, 16))).toEqual(['2026-11-23T08:00', '2026-11-26T07:30', '2026-11-30T08:00', '2026-12-15T14:00', '2026-12-21T08:00', '2026-12-28T08:00']);
    const moved = list[3];
    expect(moved.room).toEqual({ id: expect.any(Number), name: 'Hội trường A' });
    // The organiser "Nguyễn Văn An" is the chủ tịch's account: matched, so the clash check knows him.
    expect(list[0].chair).toMatchObject({ userId: uid(chuTich), name: 'Nguyễn Văn An' });
    expect(list[0].location).toBe('Phòng họp tầng 2, trụ sở UBND tỉnh');
    // Again: nothing changes, by UID and RECURRENCE-ID.
    expect(await call(app, 'meetings.import', { data: outlook() })).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
  });

  it('refuses a file that clashes with the schedule unless a reason is given; all or nothing', async () => {
    await call(app, 'meetings.save', meeting({ title: 'Tiếp Đoàn công tác của Bộ', start: '2026-11-23T08:30', end: '2026-11-23T09:00', roomId: undefined, participants: [] }));
    const before = rowsCount(app, 'meetings');
    const e = await callErr(app, 'meetings.import', { data: outlook() });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('1 chỗ trùng lịch');
    expect((e.details as { report: { clashes: { name: string }[] } }).report.clashes[0].name).toBe('Nguyễn Văn An');
    expect(rowsCount(app, 'meetings')).toBe(before);
    const ok = await call(app, 'meetings.import', { data: outlook(), allowConflict: true, conflictReason: 'Lịch của Văn phòng Tỉnh ủy gửi sang' });
    expect(ok.created).toBe(6);
  });

  it('keeps a meeting changed here after the file was written, and refuses broken or oversized files whole', async () => {
    await call(app, 'meetings.import', { data: outlook() });
    const first = (await call(app, 'meetings.list', { from: '2026-11-23', to: '2026-11-23' }))[0];
    await call(app, 'meetings.save', { id: first.id, title: 'Giao ban lãnh đạo tuần (bổ sung nội dung)', start: first.start, end: first.end, chairId: uid(chuTich) });
    const again = await call(app, 'meetings.import', { data: outlook() });
    expect(again.skipped).toContainEqual(expect.objectContaining({ reason: expect.stringContaining('Bản trong máy đã sửa sau bản trong tệp') }));
    expect((await call(app, 'meetings.get', { id: first.id })).title).toBe('Giao ban lãnh đạo tuần (bổ sung nội dung)');

    const n = rowsCount(app, 'meetings');
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const tooBig = await callErr(app, 'meetings.import', { data: big });
    expect(tooBig).toMatchObject({ code: 'FILE_INVALID', field: 'data' });
    expect(tooBig.message).toContain('quá lớn');
    const noUid = new TextEncoder().encode('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Họp\r\nDTSTART:20261123T010000Z\r\nDTEND:20261123T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    const e = await callErr(app, 'meetings.import', { data: noUid });
    expect(e.code).toBe('FILE_INVALID');
    expect(e.message).toMatch(/UID/);
    expect(rowsCount(app, 'meetings')).toBe(n);
  });
});

describe('meetings: changes keep what they do not touch', () => {
  it('an all-day meeting keeps its days through save → get → save, whether the end is the last day or 00:00 after it', async () => {
    const a = (await call(app, 'meetings.save', { title: 'Hội nghị tổng kết', start: '2026-11-27T00:00', end: '2026-11-27T00:00', allDay: true })).meeting;
    expect([a.start, a.end]).toEqual(['2026-11-27T00:00:00+07:00', '2026-11-28T00:00:00+07:00']);
    const b = (await call(app, 'meetings.save', { title: 'Tập huấn 2 ngày', start: '2026-11-26T00:00', end: '2026-11-28T00:00', allDay: true })).meeting;
    expect([b.start, b.end]).toEqual(['2026-11-26T00:00:00+07:00', '2026-11-28T00:00:00+07:00']);
    const again = (await call(app, 'meetings.save', { id: a.id, title: a.title, start: a.start, end: a.end })).meeting;
    expect([again.start, again.end, again.allDay]).toEqual([a.start, a.end, true]);
    expect((await callErr(app, 'meetings.save', { title: 'Quá dài', start: '2027-03-01T23:00', end: '2027-04-01T22:00', allDay: true })).message).toMatch(/tối đa 31 ngày/);
  });

  it('a change that leaves fields out keeps them: status, room, chair, people, links, reminder', async () => {
    const draft = await call(app, 'drafts.save', { draft: { profile: 'state', organ: 'Văn phòng', place: 'Bắc Ninh', docType: 'ke-hoach', subject: 'Kế hoạch tổ chức hội nghị', signature: { title: 'Chánh Văn phòng', name: 'Hoàng Văn Em' } } });
    const m = (await call(app, 'meetings.save', meeting({ status: 'chinh-thuc', reminderMinutes: null, links: [{ kind: 'draft', id: draft.id }] }))).meeting;
    const changed = (await call(app, 'meetings.save', { id: m.id, title: 'Giao ban (đổi tên)', start: m.start, end: m.end })).meeting;
    expect(changed).toMatchObject({ status: 'chinh-thuc', reminderMinutes: null, room: m.room, chair: m.chair, participants: m.participants, links: m.links, sequence: 1 });
    const cleared = (await call(app, 'meetings.save', { id: m.id, title: changed.title, start: m.start, end: m.end, roomId: null, location: 'Trụ sở Tiếp công dân' })).meeting;
    expect([cleared.room, cleared.location]).toEqual([null, 'Trụ sở Tiếp công dân']);
    expect((await callErr(app, 'meetings.save', { id: m.id, title: changed.title, start: m.start, end: m.end, status: 'huy' })).field).toBe('status');
  });

  it('a series longer than its period is refused; a one-off clash with one occurrence refuses the whole series', async () => {
    const e = await callErr(app, 'meetings.save', meeting({ start: '2026-11-23T08:00', end: '2026-11-25T08:00', recurrence: { freq: 'daily', until: '2026-11-30' } }));
    expect(e.field).toBe('recurrence.freq');
    await call(app, 'meetings.save', meeting({ title: 'Tiếp đoàn', start: '2026-12-07T09:00', end: '2026-12-07T09:30', chairId: undefined, participants: [] }));
    const clash = await callErr(app, 'meetings.save', meeting({ title: 'Giao ban tuần', recurrence: { freq: 'weekly', until: '2026-12-28' } }));
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toContain('«Tiếp đoàn» 09:00–09:30 ngày 07/12/2026');
    expect(rowsCount(app, 'meetings')).toBe(1);
  });

  it('"from this one on" leaves a cancelled occurrence cancelled and follows the original dates', async () => {
    await call(app, 'meetings.save', meeting({ title: 'Giao ban tuần', recurrence: { freq: 'weekly', until: '2026-12-21' } }));
    const [, second, third, fourth] = await call(app, 'meetings.list', { from: '2026-11-01', to: '2026-12-31' });
    await call(app, 'meetings.setStatus', { id: fourth.id, status: 'huy', reason: 'Nghỉ lễ' });
    await call(app, 'meetings.save', { id: third.id, title: third.title, start: '2026-12-09T08:00', end: '2026-12-09T10:00' }); // moved alone
    await call(app, 'meetings.save', { id: second.id, scope: 'following', title: 'Giao ban tuần (mới)', start: '2026-11-30T14:00', end: '2026-11-30T15:00' });
    const after = await call(app, 'meetings.list', { from: '2026-11-01', to: '2026-12-31' });
    expect(after.map((m) => `${m.start.slice(0, 16)} ${m.title} ${m.status}`)).toEqual([
      '2026-11-23T08:00 Giao ban tuần du-kien',
      '2026-11-30T14:00 Giao ban tuần (mới) du-kien',
      '2026-12-09T14:00 Giao ban tuần (mới) du-kien',
      '2026-12-14T14:00 Giao ban tuần (mới) huy',
      '2026-12-21T14:00 Giao ban tuần (mới) du-kien',
    ]);
  });

  it('an import does not change a meeting its importer may not edit', async () => {
    const outlook = new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/ics/outlook.ics')));
    await call(app, 'meetings.import', { data: outlook }, chuTich);
    const edited = new TextDecoder().decode(outlook).replace('SEQUENCE:0', 'SEQUENCE:9').replace(/Hội nghị sơ kết/g, 'Hội nghị (đã sửa)');
    const r = await call(app, 'meetings.import', { data: new TextEncoder().encode(edited) }, chuyenVien);
    expect(r.updated).toBe(0);
    expect(r.skipped.some((s) => s.reason.includes('chỉ người tạo lịch'))).toBe(true);
  });

  it('no Giấy mời for a cancelled meeting', async () => {
    const m = (await call(app, 'meetings.save', meeting())).meeting;
    await call(app, 'meetings.setStatus', { id: m.id, status: 'huy', reason: 'Lồng ghép vào hội nghị' });
    expect((await callErr(app, 'meetings.invitation', { id: m.id })).message).toContain('đã hủy');
  });
});
