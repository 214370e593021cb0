import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callErr, tempApp } from '../helpers/app';
import { judge, judgeMissing, type JudgedEvent } from '../helpers/ical-judge';
import type { Meeting } from '../../shared/meetings/schemas';
import { parseIcs } from '../../electron/meetings/ics-import';

/**
 * Issue 19: a series leaves as one master with its RRULE and the overrides that differ, is read by an independent
 * expander exactly as our register holds it, and coming back (moved, shortened, changed from one occurrence on)
 * leaves no ghosts: what the file no longer has is cancelled with a reason, never deleted, never duplicated.
 */

type App = Awaited<ReturnType<typeof tempApp>>;
const bytes = (s: string) => new TextEncoder().encode(s);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-series-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What a calendar reader shows of a meeting: its instants (days for all-day ones), title and place. */
function shown(m: Meeting): Pick<JudgedEvent, 'start' | 'end' | 'summary' | 'location'> {
  const day = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
  const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    start: m.allDay ? day(m.startMs) : instant(m.startMs),
    end: m.allDay ? day(m.endMs) : instant(m.endMs),
    summary: m.title,
    location: m.room?.name ?? m.location,
  };
}
/** In the judge's order: by start, then title, comparing code points as Python does. */
const byStart = <T extends { start: string; summary: string }>(list: T[]) => {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...list].sort((a, b) => cmp(a.start, b.start) || cmp(a.summary, b.summary));
};

async function held(app: App, from = '2026-11-01', to = '2027-02-28'): Promise<Meeting[]> {
  return call(app, 'meetings.list', { from, to });
}
async function exported(app: App, name: string, input: { from: string; to: string; roomId?: number } = { from: '2026-12-01', to: '2027-01-31' }): Promise<string> {
  const f = await call(app, 'meetings.exportIcs', input);
  const file = path.join(dir, name);
  fs.writeFileSync(file, f.data);
  return file;
}
const importFile = (app: App, file: string, o: { dryRun?: boolean; data?: string } = {}) =>
  call(app, 'meetings.import', { data: o.data !== undefined ? bytes(o.data) : new Uint8Array(fs.readFileSync(file)), fileName: path.basename(file), dryRun: o.dryRun ?? false });

describe('a weekly Giao ban for six weeks, one week moved and one cancelled', () => {
  let first: App;
  let second: App;
  let roomOne: number;
  let file: string;
  let uid: string;
  beforeAll(async () => {
    first = await tempApp();
    second = await tempApp();
    roomOne = (await call(first, 'rooms.save', { name: 'Phòng họp số 1' })).id;
    const roomTwo = (await call(first, 'rooms.save', { name: 'Phòng họp số 2' })).id;
    for (const app of [second]) for (const name of ['Phòng họp số 1', 'Phòng họp số 2']) await call(app, 'rooms.save', { name });
    const r = await call(first, 'meetings.save', { title: 'Giao ban Lãnh đạo', start: '2026-12-07T08:00', end: '2026-12-07T09:30', roomId: roomOne, recurrence: { freq: 'weekly', until: '2027-01-11' } });
    expect(r.created).toBe(6);
    uid = r.meeting.uid;
    const weeks = await held(first);
    // The third week moves to Tuesday afternoon in the other room; the fifth is cancelled.
    await call(first, 'meetings.save', { id: weeks[2].id, title: 'Giao ban Lãnh đạo (dời)', start: '2026-12-22T14:00', end: '2026-12-22T15:30', roomId: roomTwo });
    await call(first, 'meetings.setStatus', { id: weeks[4].id, status: 'huy', reason: 'Trùng Hội nghị tổng kết năm' });
    file = await exported(first, 'giao-ban.ics');
  });
  afterAll(async () => {
    await first.cleanup();
    await second.cleanup();
  });

  it('is written as one master (RRULE to the last week in UTC, EXDATE for the cancelled week) and one override for the moved week', () => {
    const ics = fs.readFileSync(file, 'utf8');
    expect(ics.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(2);
    expect(ics.match(new RegExp(`^UID:${uid}\\r$`, 'gm'))).toHaveLength(2);
    expect(ics).toContain('\r\nRRULE:FREQ=WEEKLY;UNTIL=20270111T010000Z\r\n');
    expect(ics).toContain('\r\nEXDATE:20270104T010000Z\r\n');
    expect(ics).toContain('\r\nRECURRENCE-ID:20261221T010000Z\r\n');
    expect(ics).toContain('\r\nDTSTART:20261222T070000Z\r\n');
    expect(ics).toContain('\r\nX-VANPHONG-RANGE:2026-12-01/2027-01-31\r\n');
    expect(ics).not.toContain('X-VANPHONG-FILTER');
  });

  it.skipIf(judgeMissing)('the independent expander finds exactly five meetings, at the instants, titles and places the register holds', async () => {
    const found = judge(file, '2026-11-01', '2027-03-01');
    expect(found).toHaveLength(5);
    expect(found.map((e) => e.start)).toEqual(['2026-12-07T01:00:00Z', '2026-12-14T01:00:00Z', '2026-12-22T07:00:00Z', '2026-12-28T01:00:00Z', '2027-01-11T01:00:00Z']);
    const register = (await held(first)).filter((m) => m.status !== 'huy').map(shown);
    expect(found.map(({ status: _s, ...e }) => e)).toEqual(byStart(register));
    expect(found.find((e) => e.start === '2026-12-22T07:00:00Z')).toMatchObject({ summary: 'Giao ban Lãnh đạo (dời)', location: 'Phòng họp số 2', end: '2026-12-22T08:30:00Z' });
  });

  it('re-imported into a second data folder gives the same five meetings, and its own export reads the same', async () => {
    const r = await importFile(second, file);
    expect({ created: r.created, updated: r.updated, cancelled: r.cancelled }).toEqual({ created: 5, updated: 0, cancelled: 0 });
    const mine = (await held(first)).filter((m) => m.status !== 'huy');
    const theirs = await held(second);
    expect(theirs.map(shown)).toEqual(mine.map(shown));
    expect(theirs.every((m) => m.uid === uid)).toBe(true);
    // Their export is a series again (a master and the moved week), not five loose events.
    const again = fs.readFileSync(await exported(second, 'giao-ban-2.ics'), 'utf8');
    expect(again.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(2);
    expect(again).toContain('RRULE:FREQ=WEEKLY;UNTIL=20270111T010000Z');
    if (!judgeMissing) expect(judge(path.join(dir, 'giao-ban-2.ics'), '2026-11-01', '2027-03-01')).toEqual(judge(file, '2026-11-01', '2027-03-01'));
  });

  it('a version ending two weeks earlier cancels the dropped weeks with a reason: listed by a dry run, not duplicated, not deleted', async () => {
    const shorter = fs.readFileSync(file, 'utf8').replace('UNTIL=20270111T010000Z', 'UNTIL=20261228T010000Z');
    const shorterFile = path.join(dir, 'giao-ban-ngan.ics');
    fs.writeFileSync(shorterFile, shorter);
    for (const app of [second, first]) {
      const before = await held(app);
      const eleventh = before.find((m) => m.start.startsWith('2027-01-11'))!;
      const dry = await importFile(app, shorterFile, { dryRun: true });
      expect(dry.changes).toEqual([{ action: 'cancel', uid, title: 'Giao ban Lãnh đạo', start: '2027-01-11T08:00:00+07:00', allDay: false, meetingId: eleventh.id, reason: expect.stringContaining('giao-ban-ngan.ics') }]);
      expect((await held(app)).map((m) => m.status)).toEqual(before.map((m) => m.status)); // a dry run writes nothing

      const r = await importFile(app, shorterFile);
      expect({ created: r.created, updated: r.updated, cancelled: r.cancelled, unchanged: r.unchanged }).toEqual({ created: 0, updated: 0, cancelled: 1, unchanged: 4 });
      const after = await held(app);
      expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
      const cancelled = after.find((m) => m.id === eleventh.id)!;
      expect(cancelled.status).toBe('huy');
      expect(cancelled.statusReason).toMatch(/^Không còn trong chuỗi lịch của tệp «giao-ban-ngan\.ics» nhập ngày \d{2}\/\d{2}\/\d{4}\.$/);
      // The week cancelled by hand keeps its own reason.
      const fourth = after.find((m) => m.start.startsWith('2027-01-04'));
      if (fourth) expect(fourth.statusReason).toBe('Trùng Hội nghị tổng kết năm');
      // The same file again changes nothing.
      const again = await importFile(app, shorterFile);
      expect({ cancelled: again.cancelled, updated: again.updated, changes: again.changes.length }).toEqual({ cancelled: 0, updated: 0, changes: 0 });
    }
  });

  it('a file of one room, or a span that does not cover them, cancels nothing', async () => {
    const third = await tempApp();
    try {
      await call(third, 'rooms.save', { name: 'Phòng họp số 1' });
      await importFile(third, file);
      // One room's file: the moved week is in the other room, so it is absent, and the file says it is one room's.
      const roomFile = await exported(first, 'phong-1.ics', { from: '2026-12-01', to: '2027-01-31', roomId: roomOne });
      expect(fs.readFileSync(roomFile, 'utf8')).toContain('X-VANPHONG-FILTER:Phòng họp số 1');
      const r = await importFile(third, roomFile, { dryRun: true });
      expect(r.changes.filter((c) => c.action === 'cancel')).toEqual([]);
      // December's file knows nothing of January.
      const december = await exported(first, 'thang-12.ics', { from: '2026-12-01', to: '2026-12-31' });
      const d = await importFile(third, december, { dryRun: true });
      expect(d.changes.filter((c) => c.action === 'cancel')).toEqual([]);
      // The same December file with the 14th dropped (an EXDATE added) cancels the 14th only.
      const dropped = fs.readFileSync(december, 'utf8').replace(/\r\nRRULE:[^\r]*/, (l) => `${l}\r\nEXDATE:20261214T010000Z`);
      const e = await importFile(third, december, { dryRun: true, data: dropped });
      expect(e.changes.map((c) => [c.action, c.start.slice(0, 10)])).toEqual([['cancel', '2026-12-14']]);
    } finally {
      await third.cleanup();
    }
  });
});

describe('series changed elsewhere', () => {
  let app: App;
  let uid: string;
  beforeAll(async () => {
    app = await tempApp();
    const r = await call(app, 'meetings.save', { title: 'Giao ban', start: '2026-12-07T08:00', end: '2026-12-07T09:00', recurrence: { freq: 'weekly', until: '2027-01-04' } });
    uid = r.meeting.uid;
  });
  afterAll(() => app.cleanup());

  it('moved as a whole by Outlook (same UID, an hour later, no span stated): the old starts are cancelled, not left as ghosts', async () => {
    const outlook = [
      'BEGIN:VCALENDAR',
      'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
      'VERSION:2.0',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'SEQUENCE:1',
      'DTSTAMP:20261201T000000Z',
      'DTSTART;TZID=SE Asia Standard Time:20261207T090000',
      'DTEND;TZID=SE Asia Standard Time:20261207T100000',
      'RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270104T020000Z',
      'SUMMARY:Giao ban',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const dry = await importFile(app, 'outlook.ics', { dryRun: true, data: outlook });
    expect(dry.changes.filter((c) => c.action === 'cancel').map((c) => c.start.slice(0, 16))).toEqual(['2026-12-07T08:00', '2026-12-14T08:00', '2026-12-21T08:00', '2026-12-28T08:00', '2027-01-04T08:00']);
    expect(dry.changes.filter((c) => c.action === 'create')).toHaveLength(5);
    await importFile(app, 'outlook.ics', { data: outlook });
    const all = await held(app);
    expect(all.filter((m) => m.status !== 'huy').map((m) => m.start.slice(0, 16))).toEqual(['2026-12-07T09:00', '2026-12-14T09:00', '2026-12-21T09:00', '2026-12-28T09:00', '2027-01-04T09:00']);
    expect(all.filter((m) => m.status === 'huy')).toHaveLength(5);
  });

  it('RANGE=THISANDFUTURE sent for one occurrence moves it and every later one by the same offset', async () => {
    const before = (await held(app)).filter((m) => m.status !== 'huy');
    const update = [
      'BEGIN:VCALENDAR',
      'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
      'VERSION:2.0',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'RECURRENCE-ID;RANGE=THISANDFUTURE:20261221T020000Z',
      'SEQUENCE:2',
      'DTSTAMP:20261201T000000Z',
      'DTSTART:20261221T070000Z',
      'DTEND:20261221T083000Z',
      'SUMMARY:Giao ban (buổi chiều)',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const r = await importFile(app, 'google.ics', { data: update });
    expect({ updated: r.updated, cancelled: r.cancelled, created: r.created }).toEqual({ updated: 3, cancelled: 0, created: 0 });
    const after = (await held(app)).filter((m) => m.status !== 'huy');
    expect(after.map((m) => `${m.start.slice(0, 16)}–${m.end.slice(11, 16)} ${m.title}`)).toEqual([
      '2026-12-07T09:00–10:00 Giao ban',
      '2026-12-14T09:00–10:00 Giao ban',
      '2026-12-21T14:00–15:30 Giao ban (buổi chiều)',
      '2026-12-28T14:00–15:30 Giao ban (buổi chiều)',
      '2027-01-04T14:00–15:30 Giao ban (buổi chiều)',
    ]);
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
  });

  it('two RANGE=THISANDFUTURE overrides: each later occurrence follows the nearest before it', async () => {
    const vevent = (rid: string, start: string, end: string, title: string) =>
      ['BEGIN:VEVENT', `UID:${uid}`, `RECURRENCE-ID;RANGE=THISANDFUTURE:${rid}`, 'SEQUENCE:3', 'DTSTAMP:20261201T000000Z', `DTSTART:${start}`, `DTEND:${end}`, `SUMMARY:${title}`, 'END:VEVENT'];
    const file = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', ...vevent('20261214T020000Z', '20261214T030000Z', '20261214T040000Z', 'Giao ban (10 giờ)'), ...vevent('20261228T020000Z', '20261228T090000Z', '20261228T100000Z', 'Giao ban (16 giờ)'), 'END:VCALENDAR', ''].join('\r\n');
    await importFile(app, 'hai-lan-doi.ics', { data: file });
    const after = (await held(app)).filter((m) => m.status !== 'huy');
    expect(after.map((m) => `${m.start.slice(5, 16)} ${m.title}`)).toEqual(['12-07T09:00 Giao ban', '12-14T10:00 Giao ban (10 giờ)', '12-21T10:00 Giao ban (10 giờ)', '12-28T16:00 Giao ban (16 giờ)', '01-04T16:00 Giao ban (16 giờ)']);
  });

  it('RANGE=THISANDFUTURE with its master in the same file changes the later occurrences as read', () => {
    const file = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//x//y//EN',
      'BEGIN:VEVENT',
      'UID:s@x',
      'DTSTAMP:20261201T000000Z',
      'DTSTART:20261207T010000Z',
      'DTEND:20261207T020000Z',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'SUMMARY:Họp',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:s@x',
      'DTSTAMP:20261201T000000Z',
      'RECURRENCE-ID;RANGE=THISANDFUTURE:20261214T010000Z',
      'DTSTART:20261214T030000Z',
      'DTEND:20261214T040000Z',
      'SUMMARY:Họp (muộn hơn)',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const events = parseIcs(file, { expandUntilMs: Date.parse('2028-01-01') }).events;
    expect(events.map((e) => `${new Date(e.startMs).toISOString().slice(5, 16)} ${e.title}`)).toEqual(['12-07T01:00 Họp', '12-14T03:00 Họp (muộn hơn)', '12-21T03:00 Họp (muộn hơn)', '12-28T03:00 Họp (muộn hơn)']);
    expect(events.map((e) => e.recurrenceId && new Date(e.recurrenceId).toISOString().slice(5, 16))).toEqual(['12-07T01:00', '12-14T01:00', '12-21T01:00', '12-28T01:00']);
  });
});

describe('a partial export and occurrences moved across its edge', () => {
  it('an occurrence moved out of the span is an override (never a cancellation); one moved in keeps its original start as RDATE', async () => {
    const app = await tempApp();
    const other = await tempApp();
    try {
      await call(app, 'meetings.save', { title: 'Giao ban', start: '2026-12-07T08:00', end: '2026-12-07T09:00', recurrence: { freq: 'weekly', until: '2027-01-25' } });
      const weeks = await held(app);
      // 21/12 moves out of December (to 05/01); 04/01 moves into it (to 30/12); one occurrence becomes all-day.
      await call(app, 'meetings.save', { id: weeks[2].id, title: 'Giao ban', start: '2027-01-05T08:00', end: '2027-01-05T09:00' });
      await call(app, 'meetings.save', { id: weeks[4].id, title: 'Giao ban', start: '2026-12-30T08:00', end: '2026-12-30T09:00' });
      await call(app, 'meetings.save', { id: weeks[1].id, title: 'Giao ban cả ngày', start: '2026-12-14T00:00', end: '2026-12-14T00:00', allDay: true });
      // The other folder holds the whole series as it is now.
      await importFile(other, await exported(app, 'ca-chuoi.ics', { from: '2026-12-01', to: '2027-01-31' }));
      const before = await held(other);
      expect(before.map(shown)).toEqual((await held(app)).map(shown));

      const file = await exported(app, 'thang-12-doi.ics', { from: '2026-12-01', to: '2026-12-31' });
      const ics = fs.readFileSync(file, 'utf8');
      expect(ics).toContain('RRULE:FREQ=WEEKLY;UNTIL=20261228T010000Z');
      expect(ics).not.toContain('EXDATE');
      expect(ics).toContain('\r\nRDATE:20270104T010000Z\r\n');
      const movedOut = ics.split('BEGIN:VEVENT').find((v) => v.includes('\r\nRECURRENCE-ID:20261221T010000Z\r\n'));
      expect(movedOut).toContain('\r\nDTSTART:20270105T010000Z\r\n');
      // The all-day occurrence names its original instant as a DATE-TIME, as its timed master's DTSTART.
      expect(ics).toContain('\r\nRECURRENCE-ID:20261214T010000Z\r\n');
      expect(ics).not.toContain('RECURRENCE-ID;VALUE=DATE');
      const read = parseIcs(fs.readFileSync(file), { expandUntilMs: Date.parse('2028-01-01') }).events;
      expect(read.map((e) => new Date(e.startMs + 7 * 3600_000).toISOString().slice(0, 10)).sort()).toEqual(['2026-12-07', '2026-12-14', '2026-12-28', '2026-12-30', '2027-01-05']);
      // Coming back into the other folder, December's file changes nothing and cancels nothing.
      const dry = await importFile(other, file, { dryRun: true });
      expect(dry.changes).toEqual([]);
      if (!judgeMissing) {
        expect(judge(file, '2026-11-01', '2027-03-01').map((e) => e.start)).toEqual(['2026-12-07T01:00:00Z', '2026-12-14', '2026-12-28T01:00:00Z', '2026-12-30T01:00:00Z', '2027-01-05T01:00:00Z']);
      }
    } finally {
      await app.cleanup();
      await other.cleanup();
    }
  });

  it('a file older than a change made here (lower SEQUENCE) does not cancel the changed occurrence', async () => {
    const app = await tempApp();
    try {
      await call(app, 'meetings.save', { title: 'Giao ban', start: '2026-12-07T08:00', end: '2026-12-07T09:00', recurrence: { freq: 'weekly', until: '2026-12-28' } });
      const file = await exported(app, 'cu.ics', { from: '2026-12-01', to: '2026-12-31' });
      const last = (await held(app)).at(-1)!;
      await call(app, 'meetings.save', { id: last.id, title: 'Giao ban cuối năm', start: '2026-12-28T08:00', end: '2026-12-28T09:00' });
      const shorter = fs.readFileSync(file, 'utf8').replace('UNTIL=20261228T010000Z', 'UNTIL=20261221T010000Z');
      const r = await importFile(app, 'cu-ngan.ics', { data: shorter });
      expect(r.cancelled).toBe(0);
      expect(r.skipped.map((x) => x.reason)).toContain('Tệp không còn buổi họp này, nhưng bản trong máy đã sửa sau tệp (lần sửa 1 > 0): giữ nguyên.');
      expect((await held(app)).at(-1)).toMatchObject({ id: last.id, status: 'du-kien', title: 'Giao ban cuối năm' });
    } finally {
      await app.cleanup();
    }
  });
});

describe.skipIf(judgeMissing)('the independent expander reads every kind of meeting as the register holds it', () => {
  it('single, all-day, working-day and monthly series, a postponed, a retitled and a moved occurrence', async () => {
    const app = await tempApp();
    try {
      const hall = (await call(app, 'rooms.save', { name: 'Hội trường tầng 3' })).id;
      await call(app, 'meetings.save', { title: 'Tiếp công dân', start: '2026-12-09T14:00', end: '2026-12-09T16:30', location: 'Trụ sở tiếp công dân' });
      await call(app, 'meetings.save', { title: 'Hội nghị tổng kết năm 2026', start: '2026-12-17T00:00', end: '2026-12-18T00:00', allDay: true, roomId: hall });
      const daily = await call(app, 'meetings.save', { title: 'Giao ban đầu ngày', start: '2026-12-28T07:30', end: '2026-12-28T08:00', recurrence: { freq: 'workday', until: '2027-01-08' } });
      await call(app, 'meetings.save', { title: 'Sinh hoạt chi bộ', start: '2026-12-03T15:00', end: '2026-12-03T17:00', recurrence: { freq: 'monthly', until: '2027-03-31' } });
      await call(app, 'meetings.save', { title: 'Trực lễ', start: '2026-12-31T00:00', end: '2026-12-31T00:00', allDay: true, recurrence: { freq: 'daily', until: '2027-01-03' } });
      await call(app, 'meetings.save', { title: 'Bị hủy', start: '2026-12-10T08:00', end: '2026-12-10T09:00' }).then((r) => call(app, 'meetings.setStatus', { id: r.meeting.id, status: 'huy', reason: 'Không cần nữa' }));
      const days = (await held(app, '2026-12-28', '2027-01-08')).filter((m) => m.uid === daily.meeting.uid);
      await call(app, 'meetings.setStatus', { id: days[1].id, status: 'hoan', reason: 'Lãnh đạo đi công tác' });
      await call(app, 'meetings.save', { id: days[2].id, title: 'Giao ban đầu năm', start: days[2].start.slice(0, 16), end: days[2].end.slice(0, 16) });
      await call(app, 'meetings.save', { id: days[3].id, title: 'Giao ban đầu ngày', start: `${days[3].start.slice(0, 10)}T13:30`, end: `${days[3].start.slice(0, 10)}T14:00` });
      await call(app, 'meetings.setStatus', { id: days[4].id, status: 'huy', reason: 'Nghỉ' });

      const file = await exported(app, 'moi-loai.ics', { from: '2026-12-01', to: '2027-03-31' });
      const ics = fs.readFileSync(file, 'utf8');
      expect(ics).toContain('RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270108T003000Z');
      expect(ics).toContain('RRULE:FREQ=MONTHLY;UNTIL=20270303T080000Z');
      expect(ics).toContain('RRULE:FREQ=DAILY;UNTIL=20270103');
      const found = judge(file, '2026-11-01', '2027-05-01');
      const register = (await held(app, '2026-11-01', '2027-04-30')).map((m) => ({ ...shown(m), status: m.status }));
      // Cancelled single meetings travel as STATUS:CANCELLED, cancelled occurrences as EXDATE: neither is a meeting.
      expect(found.filter((e) => e.status !== 'CANCELLED').map(({ status: _s, ...e }) => e)).toEqual(byStart(register.filter((m) => m.status !== 'huy').map(({ status: _s, ...e }) => e)));
      expect(found.find((e) => e.summary === 'Giao ban đầu ngày' && e.start === `${days[1].start.slice(0, 10)}T00:30:00Z`)?.status).toBe('TENTATIVE');
    } finally {
      await app.cleanup();
    }
  });
});

describe('one room’s day', () => {
  it('shows the clashes of that room only', async () => {
    const app = await tempApp();
    try {
      const one = (await call(app, 'rooms.save', { name: 'Phòng 1' })).id;
      const two = (await call(app, 'rooms.save', { name: 'Phòng 2' })).id;
      const ok = { allowConflict: true, conflictReason: 'Đã báo trước' };
      await call(app, 'meetings.save', { title: 'A', start: '2026-12-08T08:00', end: '2026-12-08T10:00', roomId: one });
      await call(app, 'meetings.save', { title: 'B', start: '2026-12-08T09:00', end: '2026-12-08T11:00', roomId: one, ...ok });
      await call(app, 'meetings.save', { title: 'C', start: '2026-12-08T14:00', end: '2026-12-08T15:00', roomId: two });
      await call(app, 'meetings.save', { title: 'D', start: '2026-12-08T14:30', end: '2026-12-08T15:30', roomId: two, ...ok });
      const pairs = async (input: { roomId?: number }) => (await call(app, 'meetings.clashes', { date: '2026-12-08', ...input })).pairs.map((p) => `${p.a.title}+${p.b.title}`);
      expect(await pairs({})).toEqual(['A+B', 'C+D']);
      expect(await pairs({ roomId: one })).toEqual(['A+B']);
      expect(await pairs({ roomId: two })).toEqual(['C+D']);
      expect((await callErr(app, 'meetings.clashes', { date: '2026-12-08', roomId: 'một' })).field).toBe('roomId');
    } finally {
      await app.cleanup();
    }
  });
});

describe('what a file cannot speak for', () => {
  it('an occurrence the file moved past the two years read is held back, not cancelled', async () => {
    const app = await tempApp();
    try {
      const r = await call(app, 'meetings.save', { title: 'Giao ban', start: '2026-12-07T08:00', end: '2026-12-07T09:00', recurrence: { freq: 'weekly', until: '2026-12-28' } });
      const uid = r.meeting.uid;
      const file = [
        'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x',
        'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261201T000000Z', 'DTSTART:20261207T010000Z', 'DTEND:20261207T020000Z', 'RRULE:FREQ=WEEKLY;UNTIL=20261228T010000Z', 'SUMMARY:Giao ban', 'END:VEVENT',
        // The last week moved years ahead, past what an import reads (two years from today).
        'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261201T000000Z', 'RECURRENCE-ID:20261228T010000Z', 'DTSTART:20290105T010000Z', 'DTEND:20290105T020000Z', 'SUMMARY:Giao ban', 'END:VEVENT',
        'END:VCALENDAR', '',
      ].join('\r\n');
      const dry = await importFile(app, 'doi-xa.ics', { dryRun: true, data: file });
      expect(dry.changes.filter((c) => c.action === 'cancel')).toEqual([]);
      expect(dry.skipped.map((x) => x.reason)).toEqual([expect.stringMatching(/^Chỉ nhập các lần họp đến ngày \d{2}\/\d{2}\/2028$/)]);
      // The first three weeks take the file's details; the fourth, moved past what was read, is neither changed nor cancelled.
      expect(dry.changes.map((c) => `${c.action} ${c.start.slice(0, 10)}`)).toEqual(['update 2026-12-07', 'update 2026-12-14', 'update 2026-12-21']);
    } finally {
      await app.cleanup();
    }
  });

  it('each calendar of a file is judged by its own span and filter', () => {
    const vevent = (uid: string) => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261201T000000Z', 'DTSTART:20261207T010000Z', 'DTEND:20261207T020000Z', 'RRULE:FREQ=WEEKLY;COUNT=2', 'SUMMARY:Họp', 'END:VEVENT'];
    const file = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'X-VANPHONG-FILTER:Phòng họp số 1', ...vevent('a@x'), 'END:VCALENDAR',
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'X-VANPHONG-RANGE:2026-12-01/2026-12-31', ...vevent('b@x'), 'END:VCALENDAR',
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', ...vevent('c@x'), 'END:VCALENDAR', '',
    ].join('\r\n');
    const r = parseIcs(file, { expandUntilMs: Date.parse('2028-01-01') });
    expect(r.series.map((x) => ({ uid: x.uid, partial: x.partial, range: x.range }))).toEqual([
      { uid: 'a@x', partial: true, range: null },
      { uid: 'b@x', partial: false, range: { from: '2026-12-01', to: '2026-12-31' } },
      { uid: 'c@x', partial: false, range: null },
    ]);
  });
});

describe('what the file says of itself', () => {
  it('an unreadable X-VANPHONG-RANGE is said, and then nothing is cancelled', () => {
    const r = parseIcs(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'X-VANPHONG-RANGE:2026-02-30/2026-03-01', 'END:VCALENDAR', ''].join('\r\n'), { expandUntilMs: Date.parse('2028-01-01') });
    expect(r.range).toBeNull();
    expect(r.skipped[0].reason).toContain('X-VANPHONG-RANGE');
    expect(r.partial).toBe(true);
  });
});
