import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, callErr, fixedClock, sampleIncoming, tempApp } from '../helpers/app';
import type { Session } from '../../electron/app/caller';
import { immediate } from '../../electron/db/connection';
import { openWork, openWorkOf } from '../../electron/workitems/repo';

/**
 * Notifications (issue 17): the bell's list, read and unread; the reminders' sweep — "Sắp đến hạn" within 2 working
 * days of a deadline as the office's calendar counts them, "Đến hạn hôm nay", "Quá hạn", each once — and the weekly
 * digest on the first working day of each week, once.
 */
describe('notifications and reminders', () => {
  const clock = fixedClock(new Date('2026-04-24T02:00:00Z')); // Friday 24/4/2026, 9:00 in Vietnam
  const on = (day: string) => clock.set(new Date(`${day}T02:00:00Z`));
  let app: Awaited<ReturnType<typeof tempApp>>;
  let truong: Session;
  let cv1: Session;
  let cv2: Session;
  let cv3: Session;
  let doc: number;
  let secretDoc: number;

  const REMINDERS = ['sap-den-han', 'den-han', 'qua-han'];
  /** The reminders' texts (the routing's own notices are another kind). */
  const texts = async (s: Session) => (await call(app, 'notifications.list', { limit: 200 }, s)).rows.filter((n) => REMINDERS.includes(n.kind)).map((n) => n.text);
  const sweep = () => call(app, 'notifications.sweep', {});

  beforeAll(async () => {
    app = await tempApp({ clock: clock.clock });
    truong = await addUser(app, 'truong', ['chuyenvien'], 'Lê Thị Trưởng');
    cv1 = await addUser(app, 'cv1', ['chuyenvien'], 'Phạm Văn Một');
    cv2 = await addUser(app, 'cv2', ['chuyenvien'], 'Hoàng Thị Hai');
    cv3 = await addUser(app, 'cv3', ['chuyenvien'], 'Đỗ Văn Ba');
    const unit = (await call(app, 'units.save', { name: 'Phòng Tổng hợp', head: 'truong', members: ['cv1', 'cv2'] })).id;
    await call(app, 'units.save', { name: 'Phòng Kế hoạch', members: ['cv3'] });
    const register = async (subject: string, secrecy: 'thuong' | 'mat') => {
      const id = (await call(app, 'incoming.register', sampleIncoming({ subject, ref: `${subject.length}/${secrecy}`, secrecy }))).id;
      await call(app, 'incoming.route', { id, lead: 'Phòng Tổng hợp', deadline: '2026-05-04' });
      if (!openWorkOf(app.db, 'incoming', id).length) immediate(app.db, () => openWork(app.db, { kind: 'incoming', refId: id, action: 'lead', userId: null, unitId: unit, deadline: '2026-05-04' }, app.nowIso()));
      return id;
    };
    doc = await register('Báo cáo sơ kết công tác cải cách hành chính', 'thuong');
    secretDoc = await register('Kế hoạch bảo vệ bí mật nhà nước năm 2026', 'mat');
    // A row for the whole unit on the secret document (the routing gives it to the head alone): its reminder still is.
    immediate(app.db, () => openWork(app.db, { kind: 'incoming', refId: secretDoc, action: 'co', userId: null, unitId: unit, deadline: '2026-05-04' }, app.nowIso()));
  });
  afterAll(() => app.cleanup());

  it('reminds 2 working days before a deadline as the calendar counts them (over 30/4–1/5), on the day and after it, each once', async () => {
    on('2026-04-24');
    await sweep();
    expect(await texts(cv1)).toEqual([]);
    // Monday 27/4 is nghỉ bù Giỗ Tổ; from Tuesday 28/4 the deadline of Monday 4/5 is 2 working days away.
    on('2026-04-28');
    const first = await sweep();
    expect(first.reminders).toBeGreaterThanOrEqual(3);
    for (const s of [truong, cv1, cv2]) expect(await texts(s)).toContainEqual(expect.stringMatching(/^Sắp đến hạn \(hạn 04\/05\/2026\): Văn bản đến số \d+ — Báo cáo sơ kết công tác cải cách hành chính$/));
    expect(await texts(cv3)).not.toContainEqual(expect.stringContaining('cải cách hành chính'));
    expect(await sweep()).toMatchObject({ added: 0, reminders: 0, digests: 0 });
    on('2026-04-29');
    expect((await sweep()).reminders).toBe(0);
    on('2026-05-04');
    await sweep();
    on('2026-05-05');
    await sweep();
    await sweep();
    const cv2Texts = (await texts(cv2)).filter((t) => t.includes('cải cách hành chính'));
    expect(cv2Texts.map((t) => t.split(' (')[0]).sort()).toEqual(['Quá hạn', 'Sắp đến hạn', 'Đến hạn hôm nay']);
    const rows = (await call(app, 'notifications.list', {}, cv2)).rows.filter((n) => REMINDERS.includes(n.kind) && n.entityId === doc);
    expect(rows.map((n) => n.kind).sort()).toEqual(['den-han', 'qua-han', 'sap-den-han']);
    expect(rows.every((n) => n.href === `#/incoming/${doc}`)).toBe(true);
  });

  it('keeps a secret document’s reminders to who may read it', async () => {
    expect(await texts(truong)).toContainEqual(expect.stringContaining('bảo vệ bí mật nhà nước'));
    for (const s of [cv1, cv2]) expect((await texts(s)).some((t) => t.includes('bí mật'))).toBe(false);
  });

  it('sends the weekly digest on the first working day of each week, once', async () => {
    const digests = async (s: Session) => (await call(app, 'notifications.list', { limit: 200 }, s)).rows.filter((n) => n.kind === 'tong-hop-tuan').map((n) => n.text);
    // Week 17 was summed up on Friday 24/4 (the first sweep of that week); week 18 began with a holiday, so on
    // Tuesday 28/4; week 19 on Monday 4/5. No more, however often the sweep runs.
    expect(await digests(cv1)).toEqual([
      expect.stringMatching(/^Tổng hợp tuần 19\/2026: \d+ việc đang chờ xử lý, \d+ đến hạn trong tuần\.$/),
      expect.stringMatching(/^Tổng hợp tuần 18\/2026: \d+ việc đang chờ xử lý/),
      expect.stringMatching(/^Tổng hợp tuần 17\/2026: /),
    ]);
    expect(await digests(cv3)).toEqual([]); // nothing waits for them
    on('2026-05-06');
    expect((await sweep()).digests).toBe(0);
    on('2026-05-11');
    expect((await sweep()).digests).toBeGreaterThan(0);
    expect((await digests(cv1))[0]).toMatch(/^Tổng hợp tuần 20\/2026: 1 việc đang chờ xử lý, 1 quá hạn\.$/);
  });

  it('lists and marks an account’s own notifications read, one or all, and no one else’s', async () => {
    const before = await call(app, 'notifications.list', {}, cv1);
    expect(before.unread).toBe(before.rows.length);
    const other = (await call(app, 'notifications.list', {}, cv2)).rows[0].id;
    const r = await call(app, 'notifications.markRead', { ids: [before.rows[0].id, other] }, cv1);
    expect(r.unread).toBe(before.unread - 1);
    expect((await call(app, 'notifications.list', {}, cv2)).rows.find((n) => n.id === other)!.readAt).toBeNull();
    expect((await call(app, 'notifications.list', { unreadOnly: true }, cv1)).rows.map((n) => n.id)).not.toContain(before.rows[0].id);
    expect(await call(app, 'notifications.markRead', { all: true }, cv1)).toEqual({ unread: 0 });
    expect((await callErr(app, 'notifications.markRead', {}, cv1)).code).toBe('VALIDATION');
    expect((await callErr(app, 'notifications.sweep', {}, cv1)).code).toBe('FORBIDDEN');
  });
});
