import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../electron/app/context';
import { openApp } from '../../electron/hosts/open-app';
import { dispatch } from '../../electron/api/dispatch';
import { hashPassword } from '../../electron/auth/passwords';
import { insertUser } from '../../electron/auth/repo';
import { immediate } from '../../electron/db/connection';
import { findClashes } from '../../electron/meetings/conflicts';
import * as repo from '../../electron/meetings/repo';
import { weekOf, addDays } from '../../shared/meetings/time';
import { percentile } from './stats';
import { benchSession } from './session';
import { rng } from './corpus';

type Emit = (name: string, value: number, unit: string) => void;

const TITLES = ['Giao ban Lãnh đạo', 'Họp Ban Chỉ đạo chuyển đổi số', 'Làm việc với Sở Tài chính', 'Tiếp công dân định kỳ', 'Hội nghị sơ kết', 'Họp thẩm định dự án', 'Tiếp đoàn công tác', 'Họp Hội đồng thi đua'];

/**
 * Issue 6: 100,000 meetings over five years (2022–2026) in 20 rooms for 200 people; then the clash check of a new
 * meeting, a whole save through the API, the week view, and the .ics export of one year (with 100 weekly series),
 * its import into an empty data folder and again over itself.
 */
export async function benchMeetings(emit: Emit, o: { quick: boolean }): Promise<void> {
  const total = o.quick ? 20_000 : 100_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-meetings-'));
  const app = await openApp({ dataDir, clock: () => new Date('2026-11-22T03:00:00Z') });
  const session = await benchSession(app);
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await dispatch(app, name, input, session);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
  const r = rng(6);
  const hash = await hashPassword('bench-password');
  const now = app.nowIso();
  const users = immediate(app.db, () => Array.from({ length: 200 }, (_, i) => insertUser(app.db, { username: `cb${i}`, fullName: `Cán bộ ${i}`, roles: ['chuyenvien'], passwordHash: hash }, now).id));
  const rooms = immediate(app.db, () => Array.from({ length: 20 }, (_, i) => repo.insertRoom(app.db, { name: `Phòng họp ${i + 1}`, capacity: 30, location: '', active: true }, now)));

  // Seeding: working days 2022–2026, 7:30–17:30, 30 min to 3 h, straight into the data layer in batches.
  const from = Date.parse('2022-01-03T00:30:00Z');
  const days = Math.floor((Date.parse('2026-12-31T00:00:00Z') - from) / 86_400_000);
  const t0 = performance.now();
  for (let done = 0; done < total; ) {
    immediate(app.db, () => {
      for (let k = 0; k < 5000 && done < total; k++, done++) {
        const day = Math.floor(r() * days);
        const start = from + day * 86_400_000 + Math.floor(r() * 20) * 30 * 60_000;
        const end = start + (1 + Math.floor(r() * 6)) * 30 * 60_000;
        const rec: repo.MeetingRecord = {
          uid: `bench-${done}@vanphong`,
          recurrenceId: null,
          recurrence: null,
          title: `${TITLES[done % TITLES.length]} ${done}`,
          content: '',
          startMs: start,
          endMs: end,
          allDay: false,
          roomId: rooms[Math.floor(r() * rooms.length)],
          location: '',
          chairUserId: users[Math.floor(r() * users.length)],
          chairName: null,
          prepareUnit: '',
          status: 'chinh-thuc',
          statusReason: null,
          reminderMinutes: 15,
          conflictReason: null,
          sequence: 0,
        };
        const people = Array.from({ length: Math.floor(r() * 5) }, () => ({ kind: 'person' as const, userId: users[Math.floor(r() * users.length)], organizationId: null, name: '' }));
        const id = repo.insertMeeting(app.db, rec, null, now);
        repo.replaceParticipants(app.db, id, people);
        repo.replaceBookings(app.db, id, rec, repo.resourcesOf(rec, people));
      }
    });
  }
  emit('meetings_seed_rate', total / ((performance.now() - t0) / 1000), 'meetings/s');

  // 1. The clash check alone: a room, a chair and 4 people at a random time (the query the save runs).
  const check: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const start = from + Math.floor(r() * days) * 86_400_000 + Math.floor(r() * 20) * 30 * 60_000;
    const resources = [repo.roomResource(rooms[i % rooms.length]), ...Array.from({ length: 5 }, () => repo.personResource(users[Math.floor(r() * users.length)]))];
    const s = performance.now();
    findClashes(app.db, [{ startMs: start, endMs: start + 2 * 3600_000, resources }], [], (x) => x);
    check.push(performance.now() - s);
  }
  emit('meetings_conflict_check_p95', percentile(check, 95), 'ms');

  // 2. A whole save through the API (zod, clash check, insert, bookings, audit, one transaction), clashes allowed.
  const save: number[] = [];
  for (let i = 0; i < 500; i++) {
    const day = addDays('2026-01-05', Math.floor(r() * 300));
    const s = performance.now();
    await call('meetings.save', {
      title: `Họp đo hiệu năng ${i}`,
      start: `${day}T09:00`,
      end: `${day}T10:30`,
      roomId: rooms[i % rooms.length],
      chairId: users[i % users.length],
      participants: [1, 2, 3].map((k) => ({ kind: 'person', userId: users[(i * 7 + k) % users.length] })),
      allowConflict: true,
      conflictReason: 'Đo hiệu năng',
    });
    save.push(performance.now() - s);
  }
  emit('meetings_save_p95', percentile(save, 95), 'ms');

  // 3. The week view: every meeting of a random week with its people and room, through the API.
  const week: number[] = [];
  let perWeek = 0;
  for (let i = 0; i < 300; i++) {
    const monday = weekOf(addDays('2022-01-03', Math.floor(r() * 1800))).monday;
    const s = performance.now();
    const list = await call<unknown[]>('meetings.list', { from: monday, to: addDays(monday, 6) });
    week.push(performance.now() - s);
    perWeek += list.length;
  }
  emit('meetings_week_view_p95', percentile(week, 95), 'ms');
  emit('meetings_per_week_avg', perWeek / 300, 'meetings');

  // 4. One year as .ics, with 100 weekly series (giao ban of each unit) through 2026, one week in ten moved or
  // cancelled: each series leaves as one master with its RRULE and its overrides.
  const weekly: { id: number; start: string }[][] = [];
  for (let i = 0; i < 100; i++) {
    const hour = String(7 + (i % 10)).padStart(2, '0');
    const saved = await call<{ meeting: { uid: string } }>('meetings.save', {
      title: `Giao ban đơn vị ${i + 1}`,
      start: `2026-01-${String(5 + (i % 5)).padStart(2, '0')}T${hour}:00`,
      end: `2026-01-${String(5 + (i % 5)).padStart(2, '0')}T${hour}:45`,
      roomId: rooms[i % rooms.length],
      recurrence: { freq: 'weekly', until: '2026-12-31' },
      allowConflict: true,
      conflictReason: 'Đo hiệu năng',
    });
    weekly.push(repo.seriesOccurrences(app.db, saved.meeting.uid).map((o) => ({ id: o.id, start: new Date(o.startMs + 7 * 3600_000).toISOString().slice(0, 16) })));
  }
  for (const series of weekly) {
    for (const [k, o] of series.entries()) {
      if (k % 10 === 3) await call('meetings.setStatus', { id: o.id, status: 'huy', reason: 'Đo hiệu năng' });
      if (k % 10 === 7) await call('meetings.save', { id: o.id, title: 'Giao ban (dời)', start: `${o.start.slice(0, 10)}T16:00`, end: `${o.start.slice(0, 10)}T16:45`, allowConflict: true, conflictReason: 'Đo hiệu năng' });
    }
  }
  const s = performance.now();
  const file = await call<{ data: Uint8Array; rowCount: number }>('meetings.exportIcs', { from: '2026-01-01', to: '2026-12-31' });
  emit('meetings_ics_export_year', performance.now() - s, 'ms');
  emit('meetings_ics_export_year_events', file.rowCount, 'events');
  emit('meetings_ics_export_year_size', file.data.byteLength / 1024 / 1024, 'MiB');
  emit('meetings_ics_export_year_vevents', new TextDecoder().decode(file.data).split('BEGIN:VEVENT').length - 1, 'VEVENTs');

  // 5. ...and imported into an empty data folder (parse, match names, insert, all in one transaction).
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-meetings-import-'));
  const app2 = await openApp({ dataDir: dir2, clock: () => new Date('2026-11-22T03:00:00Z') });
  const s2 = performance.now();
  const imported = await dispatch(app2, 'meetings.import', { data: file.data, fileName: 'nam-2026.ics', allowConflict: true, conflictReason: 'Đo hiệu năng' }, await benchSession(app2));
  if (!imported.ok) throw new Error(imported.error.message);
  emit('meetings_ics_import_year', performance.now() - s2, 'ms');
  // 6. ...and the same file again over it: every occurrence unchanged, each series checked for occurrences it lost.
  const s3 = performance.now();
  const again = await dispatch(app2, 'meetings.import', { data: file.data, fileName: 'nam-2026.ics', allowConflict: true, conflictReason: 'Đo hiệu năng' }, await benchSession(app2));
  if (!again.ok || (again.value as { changes: unknown[] }).changes.length) throw new Error('re-import changed something');
  emit('meetings_ics_reimport_year', performance.now() - s3, 'ms');
  await app2.close();
  fs.rmSync(dir2, { recursive: true, force: true });
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
