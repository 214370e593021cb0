import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callErr, fixedClock, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import type { AppContext } from '../../electron/app/context';

let app: AppContext & { cleanup(): Promise<void> };
const clock = fixedClock();

beforeEach(async () => {
  clock.set(new Date('2026-03-15T03:00:00Z'));
  app = await tempApp({ clock: clock.clock });
});
afterEach(async () => app.cleanup());

describe('registering incoming documents (ND30 Điều 22)', () => {
  it('allocates số đến 1, 2, 3 in the default book, arrival today by default', async () => {
    const a = await call(app, 'incoming.register', sampleIncoming({ ref: '1/KH-UBND' }));
    const b = await call(app, 'incoming.register', sampleIncoming({ ref: '2/KH-UBND' }));
    const c = await call(app, 'incoming.register', sampleIncoming({ ref: '3/KH-UBND' }));
    expect([a.arrivalNumber, b.arrivalNumber, c.arrivalNumber]).toEqual([1, 2, 3]);
    expect(a.arrivalDate).toBe('2026-03-15');
    expect(a.bookName).toBe('Sổ văn bản đến');
    expect(a.status).toBe('cho-xu-ly');
    expect(a.docType).toBe('ke-hoach');
    expect(a.history.map((h) => h.toStatus)).toEqual(['cho-xu-ly']);
  });

  it('keeps a separate series per book and restarts from 1 in a new year of arrival', async () => {
    await call(app, 'incoming.register', sampleIncoming({ ref: '1/X', arrivalDate: '2026-03-14' }));
    const secret = await call(app, 'incoming.register', sampleIncoming({ ref: '2/X', book: 'Sổ văn bản mật đến', secrecy: 'mat' }));
    expect(secret.arrivalNumber).toBe(1);
    clock.set(new Date('2027-01-01T01:00:00Z'));
    const ny = await call(app, 'incoming.register', sampleIncoming({ ref: '3/X', docDate: '2026-12-30' }));
    expect(ny.year).toBe(2027);
    expect(ny.arrivalNumber).toBe(1);
    // a late registration of a document that arrived on 31/12 continues the old year's series
    const late = await call(app, 'incoming.register', sampleIncoming({ ref: '4/X', arrivalDate: '2026-12-31', docDate: '2026-12-30' }));
    expect([late.year, late.arrivalNumber]).toEqual([2026, 2]);
  });

  it('adds an unknown sender to the directory and reuses it, matching without diacritics', async () => {
    await call(app, 'incoming.register', sampleIncoming({ sender: 'Sở Tài chính', ref: '1/A' }));
    await call(app, 'incoming.register', sampleIncoming({ sender: '  so tai  chinh ', ref: '2/A' }));
    const orgs = await call(app, 'organizations.list', { query: 'tai chinh' });
    expect(orgs).toHaveLength(1);
    expect(orgs[0].name).toBe('Sở Tài chính');
    expect(orgs[0].incomingCount).toBe(2);
  });

  it('warns of a duplicate (same sender + số ký hiệu + ngày) and writes nothing unless confirmed', async () => {
    await call(app, 'incoming.register', sampleIncoming());
    const err = await callErr(app, 'incoming.register', sampleIncoming({ ref: '70 / kh-ubnd' }));
    expect(err.code).toBe('DUPLICATE');
    expect(err.message).toContain('số đến 1/2026');
    expect(rowsCount(app, 'incoming_docs')).toBe(1);
    const dup = await call(app, 'incoming.findDuplicate', { sender: 'Ủy ban nhân dân tỉnh Bắc Ninh', ref: '70/KH-UBND', docDate: '2026-03-10' });
    expect(dup?.arrivalNumber).toBe(1);
    const forced = await call(app, 'incoming.register', { ...sampleIncoming(), allowDuplicate: true });
    expect(forced.arrivalNumber).toBe(2);
  });

  it('refuses bad input with a Vietnamese message naming the field, and leaves the series untouched', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ ...sampleIncoming(), subject: '  ' }, 'subject', /Trích yếu không được để trống/],
      [{ ...sampleIncoming(), docDate: '2026-02-30' }, 'docDate', /Ngày văn bản không hợp lệ/],
      [{ ...sampleIncoming(), docDate: '15/03/2026' }, 'docDate', /YYYY-MM-DD/],
      [{ ...sampleIncoming(), arrivalDate: '2026-03-16' }, 'arrivalDate', /sau hôm nay/],
      [{ ...sampleIncoming(), docDate: '2026-03-15', arrivalDate: '2026-03-14' }, 'docDate', /sau ngày đến/],
      [{ ...sampleIncoming(), book: 'Sổ không có' }, 'book', /Không có sổ «Sổ không có»/],
      [{ ...sampleIncoming(), docType: 'Loại lạ' }, 'docType', /không có trong danh mục/],
      [{ ...sampleIncoming(), urgency: 'gap' }, 'urgency', /Độ khẩn không hợp lệ/],
      [{ sender: 'A', docDate: '2026-03-01', subject: 'x' }, 'ref', /Thiếu số và ký hiệu/],
    ];
    for (const [input, field, msg] of cases) {
      const err = await callErr(app, 'incoming.register', input);
      expect(err.field, JSON.stringify(input)).toBe(field);
      expect(err.message).toMatch(msg);
    }
    expect(rowsCount(app, 'incoming_docs')).toBe(0);
    expect(rowsCount(app, 'number_series')).toBe(0);
    expect(rowsCount(app, 'organizations')).toBe(0);
    const ok = await call(app, 'incoming.register', sampleIncoming());
    expect(ok.arrivalNumber).toBe(1);
  });

  it('bulk registration numbers in order, all or nothing', async () => {
    const records = Array.from({ length: 50 }, (_, i) => sampleIncoming({ ref: `${i + 1}/CV-X` }));
    const r = await call(app, 'incoming.bulkRegister', { records });
    expect(r).toEqual({ count: 50, firstNumber: 1, lastNumber: 50 });
    const bad = [sampleIncoming({ ref: '100/A' }), { ...sampleIncoming({ ref: '101/A' }), docDate: '2027-01-01' }];
    const err = await callErr(app, 'incoming.bulkRegister', { records: bad });
    expect(err.message).toMatch(/Bản ghi thứ 2/);
    expect(rowsCount(app, 'incoming_docs')).toBe(50);
    const next = await call(app, 'incoming.register', sampleIncoming({ ref: '102/A' }));
    expect(next.arrivalNumber).toBe(51);
  });
});

describe('routing, status and cancellation (ND30 Điều 23)', () => {
  it('routes to a lead with co-operating units and a deadline, moving chờ xử lý → đang xử lý with history', async () => {
    const d = await call(app, 'incoming.register', sampleIncoming());
    const routed = await call(app, 'incoming.route', {
      id: d.id,
      lead: 'Phòng Tổng hợp',
      coUnits: ['Văn phòng', 'Phòng Tài chính'],
      instruction: 'Nghiên cứu, tham mưu văn bản trả lời trước ngày 20/3.',
      deadline: '2026-03-20',
      actor: 'Nguyễn Văn A',
    });
    expect(routed.status).toBe('dang-xu-ly');
    expect(routed.lead).toBe('Phòng Tổng hợp');
    expect(routed.routing[0].coUnits).toEqual(['Văn phòng', 'Phòng Tài chính']);
    expect(routed.history.map((h) => h.toStatus)).toEqual(['cho-xu-ly', 'dang-xu-ly']);
    expect(routed.overdue).toBe(false);

    clock.set(new Date('2026-03-21T03:00:00Z'));
    const late = await call(app, 'incoming.get', { id: d.id });
    expect(late.overdue).toBe(true);
    const list = await call(app, 'incoming.list', { overdue: true });
    expect(list.rows.map((r) => r.id)).toEqual([d.id]);
    const dash = await call(app, 'dashboard.summary', {});
    expect(dash.overdue).toBe(1);
    expect(dash.byStatus['dang-xu-ly']).toBe(1);

    const done = await call(app, 'incoming.setStatus', { id: d.id, status: 'hoan-thanh', note: 'Đã trả lời bằng Công văn 12/UBND' });
    expect(done.overdue).toBe(false);
    expect(done.history.map((h) => h.toStatus)).toEqual(['cho-xu-ly', 'dang-xu-ly', 'hoan-thanh']);
  });

  it('cancels instead of deleting: the number stays used and is never reused', async () => {
    const a = await call(app, 'incoming.register', sampleIncoming({ ref: '1/A' }));
    await call(app, 'incoming.route', { id: a.id, lead: 'Văn phòng' });
    const c = await call(app, 'incoming.cancel', { id: a.id, reason: 'Vào sổ nhầm văn bản của đơn vị khác' });
    expect(c.status).toBe('da-huy');
    expect(c.cancelReason).toBe('Vào sổ nhầm văn bản của đơn vị khác');
    expect(c.arrivalNumber).toBe(1);
    const b = await call(app, 'incoming.register', sampleIncoming({ ref: '2/A' }));
    expect(b.arrivalNumber).toBe(2);
    const err = await callErr(app, 'incoming.route', { id: a.id, lead: 'X' });
    expect(err.code).toBe('CONFLICT');
    const noReason = await callErr(app, 'incoming.cancel', { id: b.id, reason: '' });
    expect(noReason.field).toBe('reason');
  });

  it('editing changes metadata and keeps the số đến, book and year', async () => {
    await call(app, 'incoming.register', sampleIncoming({ ref: '1/A' }));
    const b = await call(app, 'incoming.register', sampleIncoming({ ref: '2/A' }));
    const e = await call(app, 'incoming.update', { id: b.id, subject: 'Trích yếu đã sửa', sender: 'Sở Nội vụ' });
    expect(e.arrivalNumber).toBe(2);
    expect(e.subject).toBe('Trích yếu đã sửa');
    expect(e.sender).toBe('Sở Nội vụ');
    const hits = await call(app, 'search.query', { query: 'trich yeu da sua' });
    expect(hits.map((h) => h.id)).toEqual([b.id]);
  });
});

describe('the register view', () => {
  it('filters by year, book, type, urgency and date range; sorts; pages', async () => {
    const recs = [
      sampleIncoming({ ref: '1/A', arrivalDate: '2026-01-05', docDate: '2026-01-02', urgency: 'khan' }),
      sampleIncoming({ ref: '2/A', arrivalDate: '2026-02-10', docDate: '2026-02-01', docType: 'Công văn', sender: 'Bộ Nội vụ' }),
      sampleIncoming({ ref: '3/A', arrivalDate: '2026-03-01', docDate: '2026-02-25', docType: 'Quyết định' }),
    ];
    for (const r of recs) await call(app, 'incoming.register', r);
    const all = await call(app, 'incoming.list', { year: 2026 });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.ref)).toEqual(['3/A', '2/A', '1/A']);
    expect((await call(app, 'incoming.list', { urgency: 'khan' })).rows.map((r) => r.ref)).toEqual(['1/A']);
    expect((await call(app, 'incoming.list', { docType: 'cong-van' })).rows.map((r) => r.ref)).toEqual(['2/A']);
    expect((await call(app, 'incoming.list', { from: '2026-02-01', to: '2026-02-28' })).rows.map((r) => r.ref)).toEqual(['2/A']);
    expect((await call(app, 'incoming.list', { sort: 'sender', order: 'asc' })).rows[0].sender).toBe('Bộ Nội vụ');
    const page = await call(app, 'incoming.list', { sort: 'arrivalNumber', order: 'asc', offset: 1, limit: 1, withTotal: false });
    expect(page.total).toBeNull();
    expect(page.rows.map((r) => r.arrivalNumber)).toEqual([2]);
    expect((await call(app, 'incoming.list', { year: 2025 })).total).toBe(0);
    expect((await call(app, 'incoming.list', { query: 'quyet dinh' })).rows.map((r) => r.ref)).toEqual(['3/A']);
    const dash = await call(app, 'dashboard.summary', {});
    expect(dash.perMonth.slice(0, 3)).toEqual([1, 1, 1]);
    expect(dash.thisYear).toBe(3);
    expect(dash.urgentPending).toBe(1);
  });

  it('sorts by sender and trích yếu in dictionary order, and an edit moves the document in that order', async () => {
    const senders = ['Ủy ban nhân dân tỉnh', 'Đảng ủy Khối', 'Ban Tổ chức', 'Sở Y tế'];
    const subjects = ['Về việc tổ chức hội nghị', 'Đề nghị hỗ trợ kinh phí', 'Ăn trưa tập thể', 'Báo cáo quý I'];
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await call(app, 'incoming.register', sampleIncoming({ ref: `${i + 1}/S`, sender: senders[i], subject: subjects[i] }))).id);
    const order = async (sort: 'sender' | 'subject', dir: 'asc' | 'desc' = 'asc') =>
      (await call(app, 'incoming.list', { sort, order: dir })).rows.map((r) => (sort === 'sender' ? r.sender : r.subject));
    expect(await order('sender')).toEqual(['Ban Tổ chức', 'Đảng ủy Khối', 'Sở Y tế', 'Ủy ban nhân dân tỉnh']);
    expect(await order('subject')).toEqual(['Ăn trưa tập thể', 'Báo cáo quý I', 'Đề nghị hỗ trợ kinh phí', 'Về việc tổ chức hội nghị']);
    expect(await order('subject', 'desc')).toEqual(['Về việc tổ chức hội nghị', 'Đề nghị hỗ trợ kinh phí', 'Báo cáo quý I', 'Ăn trưa tập thể']);
    await call(app, 'incoming.update', { id: ids[0], sender: 'An ninh tỉnh', subject: 'Anh hùng lao động' });
    expect((await order('sender'))[0]).toBe('An ninh tỉnh');
    expect((await order('subject'))[0]).toBe('Anh hùng lao động');
  });
});
