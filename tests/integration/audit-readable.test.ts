import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../electron/app/caller';
import { addUser, call, callErr, fixedClock, sampleIncoming, tempApp } from '../helpers/app';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * The audit log in plain Vietnamese (issue 15, item 10): full names, Vietnam times, actions, fields and values as the
 * screens say them; filtered by person, record and Vietnam dates in audit.list itself; the read scope unchanged; and
 * what is stored (and hashed) untouched.
 */
const clock = fixedClock(new Date('2026-03-15T03:00:00.000Z')); // 10:00 on 15/03/2026 in Hà Nội
let app: Awaited<ReturnType<typeof tempApp>>;
let qt: Session, ld: Session, vt: Session, cv: Session;
let draftId: number, plainId: number, secretId: number;

beforeAll(async () => {
  app = await tempApp({ clock: clock.clock });
  qt = await addUser(app, 'qt', ['quantri'], 'Phạm Quản Trị');
  ld = await addUser(app, 'ld', ['lanhdao'], 'Lê Văn Lãnh');
  vt = await addUser(app, 'vt', ['vanthu'], 'Trần Thị Thư');
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Nguyễn Chuyên Viên', { unit: 'Phòng Kế toán' });
  await call(app, 'units.save', { name: 'Phòng Kế toán' }, qt);
  draftId = (await call(app, 'drafts.save', { draft: statePlan(1) }, cv)).id;
  plainId = (await call(app, 'incoming.register', sampleIncoming({ ref: '11/KH-UBND' }), vt)).id;
  await call(app, 'incoming.route', { id: plainId, lead: 'phong ke toan', info: ['Nguyễn Chuyên Viên'] }, ld);
  // 00:30 on 16/03 in Hà Nội is still the 15th in UTC: the date filters go by the Vietnam day.
  clock.set(new Date('2026-03-15T17:30:00.000Z'));
  await call(app, 'incoming.setStatus', { id: plainId, status: 'hoan-thanh' }, cv);
  secretId = (await call(app, 'incoming.register', sampleIncoming({ ref: '12/KH-BCA', secrecy: 'tuyet-mat' }), vt)).id;
  await call(app, 'users.update', { id: cv.caller!.id, roles: ['chuyenvien', 'lanhdao'], active: false }, qt);
});
afterAll(() => app.cleanup());

const detail = (e: { details: { label: string; value: string }[] }) => e.details.map((d) => `${d.label}: ${d.value}`);

describe('audit.list reads in plain Vietnamese', () => {
  it('names people in full, gives Vietnam time as dd/mm/yyyy HH:mm, and says the action, object and fields as the UI does', async () => {
    const [created] = await call(app, 'audit.list', { entity: 'draft', entityId: draftId }, qt);
    expect(created).toMatchObject({
      action: 'draft.create',
      username: 'cv',
      fullName: 'Nguyễn Chuyên Viên',
      when: '15/03/2026 10:00',
      actionLabel: 'Tạo dự thảo',
      entityLabel: 'Dự thảo',
      object: `Dự thảo #${draftId}`,
    });
    expect(detail(created)).toContain('Loại: Kế hoạch');
    expect(detail(created).join(' · ')).not.toMatch(/docType|ke-hoach/);
  });

  it('reads status changes, routing, roles and accounts in words', async () => {
    const rows = await call(app, 'audit.list', { entity: 'incoming', entityId: plainId }, qt);
    const byAction = new Map(rows.map((r) => [r.action, r]));
    expect(detail(byAction.get('incoming.status')!)).toEqual(['Tình trạng: Đang xử lý → Hoàn thành']);
    expect(byAction.get('incoming.status')!.when).toBe('16/03/2026 00:30');
    // The unit typed without marks is named as the office names it; the person by full name.
    expect(detail(byAction.get('incoming.route')!)).toEqual(expect.arrayContaining(['Chủ trì: Phòng Kế toán', 'Để biết: Nguyễn Chuyên Viên']));
    expect(detail(byAction.get('incoming.register')!)).toEqual(expect.arrayContaining(['Số, ký hiệu: 11/KH-UBND', 'Nơi gửi: Ủy ban nhân dân tỉnh Bắc Ninh']));
    const [update] = await call(app, 'audit.list', { entity: 'user', entityId: cv.caller!.id }, qt);
    expect(update).toMatchObject({ actionLabel: 'Sửa tài khoản', object: 'Tài khoản Nguyễn Chuyên Viên', fullName: 'Phạm Quản Trị' });
    expect(detail(update)).toEqual(['Vai trò: Chuyên viên, Lãnh đạo', 'Trạng thái: Đã khóa']);
  });

  it('keeps what is stored, and the hash chain, exactly as written', async () => {
    const stored = app.db.prepare("SELECT detail FROM audit_log WHERE action = 'draft.create'").pluck().get() as string;
    expect(JSON.parse(stored)).toMatchObject({ docType: 'ke-hoach' });
    const [created] = await call(app, 'audit.list', { entity: 'draft', entityId: draftId }, qt);
    expect(created.detail).toMatchObject({ docType: 'ke-hoach' });
    expect(await call(app, 'audit.verify', {}, qt)).toMatchObject({ ok: true });
  });
});

describe('audit.list filters by person, record and Vietnam date', () => {
  it('by person: only that account’s rows', async () => {
    const rows = await call(app, 'audit.list', { userId: vt.caller!.id }, qt);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.fullName))).toEqual(new Set(['Trần Thị Thư']));
  });

  it('by date: from and to are whole days in Vietnam time, both included', async () => {
    const day15 = await call(app, 'audit.list', { from: '2026-03-15', to: '2026-03-15' }, qt);
    const day16 = await call(app, 'audit.list', { from: '2026-03-16' }, qt);
    expect(day15.map((r) => r.action)).toContain('draft.create');
    expect(day15.map((r) => r.action)).not.toContain('incoming.status');
    expect(day16.map((r) => r.action)).toEqual(expect.arrayContaining(['incoming.status', 'user.update']));
    expect(day16.every((r) => r.when.startsWith('16/03/2026'))).toBe(true);
    expect(await call(app, 'audit.list', { to: '2026-03-14' }, qt)).toEqual([]);
  });

  it('combines the filters, and refuses a range that ends before it starts, naming the field', async () => {
    const rows = await call(app, 'audit.list', { userId: cv.caller!.id, entity: 'incoming', from: '2026-03-16', to: '2026-03-16' }, qt);
    expect(rows.map((r) => r.action)).toEqual(['incoming.status']);
    expect(await callErr(app, 'audit.list', { from: '2026-03-16', to: '2026-03-15' }, qt)).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(await callErr(app, 'audit.list', { from: '16/03/2026' }, qt)).toMatchObject({ code: 'VALIDATION', field: 'from' });
  });

  it('keeps the read scope: a secret record’s rows stay hidden from the quản trị whatever the filter; a chuyên viên reads no log', async () => {
    const mine = await call(app, 'audit.list', { userId: vt.caller!.id, from: '2026-03-16' }, qt);
    expect(mine.filter((r) => r.entity === 'incoming').map((r) => r.entityId)).not.toContain(secretId);
    expect(await call(app, 'audit.list', { entity: 'incoming', entityId: secretId }, qt)).toEqual([]);
    expect((await call(app, 'audit.list', { entity: 'incoming', entityId: plainId }, ld)).length).toBeGreaterThan(0);
    const reader = await addUser(app, 'cv2', ['chuyenvien'], 'Đỗ Văn Hai');
    expect((await callErr(app, 'audit.list', {}, reader)).code).toBe('FORBIDDEN');
  });
});
