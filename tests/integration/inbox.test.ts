import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, fixedClock, sampleIncoming, tempApp } from '../helpers/app';
import { statePlan } from '../fixtures/sample-drafts';
import { draftSchema } from '../../shared/drafting/model';
import type { Session } from '../../electron/app/caller';
import { immediate } from '../../electron/db/connection';
import { openWork, openWorkOf, type WorkAction } from '../../electron/workitems/repo';
import { inboxOwner } from '../../electron/inbox/service';
import { openWorkCounts } from '../../electron/inbox/repo';

/**
 * "Chờ tôi xử lý" (issue 17): what the routing and the tasks leave waiting, for a person, their units and the leader
 * who delegated to them, with the drafts of the outgoing workflow; secret documents only for their readers.
 */
describe('Chờ tôi xử lý', () => {
  const clock = fixedClock(new Date('2026-03-16T03:00:00Z')); // Monday 16/3/2026, 10:00 in Vietnam
  let app: Awaited<ReturnType<typeof tempApp>>;
  let gd: Session; // Giám đốc: thủ trưởng, reads secret documents
  let pgd: Session; // Phó Giám đốc: the deputy, does not
  let truong: Session; // head of Phòng Tổng hợp
  let cv1: Session;
  let cv2: Session;
  let cv3: Session; // Phòng Kế hoạch
  let vt: Session;
  let unitTh: number;

  const register = async (subject: string, over: Record<string, unknown> = {}) =>
    (await call(app, 'incoming.register', { ...sampleIncoming({ subject, ref: `${subject.length}/${Math.random().toString(36).slice(2, 8)}`, ...over }) }, vt)).id;
  const open = (refId: number, action: WorkAction, who: { userId?: number; unitId?: number }, deadline: string | null, kind: 'incoming' | 'task' = 'incoming') =>
    immediate(app.db, () => openWork(app.db, { kind, refId, action, userId: who.userId ?? null, unitId: who.unitId ?? null, deadline }, clock.clock().toISOString()));
  const mine = (s: Session, input: Parameters<typeof call<'inbox.mine'>>[2] = {}) => call(app, 'inbox.mine', input, s);
  const total = async (s: Session) => (await call(app, 'inbox.count', {}, s)).total;
  const waiting = async (s: Session) => (await call(app, 'dashboard.summary', {}, s)).waitingForMe;

  beforeAll(async () => {
    app = await tempApp({ clock: clock.clock });
    gd = await addUser(app, 'gd', ['lanhdao'], 'Nguyễn Văn Giám');
    pgd = await addUser(app, 'pgd', ['lanhdao'], 'Trần Văn Phó');
    truong = await addUser(app, 'truong', ['chuyenvien'], 'Lê Thị Trưởng');
    cv1 = await addUser(app, 'cv1', ['chuyenvien'], 'Phạm Văn Một');
    cv2 = await addUser(app, 'cv2', ['chuyenvien'], 'Hoàng Thị Hai');
    cv3 = await addUser(app, 'cv3', ['chuyenvien'], 'Đỗ Văn Ba');
    vt = await addUser(app, 'vt', ['vanthu'], 'Vũ Thị Văn Thư');
    unitTh = (await call(app, 'units.save', { name: 'Phòng Tổng hợp', head: 'truong', members: ['cv1', 'cv2'] })).id;
    await call(app, 'units.save', { name: 'Phòng Kế hoạch', members: ['cv3'] });
    // Only the Giám đốc reads secret documents (with the văn thư): the Phó Giám đốc does not.
    await call(app, 'units.saveSecrecy', { officeHeads: ['gd'], secretClerks: ['vt'] });
  });
  afterAll(() => app.cleanup());

  it('a document routed to a unit waits for its head and every member, with its number, subject and sender, and nobody else', async () => {
    const id = await register('Báo cáo tình hình thực hiện nhiệm vụ quý I');
    await call(app, 'incoming.route', { id, lead: 'Phòng Tổng hợp', deadline: '2026-03-20' }, vt);
    expect(openWorkOf(app.db, 'incoming', id)).toMatchObject([{ action: 'lead', unitId: unitTh }]);
    for (const s of [truong, cv1, cv2]) {
      const page = await mine(s);
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({
        kind: 'incoming',
        refId: id,
        action: 'lead',
        actionLabel: 'Chủ trì',
        unitName: 'Phòng Tổng hợp',
        deadline: '2026-03-20',
        overdue: false,
        onBehalfOf: null,
        href: `#/incoming/${id}`,
        detail: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      });
      expect(page.items[0].title).toMatch(/^Số đến \d+ — Báo cáo tình hình thực hiện nhiệm vụ quý I$/);
      expect(page.counts).toMatchObject({ total: 1, incoming: 1, task: 0, draft: 0, overdue: 0 });
    }
    expect((await mine(cv3)).items).toEqual([]);
    // Passed on by the head to one person (phân công): the unit's row closes, the person's opens.
    await call(app, 'incoming.assign', { id, to: cv1.caller!.id }, truong);
    expect(await total(cv1)).toBe(1);
    expect(await total(cv2)).toBe(0);
    expect(await total(truong)).toBe(0);
  });

  it('lists overdue first, then by deadline, then the longest waiting, and pages by kind', async () => {
    const late = await register('Văn bản đã quá hạn');
    const soon = await register('Văn bản sắp đến hạn');
    const none = await register('Văn bản không có hạn');
    open(none, 'co', { userId: cv2.caller!.id }, null);
    open(soon, 'lead', { userId: cv2.caller!.id }, '2026-03-18');
    clock.advance(1000);
    open(late, 'lead', { userId: cv2.caller!.id }, '2026-03-13');
    // A task given to the unit (giao việc): every member and the head have it to do.
    const taskId = (await call(app, 'tasks.add', { title: 'Tổng hợp số liệu quý I', lead: { unitId: unitTh }, deadline: '2026-03-17' }, gd)).id;
    expect(openWorkOf(app.db, 'task', taskId)).toMatchObject([{ action: 'lead', unitId: unitTh, deadline: '2026-03-17' }]);
    const page = await mine(cv2);
    expect(page.items.map((i) => [i.refId, i.kind, i.overdue])).toEqual([
      [late, 'incoming', true],
      [taskId, 'task', false],
      [soon, 'incoming', false],
      [none, 'incoming', false],
    ]);
    expect(page.items[1]).toMatchObject({ title: 'Tổng hợp số liệu quý I', actionLabel: 'Chủ trì', href: `#/tasks/${taskId}`, unitName: 'Phòng Tổng hợp' });
    expect(page.items[3].actionLabel).toBe('Phối hợp');
    expect(page.counts).toMatchObject({ total: 4, incoming: 3, task: 1, overdue: 1 });
    const oneByOne = await Promise.all([0, 1, 2, 3].map(async (offset) => (await mine(cv2, { limit: 1, offset })).items[0].key));
    expect(oneByOne).toEqual(page.items.map((i) => i.key));
    const second = await mine(cv2, { limit: 2, offset: 2 });
    expect(second.items.map((i) => i.refId)).toEqual([soon, none]);
    expect(second.total).toBe(4);
    const tasks = await mine(cv2, { kind: 'task' });
    expect(tasks.items.map((i) => i.refId)).toEqual([taskId]);
    expect(tasks.total).toBe(1);
    expect(await waiting(cv2)).toBe(4);
  });

  it('a delegation brings the leader’s items and drafts to the deputy only within its period, marked as such', async () => {
    const id = await register('Công văn xin ý kiến về dự thảo quy chế');
    await call(app, 'incoming.submit', { id, to: gd.caller!.id }, vt); // trình: waits for the Giám đốc's bút phê
    const draft = draftSchema.parse({ ...statePlan(1), number: null, date: null, subject: 'Kế hoạch kiểm tra công tác văn thư' });
    const d = await call(app, 'drafts.save', { draft }, cv3);
    await call(app, 'outgoing.submit', { id: d.id, to: gd.caller!.id }, cv3);
    const gdItems = (await mine(gd)).items;
    expect(gdItems.map((i) => [i.kind, i.action, i.onBehalfOf])).toEqual(
      expect.arrayContaining([
        ['incoming', 'instruct', null],
        ['draft', 'draft-review', null],
      ]),
    );
    expect(gdItems.find((i) => i.kind === 'incoming')!.actionLabel).toBe('Cho ý kiến chỉ đạo');
    expect(gdItems.find((i) => i.kind === 'draft')).toMatchObject({ actionLabel: 'Duyệt văn bản', href: `#/drafting/${d.id}`, title: 'Kế hoạch kiểm tra công tác văn thư' });

    await call(app, 'delegations.create', { to: pgd.caller!.id, from: '2026-03-17', until: '2026-03-19', note: 'Đi công tác Hà Nội' }, gd);
    expect(await total(pgd)).toBe(0); // not yet in force today (16/3)
    clock.set(new Date('2026-03-17T03:00:00Z'));
    const held = (await mine(pgd)).items;
    expect(held.map((i) => [i.kind, i.refId, i.onBehalfOf])).toEqual(
      expect.arrayContaining([
        ['incoming', id, 'Nguyễn Văn Giám'],
        ['draft', d.id, 'Nguyễn Văn Giám'],
      ]),
    );
    expect(held).toHaveLength(2);
    expect(await total(pgd)).toBe(2);
    expect(await waiting(pgd)).toBe(2);
    // The leader keeps them too; nobody else gets them.
    expect((await mine(gd)).items.every((i) => i.onBehalfOf === null)).toBe(true);
    expect((await mine(cv1)).items.some((i) => i.onBehalfOf !== null || (i.kind === 'incoming' && i.refId === id) || i.kind === 'draft')).toBe(false);
    clock.set(new Date('2026-03-20T03:00:00Z'));
    expect(await total(pgd)).toBe(0);
    clock.set(new Date('2026-03-16T03:00:00Z'));
  });

  it('a secret document’s item is shown only to who may read it, whoever it waits for', async () => {
    const id = await register('Văn bản mật về công tác bảo vệ bí mật nhà nước', { secrecy: 'mat' });
    await call(app, 'incoming.route', { id, lead: 'Phòng Tổng hợp', deadline: '2026-03-25' }, vt);
    // Whatever the routing opened, a row for the whole unit is kept from its members, who may not read the document.
    open(id, 'lead', { unitId: unitTh }, '2026-03-25');
    const has = async (s: Session) => (await mine(s)).items.some((i) => i.refId === id && i.kind === 'incoming');
    expect(await has(truong)).toBe(true);
    expect(await has(cv1)).toBe(false);
    expect(await has(cv2)).toBe(false);
    // Waiting for the Giám đốc: while the deputy holds his inbox, the secret one stays with him.
    const secretForGd = await register('Văn bản tối mật xin ý kiến', { secrecy: 'toi-mat' });
    open(secretForGd, 'instruct', { userId: gd.caller!.id }, null);
    clock.set(new Date('2026-03-18T03:00:00Z'));
    try {
      expect((await mine(gd)).items.some((i) => i.refId === secretForGd)).toBe(true);
      const deputy = await mine(pgd);
      expect(deputy.items.some((i) => i.refId === secretForGd)).toBe(false);
      expect(deputy.items.some((i) => i.title.includes('tối mật'))).toBe(false);
      expect(deputy.counts.total).toBe(deputy.items.length);
      // Counts agree with what is listed, and with the dashboard, for every one of them.
      // The two ways of leaving out what may not be read (row by row, or from the secret documents' side) agree.
      for (const s of [gd, pgd, truong, cv1, cv2, cv3, vt]) {
        const p = await mine(s, { limit: 500 });
        expect(p.counts.total).toBe(p.items.length);
        expect(await waiting(s)).toBe(p.counts.total);
        const o = inboxOwner(app, s.caller!);
        const filtered = openWorkCounts(app.db, o.sources, o.scope, o.today, '2026-03-22', 'filter');
        expect(openWorkCounts(app.db, o.sources, o.scope, o.today, '2026-03-22', 'subtract')).toEqual(filtered);
        expect(filtered.incoming + filtered.task).toBe(p.items.filter((i) => i.kind !== 'draft').length);
      }
    } finally {
      clock.set(new Date('2026-03-16T03:00:00Z'));
    }
  });
});
