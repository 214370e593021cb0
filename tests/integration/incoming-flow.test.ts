import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { draftSchema } from '../../shared/drafting/model';
import type { IncomingDetail } from '../../shared/incoming/schemas';
import { addUser, call, callErr, FIXED_NOW, fixedClock, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * Issue 17, incoming documents to people (ND30 Điều 23–24), through the API as every host calls it: the văn thư
 * submits, the leader writes the bút phê, the unit's head passes it on, the chuyên viên reports and finishes with the
 * reply, which the follow-up book then shows. The clock is fixed on Sunday 15/03/2026.
 */
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[incoming-flow] the reply document is not issued: the openssl command (test CA) is not installed');

let app: AppContext & { cleanup(): Promise<void> };
let vt: Session, gd: Session, pgd: Session, cvp: Session, tp: Session, cv: Session, cv2: Session, hc: Session, tphc: Session, qt: Session;
let unitKT: number;
const clock = fixedClock();

const id = (s: Session) => s.caller!.id;
const register = (over: Parameters<typeof sampleIncoming>[0] = {}) => call(app, 'incoming.register', sampleIncoming(over), vt);
/** The open rows of work_items for a document, as "action:user#id" or "action:unit#id" (the inbox reads these). */
const openWork = (docId: number) =>
  (app.db.prepare("SELECT action, user_id, unit_id, deadline FROM work_items WHERE kind = 'incoming' AND ref_id = ? AND closed_at IS NULL ORDER BY id").all(docId) as {
    action: string;
    user_id: number | null;
    unit_id: number | null;
    deadline: string | null;
  }[]).map((w) => `${w.action}:${w.user_id !== null ? `user#${w.user_id}` : `unit#${w.unit_id}`}${w.deadline ? `@${w.deadline}` : ''}`);
const notified = (docId: number) => (app.db.prepare("SELECT user_id FROM notifications WHERE entity = 'incoming' AND entity_id = ? ORDER BY user_id").pluck().all(docId) as number[]);
const trail = (d: IncomingDetail) => d.steps.map((s) => s.kind);
/** Everything an action may write: a refused action changes none of it. */
const snapshot = () => ['incoming_steps', 'incoming_handlers', 'work_items', 'notifications', 'audit_log', 'incoming_status_history'].map((t) => rowsCount(app, t));

beforeAll(async () => {
  app = await tempApp({ clock: clock.clock });
  vt = await addUser(app, 'vt', ['vanthu'], 'Trần Văn Thư');
  gd = await addUser(app, 'gd', ['lanhdao'], 'Nguyễn Văn An');
  pgd = await addUser(app, 'pgd', ['lanhdao'], 'Lê Phó Giám Đốc');
  cvp = await addUser(app, 'cvp', ['chuyenvien'], 'Đặng Chánh Văn Phòng');
  tp = await addUser(app, 'tp', ['chuyenvien'], 'Vũ Trưởng Phòng');
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Nguyễn Kế Toán');
  cv2 = await addUser(app, 'cv2', ['chuyenvien'], 'Phạm Kế Toán Hai');
  tphc = await addUser(app, 'tphc', ['chuyenvien'], 'Hoàng Trưởng Hành Chính');
  hc = await addUser(app, 'hc', ['chuyenvien'], 'Đỗ Hành Chính');
  qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
  unitKT = (await call(app, 'units.save', { name: 'Phòng Kế toán', head: 'tp', members: ['cv', 'cv2'] }, qt)).id;
  await call(app, 'units.save', { name: 'Phòng Hành chính', head: 'tphc', members: ['hc'] }, qt);
  await call(app, 'units.save', { name: 'Tổ Lưu trữ', members: ['hc'] }, qt);
});
afterAll(() => app.cleanup());

/**
 * An outgoing document issued through the workflow (drafted by cv, signed by gd, issued by vt): the reply. The test
 * CA's certificates start today, so the office's clock is today's while it is signed and issued.
 */
async function issueReply(): Promise<{ id: number; ref: string; docDate: string }> {
  clock.set(new Date());
  try {
    return await signedAndIssued();
  } finally {
    clock.set(FIXED_NOW);
  }
}

async function signedAndIssued(): Promise<{ id: number; ref: string; docDate: string }> {
  const pki = makeTestPki();
  const key = (name: string) => ({ kind: 'p12' as const, data: new Uint8Array(fs.readFileSync(pki.p12(name))), password: '123456' });
  const draft = draftSchema.parse({
    ...statePlan(1),
    number: null,
    date: null,
    organ: 'Ủy ban nhân dân tỉnh Bắc Ninh',
    organAbbr: 'UBND',
    subject: 'Báo cáo dự toán ngân sách năm 2027',
    archive: ['VT'],
    signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
  });
  const d = await call(app, 'drafts.save', { draft }, cv);
  await call(app, 'outgoing.submit', { id: d.id, to: id(gd) }, cv);
  await call(app, 'outgoing.approve', { id: d.id }, gd);
  await call(app, 'outgoing.sign', { id: d.id, key: key('Nguyễn Văn An') }, gd);
  return call(app, 'outgoing.issue', { id: d.id, key: key('Ủy ban nhân dân tỉnh Bắc Ninh') }, vt);
}

describe('trình → bút phê → phân công → tiến độ → kết quả', () => {
  let doc: IncomingDetail;

  it('the văn thư submits to the leader, whose inbox and notifications get it; only a lãnh đạo account may be chosen', async () => {
    doc = await register({ ref: '21/UBND-KT', subject: 'Về việc lập dự toán ngân sách năm 2027', docDate: '2026-03-12' });
    expect(await callErr(app, 'incoming.get', { id: doc.id }, cv)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'incoming.submit', { id: doc.id, to: 'cv' }, vt)).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(await callErr(app, 'incoming.submit', { id: doc.id, to: 'gd' }, cv)).toMatchObject({ code: 'FORBIDDEN' });
    const d = await call(app, 'incoming.submit', { id: doc.id, to: 'gd', note: 'Kính trình Giám đốc' }, vt);
    expect(trail(d)).toEqual(['submit']);
    expect(d.steps[0]).toMatchObject({ actor: { id: id(vt), name: 'Trần Văn Thư' }, toUser: { id: id(gd), name: 'Nguyễn Văn An' }, note: 'Kính trình Giám đốc' });
    expect(d.flow).toMatchObject({ submittedTo: { id: id(gd) }, awaitingInstruction: true });
    expect(openWork(doc.id)).toEqual([`instruct:user#${id(gd)}`]);
    expect(notified(doc.id)).toEqual([id(gd)]);
    const mine = await call(app, 'incoming.get', { id: doc.id }, gd);
    expect(mine.flow.can).toMatchObject({ instruct: true, returnToClerk: true, submit: false });
  });

  it('the leader writes the bút phê: a unit leads, a person co-operates, a deadline in working days; a chuyên viên may not', async () => {
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', note: 'x' }, cv)).toMatchObject({ code: 'NOT_FOUND' });
    const d = await call(app, 'incoming.instruct', { id: doc.id, lead: 'phong ke toan', co: [{ userId: id(hc) }], info: ['Sở Tài chính'], workingDays: 5, note: 'Giao Phòng Kế toán chủ trì, tham mưu văn bản trả lời.' }, gd);
    // Five working days after Sunday 15/03/2026.
    expect(d).toMatchObject({ status: 'dang-xu-ly', lead: 'Phòng Kế toán', deadline: '2026-03-20' });
    expect(d.handlers).toEqual([
      { role: 'lead', kind: 'unit', id: unitKT, name: 'Phòng Kế toán' },
      { role: 'co', kind: 'user', id: id(hc), name: 'Đỗ Hành Chính' },
      { role: 'info', kind: 'text', id: null, name: 'Sở Tài chính' },
    ]);
    expect(d.steps[1]).toMatchObject({ kind: 'instruct', actor: { id: id(gd) }, onBehalfOf: null, toUnit: { id: unitKT }, deadline: '2026-03-20', note: 'Giao Phòng Kế toán chủ trì, tham mưu văn bản trả lời.' });
    expect(openWork(doc.id)).toEqual([`lead:unit#${unitKT}@2026-03-20`, `co:user#${id(hc)}@2026-03-20`]);
    expect(notified(doc.id)).toEqual([id(gd), id(tp), id(cv), id(cv2), id(hc)].sort((a, b) => a - b));
    // The register list shows the new deadline to the unit's member, the dashboard counts the document for them.
    expect((await call(app, 'incoming.list', {}, cv)).rows.map((r) => [r.ref, r.deadline])).toEqual([['21/UBND-KT', '2026-03-20']]);
  });

  it('the unit head passes it to a member (not to someone outside the unit); the member reads it, another unit does not', async () => {
    const head = await call(app, 'incoming.get', { id: doc.id }, tp);
    expect(head.flow.can.assign).toBe(true);
    expect(head.flow.assignable).toEqual([{ unitId: unitKT, unitName: 'Phòng Kế toán', role: 'lead', members: [{ id: id(cv), name: 'Nguyễn Kế Toán' }, { id: id(cv2), name: 'Phạm Kế Toán Hai' }] }]);
    expect((await call(app, 'incoming.get', { id: doc.id }, cv)).flow.can.assign).toBe(false);
    expect(await callErr(app, 'incoming.assign', { id: doc.id, to: 'cv2' }, cv)).toMatchObject({ code: 'FORBIDDEN' });
    const before = snapshot();
    expect(await callErr(app, 'incoming.assign', { id: doc.id, to: 'hc' }, tp)).toMatchObject({ code: 'VALIDATION', field: 'to', message: expect.stringContaining('không phải thành viên của «Phòng Kế toán»') });
    expect(await callErr(app, 'incoming.assign', { id: doc.id, to: 'cv', deadline: '2026-03-25' }, tp)).toMatchObject({ code: 'VALIDATION', field: 'deadline' });
    expect(snapshot()).toEqual(before);
    const d = await call(app, 'incoming.assign', { id: doc.id, to: 'cv', deadline: '2026-03-19', note: 'Đồng chí Kế Toán dự thảo trả lời' }, tp);
    expect(d.steps.at(-1)).toMatchObject({ kind: 'assign', actor: { id: id(tp) }, toUser: { id: id(cv) }, toUnit: { id: unitKT }, deadline: '2026-03-19' });
    expect(openWork(doc.id)).toEqual([`co:user#${id(hc)}@2026-03-20`, `lead:user#${id(cv)}@2026-03-19`]);
    expect(d.handlers).toContainEqual({ role: 'lead', kind: 'user', id: id(cv), name: 'Nguyễn Kế Toán' });
    // cv is named in person now: the document stays theirs even if they leave the unit.
    const seen = await call(app, 'incoming.get', { id: doc.id }, cv);
    expect(seen.flow.can).toMatchObject({ progress: true, finish: true });
    expect(await callErr(app, 'incoming.get', { id: doc.id }, tphc)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'incoming.progress', { id: doc.id, progress: 10, note: 'x' }, tphc)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('handlers report progress; a phối hợp cannot finish; the lead finishes with the issued reply, which the follow-up book shows', async () => {
    await call(app, 'incoming.progress', { id: doc.id, progress: 60, note: 'Đã tổng hợp số liệu của các phòng' }, cv);
    const withProgress = await call(app, 'incoming.progress', { id: doc.id, progress: 80, note: 'Phòng Hành chính đã góp ý' }, hc);
    expect(withProgress.flow.progress).toBe(80);
    expect(await callErr(app, 'incoming.progress', { id: doc.id, progress: 120, note: 'x' }, cv)).toMatchObject({ code: 'VALIDATION', field: 'progress' });
    expect(await callErr(app, 'incoming.finish', { id: doc.id }, hc)).toMatchObject({ code: 'FORBIDDEN' });
    // A number skipped in the outgoing book is not an issued document.
    const skipped = await call(app, 'outgoing.skipNumber', { kind: 'skipped', reason: 'Bỏ số theo yêu cầu' }, vt);
    const before = snapshot();
    expect(await callErr(app, 'incoming.finish', { id: doc.id, reply: skipped.id }, vt)).toMatchObject({ code: 'VALIDATION', field: 'reply', message: expect.stringContaining('chưa phải văn bản đã phát hành') });
    expect(await callErr(app, 'incoming.finish', { id: doc.id, reply: 9999 }, cv)).toMatchObject({ code: 'VALIDATION', field: 'reply' });
    expect(snapshot()).toEqual(before);

    const reply = haveOpenssl ? await issueReply() : null;
    const d = await call(app, 'incoming.finish', { id: doc.id, reply: reply?.id, note: 'Đã trả lời Sở Tài chính' }, cv);
    expect(d.status).toBe('hoan-thanh');
    expect(trail(d)).toEqual(['submit', 'instruct', 'assign', 'progress', 'progress', 'finish']);
    expect(openWork(doc.id)).toEqual([]);
    expect(notified(doc.id)).toContain(id(gd));
    if (!reply) return;
    expect(d.steps.at(-1)?.reply).toEqual({ id: reply.id, ref: reply.ref, docDate: reply.docDate });
    expect(d.flow.reply?.ref).toBe(reply.ref);
    const book = await call(app, 'registerBook.export', { kind: 'followup', from: '2026-03-01', to: '2026-03-31', format: 'xlsx' }, vt);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(book.data) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push(r.values as unknown[]));
    const row = rows.find((r) => r.includes(doc.arrivalNumber) && String(r.join('|')).includes('21/UBND-KT'));
    expect(row).toContain(reply.ref);
  }, 30_000);

  it('a finished or cancelled document is not acted on, and nothing changes', async () => {
    const before = snapshot();
    for (const [m, input, who] of [
      ['incoming.progress', { id: doc.id, progress: 90, note: 'Thêm' }, cv],
      ['incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', note: 'Lại' }, gd],
      ['incoming.submit', { id: doc.id, to: 'gd' }, vt],
    ] as const) {
      expect(await callErr(app, m, input, who)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đã hoàn thành') });
    }
    const cancelled = await register({ ref: '22/UBND-KT', subject: 'Văn bản vào sổ nhầm' });
    await call(app, 'incoming.cancel', { id: cancelled.id, reason: 'Vào sổ trùng' }, vt);
    const mid = snapshot();
    expect(await callErr(app, 'incoming.submit', { id: cancelled.id, to: 'gd' }, vt)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đã bị hủy') });
    expect(snapshot()).toEqual(mid);
    expect(before[0]).toBe(mid[0]);
  });
});

describe('bút phê under ủy quyền, bad input, paper routing', () => {
  it('a deputy instructs for the away leader: the step and the audit say on whose behalf', async () => {
    const doc = await register({ ref: '31/STC-NS', subject: 'Về việc rà soát nợ đọng xây dựng cơ bản' });
    await call(app, 'incoming.submit', { id: doc.id, to: id(gd) }, vt);
    // Not the leader, no delegation: the chuyên viên does not even see the document.
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', note: 'x' }, cvp)).toMatchObject({ code: 'NOT_FOUND' });
    app.db
      .prepare("INSERT INTO delegations (from_user_id, to_user_id, from_day, to_day, created_by, created_at) VALUES (?, ?, '2026-03-14', '2026-03-20', ?, ?)")
      .run(id(gd), id(cvp), id(gd), app.nowIso());
    const seen = await call(app, 'incoming.get', { id: doc.id }, cvp);
    expect(seen.flow).toMatchObject({ onBehalfOf: { id: id(gd), name: 'Nguyễn Văn An' }, can: { instruct: true } });
    const d = await call(app, 'incoming.instruct', { id: doc.id, lead: { userId: id(cv2) }, deadline: '2026-03-31', note: 'Đồng chí Hai rà soát, báo cáo.' }, cvp);
    expect(d.steps.at(-1)).toMatchObject({ kind: 'instruct', actor: { id: id(cvp) }, onBehalfOf: { id: id(gd), name: 'Nguyễn Văn An' }, toUser: { id: id(cv2) } });
    expect(openWork(doc.id)).toEqual([`lead:user#${id(cv2)}@2026-03-31`]);
    const [entry] = await call(app, 'audit.list', { entity: 'incoming', entityId: doc.id, limit: 1 }, gd);
    expect(entry).toMatchObject({ action: 'incoming.instruct', detail: expect.objectContaining({ onBehalfOf: 'Nguyễn Văn An', lead: 'Phạm Kế Toán Hai', notify: [id(cv2)] }) });
    // Another lãnh đạo writes a bút phê in their own name (it replaces the routing; the trail keeps both).
    const again = await call(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Hành chính', note: 'Chuyển Phòng Hành chính.' }, pgd);
    expect(again.steps.filter((s) => s.kind === 'instruct').map((s) => [s.actor?.name, s.onBehalfOf?.name ?? null])).toEqual([
      ['Đặng Chánh Văn Phòng', 'Nguyễn Văn An'],
      ['Lê Phó Giám Đốc', null],
    ]);
    expect(again.handlers.map((h) => h.name)).toEqual(['Phòng Hành chính']);
    expect(openWork(doc.id)).toEqual([`lead:unit#${(await call(app, 'units.list', {}, qt)).find((u) => u.name === 'Phòng Hành chính')!.id}`]);
  });

  it('refuses a deadline before the document’s date, an outside lead, an unknown unit: nothing is written', async () => {
    const doc = await register({ ref: '41/SNV-TCCB', subject: 'Về việc báo cáo số lượng người làm việc', docDate: '2026-03-10' });
    await call(app, 'incoming.submit', { id: doc.id, to: 'gd' }, vt);
    const before = snapshot();
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', deadline: '2026-03-09', note: 'x' }, gd)).toMatchObject({
      code: 'VALIDATION',
      field: 'deadline',
      message: 'Hạn giải quyết 09/03/2026 ở trước ngày của văn bản (10/03/2026).',
    });
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Công an huyện', note: 'x' }, gd)).toMatchObject({ code: 'VALIDATION', field: 'lead' });
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', co: ['Phòng Hành chính', { unitId: 999 }], note: 'x' }, gd)).toMatchObject({ code: 'VALIDATION', field: 'co.1' });
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', deadline: '2026-03-20', workingDays: 3, note: 'x' }, gd)).toMatchObject({ code: 'VALIDATION', field: 'workingDays' });
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', note: '' }, gd)).toMatchObject({ code: 'VALIDATION', field: 'note' });
    expect(snapshot()).toEqual(before);
    // The leader sends it back to the văn thư instead.
    const back = await call(app, 'incoming.returnToClerk', { id: doc.id, note: 'Không thuộc thẩm quyền, chuyển Sở Nội vụ' }, gd);
    expect(back.steps.at(-1)).toMatchObject({ kind: 'return', toUser: { id: id(vt) } });
    expect(openWork(doc.id)).toEqual([]);
  });

  it('a leader’s instruction given on paper (incoming route) is on the trail and reaches the inboxes it names', async () => {
    const doc = await register({ ref: '51/UBND-VP', subject: 'Về lịch tiếp công dân tháng 4' });
    const d = await call(app, 'incoming.route', { id: doc.id, lead: 'Phòng Hành chính', coUnits: ['Nguyễn Kế Toán'], instruction: 'Giao Phòng Hành chính', deadline: '2026-03-30', actor: 'Nguyễn Văn An' }, vt);
    expect(d.steps.map((s) => [s.kind, s.note, s.toUnit?.name])).toEqual([['paper', 'Giao Phòng Hành chính', 'Phòng Hành chính']]);
    expect(d.routing).toHaveLength(1);
    expect(openWork(doc.id)).toEqual([expect.stringMatching(/^lead:unit#\d+@2026-03-30$/), `co:user#${id(cv)}@2026-03-30`]);
    expect(notified(doc.id)).toEqual([id(cv), id(hc), id(tphc)].sort((a, b) => a - b));
    await call(app, 'incoming.setStatus', { id: doc.id, status: 'hoan-thanh' }, vt);
    expect(openWork(doc.id)).toEqual([]);
  });
});

describe('secret documents: only the people named read them, only the leader names new people', () => {
  it('a unit named reaches its head in person; the head cannot pass it to someone the leader did not name; the leader can', async () => {
    const doc = await register({ ref: '61/BCA-A01', subject: 'Phương án bảo đảm an ninh kho quỹ', secrecy: 'mat' });
    await call(app, 'incoming.submit', { id: doc.id, to: 'gd' }, vt);
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Tổ Lưu trữ', note: 'x' }, gd)).toMatchObject({ code: 'VALIDATION', field: 'lead', message: expect.stringContaining('chưa có trưởng đơn vị') });
    await call(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', co: ['cv2'], note: 'Trưởng phòng trực tiếp xử lý.' }, gd);
    expect(openWork(doc.id)).toEqual([`lead:user#${id(tp)}`, `co:user#${id(cv2)}`]);
    expect(notified(doc.id)).toEqual([id(gd), id(tp), id(cv2)].sort((a, b) => a - b));
    expect(await callErr(app, 'incoming.get', { id: doc.id }, cv)).toMatchObject({ code: 'NOT_FOUND' });
    const head = await call(app, 'incoming.get', { id: doc.id }, tp);
    expect(head.flow.assignable[0].members.map((m) => m.name)).toEqual(['Phạm Kế Toán Hai']);
    const before = snapshot();
    expect(await callErr(app, 'incoming.assign', { id: doc.id, to: 'cv' }, tp)).toMatchObject({ code: 'FORBIDDEN', field: 'to', message: expect.stringContaining('Nguyễn Kế Toán không được xem văn bản mật này') });
    expect(snapshot()).toEqual(before);
    // cv2 is named by the leader: the head may pass it to them.
    await call(app, 'incoming.assign', { id: doc.id, to: 'cv2' }, tp);
    expect(openWork(doc.id)).toEqual([`lead:user#${id(cv2)}`]);
    // The leader names whom they like.
    const d = await call(app, 'incoming.assign', { id: doc.id, to: 'cv', role: 'co' }, gd);
    expect(d.handlers.filter((h) => h.kind === 'user').map((h) => h.name)).toContain('Nguyễn Kế Toán');
    expect((await call(app, 'incoming.get', { id: doc.id }, cv)).ref).toBe('61/BCA-A01');
  });
});

describe('review fixes: who finishes and reopens, ủy quyền and secrets, chủ trì moved, paper routing of a secret document', () => {
  const delegate = (from: Session, to: Session, scope: 'inbox' | 'all') =>
    app.db
      .prepare("INSERT INTO delegations (from_user_id, to_user_id, from_day, to_day, scope, created_by, created_at) VALUES (?, ?, '2026-03-14', '2026-03-20', ?, ?, ?)")
      .run(id(from), id(to), scope, id(from), app.nowIso());
  const texts = (docId: number, s: Session) =>
    app.db.prepare("SELECT text FROM notifications WHERE entity = 'incoming' AND entity_id = ? AND user_id = ? ORDER BY id").pluck().all(docId, id(s)) as string[];

  it('a deputy does not read a secret document waiting for the leader (detail, phiếu, bút phê); a plain one they do', async () => {
    delegate(gd, cvp, 'all');
    const secret = await register({ ref: '71/BCA-A02', subject: 'Kế hoạch bảo vệ bí mật nhà nước năm 2026', secrecy: 'mat' });
    await call(app, 'incoming.submit', { id: secret.id, to: 'gd' }, vt);
    const plain = await register({ ref: '72/UBND-VP', subject: 'Về lịch trực cơ quan' });
    await call(app, 'incoming.submit', { id: plain.id, to: 'gd' }, vt);
    expect((await call(app, 'incoming.get', { id: plain.id }, cvp)).flow.can.instruct).toBe(true);
    const before = snapshot();
    expect(await callErr(app, 'incoming.get', { id: secret.id }, cvp)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'incoming.processingSheet', { id: secret.id }, cvp)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'incoming.instruct', { id: secret.id, lead: 'Phòng Kế toán', note: 'x' }, cvp)).toMatchObject({ code: 'NOT_FOUND' });
    expect(snapshot()).toEqual(before);
    // Named on it in person, the deputy reads it (as anyone named does).
    await call(app, 'incoming.instruct', { id: secret.id, lead: 'Phòng Kế toán', info: [{ userId: id(cvp) }], note: 'Để đồng chí Chánh Văn phòng biết.' }, gd);
    expect((await call(app, 'incoming.get', { id: secret.id }, cvp)).ref).toBe('71/BCA-A02');
  });

  it('an ủy quyền of the inbox only lets the deputy see and pass on, not instruct; notifications say «Văn bản đến số …»', async () => {
    delegate(gd, tphc, 'inbox');
    delegate(tp, tphc, 'inbox');
    const doc = await register({ ref: '73/STC-NS', subject: 'Về việc quyết toán kinh phí năm 2025' });
    await call(app, 'incoming.submit', { id: doc.id, to: 'gd' }, vt);
    expect(texts(doc.id, gd)).toEqual([`Văn bản đến số ${doc.arrivalNumber}/${doc.year} chờ bạn cho ý kiến chỉ đạo: Về việc quyết toán kinh phí năm 2025`]);
    const seen = await call(app, 'incoming.get', { id: doc.id }, tphc);
    expect(seen.flow.can).toMatchObject({ instruct: false, returnToClerk: true });
    const before = snapshot();
    expect(await callErr(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', note: 'x' }, tphc)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('«Xử lý và duyệt thay»') });
    expect(snapshot()).toEqual(before);
    await call(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', note: 'Phòng Kế toán xử lý.' }, gd);
    // For the unit's head, under the same kind of ủy quyền, the deputy passes it on.
    const d = await call(app, 'incoming.assign', { id: doc.id, to: 'cv' }, tphc);
    expect(d.steps.at(-1)).toMatchObject({ kind: 'assign', actor: { id: id(tphc) }, onBehalfOf: { id: id(tp) }, toUser: { id: id(cv) } });
    expect(texts(doc.id, cv).at(-1)).toMatch(/^Văn bản đến số \d+\/2026 được phân công cho bạn chủ trì xử lý: /);
    expect(app.db.prepare("SELECT count(*) FROM notifications WHERE text LIKE '%số đến%'").pluck().get()).toBe(0);
  });

  it('the chủ trì moves on a second phân công; only the lead, a leader or the văn thư finish or reopen; reopening waits for people, not the unit', async () => {
    const doc = await register({ ref: '74/SKH-TH', subject: 'Về việc báo cáo tình hình đầu tư công' });
    await call(app, 'incoming.submit', { id: doc.id, to: 'gd' }, vt);
    await call(app, 'incoming.instruct', { id: doc.id, lead: 'Phòng Kế toán', co: [{ userId: id(hc) }], info: [{ userId: id(tphc) }], note: 'Phòng Kế toán chủ trì.' }, gd);
    await call(app, 'incoming.assign', { id: doc.id, to: 'cv', deadline: '2026-03-19' }, tp);
    const d = await call(app, 'incoming.assign', { id: doc.id, to: 'cv2', note: 'Đồng chí Hai làm tiếp' }, tp);
    expect(openWork(doc.id)).toEqual([`co:user#${id(hc)}`, `lead:user#${id(cv2)}@2026-03-19`]);
    expect(d.handlers.filter((h) => h.kind === 'user').map((h) => [h.role, h.name])).toEqual([
      ['co', 'Đỗ Hành Chính'],
      ['info', 'Hoàng Trưởng Hành Chính'],
      ['lead', 'Phạm Kế Toán Hai'],
    ]);
    expect(d.steps.at(-1)).toMatchObject({ kind: 'assign', toUser: { id: id(cv2) }, note: 'Đồng chí Hai làm tiếp — Thay Nguyễn Kế Toán chủ trì xử lý.' });
    expect(texts(doc.id, cv).at(-1)).toContain('chủ trì xử lý đã chuyển cho Phạm Kế Toán Hai');

    // A phối hợp, a reader để biết: refused, nothing written.
    const before = snapshot();
    for (const who of [hc, tphc]) {
      expect(await callErr(app, 'incoming.setStatus', { id: doc.id, status: 'hoan-thanh' }, who)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('chủ trì xử lý') });
    }
    expect(snapshot()).toEqual(before);
    await call(app, 'incoming.setStatus', { id: doc.id, status: 'hoan-thanh' }, cv2);
    expect(openWork(doc.id)).toEqual([]);
    expect(await callErr(app, 'incoming.setStatus', { id: doc.id, status: 'dang-xu-ly' }, hc)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('mở lại') });
    const reopened = await call(app, 'incoming.setStatus', { id: doc.id, status: 'dang-xu-ly', note: 'Bổ sung số liệu' }, vt);
    expect(reopened.status).toBe('dang-xu-ly');
    // The unit passed it on: its members do not see it in their inbox again; the people named do.
    expect(openWork(doc.id)).toEqual([`co:user#${id(hc)}`, `lead:user#${id(cv2)}@2026-03-19`]);

    // A reader of a công khai document is not a handler either.
    const open = await register({ ref: '75/UBND-VP', subject: 'Thông báo lịch nghỉ lễ', public: true });
    expect(await callErr(app, 'incoming.setStatus', { id: open.id, status: 'hoan-thanh' }, cv)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the paper path refuses a secret document for a unit with no head, as the bút phê does', async () => {
    const doc = await register({ ref: '76/BCA-A03', subject: 'Danh sách cán bộ tiếp xúc tài liệu mật', secrecy: 'mat' });
    const before = snapshot();
    expect(await callErr(app, 'incoming.route', { id: doc.id, lead: 'Tổ Lưu trữ', actor: 'Nguyễn Văn An' }, vt)).toMatchObject({ code: 'VALIDATION', field: 'lead', message: expect.stringContaining('chưa có trưởng đơn vị') });
    expect(await callErr(app, 'incoming.route', { id: doc.id, lead: 'Phòng Kế toán', coUnits: ['Tổ Lưu trữ'] }, vt)).toMatchObject({ code: 'VALIDATION', field: 'coUnits' });
    expect(snapshot()).toEqual(before);
    await call(app, 'incoming.route', { id: doc.id, lead: 'Phòng Kế toán', info: ['Tổ Lưu trữ'] }, vt);
    expect(openWork(doc.id)).toEqual([`lead:user#${id(tp)}`]);
  });
});
