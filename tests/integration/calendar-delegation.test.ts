import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { addUser, call, callErr, fixedClock, sampleIncoming, tempApp } from '../helpers/app';
import { provisionedDataDir, vanphong } from '../helpers/cli';
import { immediate } from '../../electron/db/connection';
import { openWork } from '../../electron/workitems/repo';
import type { Session } from '../../electron/app/caller';
import { delegationInForce, delegatorsOf } from '../../electron/delegation/repo';
import { addDays } from '../../shared/meetings/time';
import { todayInVietnam } from '../../shared/domain/dates';
import { parseIcs } from '../../electron/meetings/ics-import';

/** The working-days calendar (Cài đặt › Ngày nghỉ lễ) and ủy quyền xử lý, through the API and the CLI. */
describe('the working-days calendar', () => {
  const clock = fixedClock(new Date('2026-04-20T02:00:00Z'));
  let app: Awaited<ReturnType<typeof tempApp>>;
  let cv: Session;
  beforeAll(async () => {
    app = await tempApp({ clock: clock.clock });
    cv = await addUser(app, 'cv', ['chuyenvien'], 'Phạm Văn Chuyên');
  });
  afterAll(() => app.cleanup());

  it('ships the year’s holidays, is changed by the quản trị only, and counts deadlines with it', async () => {
    const y2026 = await call(app, 'calendar.list', { year: 2026 }, cv);
    expect(y2026.days.find((d) => d.day === '2026-02-17')).toEqual({ day: '2026-02-17', kind: 'nghi', name: 'Tết Nguyên đán Bính Ngọ (Mùng 1)', weekday: 2 });
    expect(y2026.workingDays).toBe(250);
    expect((await call(app, 'calendar.list', {}, cv)).year).toBe(2026);
    expect(await call(app, 'calendar.list', { year: 2027 })).toEqual({ year: 2027, days: [], workingDays: 261 });
    expect((await callErr(app, 'calendar.set', { day: '2026-12-31', kind: 'nghi', name: 'Nghỉ bù' }, cv)).code).toBe('FORBIDDEN');
    expect(await call(app, 'calendar.workingDays', { from: '2026-12-30', n: 1 }, cv)).toEqual({ day: '2026-12-31' });
    await call(app, 'calendar.set', { day: '2026-12-31', kind: 'nghi', name: 'Nghỉ bù Tết Dương lịch' });
    expect(await call(app, 'calendar.workingDays', { from: '2026-12-30', n: 1 }, cv)).toEqual({ day: '2027-01-01' });
    expect(await callErr(app, 'calendar.set', { day: '2026-05-08', kind: 'lam-bu', name: 'Làm bù' })).toMatchObject({ code: 'VALIDATION', field: 'day' });
    expect(await call(app, 'calendar.set', { day: '2026-05-09', kind: 'lam-bu', name: 'Làm bù cho 1/5' })).toEqual({ day: '2026-05-09', kind: 'lam-bu', name: 'Làm bù cho 1/5', weekday: 6 });
    expect(await call(app, 'calendar.workingDays', { from: '2026-05-08', n: 1 })).toEqual({ day: '2026-05-09' });
    await call(app, 'calendar.remove', { day: '2026-05-09' });
    expect(await call(app, 'calendar.workingDays', { from: '2026-05-08', n: 1 })).toEqual({ day: '2026-05-11' });
    expect((await callErr(app, 'calendar.remove', { day: '2026-05-09' })).code).toBe('NOT_FOUND');
    expect((await callErr(app, 'calendar.set', { day: '2026-02-30', kind: 'nghi', name: 'x' })).field).toBe('day');
    const log = await call(app, 'audit.list', { entity: 'calendar' });
    expect(log.map((e) => e.actionLabel)).toEqual(['Bỏ ngày khỏi lịch nghỉ lễ', 'Sửa lịch nghỉ lễ', 'Sửa lịch nghỉ lễ']);
    expect(log[2].details).toEqual([
      { label: 'Ngày', value: '31/12/2026' },
      { label: 'Loại ngày', value: 'Ngày nghỉ' },
      { label: 'Tên', value: 'Nghỉ bù Tết Dương lịch' },
    ]);
  });

  it('repeats a meeting on working days only (less 30/4 and 1/5), and exports it as one weekday rule less the holidays', async () => {
    const r = await call(app, 'meetings.save', { title: 'Giao ban đầu ngày', start: '2026-04-28T08:00', end: '2026-04-28T08:30', recurrence: { freq: 'workday', until: '2026-05-05' } });
    expect(r.created).toBe(4); // 28/4, 29/4, 4/5, 5/5
    const f = await call(app, 'meetings.exportIcs', { from: '2026-04-27', to: '2026-05-05' });
    const ics = new TextDecoder().decode(f.data);
    expect([...ics.matchAll(/^DTSTART:(\d{8})T/gm)].map((m) => m[1])).toEqual(['20260428']);
    expect(ics).toContain('RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260505T010000Z\r\n');
    expect(ics).toContain('EXDATE:20260430T010000Z,20260501T010000Z\r\n');
    const starts = parseIcs(f.data, { expandUntilMs: Date.parse('2027-01-01') }).events.map((e) => new Date(e.startMs).toISOString().slice(0, 10));
    expect(starts).toEqual(['2026-04-28', '2026-04-29', '2026-05-04', '2026-05-05']);
    expect(r.meeting.recurrence).toEqual({ freq: 'workday', interval: 1, until: '2026-05-05' });
  });
});

describe('ủy quyền xử lý', () => {
  const clock = fixedClock(new Date('2026-03-16T02:00:00Z'));
  let app: Awaited<ReturnType<typeof tempApp>>;
  let gd: Session;
  let pgd: Session;
  let pgd2: Session;
  let cv: Session;
  let admin: Session;
  beforeAll(async () => {
    app = await tempApp({ clock: clock.clock, withUser: false });
    admin = await addUser(app, 'admin', ['quantri'], 'Quản Trị');
    gd = await addUser(app, 'gd', ['lanhdao'], 'Nguyễn Văn Giám');
    pgd = await addUser(app, 'pgd', ['lanhdao'], 'Trần Văn Phó');
    pgd2 = await addUser(app, 'pgd2', ['lanhdao'], 'Lê Văn Phó Hai');
    cv = await addUser(app, 'cv', ['chuyenvien'], 'Phạm Văn Chuyên');
  });
  afterAll(() => app.cleanup());

  it('is given by a leader (or the quản trị for one) to one active deputy at a time, and revoked', async () => {
    const d = await call(app, 'delegations.create', { to: pgd.caller!.id, from: '2026-03-17', until: '2026-03-20', note: 'Đi công tác' }, gd);
    expect(d).toMatchObject({ from: { username: 'gd' }, to: { username: 'pgd' }, fromDay: '2026-03-17', toDay: '2026-03-20', state: 'sap-toi', scope: 'all', note: 'Đi công tác' });
    const overlap = await callErr(app, 'delegations.create', { to: pgd2.caller!.id, from: '2026-03-20', until: '2026-03-25' }, gd);
    expect(overlap).toMatchObject({ code: 'VALIDATION' });
    expect(overlap.message).toContain('Trần Văn Phó');
    expect((await callErr(app, 'delegations.create', { to: gd.caller!.id, from: '2026-03-21', until: '2026-03-22' }, gd)).field).toBe('to');
    expect((await callErr(app, 'delegations.create', { to: pgd2.caller!.id, from: '2026-03-25', until: '2026-03-21' }, gd)).field).toBe('until');
    expect((await callErr(app, 'delegations.create', { to: pgd2.caller!.id, from: '2026-03-01', until: '2026-03-10' }, gd)).field).toBe('until');
    expect((await callErr(app, 'delegations.create', { to: pgd.caller!.id, from: '2026-03-21', until: '2026-03-22' }, cv)).code).toBe('FORBIDDEN');
    expect((await callErr(app, 'delegations.create', { to: cv.caller!.id, delegator: gd.caller!.id, from: '2026-03-21', until: '2026-03-22' }, pgd)).code).toBe('FORBIDDEN');
    expect((await callErr(app, 'delegations.create', { to: cv.caller!.id, from: '2026-03-21', until: '2026-03-22' }, admin)).field).toBe('delegator');
    await call(app, 'users.update', { id: cv.caller!.id, active: false }, admin);
    expect(await callErr(app, 'delegations.create', { to: cv.caller!.id, from: '2026-03-21', until: '2026-03-22' }, gd)).toMatchObject({ code: 'VALIDATION', field: 'to' });
    await call(app, 'users.update', { id: cv.caller!.id, active: true }, admin);
    // The quản trị records one for a leader; the period after the first one is free.
    const byAdmin = await call(app, 'delegations.create', { delegator: gd.caller!.id, to: pgd2.caller!.id, from: '2026-03-21', until: '2026-03-25' }, admin);
    expect(byAdmin).toMatchObject({ from: { username: 'gd' }, to: { username: 'pgd2' }, createdBy: 'Quản Trị' });

    expect(delegatorsOf(app.db, pgd.caller!.id, '2026-03-16')).toEqual([]);
    expect(delegatorsOf(app.db, pgd.caller!.id, '2026-03-18')).toEqual([gd.caller!.id]);
    expect(delegationInForce(app.db, gd.caller!.id, pgd2.caller!.id, '2026-03-22')?.id).toBe(byAdmin.id);
    expect(delegationInForce(app.db, gd.caller!.id, pgd.caller!.id, '2026-03-22')).toBeUndefined();

    expect((await call(app, 'delegations.list', {}, pgd)).map((x) => x.id)).toEqual([d.id]);
    expect((await call(app, 'delegations.list', {}, gd)).map((x) => x.id).sort()).toEqual([d.id, byAdmin.id].sort());
    expect(await call(app, 'delegations.list', { all: true }, cv)).toEqual([]);
    expect(await call(app, 'delegations.list', { all: true }, admin)).toHaveLength(2);

    expect((await callErr(app, 'delegations.revoke', { id: d.id }, pgd)).code).toBe('FORBIDDEN');
    expect((await call(app, 'delegations.revoke', { id: d.id }, gd)).state).toBe('da-thu-hoi');
    expect((await callErr(app, 'delegations.revoke', { id: d.id }, gd)).code).toBe('VALIDATION');
    expect(delegatorsOf(app.db, pgd.caller!.id, '2026-03-18')).toEqual([]);
    // The audit trail names both, and keeps the live notice's addressing out of what it shows.
    const log = await call(app, 'audit.list', { entity: 'delegation' }, admin);
    expect(log.map((e) => e.actionLabel)).toEqual(['Thu hồi ủy quyền xử lý', 'Ủy quyền xử lý', 'Ủy quyền xử lý']);
    expect(log[2].details).toEqual([
      { label: 'Người ủy quyền', value: 'Nguyễn Văn Giám' },
      { label: 'Người được ủy quyền', value: 'Trần Văn Phó' },
      { label: 'Từ ngày', value: '17/03/2026' },
      { label: 'Đến ngày', value: '20/03/2026' },
      { label: 'Ghi chú', value: 'Đi công tác' },
    ]);
  });
});

describe('calendar, delegate and inbox from the command line', () => {
  const today = todayInVietnam(new Date());
  const year = Number(today.slice(0, 4)) + 1;
  let dir: string;
  beforeAll(async () => {
    dir = await provisionedDataDir('vanphong-cli-h5-', async (a, tester) => {
      await call(a, 'users.create', { username: 'gd', fullName: 'Nguyễn Văn Giám', roles: ['lanhdao'], password: 'mat-khau-thu-nghiem' }, tester);
      await call(a, 'users.create', { username: 'pgd', fullName: 'Trần Văn Phó', roles: ['lanhdao'], password: 'mat-khau-thu-nghiem' }, tester);
      // A document waiting for the Giám đốc's instruction since before yesterday's deadline.
      const doc = await call(a, 'incoming.register', sampleIncoming({ subject: 'Công văn đề nghị cho ý kiến' }), tester);
      const gd = a.db.prepare("SELECT id FROM users WHERE username = 'gd'").pluck().get() as number;
      immediate(a.db, () => openWork(a.db, { kind: 'incoming', refId: doc.id, action: 'instruct', userId: gd, unitId: null, deadline: addDays(today, -1) }, a.nowIso()));
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists and edits the calendar, gives a delegation, and prints what waits for the deputy', async () => {
    const d = ['--data-dir', dir];
    expect(vanphong(['calendar', 'list', '--year', String(year), ...d]).out).toContain(`Chưa có lịch nghỉ lễ năm ${year}: chỉ tính thứ Bảy, Chủ nhật.`);
    expect(vanphong(['calendar', 'set', `${year}-01-01`, '--kind', 'nghi', '--name', 'Tết Dương lịch', ...d]).out).toMatch(new RegExp(`^Đã ghi ngày nghỉ Thứ \\S+ 01/01/${year}: Tết Dương lịch\\.`));
    const given = vanphong(['delegate', '--to', 'pgd', '--from', today, '--until', addDays(today, 3), '--note', 'Đi học', ...d], { VANPHONG_USER: 'gd' });
    expect(given.out).toMatch(/^Đã ủy quyền xử lý \(mã \d+\): +\d+ +Nguyễn Văn Giám \(gd\) → Trần Văn Phó \(pgd\) .*\[Đang hiệu lực\] — Đi học/);
    const held = vanphong(['inbox', ...d], { VANPHONG_USER: 'pgd' }).out;
    expect(held).toContain('Chờ tôi xử lý: 1 (văn bản đến 1, công việc 0, dự thảo 0), quá hạn 1.');
    expect(held).toMatch(/Văn bản đến\s+\d+\s+!hạn \S+\s+Cho ý kiến chỉ đạo\s+Số đến \d+ — Công văn đề nghị cho ý kiến\s+\(ủy quyền của Nguyễn Văn Giám; Ủy ban nhân dân tỉnh Bắc Ninh\)/);
  });
});
