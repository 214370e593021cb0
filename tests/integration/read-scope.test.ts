import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { addUser, call, callErr, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { makePdf } from '../fixtures/make-files';
import { statePlan } from '../fixtures/sample-drafts';
import { dispatch } from '../../electron/api/dispatch';
import { ROLES, type Role } from '../../shared/auth/roles';

/**
 * Who may read what (issue 14), per role, through the API as every host calls it: lists, lookups by id, files, search,
 * drafts, the dashboard and the audit log all follow one rule (electron/scope/repo.ts).
 */
let app: AppContext & { cleanup(): Promise<void> };
let vt: Session, ld: Session, ld2: Session, cv: Session, cv2: Session, tp: Session, qt: Session;
let routed: Awaited<ReturnType<typeof register>>;
let secret: Awaited<ReturnType<typeof register>>;
let other: Awaited<ReturnType<typeof register>>;
const pdf = makePdf(['Dự toán ngân sách năm 2027 của các phòng']);

const register = (over: Parameters<typeof sampleIncoming>[0], files: { name: string; data: Uint8Array }[] = []) =>
  call(app, 'incoming.register', { ...sampleIncoming(over), attachments: files }, vt);

beforeAll(async () => {
  app = await tempApp();
  vt = await addUser(app, 'vt', ['vanthu'], 'Trần Văn Thư');
  ld = await addUser(app, 'ld', ['lanhdao'], 'Lê Phó Giám Đốc');
  ld2 = await addUser(app, 'ld2', ['lanhdao'], 'Phạm Giám Đốc');
  cv = await addUser(app, 'cv', ['chuyenvien'], 'Nguyễn Kế Toán', { unit: 'Phòng Kế toán' });
  cv2 = await addUser(app, 'cv2', ['chuyenvien'], 'Đỗ Hành Chính');
  tp = await addUser(app, 'tp', ['chuyenvien'], 'Vũ Trưởng Phòng');
  qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
  // cv's account says "Phòng Kế toán": the new unit takes it as a member.
  const unit = await call(app, 'units.save', { name: 'Phòng Kế toán', head: 'tp' }, qt);
  expect(unit.members.map((m) => m.username)).toEqual(['cv']);
  routed = await register({ ref: '11/KH-UBND', subject: 'Kế hoạch kiểm tra ngân sách' }, [{ name: 'du-toan.pdf', data: pdf }]);
  await call(app, 'incoming.route', { id: routed.id, lead: 'phong ke toan', coUnits: ['Công an huyện'], info: ['Đỗ Hành Chính'] }, ld);
  secret = await register({ ref: '12/KH-BCA', subject: 'Phương án bảo vệ ngân sách dự phòng', secrecy: 'tuyet-mat' });
  await call(app, 'incoming.route', { id: secret.id, lead: 'Phòng Kế toán' }, ld);
  other = await register({ ref: '13/CV-STC', subject: 'Về ngân sách xây dựng trụ sở' });
  await app.indexer.runUntilIdle();
});
afterAll(() => app.cleanup());

describe('a chuyên viên reads what is routed to them or their unit, never a secret document', () => {
  it('routing names the office’s unit and account, and keeps an outside organisation as text', () => {
    expect(routed.id).toBeGreaterThan(0);
    return call(app, 'incoming.get', { id: routed.id }, vt).then((d) =>
      expect(d.handlers).toEqual([
        { role: 'lead', kind: 'unit', id: expect.any(Number), name: 'Phòng Kế toán' },
        { role: 'co', kind: 'text', id: null, name: 'Công an huyện' },
        { role: 'info', kind: 'user', id: cv2.caller!.id, name: 'Đỗ Hành Chính' },
      ]),
    );
  });

  it('the list, the dashboard and search show the member only the routed document', async () => {
    const list = await call(app, 'incoming.list', {}, cv);
    expect(list.rows.map((r) => r.ref)).toEqual(['11/KH-UBND']);
    expect(list.total).toBe(1);
    expect((await call(app, 'dashboard.summary', {}, cv)).thisYear).toBe(1);
    expect((await call(app, 'search.query', { query: 'ngan sach' }, cv)).map((h) => h.ref)).toEqual(['11/KH-UBND']);
    // The văn thư reads the whole register, the secret book included (no secret clerk is named yet).
    expect((await call(app, 'incoming.list', {}, vt)).total).toBe(3);
    expect((await call(app, 'search.query', { query: 'ngan sach' }, vt)).length).toBe(3);
  });

  it('a secret document is not found by id, in search or in the audit log for anyone not named on it', async () => {
    for (const who of [cv, cv2]) {
      expect(await callErr(app, 'incoming.get', { id: secret.id }, who)).toMatchObject({ code: 'NOT_FOUND' });
      expect((await call(app, 'search.query', { query: 'bao ve ngan sach' }, who)).length).toBe(0);
    }
    // The head of the unit it was routed to is named on it.
    expect((await call(app, 'incoming.get', { id: secret.id }, tp)).ref).toBe('12/KH-BCA');
    expect((await call(app, 'incoming.list', {}, tp)).rows.map((r) => r.ref).sort()).toEqual(['11/KH-UBND', '12/KH-BCA']);
  });

  it('the person named “để biết” reads it; someone else gets NOT_FOUND, as for a document that does not exist', async () => {
    expect((await call(app, 'incoming.get', { id: routed.id }, cv2)).ref).toBe('11/KH-UBND');
    const missing = (await callErr(app, 'incoming.get', { id: 99999 }, cv2)).message;
    expect(await callErr(app, 'incoming.get', { id: other.id }, cv2)).toMatchObject({ code: 'NOT_FOUND', message: missing.replace('99999', String(other.id)) });
    expect(await callErr(app, 'incoming.setStatus', { id: other.id, status: 'hoan-thanh' }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an attachment is read through a document the caller may read, and not otherwise', async () => {
    const sha = routed.attachments[0].sha256;
    expect((await call(app, 'attachments.content', { sha256: sha }, cv)).length).toBe(pdf.length);
    await call(app, 'units.save', { id: (await call(app, 'units.list', {}, qt))[0].id, name: 'Phòng Kế toán', head: 'tp', members: [] }, qt);
    expect(await callErr(app, 'attachments.content', { sha256: sha }, cv)).toMatchObject({ code: 'NOT_FOUND' });
    await call(app, 'units.save', { id: (await call(app, 'units.list', {}, qt))[0].id, name: 'Phòng Kế toán', head: 'tp', members: ['cv'] }, qt);
  });

  it('a document marked công khai is read by every account; a secret one cannot be marked so', async () => {
    const pub = await register({ ref: '17/TB-UBND', subject: 'Thông báo lịch nghỉ Tết', public: true });
    expect((await call(app, 'incoming.get', { id: pub.id }, cv2)).public).toBe(true);
    expect(await callErr(app, 'incoming.register', sampleIncoming({ ref: '18/TB', secrecy: 'mat', public: true }), vt)).toMatchObject({ code: 'VALIDATION', field: 'public' });
    await call(app, 'incoming.update', { id: pub.id, public: false }, vt);
    expect(await callErr(app, 'incoming.get', { id: pub.id }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a free-text routing written before the unit existed is matched when the unit is created', async () => {
    await call(app, 'incoming.route', { id: other.id, lead: 'Phòng Hành chính' }, ld);
    expect(await callErr(app, 'incoming.get', { id: other.id }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
    await call(app, 'units.save', { name: 'PHÒNG HÀNH CHÍNH', members: ['cv2'] }, qt);
    const d = await call(app, 'incoming.get', { id: other.id }, cv2);
    expect(d.handlers[0]).toMatchObject({ kind: 'unit', name: 'PHÒNG HÀNH CHÍNH' });
  });
});

describe('secret documents (Luật Bảo vệ bí mật nhà nước 2018, ND30 Điều 15)', () => {
  it('go to the secret book and its own series by default; an ordinary book is refused', async () => {
    expect(secret.bookName).toBe('Sổ văn bản mật đến');
    expect(secret.arrivalNumber).toBe(1);
    expect(await callErr(app, 'incoming.register', sampleIncoming({ ref: '14/KH', secrecy: 'mat', book: 'Sổ văn bản đến' }), vt)).toMatchObject({ code: 'VALIDATION', field: 'book' });
  });

  it('keep the metadata only: files are refused, nothing is written and no number is taken', async () => {
    const before = rowsCount(app, 'incoming_docs');
    const e = await callErr(app, 'incoming.register', { ...sampleIncoming({ ref: '15/KH', secrecy: 'mat' }), attachments: [{ name: 'mat.pdf', data: makePdf(['Mật']) }] }, vt);
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'attachments' });
    expect(rowsCount(app, 'incoming_docs')).toBe(before);
    expect(rowsCount(app, 'blobs')).toBe(1);
    const next = await register({ ref: '15/KH', secrecy: 'mat' });
    expect(next.arrivalNumber).toBe(2);
  });

  it('on a machine marked as kept off any network the files are kept, and read only by the secret readers', async () => {
    expect(await callErr(app, 'units.saveSecrecy', { offlineMachine: true }, vt)).toMatchObject({ code: 'FORBIDDEN' });
    await call(app, 'units.saveSecrecy', { offlineMachine: true }, qt);
    const d = await register({ ref: '16/KH', secrecy: 'toi-mat' }, [{ name: 'toi-mat.pdf', data: makePdf(['Tối mật']) }]);
    expect(await callErr(app, 'attachments.content', { sha256: d.attachments[0].sha256 }, cv)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'attachments.content', { sha256: d.attachments[0].sha256 }, ld)).length).toBeGreaterThan(0);
    await call(app, 'units.saveSecrecy', { offlineMachine: false }, qt);
  });

  it('once the head of the office is named, another leader no longer reads them, nor their audit rows', async () => {
    expect((await call(app, 'incoming.get', { id: secret.id }, ld)).id).toBe(secret.id);
    expect(await callErr(app, 'units.saveSecrecy', { officeHeads: ['cv'] }, qt)).toMatchObject({ code: 'VALIDATION', field: 'officeHeads.0' });
    const s = await call(app, 'units.saveSecrecy', { officeHeads: ['ld2'], secretClerks: ['vt'] }, qt);
    expect(s.officeHeads.map((p) => p.username)).toEqual(['ld2']);
    expect(await callErr(app, 'incoming.get', { id: secret.id }, ld)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'incoming.get', { id: secret.id }, ld2)).id).toBe(secret.id);
    const rows = async (who: Session) => (await call(app, 'audit.list', { entity: 'incoming', entityId: secret.id }, who)).length;
    expect(await rows(ld)).toBe(0);
    expect(await rows(ld2)).toBeGreaterThan(0);
    // Ordinary documents stay the leaders' register.
    expect((await call(app, 'incoming.get', { id: other.id }, ld)).id).toBe(other.id);
  });
});

describe('records that name other records', () => {
  it('a meeting links only documents its author may read, and names a linked document only to those who may', async () => {
    const m = { title: 'Họp bàn phương án', start: '2026-11-23T08:00', end: '2026-11-23T09:00', location: 'Phòng họp' };
    expect(await callErr(app, 'meetings.save', { ...m, links: [{ kind: 'incoming', id: secret.id }] }, cv)).toMatchObject({ code: 'VALIDATION', field: 'links.0' });
    const saved = (await call(app, 'meetings.save', { ...m, links: [{ kind: 'incoming', id: secret.id }] }, ld2)).meeting;
    expect((await call(app, 'meetings.get', { id: saved.id }, ld2)).links[0].label).toContain('12/KH-BCA');
    const seen = (await call(app, 'meetings.get', { id: saved.id }, cv)).links[0].label;
    expect(seen).toBe('Văn bản (bạn không được xem)');
  });

  it('a duplicate of a document the caller may not read is refused without naming it', async () => {
    const vt2 = await addUser(app, 'vt2', ['vanthu']);
    expect(await call(app, 'incoming.findDuplicate', { sender: secret.sender, ref: '12/KH-BCA', docDate: secret.docDate }, vt2)).toBeNull();
    const e = await callErr(app, 'incoming.register', sampleIncoming({ sender: secret.sender, ref: '12/KH-BCA', docDate: secret.docDate }), vt2);
    expect(e.code).toBe('DUPLICATE');
    expect(e.message).not.toContain(String(secret.arrivalNumber) + '/');
    expect(e.details).toBeUndefined();
    // Nor does another văn thư number into the secret register: refused before anything is written.
    const before = rowsCount(app, 'incoming_docs');
    expect(await callErr(app, 'incoming.register', sampleIncoming({ ref: '99/MAT', secrecy: 'mat' }), vt2)).toMatchObject({ code: 'FORBIDDEN', field: 'secrecy' });
    expect(rowsCount(app, 'incoming_docs')).toBe(before);
  });
});

describe('drafts are their drafter’s until submitted', () => {
  it('another chuyên viên and the leaders do not read a dự thảo; the leader it is submitted to does', async () => {
    const d = await call(app, 'drafts.save', { draft: statePlan(1) }, cv);
    expect(await callErr(app, 'drafts.get', { id: d.id }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callErr(app, 'drafts.get', { id: d.id }, ld)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'drafts.list', {}, cv2)).map((x) => x.id)).not.toContain(d.id);
    expect((await call(app, 'drafts.list', {}, cv)).map((x) => x.id)).toContain(d.id);
    await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id }, cv);
    expect((await call(app, 'drafts.get', { id: d.id }, ld)).id).toBe(d.id);
    expect(await callErr(app, 'outgoing.workflow', { id: d.id }, cv2)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the read rule per role, for every way of reading a document', () => {
  it('văn thư and lãnh đạo read the registers and (none named yet) secret documents; chuyên viên and quản trị neither', async () => {
    const app2 = await tempApp();
    const clerk = await addUser(app2, 'r-vt', ['vanthu']);
    const plainDoc = await call(app2, 'incoming.register', { ...sampleIncoming({ ref: '1/A', subject: 'Văn bản thường về khí tượng' }), attachments: [{ name: 'a.pdf', data: makePdf(['Khí tượng']) }] }, clerk);
    const secretDoc = await call(app2, 'incoming.register', sampleIncoming({ ref: '2/A', subject: 'Văn bản mật về khí tượng', secrecy: 'mat' }), clerk);
    const reads = async (who: Session, id: number) => {
      const byId = (await dispatchOk(app2, 'incoming.get', { id }, who)) ? 'id' : '';
      const listed = (await call(app2, 'incoming.list', {}, who)).rows.some((r) => r.id === id) ? 'list' : '';
      const found = (await call(app2, 'search.query', { query: 'khi tuong' }, who)).some((h) => h.id === id) ? 'search' : '';
      const audited = (await dispatchOk(app2, 'audit.list', { entity: 'incoming', entityId: id }, who, (v) => (v as unknown[]).length > 0)) ? 'audit' : '';
      return [byId, listed, found, audited].filter(Boolean).join(',');
    };
    const expected: Record<Role, { plain: string; secret: string; file: boolean }> = {
      vanthu: { plain: 'id,list,search', secret: 'id,list,search', file: true },
      lanhdao: { plain: 'id,list,search,audit', secret: 'id,list,search,audit', file: true },
      chuyenvien: { plain: '', secret: '', file: false },
      quantri: { plain: 'audit', secret: '', file: false },
    };
    for (const role of ROLES) {
      const who = await addUser(app2, `r-${role}-2`, [role]);
      expect({ role, plain: await reads(who, plainDoc.id), secret: await reads(who, secretDoc.id) }).toEqual({ role, plain: expected[role].plain, secret: expected[role].secret });
      expect({ role, file: await dispatchOk(app2, 'attachments.content', { sha256: plainDoc.attachments[0].sha256 }, who) }).toEqual({ role, file: expected[role].file });
    }
    await app2.cleanup();
  });
});

async function dispatchOk(a: AppContext, name: string, input: unknown, who: Session, test: (v: unknown) => boolean = () => true): Promise<boolean> {
  const r = await dispatch(a, name, input, who);
  return r.ok && test(r.value);
}

describe('a page of the register walks the index or gathers the candidates, and shows the same documents', () => {
  it('for a reader of a small share (candidates) and of a large share (the index walked), the rule is the same', async () => {
    // 120 more documents: cv's unit leads none of them at first, so cv reads under one in fifty of the register.
    const more = [];
    for (let i = 0; i < 120; i++) more.push(await register({ ref: `${100 + i}/TB-UBND`, subject: `Thông báo số ${100 + i}` }));
    const page = async () => (await call(app, 'incoming.list', { limit: 5, withTotal: true }, cv)).rows.map((r) => r.ref);
    const sparse = await page();
    expect(sparse).toEqual(['11/KH-UBND']);
    // Routed to cv's unit: twenty of them (one in six), the newest first; the secret one is never among them.
    for (const d of more.slice(0, 20)) await call(app, 'incoming.route', { id: d.id, lead: 'Phòng Kế toán' }, ld);
    const dense = await call(app, 'incoming.list', { limit: 5, withTotal: true }, cv);
    expect(dense.total).toBe(21);
    expect(dense.rows.map((r) => r.ref)).toEqual(['119/TB-UBND', '118/TB-UBND', '117/TB-UBND', '116/TB-UBND', '115/TB-UBND']);
    const next = await call(app, 'incoming.list', { limit: 100, after: dense.nextCursor!, withTotal: false }, cv);
    expect(next.rows.map((r) => r.ref)).toEqual([...more.slice(0, 15).map((d) => d.ref).reverse(), '11/KH-UBND']);
    expect(next.rows.map((r) => r.ref)).not.toContain('12/KH-BCA');
  });
});
