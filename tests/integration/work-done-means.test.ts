import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { draftSchema } from '../../shared/drafting/model';
import { addUser, call, callErr, fixedClock, sampleIncoming, tempApp } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * Issue 17's "Done means", across its parts, as one office lives it through the API every host serves: the văn thư
 * registers a document and sends it to the leader; the leader's bút phê gives it to a unit with a deadline; the unit's
 * head passes it to a chuyên viên, whose inbox shows it; the chuyên viên drafts the reply (a Kế hoạch), which is
 * approved, signed and issued and closes the document; the follow-up book shows the reply's number; the issued plan
 * becomes tasks, one is finished late and the unit's dashboard counts it late; the year's hồ sơ with both documents is
 * refused closing while tasks are open, then closed, handed over, and its package verifies.
 */
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[work-done-means] skipped: the openssl command (test CA for signing the reply) is not installed');

const DAY = 86_400_000;
const clock = fixedClock(new Date()); // the test CA's certificates start today
let app: AppContext & { cleanup(): Promise<void> };
let vt: Session, gd: Session, tp: Session, cv: Session, qt: Session;
let unitId: number;
const today = () => app.today();
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await tempApp({ clock: clock.clock });
  vt = await addUser(app, 'vt', ['vanthu'], 'Trần Văn Thư');
  gd = await addUser(app, 'gd', ['lanhdao'], 'Nguyễn Văn An');
  tp = await addUser(app, 'tp', ['chuyenvien'], 'Vũ Trưởng Ban');
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Lê Chuyên Viên');
  qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
  await call(app, 'settings.saveOrganisation', { profile: 'state', name: 'Ủy ban nhân dân tỉnh Bắc Ninh', abbr: 'UBND', place: 'Bắc Ninh', organId: '000.00.00.H06' }, qt);
  // The unit the sample plan names as chủ trì of its activities.
  unitId = (await call(app, 'units.save', { name: 'Ban Kế hoạch - Hỗ trợ', head: 'tp', members: ['cv'] }, qt)).id;
});
afterAll(() => app.cleanup());

describe.skipIf(!haveOpenssl)('a document reaches people, is answered, its plan is followed and its hồ sơ handed over', () => {
  it('runs the whole path', async () => {
    // The văn thư registers and submits; the leader's bút phê gives the unit 10 days.
    const doc = await call(app, 'incoming.register', sampleIncoming({ ref: '45/UBND-KT', subject: 'Về việc xây dựng kế hoạch Tháng hành động vì hợp tác xã', docDate: today() }), vt);
    await call(app, 'incoming.submit', { id: doc.id, to: 'gd' }, vt);
    expect((await call(app, 'inbox.mine', {}, gd)).items.map((i) => [i.kind, i.refId, i.action])).toEqual([['incoming', doc.id, 'instruct']]);
    const deadline = addDays(today(), 10);
    await call(app, 'incoming.instruct', { id: doc.id, lead: 'Ban Kế hoạch - Hỗ trợ', deadline, note: 'Giao Ban Kế hoạch - Hỗ trợ dự thảo kế hoạch.' }, gd);
    expect((await call(app, 'inbox.mine', {}, gd)).items).toEqual([]);

    // The unit head passes it on; the chuyên viên's inbox holds it (and the unit's row leaves every inbox).
    expect((await call(app, 'inbox.mine', {}, tp)).items.map((i) => [i.refId, i.unitName])).toEqual([[doc.id, 'Ban Kế hoạch - Hỗ trợ']]);
    await call(app, 'incoming.assign', { id: doc.id, to: 'cv' }, tp);
    const mine = await call(app, 'inbox.mine', {}, cv);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ kind: 'incoming', refId: doc.id, action: 'lead', deadline, overdue: false });
    expect(mine.items[0].title).toContain('Tháng hành động vì hợp tác xã');
    expect((await call(app, 'inbox.count', {}, cv)).total).toBe(1);
    expect((await call(app, 'inbox.mine', {}, tp)).items).toEqual([]);

    // The chuyên viên drafts the reply: a Kế hoạch, through the outgoing workflow.
    const pki = makeTestPki();
    const key = (name: string) => ({ kind: 'p12' as const, data: new Uint8Array(fs.readFileSync(pki.p12(name))), password: '123456' });
    const draft = draftSchema.parse({
      ...statePlan(2),
      number: null,
      date: null,
      organ: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      organAbbr: 'UBND',
      archive: ['VT'],
      signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
    });
    const d = await call(app, 'drafts.save', { draft }, cv);
    await call(app, 'outgoing.submit', { id: d.id, to: gd.caller!.id }, cv);
    await call(app, 'outgoing.approve', { id: d.id }, gd);
    await call(app, 'outgoing.sign', { id: d.id, key: key('Nguyễn Văn An') }, gd);
    const plan = await call(app, 'outgoing.issue', { id: d.id, key: key('Ủy ban nhân dân tỉnh Bắc Ninh') }, vt);

    // The reply closes the document; the follow-up book shows its number.
    const done = await call(app, 'incoming.finish', { id: doc.id, reply: plan.id, note: 'Đã ban hành kế hoạch.' }, cv);
    expect(done.status).toBe('hoan-thanh');
    expect((await call(app, 'inbox.mine', {}, cv)).items).toEqual([]);
    const book = await call(app, 'registerBook.export', { kind: 'followup', from: addDays(today(), -1), to: addDays(today(), 1), format: 'xlsx' }, vt);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(book.data) as unknown as ArrayBuffer);
    const rows: string[] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).map(String).join('|')));
    expect(rows.find((r) => r.includes('45/UBND-KT'))).toContain(plan.ref);

    // The issued plan becomes tasks for the unit, every row with the deadline the văn thư confirms.
    const preview = await call(app, 'tasks.fromPlanPreview', { outgoingId: plan.id }, vt);
    expect(preview.rows).toHaveLength(3);
    expect(preview.rows.every((r) => r.lead?.unitId === unitId)).toBe(true);
    const taskDeadline = addDays(today(), 5);
    const made = await call(app, 'tasks.fromPlan', { outgoingId: plan.id, rows: preview.rows.map((r) => ({ row: r.row, title: r.title, lead: { unitId }, deadline: taskDeadline })) }, vt);
    expect(made.created).toHaveLength(preview.rows.length);

    // One task is finished three days after its deadline: the dashboard counts it late, the rest still open.
    clock.advance(8 * DAY);
    const [first, ...rest] = made.created;
    await call(app, 'tasks.submitResult', { id: first, note: 'Đã tổ chức hội nghị.' }, cv);
    await call(app, 'tasks.approve', { id: first }, vt);
    const dash = await call(app, 'tasks.dashboard', { unitId }, tp);
    expect(dash.units.find((u) => u.unitId === unitId)).toMatchObject({ total: made.created.length, onTime: 0, late: 1, open: rest.length, overdue: rest.length });

    // The year's hồ sơ: both documents; closing waits for the plan's open tasks.
    const h = await call(app, 'hoso.add', { code: 'KH-01', title: 'Hồ sơ Tháng hành động vì hợp tác xã', retention: '1.11' }, vt);
    await call(app, 'hoso.addDoc', { id: h.id, kind: 'incoming', refId: doc.id }, vt);
    await call(app, 'hoso.addDoc', { id: h.id, kind: 'outgoing', refId: plan.id }, vt);
    expect(await callErr(app, 'hoso.close', { id: h.id }, vt)).toMatchObject({ message: expect.stringContaining('việc') });
    for (const t of rest) await call(app, 'tasks.cancel', { id: t, reason: 'Chuyển sang kế hoạch năm sau.' }, vt);
    expect((await call(app, 'hoso.close', { id: h.id }, vt)).status).toBe('dong');
    const [pkg] = await call(app, 'hoso.handover', { ids: [h.id] }, vt);
    const report = await call(app, 'hoso.verifyPackage', { data: pkg.data, name: pkg.fileName }, vt);
    expect(report).toMatchObject({ ok: true, docTotal: 2, problems: [], matches: { id: h.id, code: 'KH-01' } });
  }, 60_000);
});
