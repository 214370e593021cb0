import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import type { IncomingRow } from '../../shared/incoming/schemas';
import type { MethodInput } from '../../shared/api/contract';
import { addUser, call, callErr, sampleIncoming, tempApp } from '../helpers/app';
import { listSql } from '../../electron/incoming/list-repo';

/**
 * Issue 15, item 12: the dashboard reads tallies kept in the writing transaction (migration 012), never more than a
 * reader may see; the register pages by keyset, and a page asked for by position is placed through the tallies. The
 * counts are checked against the rows each reader lists, after every kind of write.
 */
let app: AppContext & { cleanup(): Promise<void> };
let vt: Session, vt2: Session, ld: Session, cv: Session, qt: Session;
const TODAY = '2026-03-15'; // tempApp's fixed clock

beforeAll(async () => {
  app = await tempApp();
  vt = await addUser(app, 'vt', ['vanthu'], 'Trần Văn Thư');
  vt2 = await addUser(app, 'vt2', ['vanthu'], 'Lý Văn Thư Hai');
  ld = await addUser(app, 'ld', ['lanhdao'], 'Lê Giám Đốc');
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Nguyễn Chuyên Viên', { unit: 'Phòng Tổng hợp' });
  qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
  // A secret document reaches a unit through its head (issue 17): the unit has one.
  await addUser(app, 'tth', ['chuyenvien'], 'Trưởng Phòng Tổng Hợp');
  await call(app, 'units.save', { name: 'Phòng Tổng hợp', head: 'tth' }, qt);
});
afterAll(() => app.cleanup());

type Summary = Awaited<ReturnType<typeof summaryOf>>;
const summaryOf = async (who: Session) => {
  const s = await call(app, 'dashboard.summary', {}, who);
  return { byStatus: s.byStatus, overdue: s.overdue, registeredToday: s.registeredToday, thisYear: s.thisYear, perMonth: s.perMonth, overdueByUnit: s.overdueByUnit, urgentPending: s.urgentPending };
};

/** The same figures counted from the rows the reader lists (the read rule applied by the list). */
async function countedFromRows(who: Session): Promise<Summary> {
  const rows: IncomingRow[] = (await call(app, 'incoming.list', { limit: 1000 }, who)).rows;
  const byStatus = { 'cho-xu-ly': 0, 'dang-xu-ly': 0, 'hoan-thanh': 0, 'da-huy': 0 };
  const perMonth = new Array<number>(12).fill(0);
  const units = new Map<string, number>();
  for (const r of rows) {
    byStatus[r.status]++;
    if (r.arrivalDate.startsWith('2026-')) perMonth[Number(r.arrivalDate.slice(5, 7)) - 1]++;
    if (r.overdue) units.set(r.lead || 'Chưa giao', (units.get(r.lead || 'Chưa giao') ?? 0) + 1);
  }
  return {
    byStatus,
    overdue: rows.filter((r) => r.overdue).length,
    registeredToday: rows.filter((r) => r.arrivalDate === TODAY).length,
    thisYear: perMonth.reduce((a, b) => a + b, 0),
    perMonth,
    overdueByUnit: [...units].map(([unit, count]) => ({ unit, count })).sort((a, b) => b.count - a.count || (a.unit < b.unit ? -1 : 1)),
    urgentPending: rows.filter((r) => r.status === 'cho-xu-ly' && r.urgency !== 'thuong').length,
  };
}

/** Every tally equals a count of the register's rows (whatever wrote them). */
function talliesMatchRows(): void {
  const q = (sql: string) => app.db.prepare(sql).all();
  expect(q('SELECT status, urgency, secrecy, n FROM incoming_tally_status WHERE n <> 0 ORDER BY 1, 2, 3')).toEqual(
    q('SELECT status, urgency, secrecy, COUNT(*) AS n FROM incoming_docs GROUP BY 1, 2, 3 ORDER BY 1, 2, 3'),
  );
  expect(q('SELECT arrival_date, book_id, secrecy, status, n FROM incoming_tally_day WHERE n <> 0 ORDER BY 1, 2, 3, 4')).toEqual(
    q('SELECT arrival_date, book_id, secrecy, status, COUNT(*) AS n FROM incoming_docs GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4'),
  );
  expect(q('SELECT deadline, lead, secrecy, n FROM incoming_tally_deadline WHERE n <> 0 ORDER BY 1, 2, 3')).toEqual(
    q(`SELECT deadline, coalesce(lead, '') AS lead, secrecy, COUNT(*) AS n FROM incoming_docs
       WHERE deadline IS NOT NULL AND status IN ('cho-xu-ly', 'dang-xu-ly') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
  );
}

async function everyoneAgrees(): Promise<void> {
  talliesMatchRows();
  for (const who of [vt, vt2, ld, cv]) expect(await summaryOf(who)).toEqual(await countedFromRows(who));
}

describe('dashboard tallies', () => {
  it('stay equal to the rows through registration, bulk import, routing, status, correction and cancel, per reader', async () => {
    const reg = (over: Partial<MethodInput<'incoming.register'>>) => call(app, 'incoming.register', sampleIncoming(over), vt);
    const a = await reg({ ref: '1/KH', arrivalDate: '2026-01-05', docDate: '2026-01-02', urgency: 'khan' });
    const b = await reg({ ref: '2/KH', arrivalDate: '2026-02-10', docDate: '2026-02-01' });
    const c = await reg({ ref: '3/KH', arrivalDate: TODAY, docDate: '2026-03-01', public: true });
    const s1 = await reg({ ref: '4/MAT', arrivalDate: '2026-02-11', docDate: '2026-02-01', secrecy: 'mat', urgency: 'hoa-toc' });
    const s2 = await reg({ ref: '5/MAT', arrivalDate: '2026-03-01', docDate: '2026-02-20', secrecy: 'toi-mat' });
    await reg({ ref: '6/CV', arrivalDate: '2025-12-30', docDate: '2025-12-29' });
    await call(app, 'incoming.bulkRegister', {
      records: [
        { ...sampleIncoming({ ref: '7/BC', arrivalDate: '2026-03-14', docDate: '2026-03-10', urgency: 'thuong-khan' }) },
        { ...sampleIncoming({ ref: '8/BC', arrivalDate: TODAY, docDate: '2026-03-10' }) },
      ],
    }, vt);
    await everyoneAgrees();

    // Routing with deadlines in the past: overdue per lead unit; a secret one to the chuyên viên's unit.
    await call(app, 'incoming.route', { id: a.id, lead: 'Phòng Tổng hợp', deadline: '2026-02-01' }, ld);
    await call(app, 'incoming.route', { id: b.id, lead: 'Phòng Kế toán', deadline: '2026-03-01' }, ld);
    await call(app, 'incoming.route', { id: s1.id, lead: 'Phòng Tổng hợp', deadline: '2026-03-01' }, ld);
    await call(app, 'incoming.route', { id: s2.id, lead: 'Lê Giám Đốc', deadline: '2026-04-01' }, ld);
    await everyoneAgrees();
    expect((await summaryOf(vt)).overdueByUnit).toEqual([{ unit: 'Phòng Tổng hợp', count: 2 }, { unit: 'Phòng Kế toán', count: 1 }]);

    // The secret register is kept by vt from now on: vt2 sees no secret document and no count of one.
    await call(app, 'units.saveSecrecy', { secretClerks: ['vt'], officeHeads: ['ld'] }, qt);
    await everyoneAgrees();
    const plainOnly = await summaryOf(vt2);
    const all = await summaryOf(vt);
    expect(Object.values(all.byStatus).reduce((x, y) => x + y, 0) - Object.values(plainOnly.byStatus).reduce((x, y) => x + y, 0)).toBe(2);
    expect(plainOnly.overdueByUnit).toEqual([{ unit: 'Phòng Kế toán', count: 1 }, { unit: 'Phòng Tổng hợp', count: 1 }]);
    // The chuyên viên counts what is routed to their unit (the plain one only: a unit's members are not named on a
    // secret document) and the công khai one.
    expect((await summaryOf(cv)).thisYear).toBe(2);

    // Status, correction (độ khẩn, độ mật), re-routing, cancel.
    await call(app, 'incoming.setStatus', { id: a.id, status: 'hoan-thanh' }, cv);
    await call(app, 'incoming.update', { id: c.id, urgency: 'hoa-toc', expectedUpdatedAt: c.updatedAt }, vt);
    await call(app, 'incoming.route', { id: b.id, lead: 'Phòng Tổng hợp', deadline: '2026-03-10' }, ld);
    await call(app, 'incoming.cancel', { id: s2.id, reason: 'Vào sổ nhầm' }, vt);
    await everyoneAgrees();

    // A write outside the services (a repair by hand) keeps them too: the triggers count, not the service code.
    app.db.exec(`UPDATE incoming_docs SET status = 'dang-xu-ly', deadline = '2026-03-02', lead = NULL WHERE ref = '8/BC'`);
    app.db.exec(`UPDATE incoming_docs SET arrival_date = '2026-03-13' WHERE ref = '7/BC'`);
    await everyoneAgrees();
    expect((await summaryOf(vt)).overdueByUnit).toContainEqual({ unit: 'Chưa giao', count: 1 });
  });

  it('are read, not counted: the summary follows the tally tables', async () => {
    const before = await summaryOf(vt);
    app.db.exec(`UPDATE incoming_tally_status SET n = n + 1000 WHERE status = 'hoan-thanh' AND urgency = 'khan' AND secrecy = 'thuong'`);
    try {
      expect((await summaryOf(vt)).byStatus['hoan-thanh']).toBe(before.byStatus['hoan-thanh'] + 1000);
      // The chuyên viên's figures are counted from their own rows: a tally can never show them anyone else's.
      expect(await summaryOf(cv)).toEqual(await countedFromRows(cv));
    } finally {
      app.db.exec(`UPDATE incoming_tally_status SET n = n - 1000 WHERE status = 'hoan-thanh' AND urgency = 'khan' AND secrecy = 'thuong'`);
    }
    talliesMatchRows();
  });
});

describe('keyset paging of the register', () => {
  let all: Record<string, IncomingRow[]>;
  const SORTS = ['arrivalDate', 'arrivalNumber', 'docDate', 'sender', 'subject'] as const;
  const senders = ['Bộ Nội vụ', 'Sở Tài chính', 'Ủy ban nhân dân tỉnh Bắc Ninh', 'Đảng ủy Khối'];

  beforeAll(async () => {
    // 300 more documents over a few days (many on one day, equal sort keys), a second book for some.
    await call(app, 'books.create', { kind: 'incoming', name: 'Sổ đơn thư' }, vt);
    const records = Array.from({ length: 300 }, (_, i) => ({
      ...sampleIncoming({
        ref: `${100 + i}/TB`,
        sender: senders[i % senders.length],
        subject: i % 3 ? 'Thông báo kết luận cuộc họp' : `Kế hoạch số ${i}`,
        arrivalDate: `2026-03-${String(1 + (i % 7)).padStart(2, '0')}`,
        docDate: `2026-02-${String(1 + (i % 20)).padStart(2, '0')}`,
        book: i % 5 === 0 ? 'Sổ đơn thư' : undefined,
      }),
    }));
    await call(app, 'incoming.bulkRegister', { records }, vt);
    all = {};
    for (const sort of SORTS) for (const order of ['asc', 'desc'] as const) all[`${sort} ${order}`] = (await call(app, 'incoming.list', { sort, order, limit: 1000 }, vt)).rows;
  });

  it('walks every sort forwards with nextCursor and backwards with prevCursor, the same rows as one long page', async () => {
    for (const sort of SORTS)
      for (const order of ['asc', 'desc'] as const) {
        const want = all[`${sort} ${order}`].map((r) => r.id);
        expect(want.length).toBeGreaterThan(300);
        const seen: number[] = [];
        let page = await call(app, 'incoming.list', { sort, order, limit: 40, withTotal: false }, vt);
        const pages = [page];
        for (;;) {
          seen.push(...page.rows.map((r) => r.id));
          if (!page.nextCursor) break;
          page = await call(app, 'incoming.list', { sort, order, limit: 40, withTotal: false, after: page.nextCursor }, vt);
          pages.push(page);
        }
        expect(seen, `${sort} ${order}`).toEqual(want);
        // Backwards from the last page: each page before is the one walked forwards.
        let back = pages[pages.length - 1];
        for (let k = pages.length - 2; k >= 0; k--) {
          back = await call(app, 'incoming.list', { sort, order, limit: 40, withTotal: false, before: back.prevCursor! }, vt);
          expect(back.rows.map((r) => r.id)).toEqual(pages[k].rows.map((r) => r.id));
        }
      }
  });

  it('a page asked for by position is the same rows, placed through the tallies, with filters and past the end', async () => {
    const filters: Partial<MethodInput<'incoming.list'>>[] = [{}, { year: 2026 }, { book: 'Sổ đơn thư' }, { status: 'cho-xu-ly' }, { from: '2026-03-02', to: '2026-03-05' }, { senderId: 1 }];
    for (const f of filters)
      for (const order of ['asc', 'desc'] as const) {
        const whole = (await call(app, 'incoming.list', { ...f, order, limit: 1000 }, vt)).rows.map((r) => r.id);
        for (const offset of [0, 37, 120, 233, whole.length - 3, whole.length + 5].filter((o) => o >= 0)) {
          const page = await call(app, 'incoming.list', { ...f, order, offset, limit: 30 }, vt);
          expect(page.rows.map((r) => r.id), JSON.stringify({ f, order, offset })).toEqual(whole.slice(offset, offset + 30));
          expect(page.total).toBe(whole.length);
        }
      }
  });

  it('a chuyên viên pages through only what they may read', async () => {
    const mine = (await call(app, 'incoming.list', { limit: 1000 }, cv)).rows.map((r) => r.id);
    const first = await call(app, 'incoming.list', { limit: 1, withTotal: true }, cv);
    expect(first.total).toBe(mine.length);
    const second = await call(app, 'incoming.list', { limit: 1, after: first.nextCursor! }, cv);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(mine.slice(0, 2));
  });

  it('refuses a cursor of another sort, a forged one, and after with before', async () => {
    const p = await call(app, 'incoming.list', { sort: 'sender', order: 'asc', limit: 5 }, vt);
    expect(await callErr(app, 'incoming.list', { sort: 'subject', order: 'asc', after: p.nextCursor }, vt)).toMatchObject({ code: 'VALIDATION', field: 'after' });
    expect(await callErr(app, 'incoming.list', { sort: 'sender', order: 'desc', after: p.nextCursor }, vt)).toMatchObject({ code: 'VALIDATION', field: 'after' });
    expect(await callErr(app, 'incoming.list', { after: Buffer.from('["arrivalDate","desc",{"x":1}]').toString('base64url') }, vt)).toMatchObject({ code: 'VALIDATION', field: 'after' });
    expect(await callErr(app, 'incoming.list', { after: 'not a cursor!' }, vt)).toMatchObject({ code: 'VALIDATION', field: 'after' });
    expect(await callErr(app, 'incoming.list', { after: p.nextCursor, before: p.prevCursor }, vt)).toMatchObject({ code: 'VALIDATION', field: 'before' });
  });

  it('every keyset page is an index seek in sort order: no scan, no sorting', () => {
    const plan = (sql: string, params: unknown[]) =>
      (app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const INDEX = { arrivalDate: 'incoming_by_date', arrivalNumber: 'incoming_by_number', docDate: 'incoming_by_doc_date', sender: 'incoming_by_sender_sort', subject: 'incoming_by_subject_sort' };
    const KEY = { arrivalDate: ['2026-03-03', 50], arrivalNumber: [2026, 50, 50], docDate: ['2026-02-03', 50], sender: ['x', 50], subject: ['x', 50] };
    for (const sort of SORTS)
      for (const order of ['asc', 'desc'] as const)
        for (const dir of ['after', 'before'] as const) {
          const q = listSql({}, sort, order, { offset: 0, limit: 100, [dir]: KEY[sort] });
          const p = plan(q.sql, q.params);
          expect(p, `${sort} ${order} ${dir}`).toMatch(new RegExp(`SEARCH d USING (COVERING )?INDEX ${INDEX[sort]} \\(`));
          expect(p, `${sort} ${order} ${dir}`).not.toMatch(/TEMP B-TREE|SCAN d\b/);
        }
  });
});

describe('bulk registration takes each book’s numbers for the batch at once', () => {
  it('numbers every book and year in input order, and a refused batch takes no number', async () => {
    const next = async (book?: string) => (await call(app, 'incoming.register', sampleIncoming({ ref: `N-${Math.random()}`, arrivalDate: '2026-03-15', book }), vt)).arrivalNumber;
    const before = { main: await next(), other: await next('Sổ đơn thư') };
    const rec = (ref: string, arrivalDate: string, book?: string) => sampleIncoming({ ref, arrivalDate, docDate: '2025-12-01', book });
    const bad = await callErr(app, 'incoming.bulkRegister', { records: [rec('B1', '2026-03-15'), rec('B2', '2026-03-15'), { ...rec('B3', '2026-03-15'), docDate: '2026-03-16' }] }, vt);
    expect(bad).toMatchObject({ code: 'VALIDATION', field: 'records.2.docDate' });
    expect(bad.message).toMatch(/^Bản ghi thứ 3: .*Không bản ghi nào được ghi\.$/);
    const r = await call(app, 'incoming.bulkRegister', {
      records: [rec('A1', '2026-03-15'), rec('A2', '2026-03-15', 'Sổ đơn thư'), rec('A3', '2025-12-30'), rec('A4', '2026-03-15'), rec('A5', '2026-03-15', 'Sổ đơn thư')],
    }, vt);
    expect(r).toEqual({ count: 5, firstNumber: before.main + 1, lastNumber: before.other + 2 });
    const numbers = Object.fromEntries(
      (await call(app, 'incoming.list', { limit: 1000 }, vt)).rows.filter((x) => /^A\d$/.test(x.ref)).map((x) => [x.ref, `${x.arrivalNumber}/${x.year}`]),
    );
    const year2025 = (await call(app, 'incoming.list', { year: 2025, sort: 'arrivalNumber', order: 'desc', limit: 2 }, vt)).rows.find((x) => x.ref !== 'A3')!.arrivalNumber;
    expect(numbers).toEqual({
      A1: `${before.main + 1}/2026`,
      A2: `${before.other + 1}/2026`,
      A3: `${year2025 + 1}/2025`,
      A4: `${before.main + 2}/2026`,
      A5: `${before.other + 2}/2026`,
    });
    expect(await next()).toBe(before.main + 3);
  });
});
