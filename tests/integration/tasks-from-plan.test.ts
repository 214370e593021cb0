import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { draftSchema } from '../../shared/drafting/model';
import { parseOfficialText } from '../../shared/drafting/parse-text';
import { readDeadline } from '../../shared/tasks/deadline-text';
import { planActivities } from '../../shared/tasks/plan-rows';
import { addUser, call, callErr, FIXED_NOW, fixedClock, rowsCount, tempApp } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { taskPlan } from '../fixtures/task-plans';

/**
 * An issued Kế hoạch becomes tasks in one step: its activities (table rows, activity blocks, "Phân công thực hiện"
 * items) are proposed with the lead, co-handlers and deadline read from the text; the user's confirmed mapping
 * creates them at once, and never twice. Then the burn chart, the spreadsheet and the Báo cáo kết quả thực hiện.
 */

describe('reading a plan’s times and activities', () => {
  it('turns the times plans write into deadlines', () => {
    const read = (t: string) => readDeadline(t, 2024).deadline;
    expect(read('Tháng 3/2024')).toBe('2024-03-31');
    expect(read('Tháng 02/2024')).toBe('2024-02-29');
    expect(read('Quý II/2024')).toBe('2024-06-30');
    expect(read('Quý 4')).toBe('2024-12-31');
    expect(read('Trước ngày 15/4/2024')).toBe('2024-04-15');
    expect(read('Năm 2024')).toBe('2024-12-31');
    expect(read('Cả năm 2024; cao điểm từ ngày 29/3/2024 đến ngày 29/4/2024')).toBe('2024-12-31');
    expect(read('Cuối tháng 04, đầu tháng 5/2024.')).toBe('2024-05-10');
    expect(read('Từ ngày 07/4 – 11/4/2024.')).toBe('2024-04-11');
    expect(read('6 tháng đầu năm 2025')).toBe('2025-06-30');
    expect(read('ngày 15 tháng 4 năm 2024')).toBe('2024-04-15');
    expect(readDeadline('Thường xuyên', 2024)).toEqual({ deadline: null, kind: 'none' });
    expect(readDeadline('Theo tiến độ dự án', 2024)).toEqual({ deadline: null, kind: 'unknown' });
  });

  const real = path.resolve(__dirname, '../../../shared/fixtures/ke-hoach-70-KH-BTVLMHTXVN.txt');
  const haveReal = fs.existsSync(real);
  if (!haveReal) console.log(`[tasks-from-plan] the real Kế hoạch 70/KH is not here (${real}): its check is skipped; the project's own plan still runs`);
  it.skipIf(!haveReal)('finds the activities of the real Kế hoạch 70/KH with their lead units and times', () => {
    const d = draftSchema.parse(parseOfficialText(fs.readFileSync(real, 'utf8')).draft);
    const acts = planActivities(d);
    expect(acts.length).toBeGreaterThanOrEqual(12);
    expect(acts[0]).toMatchObject({ kind: 'activity', title: 'Hoạt động truyền thông', lead: 'Trung tâm Thông tin - Tuyên truyền' });
    const launch = acts.find((a) => a.title.startsWith('Lễ phát động'))!;
    expect(launch).toMatchObject({ lead: 'Ban Kế hoạch - Hỗ trợ', time: 'Cuối tháng 03/2024' });
    expect(readDeadline(launch.time, 2024).deadline).toBe('2024-03-31');
  });
});

const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[tasks-from-plan] skipped: the openssl command is not installed (it makes the keys that sign and issue the plan)');

describe.skipIf(!haveOpenssl)('an issued plan becomes tasks', () => {
  const clock = fixedClock();
  let app: AppContext & { cleanup(): Promise<void> };
  let admin: Session, ld: Session, vt: Session, cv1: Session;
  let outgoingId: number;
  let letterId: number;
  let units: Record<string, number>;

  type Key = { kind: 'p12'; data: Uint8Array; password: string };
  let keys: { leader: Key; organ: Key };
  async function issue(draft: ReturnType<typeof taskPlan>, date: string): Promise<number> {
    clock.set(new Date()); // the test certificates are valid from yesterday, by the real clock
    const d = await call(app, 'drafts.save', { draft }, vt);
    await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id }, vt);
    await call(app, 'outgoing.approve', { id: d.id }, ld);
    await call(app, 'outgoing.sign', { id: d.id, key: keys.leader }, ld);
    const issued = await call(app, 'outgoing.issue', { id: d.id, key: keys.organ, date }, vt);
    clock.set(FIXED_NOW);
    return issued.id;
  }

  beforeAll(async () => {
    app = await tempApp({ withUser: false, clock: clock.clock });
    admin = await addUser(app, 'quantri', ['quantri'], 'Quản Trị');
    ld = await addUser(app, 'ld', ['lanhdao'], 'Phạm Văn Lãnh', { title: 'Giám đốc' });
    vt = await addUser(app, 'vt', ['vanthu'], 'Đỗ Văn Thư');
    cv1 = await addUser(app, 'cv1', ['chuyenvien'], 'Lê Thị Một');
    units = {};
    for (const [name, members] of [['Phòng Tổng hợp', ['cv1']], ['Phòng Hành chính', []], ['Văn phòng', []]] as const) {
      units[name] = (await call(app, 'units.save', { name, members: [...members] }, admin)).id;
    }
    const pki = makeTestPki();
    const key = (name: string): Key => ({ kind: 'p12', data: new Uint8Array(fs.readFileSync(pki.p12(name))), password: '123456' });
    keys = { leader: key('Phạm Văn Lãnh'), organ: key('Sở Nội vụ') };
    outgoingId = await issue(taskPlan(), '2026-03-02');
    letterId = await issue({ ...taskPlan(), docType: 'cong-van', unitAbbr: 'VP', subject: 'Về việc nộp lưu hồ sơ', addressees: ['Các phòng thuộc Sở'] }, '2026-03-03');
  }, 60_000);
  afterAll(() => app.cleanup());

  it('proposes each activity with its lead, co-handlers and deadline, and the text each came from', async () => {
    const p = await call(app, 'tasks.fromPlanPreview', { outgoingId }, vt);
    expect(p.outgoing).toMatchObject({ id: outgoingId, date: '2026-03-02', docType: 'ke-hoach' });
    const rows = p.rows.map((r) => ({ row: r.row, kind: r.source.kind, title: r.title, lead: r.lead?.name ?? null, co: r.co.map((c) => `${c.kind}:${c.name}`), deadline: r.deadline }));
    expect(rows).toEqual([
      { row: 1, kind: 'table', title: 'Tuyên truyền Nghị định 30/2020/NĐ-CP trên cổng thông tin', lead: 'Phòng Tổng hợp', co: ['unit:Văn phòng', 'text:Trung tâm Thông tin tỉnh'], deadline: '2026-03-31' },
      { row: 2, kind: 'table', title: 'Tập huấn văn thư cho các phòng', lead: 'Phòng Hành chính', co: ['unit:Phòng Tổng hợp'], deadline: '2026-06-30' },
      { row: 3, kind: 'table', title: 'Rà soát danh mục hồ sơ', lead: null, co: [], deadline: '2026-04-15' },
      { row: 4, kind: 'table', title: 'Số hóa tài liệu lưu trữ', lead: 'Lê Thị Một', co: ['unit:Phòng Tổng hợp', 'text:Công ty Cổ phần Số hóa'], deadline: '2026-12-31' },
      { row: 5, kind: 'table', title: 'Cập nhật cơ sở dữ liệu văn bản đi, đến', lead: 'Phòng Hành chính', co: [], deadline: null },
      { row: 6, kind: 'table', title: 'Báo cáo sơ kết', lead: 'Phòng Hành chính', co: [], deadline: null },
      { row: 7, kind: 'activity', title: 'Hội nghị tổng kết công tác văn thư, lưu trữ', lead: 'Văn phòng', co: ['text:Các phòng thuộc Sở'], deadline: '2026-11-30' },
      { row: 8, kind: 'assignment', title: 'Xây dựng quy chế công tác văn thư, lưu trữ của cơ quan', lead: 'Phòng Tổng hợp', co: ['unit:Phòng Hành chính'], deadline: '2026-12-31' },
    ]);
    expect(p.rows[2].source).toMatchObject({ lead: 'Ban Kiểm tra cơ quan', time: 'Trước ngày 15/4/2026' });
    expect(p.rows[3].note).toBe('Sản phẩm: 2.000 hồ sơ');
    expect(p.rows[4].source.time).toBe('Thường xuyên');
    expect(p.rows[5].deadlineWarning).toContain('trước ngày ban hành 02/03/2026');
    expect(p.rows[6].note).toBe('Địa điểm: Hội trường Sở');
    expect(p.rows[7].source).toMatchObject({ time: 'Năm 2026', where: 'Phụ lục, Mục I' });
    expect(p.rows.every((r) => r.taskId === null)).toBe(true);
  });

  it('refuses what is not an issued plan, and a chuyên viên', async () => {
    expect(await callErr(app, 'tasks.fromPlanPreview', { outgoingId: letterId }, vt)).toMatchObject({ code: 'VALIDATION' });
    expect(await callErr(app, 'tasks.fromPlanPreview', { outgoingId: 999 }, vt)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'tasks.fromPlanPreview', { outgoingId }, cv1)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('creates the confirmed rows in one step; an unmatched lead must be chosen; a second run makes no duplicate', async () => {
    const p = await call(app, 'tasks.fromPlanPreview', { outgoingId }, vt);
    const toRow = (r: (typeof p.rows)[number], lead = r.lead ? (r.lead.unitId ? { unitId: r.lead.unitId } : { userId: r.lead.userId! }) : r.source.lead) => ({
      row: r.row,
      title: r.title,
      lead,
      co: r.co.map((c) => (c.unitId ? { unitId: c.unitId } : c.userId ? { userId: c.userId } : c.name)),
      deadline: r.deadline,
      note: r.note ?? undefined,
    });
    const before = rowsCount(app, 'tasks');
    // Row 3's lead is no unit of the office: the whole step is refused, nothing created.
    const refused = await callErr(app, 'tasks.fromPlan', { outgoingId, rows: p.rows.map((r) => toRow(r)) }, vt);
    expect(refused).toMatchObject({ code: 'VALIDATION', field: 'rows.2.lead' });
    expect(refused.message).toContain('Dòng 3: «Ban Kiểm tra cơ quan» không phải đơn vị hay tài khoản của cơ quan');
    expect(rowsCount(app, 'tasks')).toBe(before);
    // A deadline before the plan's date is refused too.
    const early = await callErr(app, 'tasks.fromPlan', { outgoingId, rows: [{ ...toRow(p.rows[5]), deadline: '2026-01-31' }] }, vt);
    expect(early).toMatchObject({ code: 'VALIDATION', field: 'rows.0.deadline' });
    const rows = p.rows.map((r) => (r.row === 3 ? toRow(r, { unitId: units['Văn phòng'] }) : r.row === 6 ? { ...toRow(r), deadline: '2026-06-30' } : toRow(r)));
    const made = await call(app, 'tasks.fromPlan', { outgoingId, rows }, vt);
    expect(made.created).toHaveLength(8);
    expect(made.skipped).toEqual([]);
    const list = await call(app, 'tasks.list', { outgoingId }, ld);
    expect(list.total).toBe(8);
    const third = list.rows.find((r) => r.planRow === 3)!;
    expect(third).toMatchObject({ sourceKind: 'plan', lead: { name: 'Văn phòng' }, deadline: '2026-04-15' });
    expect((await call(app, 'tasks.get', { id: third.id }, ld)).sourceText).toMatch(/^Kế hoạch số 01\/KH-SNV, dòng 3 — Triển khai công tác văn thư/);
    const again = await call(app, 'tasks.fromPlan', { outgoingId, rows }, vt);
    expect(again).toEqual({ created: [], skipped: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(rowsCount(app, 'tasks')).toBe(before + 8);
    expect((await call(app, 'tasks.fromPlanPreview', { outgoingId }, vt)).rows.every((r) => r.taskId !== null)).toBe(true);
    // The unique index holds even for a writer that skips the check.
    expect(() => app.db.prepare("INSERT INTO tasks (title, source_kind, outgoing_id, plan_row, created_by, created_at, updated_at) VALUES ('x', 'plan', ?, 1, 1, 'x', 'x')").run(outgoingId)).toThrow(/UNIQUE/);
    // The account named as lead has it waiting.
    expect(app.db.prepare("SELECT count(*) FROM work_items WHERE kind = 'task' AND user_id = ? AND closed_at IS NULL").pluck().get(cv1.caller!.id)).toBe(1);
  });

  it('one finished late: the burn chart, the dashboard, the spreadsheet and the Báo cáo kết quả thực hiện show it', async () => {
    const list = (await call(app, 'tasks.list', { outgoingId }, ld)).rows;
    const byRow = (n: number) => list.find((r) => r.planRow === n)!;
    await call(app, 'tasks.done', { id: byRow(2).id, note: 'Đã tập huấn 40 người.' }, vt); // the văn thư gave them: finished on 15/3, due 30/6
    clock.set(new Date('2026-04-20T03:00:00.000Z'));
    await call(app, 'tasks.done', { id: byRow(1).id, note: 'Đăng 5 tin bài.' }, vt); // due 31/3: late
    const burn = await call(app, 'tasks.planBurn', { outgoingId }, ld);
    expect(burn).toMatchObject({ total: 8, step: 'week' });
    expect(burn.points[0]).toEqual({ day: '2026-03-15', open: 6 + 1, ideal: 8 });
    expect(burn.points.at(-1)!.open).toBe(6);
    expect(burn.points.at(-1)!.ideal).toBe(0);
    const dash = await call(app, 'tasks.dashboard', { unitId: units['Phòng Tổng hợp'] }, ld);
    expect(dash.units[0]).toMatchObject({ total: 3, late: 1, onTime: 0, open: 2 });
    const xlsx = await call(app, 'tasks.exportXlsx', { outgoingId }, ld);
    expect(xlsx.rowCount).toBe(8);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.data) as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain('Hoàn thành (trễ hạn)');
    expect(cells).toContain('Hoàn thành đúng hạn');
    const { draftId } = await call(app, 'tasks.report', { outgoingId }, vt);
    const report = await call(app, 'drafts.get', { id: draftId }, vt);
    expect(report.draft).toMatchObject({ docType: 'bao-cao', organ: 'Sở Nội vụ', number: null });
    expect(report.draft.subject).toBe('Kết quả thực hiện Kế hoạch số 01/KH-SNV ngày 02/03/2026 về triển khai công tác văn thư, lưu trữ năm 2026');
    const table = report.draft.body.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows[0]).toEqual(['TT', 'Nội dung', 'Đơn vị chủ trì', 'Thời hạn', 'Kết quả', 'Ghi chú']);
    // Late by the working days after 31/3 up to 20/4: 1–3, 6–10, 13–17 and 20 April.
    expect(table?.kind === 'table' && table.rows[1]).toEqual(['1', 'Tuyên truyền Nghị định 30/2020/NĐ-CP trên cổng thông tin', 'Phòng Tổng hợp', '31/03/2026', 'Hoàn thành (trễ hạn); Đăng 5 tin bài.', 'Trễ 14 ngày làm việc']);
    expect(await call(app, 'drafting.render', { draft: report.draft, format: 'docx' }, vt)).toMatchObject({ mime: expect.stringContaining('wordprocessingml') });
  });

  it('a secret plan’s tasks follow the secret rule (the list, the log, the notices); their sub-tasks keep the plan', async () => {
    const list = (await call(app, 'tasks.list', { outgoingId }, ld)).rows;
    const byRow = (n: number) => list.find((r) => r.planRow === n)!;
    const unitLed = byRow(8).id; // Phòng Tổng hợp leads; cv1 is a member, not its head
    expect((await call(app, 'tasks.get', { id: unitLed }, cv1)).id).toBe(unitLed);
    app.db.prepare("UPDATE outgoing_docs SET secrecy = 'mat' WHERE id = ?").run(outgoingId);
    expect(await callErr(app, 'tasks.get', { id: unitLed }, cv1)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'tasks.list', {}, cv1)).rows.map((r) => r.id)).not.toContain(unitLed);
    expect((await call(app, 'tasks.get', { id: byRow(4).id }, cv1)).title).toBe('Số hóa tài liệu lưu trữ'); // named as its lead
    expect((await call(app, 'tasks.list', { outgoingId }, vt)).total).toBe(8); // the văn thư reads secret documents
    expect(await call(app, 'audit.list', { entity: 'task', entityId: unitLed }, admin)).toEqual([]);
    const sub = await call(app, 'tasks.add', { title: 'Khảo sát kho lưu trữ', lead: 'cv1', parentId: byRow(4).id }, cv1);
    expect(sub).toMatchObject({ outgoingId, incomingId: null, parentId: byRow(4).id });
    expect((await call(app, 'tasks.planBurn', { outgoingId }, ld)).total).toBe(8);
    // A row made again from the secret plan reaches the heads of the units named, not their members.
    await call(app, 'tasks.cancel', { id: unitLed, reason: 'Giao lại.' }, vt);
    const again = await call(
      app,
      'tasks.fromPlan',
      { outgoingId, rows: [{ row: 8, title: 'Xây dựng quy chế công tác văn thư, lưu trữ của cơ quan', lead: { unitId: units['Phòng Tổng hợp'] }, co: [], deadline: '2026-12-31' }] },
      vt,
    );
    expect(again.created).toHaveLength(1);
    expect(app.db.prepare("SELECT count(*) FROM notifications WHERE entity = 'task' AND entity_id = ? AND user_id = ?").pluck().get(again.created[0], cv1.caller!.id)).toBe(0);
  });
});
