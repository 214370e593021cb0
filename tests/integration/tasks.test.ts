import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { addUser, call, callErr, fixedClock, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { makePng } from '../fixtures/make-files';

/**
 * Giao việc (issue 17): who may give tasks to whom and who sees them, per role; sub-tasks; the lead's result and the
 * creator's decision (also under ủy quyền); what waits for whom; overdue and late; the dashboards' figures; bad input
 * refused with nothing changed; a unit with open tasks is not removed.
 */
describe('tasks', () => {
  const clock = fixedClock(); // 10:00, Sunday 15 March 2026 (Vietnam)
  let app: AppContext & { cleanup(): Promise<void> };
  let admin: Session, ld: Session, deputy: Session, vt: Session, truong: Session, cv1: Session, cv2: Session, cv3: Session;
  let tongHop: number, keToan: number;

  const id = (s: Session) => s.caller!.id;
  const openWork = (taskId: number) =>
    app.db.prepare("SELECT action, user_id AS userId, unit_id AS unitId FROM work_items WHERE kind = 'task' AND ref_id = ? AND closed_at IS NULL ORDER BY id").all(taskId) as {
      action: string;
      userId: number | null;
      unitId: number | null;
    }[];
  const visibleIds = async (as: Session) => (await call(app, 'tasks.list', {}, as)).rows.map((r) => r.id).sort((a, b) => a - b);

  beforeAll(async () => {
    app = await tempApp({ withUser: false, clock: clock.clock });
    admin = await addUser(app, 'quantri', ['quantri'], 'Quản Trị');
    ld = await addUser(app, 'ld', ['lanhdao'], 'Phạm Văn Lãnh');
    deputy = await addUser(app, 'pho', ['lanhdao'], 'Hoàng Phó Giám Đốc');
    vt = await addUser(app, 'vt', ['vanthu'], 'Đỗ Văn Thư');
    truong = await addUser(app, 'truong', ['chuyenvien'], 'Trần Trưởng Phòng');
    cv1 = await addUser(app, 'cv1', ['chuyenvien'], 'Lê Thị Một');
    cv2 = await addUser(app, 'cv2', ['chuyenvien'], 'Ngô Văn Hai');
    cv3 = await addUser(app, 'cv3', ['chuyenvien'], 'Vũ Thị Ba');
    tongHop = (await call(app, 'units.save', { name: 'Phòng Tổng hợp', head: 'truong', members: ['cv1', 'cv3'] }, admin)).id;
    keToan = (await call(app, 'units.save', { name: 'Phòng Kế toán', members: ['cv2'] }, admin)).id;
  });
  afterAll(() => app.cleanup());

  let main: number;
  it('the lãnh đạo gives a unit a task with co-handlers; it waits for the unit and the account, and reaches their people', async () => {
    const t = await call(app, 'tasks.add', { title: 'Xây dựng báo cáo quý I', lead: 'phong tong hop', co: ['Ngô Văn Hai', 'Sở Tài chính'], deadline: '2026-03-31', note: 'Gửi trước hạn.' }, ld);
    main = t.id;
    expect(t).toMatchObject({ status: 'dang-lam', sourceKind: 'typed', deadline: '2026-03-31', overdue: false, lead: { kind: 'unit', unitId: tongHop, name: 'Phòng Tổng hợp' } });
    expect(t.co.map((c) => [c.kind, c.name])).toEqual([
      ['user', 'Ngô Văn Hai'],
      ['text', 'Sở Tài chính'],
    ]);
    expect(openWork(main)).toEqual([
      { action: 'lead', userId: null, unitId: tongHop },
      { action: 'co', userId: id(cv2), unitId: null },
    ]);
    const notified = app.db.prepare("SELECT user_id FROM notifications WHERE entity = 'task' AND entity_id = ? ORDER BY user_id").pluck().all(main);
    expect(notified).toEqual([id(truong), id(cv1), id(cv2), id(cv3)].sort((a, b) => a - b));
    const entry = (await call(app, 'audit.list', { entity: 'task', entityId: main }, ld))[0];
    expect(entry.detail).toMatchObject({ notice: 'Bạn được giao việc', notify: expect.arrayContaining([id(truong), id(cv2)]) });
  });

  it('who may give tasks to whom: chuyên viên to themselves, a head to the unit’s members, văn thư to anyone', async () => {
    const before = rowsCount(app, 'tasks');
    expect(await callErr(app, 'tasks.add', { title: 'Việc cho người khác', lead: { userId: id(cv2) } }, cv1)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'tasks.add', { title: 'Việc cho phòng khác', lead: 'Phòng Kế toán' }, truong)).toMatchObject({ code: 'FORBIDDEN' });
    expect(rowsCount(app, 'tasks')).toBe(before);
    const own = await call(app, 'tasks.add', { title: 'Tự nhắc: đọc Nghị định 30', lead: { userId: id(cv1) } }, cv1);
    const byHead = await call(app, 'tasks.add', { title: 'Rà soát danh mục hồ sơ', lead: 'cv3', workingDays: 5 }, truong);
    const byClerk = await call(app, 'tasks.add', { title: 'Nộp sổ công văn', lead: { userId: id(cv2) } }, vt);
    // Five working days from Sunday 15/3: Monday 16 … Friday 20 (a holiday on 18/3 moves it to Monday 23).
    expect(byHead.deadline).toBe('2026-03-20');
    app.db.prepare("INSERT INTO calendar_days (day, kind, name, updated_at) VALUES ('2026-03-18', 'nghi', 'Nghỉ bù', 'x')").run();
    expect((await call(app, 'tasks.add', { title: 'Việc có ngày nghỉ xen giữa', lead: 'cv3', workingDays: 5 }, truong)).deadline).toBe('2026-03-23');
    // Who sees what: creator, handlers (a unit's members and head), the lãnh đạo.
    expect(await visibleIds(cv2)).toEqual([main, byClerk.id]);
    expect(await visibleIds(vt)).toEqual([byClerk.id]);
    expect((await visibleIds(truong)).includes(own.id)).toBe(false);
    expect(await visibleIds(truong)).toEqual(expect.arrayContaining([main, byHead.id]));
    expect((await visibleIds(ld)).length).toBe(rowsCount(app, 'tasks'));
    expect(await callErr(app, 'tasks.get', { id: own.id }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'tasks.get', { id: main }, vt)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'tasks.list', { mine: true }, cv3)).rows.map((r) => r.title)).toEqual(['Việc có ngày nghỉ xen giữa', 'Rà soát danh mục hồ sơ', 'Xây dựng báo cáo quý I']);
  });

  let sub: number;
  it('sub-tasks: a handler splits the task among its handlers; whoever sees the parent sees them; the parent waits for them', async () => {
    expect(await callErr(app, 'tasks.add', { title: 'Việc con cho người ngoài', lead: { userId: id(vt) }, parentId: main }, cv1)).toMatchObject({ code: 'FORBIDDEN' });
    const forCo = await call(app, 'tasks.add', { title: 'Tổng hợp số liệu tài chính', lead: 'cv2', parentId: main, deadline: '2026-03-25' }, cv1);
    sub = (await call(app, 'tasks.add', { title: 'Viết phần tổng hợp', lead: { userId: id(cv1) }, parentId: main }, cv1)).id;
    expect(await visibleIds(truong)).toEqual(expect.arrayContaining([forCo.id, sub]));
    expect((await call(app, 'tasks.get', { id: main }, ld)).children.map((c) => c.id)).toEqual([forCo.id, sub]);
    expect((await call(app, 'tasks.get', { id: main }, ld)).subtasks).toEqual({ total: 2, open: 2 });
    const refused = await callErr(app, 'tasks.submitResult', { id: main, note: 'Xong.' }, cv1);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(refused.message).toContain('còn 2 việc con chưa xong');
    // cv1 created and leads the sub-task: its result finishes it at once.
    expect((await call(app, 'tasks.done', { id: sub, note: 'Đã viết.' }, cv1)).status).toBe('hoan-thanh');
    expect(openWork(sub)).toEqual([]);
    await call(app, 'tasks.cancel', { id: forCo.id, reason: 'Phòng Kế toán đã gửi số liệu.' }, cv1);
    expect((await call(app, 'tasks.get', { id: forCo.id }, cv2)).status).toBe('huy');
  });

  it('progress with a file, the result submitted, returned, submitted again and approved by the deputy under ủy quyền', async () => {
    expect(await callErr(app, 'tasks.progress', { id: main, progress: 101 }, cv1)).toMatchObject({ code: 'VALIDATION', field: 'progress' });
    expect(await callErr(app, 'tasks.progress', { id: main, progress: 40 }, vt)).toMatchObject({ code: 'NOT_FOUND' });
    const p = await call(app, 'tasks.progress', { id: main, progress: 60, note: 'Đã có số liệu.', files: [{ name: 'bieu-do.png', data: makePng() }] }, cv3);
    expect(p.progress).toBe(60);
    const file = p.updates.at(-1)!.files[0];
    expect(file.name).toBe('bieu-do.png');
    expect(await call(app, 'tasks.file', { id: main, sha256: file.sha256 }, cv2)).toEqual(makePng());
    expect(await callErr(app, 'tasks.file', { id: main, sha256: file.sha256 }, vt)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'tasks.submitResult', { id: main }, cv2)).toMatchObject({ code: 'FORBIDDEN' }); // co-handler, not the lead
    const submitted = await call(app, 'tasks.submitResult', { id: main, note: 'Báo cáo đã xong.' }, cv1);
    expect(submitted.status).toBe('cho-duyet');
    expect(openWork(main)).toEqual([{ action: 'review', userId: id(ld), unitId: null }]);
    expect(await callErr(app, 'tasks.approve', { id: main }, cv1)).toMatchObject({ code: 'FORBIDDEN' });
    const returned = await call(app, 'tasks.returnResult', { id: main, note: 'Bổ sung phần kiến nghị.' }, ld);
    expect(returned.status).toBe('dang-lam');
    expect(openWork(main).map((w) => w.action)).toEqual(['lead', 'co']);
    await call(app, 'tasks.submitResult', { id: main, note: 'Đã bổ sung.' }, cv1);
    // The deputy cannot decide without a delegation; with one in force today, the approval says for whom.
    expect(await callErr(app, 'tasks.approve', { id: main }, deputy)).toMatchObject({ code: 'FORBIDDEN' });
    app.db
      .prepare("INSERT INTO delegations (from_user_id, to_user_id, from_day, to_day, created_by, created_at) VALUES (?, ?, '2026-03-14', '2026-03-20', ?, 'x')")
      .run(id(ld), id(deputy), id(ld));
    const approved = await call(app, 'tasks.approve', { id: main, note: 'Đồng ý.' }, deputy);
    expect(approved).toMatchObject({ status: 'hoan-thanh', progress: 100, late: false });
    expect(approved.updates.at(-1)).toMatchObject({ kind: 'approve', actor: 'Hoàng Phó Giám Đốc', onBehalfOf: 'Phạm Văn Lãnh' });
    expect(openWork(main)).toEqual([]);
    expect((await call(app, 'audit.list', { entity: 'task', entityId: main }, ld))[0].detail).toMatchObject({ onBehalfOf: 'Phạm Văn Lãnh' });
  });

  it('overdue and done late by the Vietnam calendar day; the dashboards count them per unit and per person', async () => {
    const mk = async (title: string, lead: string, deadline: string) => (await call(app, 'tasks.add', { title, lead, deadline }, ld)).id;
    const a = await mk('Việc A đúng hạn', 'cv1', '2026-03-16');
    const b = await mk('Việc B trễ hạn', 'cv3', '2026-03-16');
    const c = await mk('Việc C quá hạn', 'Phòng Tổng hợp', '2026-03-16');
    const d = await mk('Việc D còn hạn', 'cv2', '2026-04-30');
    clock.set(new Date('2026-03-16T16:59:00.000Z')); // 23:59 on the 16th in Vietnam: on time
    await call(app, 'tasks.submitResult', { id: a }, cv1);
    clock.set(new Date('2026-03-16T17:01:00.000Z')); // 00:01 on the 17th: late
    await call(app, 'tasks.submitResult', { id: b }, cv3);
    // Approved later still: the result counts when it was handed in.
    expect(await call(app, 'tasks.approve', { id: a }, ld)).toMatchObject({ status: 'hoan-thanh', late: false, finishedAt: '2026-03-16T16:59:00.000Z' });
    const late = await call(app, 'tasks.approve', { id: b }, ld);
    expect(late).toMatchObject({ status: 'hoan-thanh', late: true });
    expect((await call(app, 'tasks.get', { id: c }, ld)).overdue).toBe(true);
    expect((await call(app, 'tasks.list', { overdue: true }, ld)).rows.map((r) => r.id)).toEqual(expect.arrayContaining([c]));
    expect((await call(app, 'tasks.list', { overdue: true }, ld)).rows.map((r) => r.id)).not.toContain(d);
    const unit = await call(app, 'tasks.dashboard', { unitId: tongHop }, ld);
    // Phòng Tổng hợp leads: main (on time), c (overdue); cv1: own (open), sub and a (on time); cv3: two due 20 and 23/3
    // (open, not yet overdue on the 17th), b (late).
    const people = Object.fromEntries(unit.people.map((p) => [p.name, p]));
    expect(people['Vũ Thị Ba']).toMatchObject({ total: 3, onTime: 0, late: 1, open: 2, overdue: 0 });
    expect(people['Lê Thị Một']).toMatchObject({ total: 3, onTime: 2, late: 0, open: 1, overdue: 0 });
    expect(unit.units).toEqual([{ unitId: tongHop, name: 'Phòng Tổng hợp', total: 8, onTime: 3, late: 1, open: 4, overdue: 1 }]);
    // The head sees their unit; a chuyên viên only themselves.
    expect((await call(app, 'tasks.dashboard', { unitId: tongHop }, truong)).units[0].late).toBe(1);
    expect(await callErr(app, 'tasks.dashboard', { unitId: keToan }, truong)).toMatchObject({ code: 'FORBIDDEN' });
    const mine = await call(app, 'tasks.dashboard', {}, cv2);
    expect(mine.units).toEqual([]);
    expect(mine.people).toEqual([{ userId: id(cv2), name: 'Ngô Văn Hai', total: 2, onTime: 0, late: 0, open: 2, overdue: 0 }]);
    const office = await call(app, 'tasks.dashboard', {}, ld);
    expect(office.units.map((u) => u.name)).toEqual(['Phòng Kế toán', 'Phòng Tổng hợp']);
    expect(office.units[0]).toMatchObject({ total: 2, open: 2 });
  });

  it('bad input is refused with a clear message and nothing changed', async () => {
    const before = { tasks: rowsCount(app, 'tasks'), audit: rowsCount(app, 'audit_log'), work: rowsCount(app, 'work_items') };
    const doc = await call(app, 'incoming.register', sampleIncoming({ docDate: '2026-03-10' }), vt);
    before.audit = rowsCount(app, 'audit_log');
    const early = await callErr(app, 'tasks.add', { title: 'Trả lời văn bản', lead: 'cv1', incomingId: doc.id, deadline: '2026-03-05' }, ld);
    expect(early).toMatchObject({ code: 'VALIDATION', field: 'deadline' });
    expect(early.message).toBe('Thời hạn 05/03/2026 trước ngày của văn bản đến 70/KH-UBND (10/03/2026): hãy kiểm tra lại thời hạn.');
    const outside = await callErr(app, 'tasks.add', { title: 'Việc giao ra ngoài', lead: 'Sở Tài chính' }, ld);
    expect(outside).toMatchObject({ code: 'VALIDATION', field: 'lead' });
    expect(outside.message).toContain('không phải đơn vị hay tài khoản của cơ quan');
    expect(await callErr(app, 'tasks.add', { title: 'Việc', lead: { userId: 9999 } }, ld)).toMatchObject({ code: 'VALIDATION', field: 'lead' });
    expect(await callErr(app, 'tasks.add', { title: 'Việc', lead: 'cv1', deadline: '2026-02-30' }, ld)).toMatchObject({ code: 'VALIDATION', field: 'deadline' });
    expect(await callErr(app, 'tasks.progress', { id: main, progress: -1 }, cv1)).toMatchObject({ code: 'VALIDATION', field: 'progress' });
    expect(await callErr(app, 'tasks.progress', { id: main, progress: 50 }, cv1)).toMatchObject({ code: 'CONFLICT' }); // already done
    expect({ tasks: rowsCount(app, 'tasks'), audit: rowsCount(app, 'audit_log'), work: rowsCount(app, 'work_items') }).toEqual(before);
    const ok = await call(app, 'tasks.add', { title: 'Trả lời văn bản', lead: 'cv1', incomingId: doc.id, deadline: '2026-03-25' }, ld);
    expect(ok.sourceKind).toBe('butphe');
    expect(ok.sourceText).toContain('70/KH-UBND');
  });

  it('a unit with open tasks is not removed; once they are done it is, and its old tasks keep its name', async () => {
    const open = (await call(app, 'tasks.list', { unitId: tongHop, status: 'mo' }, ld)).rows;
    expect(open.length).toBeGreaterThan(0);
    const refused = await callErr(app, 'units.remove', { id: tongHop }, admin);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(refused.message).toMatch(/^Đơn vị «Phòng Tổng hợp» còn \d+ công việc chưa xong/);
    expect((await call(app, 'units.list', {}, ld)).map((u) => u.name)).toContain('Phòng Tổng hợp');
    for (const t of (await call(app, 'tasks.list', { status: 'mo' }, ld)).rows) {
      if (t.lead?.unitId === tongHop || t.co.some((c) => c.unitId === tongHop)) await call(app, 'tasks.cancel', { id: t.id, reason: 'Sắp xếp lại đơn vị.' }, ld);
    }
    expect(await call(app, 'units.remove', { id: tongHop }, admin)).toEqual({ removed: true });
    expect((await call(app, 'tasks.get', { id: main }, ld)).lead).toMatchObject({ kind: 'text', name: 'Phòng Tổng hợp' });
  });

  let secretTask = 0;
  it('a task about a secret document goes only to people named on it, and only they see it', async () => {
    const secret = await call(app, 'incoming.register', sampleIncoming({ ref: '12/M-CA', secrecy: 'mat', subject: 'Về công tác bảo vệ bí mật nhà nước' }), vt);
    await call(app, 'incoming.route', { id: secret.id, lead: 'cv1' }, vt);
    const refused = await callErr(app, 'tasks.add', { title: 'Triển khai văn bản mật', lead: 'cv2', incomingId: secret.id }, ld);
    expect(refused).toMatchObject({ code: 'VALIDATION', field: 'lead' });
    expect(refused.message).toBe('«Ngô Văn Hai» không được xem văn bản mật này: việc từ văn bản mật chỉ giao cho người có tên trên văn bản.');
    const t = await call(app, 'tasks.add', { title: 'Triển khai văn bản mật', lead: 'cv1', incomingId: secret.id }, ld);
    secretTask = t.id;
    expect((await call(app, 'tasks.get', { id: t.id }, cv1)).title).toBe('Triển khai văn bản mật');
    expect(await callErr(app, 'tasks.get', { id: t.id }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await visibleIds(cv3)).not.toContain(t.id);
    // A sub-task keeps the document: to someone not named on it, refused too.
    expect(await callErr(app, 'tasks.add', { title: 'Giao tiếp', lead: 'cv2', parentId: t.id }, ld)).toMatchObject({ code: 'VALIDATION' });
    // …and cannot trade it for an ordinary document to escape the rule.
    const plain = await call(app, 'incoming.register', sampleIncoming({ ref: '15/TB-VP', subject: 'Thông báo lịch làm việc' }), vt);
    const swapped = await callErr(app, 'tasks.add', { title: 'Giao tiếp', lead: 'cv1', parentId: t.id, incomingId: plain.id }, ld);
    expect(swapped).toMatchObject({ code: 'VALIDATION', field: 'incomingId' });
    const child = await call(app, 'tasks.add', { title: 'Chuẩn bị tài liệu mật', lead: 'cv1', parentId: t.id }, ld);
    expect(child.incomingId).toBe(secret.id);
    expect(await visibleIds(cv3)).not.toContain(child.id);
    // The audit log's rows about it (title, lead, deadline, notes) follow the same rule: a quản trị does not read them.
    expect((await call(app, 'audit.list', { entity: 'task', entityId: t.id }, ld)).map((e) => e.action)).toContain('task.create');
    expect(await call(app, 'audit.list', { entity: 'task', entityId: t.id }, admin)).toEqual([]);
    expect((await call(app, 'audit.list', { entity: 'task', limit: 500 }, admin)).map((e) => e.entityId)).not.toContain(child.id);
    expect((await call(app, 'audit.list', { entity: 'task', entityId: main }, admin)).length).toBeGreaterThan(0);
  });

  it('an ủy quyền shows the deputy the leader’s own tasks only, under its own secret rule; scope «inbox» handles but does not decide', async () => {
    const tro = await addUser(app, 'tro', ['chuyenvien'], 'Đinh Trợ Lý');
    app.db
      .prepare("INSERT INTO delegations (from_user_id, to_user_id, from_day, to_day, scope, created_by, created_at) VALUES (?, ?, '2026-03-14', '2026-03-31', 'inbox', ?, 'x')")
      .run(id(ld), id(tro), id(ld));
    // The lãnh đạo reads every task; the deputy does not read through them what is not theirs, nor a secret one.
    const others = await call(app, 'tasks.add', { title: 'Đối chiếu công nợ', lead: { userId: id(cv2) } }, cv2);
    expect((await call(app, 'tasks.get', { id: others.id }, ld)).id).toBe(others.id);
    expect(await callErr(app, 'tasks.get', { id: others.id }, tro)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'tasks.get', { id: secretTask }, tro)).toMatchObject({ code: 'NOT_FOUND' });
    // What the leader gave, and what waits for them, the deputy sees and handles.
    const given = await call(app, 'tasks.add', { title: 'Chuẩn bị hội nghị cán bộ', lead: 'cv1', deadline: '2026-03-31' }, ld);
    const waiting = await call(app, 'tasks.add', { title: 'Cho ý kiến dự thảo quy chế', lead: { userId: id(cv2) }, co: [{ userId: id(ld) }] }, vt);
    expect((await call(app, 'tasks.progress', { id: waiting.id, progress: 30, note: 'Đã góp ý phần I.' }, tro)).updates.at(-1)).toMatchObject({ actor: 'Đinh Trợ Lý', onBehalfOf: 'Phạm Văn Lãnh' });
    await call(app, 'tasks.submitResult', { id: given.id, note: 'Đã xong.' }, cv1);
    const seen = await call(app, 'tasks.get', { id: given.id }, tro);
    expect(seen.can).toMatchObject({ edit: false, decide: false, finish: false, cancel: false });
    for (const [name, input] of [
      ['tasks.approve', { id: given.id }],
      ['tasks.returnResult', { id: given.id, note: 'Bổ sung.' }],
      ['tasks.done', { id: given.id }],
      ['tasks.cancel', { id: given.id, reason: 'Không cần.' }],
      ['tasks.update', { id: given.id, title: 'Đổi tên' }],
    ] as const) {
      expect(await callErr(app, name, input, tro), name).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await call(app, 'tasks.get', { id: given.id }, ld)).status).toBe('cho-duyet');
  });

  it('a step that waited for its files checks the task again: cancelled meanwhile, or the result submitted twice at once', async () => {
    const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: Error) => /failed: (\w+)/.exec(e.message)?.[1]);
    const file = () => [{ name: 'bieu-mau.png', data: makePng() }];
    const a = await call(app, 'tasks.add', { title: 'Nộp báo cáo tháng', lead: 'cv1' }, ld);
    const submitting = outcome(call(app, 'tasks.submitResult', { id: a.id, note: 'Kèm biểu.', files: file() }, cv1));
    const reporting = outcome(call(app, 'tasks.progress', { id: a.id, progress: 50, files: file() }, cv1));
    await call(app, 'tasks.cancel', { id: a.id, reason: 'Không cần nữa.' }, ld);
    expect([await submitting, await reporting]).toEqual(['CONFLICT', 'CONFLICT']);
    expect(await call(app, 'tasks.get', { id: a.id }, ld)).toMatchObject({ status: 'huy', progress: 0 });
    expect(openWork(a.id)).toEqual([]);
    const b = await call(app, 'tasks.add', { title: 'Nộp báo cáo quý', lead: 'cv1' }, ld);
    const twice = await Promise.all([1, 2].map(() => outcome(call(app, 'tasks.submitResult', { id: b.id, files: file() }, cv1))));
    expect(twice.sort()).toEqual(['CONFLICT', 'ok']);
    expect(openWork(b.id)).toEqual([{ action: 'review', userId: id(ld), unitId: null }]);
    expect((await call(app, 'tasks.get', { id: b.id }, ld)).updates.filter((u) => u.kind === 'submit')).toHaveLength(1);
  });
});
