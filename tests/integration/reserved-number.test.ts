import fs from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { draftSchema } from '../../shared/drafting/model';
import { addUser, call, callErr, fixedClock, rowsCount, tempApp, TEST_PASSWORD } from '../helpers/app';
import { run } from '../helpers/cli';
import { keyring, makeTestPki, type TestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * Giữ số (issue 17): a number reserved in the outgoing book is taken later by an issuance of that book and year, with
 * the reservation's reason kept; a number issued, cancelled, skipped, of another book or another year never is. The
 * test CA's certificates start now, so the office's clock is the real one (a year earlier for one reservation).
 */
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[reserved-number] skipped: the openssl command is not installed (it makes the test CA)');

let app: AppContext & { cleanup(): Promise<void> };
let cv: Session, gd: Session, vt: Session, qt: Session;
let pki: TestPki;
const clock = fixedClock(new Date());
const year = () => app.today().slice(0, 4);
let key: ReturnType<typeof keyring>;
const ORGAN = 'Ủy ban nhân dân tỉnh Bắc Ninh';

/** A draft the leader signed, waiting for the văn thư to issue it. */
async function signedDraft(subject: string): Promise<number> {
  const draft = draftSchema.parse({
    ...statePlan(1),
    number: null,
    date: null,
    organ: ORGAN,
    organAbbr: 'UBND',
    subject,
    archive: ['VT'],
    signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' },
  });
  const d = await call(app, 'drafts.save', { draft }, cv);
  await call(app, 'outgoing.submit', { id: d.id, to: gd.caller!.id }, cv);
  await call(app, 'outgoing.approve', { id: d.id }, gd);
  await call(app, 'outgoing.sign', { id: d.id, key: key('Nguyễn Văn An') }, gd);
  return d.id;
}

const reserve = (reason: string, book?: string) => call(app, 'outgoing.skipNumber', { kind: 'reserved', reason, book }, vt);

describe.skipIf(!haveOpenssl)('a reserved number taken by a later issuance', () => {
  let first: number;
  let second: number;

  beforeAll(async () => {
    app = await tempApp({ clock: clock.clock });
    cv = await addUser(app, 'cv', ['chuyenvien'], 'Trần Thị Bình');
    gd = await addUser(app, 'gd', ['lanhdao'], 'Nguyễn Văn An');
    vt = await addUser(app, 'vt', ['vanthu'], 'Lê Văn Cường');
    qt = await addUser(app, 'qt', ['quantri'], 'Quản Trị');
    pki = makeTestPki();
    key = keyring(pki);
    // Last year's book kept four numbers that were never used.
    clock.set(new Date(Date.now() - 366 * 86_400_000));
    for (let i = 1; i <= 4; i++) await reserve(`Giữ số năm trước ${i}`);
    clock.set(new Date());
    await call(app, 'books.create', { kind: 'outgoing', name: 'Sổ văn bản đi của Văn phòng' }, qt);
    await reserve('Giữ số cho văn bản của Văn phòng', 'Sổ văn bản đi của Văn phòng');
    // This year: 01 and 02 reserved, 03 skipped.
    await reserve('Giữ số cho Quyết định khen thưởng');
    await reserve('Giữ số cho Tờ trình xin chủ trương');
    await call(app, 'outgoing.skipNumber', { kind: 'skipped', reason: 'Bỏ số do cấp nhầm' }, vt);
    first = await signedDraft('Triển khai chuyển đổi số năm 2026');
    second = await signedDraft('Tổ chức hội nghị tổng kết');
  }, 60_000);
  afterAll(() => app.cleanup());

  it('offers the book\'s reserved numbers of this year, and issues under the one chosen with its reason kept', async () => {
    const offered = await call(app, 'outgoing.reservedNumbers', { id: first }, vt);
    expect(offered).toMatchObject({ book: 'Sổ văn bản đi', period: year() });
    expect(offered.numbers.map((n) => [n.number, n.reason])).toEqual([
      [1, 'Giữ số cho Quyết định khen thưởng'],
      [2, 'Giữ số cho Tờ trình xin chủ trương'],
    ]);
    expect((await call(app, 'outgoing.reservedNumbers', { id: first, book: 'Sổ văn bản đi của Văn phòng' }, vt)).numbers.map((n) => n.number)).toEqual([1]);
    const rows = rowsCount(app, 'outgoing_docs');
    const r = await call(app, 'outgoing.issue', { id: first, key: key(ORGAN), reservedNumber: 2 }, vt);
    expect(r).toMatchObject({ number: 2, ref: '02/KH-UBND', status: 'issued', bookName: 'Sổ văn bản đi', note: 'Dùng số đã giữ: Giữ số cho Tờ trình xin chủ trương', subject: 'Triển khai chuyển đổi số năm 2026' });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The reserved row became the document's: no new row, the series not moved on.
    expect(rowsCount(app, 'outgoing_docs')).toBe(rows);
    const list = await call(app, 'outgoing.list', { year: Number(year()), book: 'Sổ văn bản đi' }, vt);
    expect(list.map((x) => [x.number, x.status])).toEqual([
      [1, 'reserved'],
      [2, 'issued'],
      [3, 'skipped'],
    ]);
    const audit = app.db.prepare("SELECT detail FROM audit_log WHERE action = 'outgoing.number' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ ref: '02/KH-UBND', reserved: 'dùng số đã giữ', reason: 'Giữ số cho Tờ trình xin chủ trương' });
    expect((await call(app, 'outgoing.reservedNumbers', { id: second }, vt)).numbers.map((n) => n.number)).toEqual([1]);
    // The printed book: số 02 issued, the reason in its Ghi chú.
    const book = await call(app, 'registerBook.export', { kind: 'outgoing', from: `${year()}-01-01`, to: `${year()}-12-31`, format: 'docx' }, vt);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(book.data) })).value.normalize('NFC');
    expect(text).toContain('02/KH-UBND');
    expect(text).toContain('Dùng số đã giữ: Giữ số cho Tờ trình xin chủ trương');
  });

  it('never takes a number issued, skipped, never reserved, of another book or of another year, and writes nothing then', async () => {
    const before = ['outgoing_docs', 'audit_log', 'signing_requests'].map((t) => rowsCount(app, t));
    const refuse = (reservedNumber: number, book?: string) => callErr(app, 'outgoing.issue', { id: second, key: key(ORGAN), reservedNumber, book }, vt);
    const issued = await refuse(2);
    expect(issued).toMatchObject({ code: 'CONFLICT', field: 'reservedNumber' });
    expect(issued.message).toContain('đã được cấp cho văn bản khác');
    expect((await refuse(3)).message).toContain('đã bị bỏ (bỏ số)');
    // 04 is reserved in last year's series only; 02 of the Văn phòng book was never taken.
    expect(await refuse(4)).toMatchObject({ code: 'VALIDATION', field: 'reservedNumber', message: expect.stringContaining(`Năm ${year()}`) });
    expect(await refuse(2, 'Sổ văn bản đi của Văn phòng')).toMatchObject({ code: 'VALIDATION', field: 'reservedNumber' });
    expect(await callErr(app, 'outgoing.issue', { id: second, key: key(ORGAN), reservedNumber: 0 }, vt)).toMatchObject({ code: 'VALIDATION', field: 'reservedNumber' });
    expect(await callErr(app, 'outgoing.reservedNumbers', { id: second }, cv)).toMatchObject({ code: 'FORBIDDEN' });
    expect(['outgoing_docs', 'audit_log', 'signing_requests'].map((t) => rowsCount(app, t))).toEqual(before);
    expect((await call(app, 'outgoing.workflow', { id: second }, vt)).status).toBe('da-ky');
  });

  it('an issuance cancelled before any signed PDF carries a reserved number gives it back to its reservation, as it was', async () => {
    const numberOne = async () => (await call(app, 'outgoing.list', { year: Number(year()), book: 'Sổ văn bản đi' }, vt)).find((x) => x.number === 1)!;
    const reservation = await numberOne();
    expect(reservation).toMatchObject({ status: 'reserved', note: 'Giữ số cho Quyết định khen thưởng' });
    const { der } = pki.issue(ORGAN);
    const prepared = await call(app, 'outgoing.prepareIssue', { id: second, certificate: new Uint8Array(fs.readFileSync(der)), reservedNumber: 1 }, vt);
    expect(prepared.ref).toBe('01/KH-UBND');
    expect(await numberOne()).toMatchObject({ status: 'issuing', subject: 'Tổ chức hội nghị tổng kết' });
    await call(app, 'outgoing.cancelSigning', { requestId: prepared.requestId, reason: 'Token không đọc được' }, vt);
    // The row is the reservation again: its reason, its day, its ký hiệu, no document's fields.
    expect(await numberOne()).toEqual({ ...reservation, updatedAt: expect.any(String) });
    expect((await call(app, 'outgoing.reservedNumbers', { id: second }, vt)).numbers).toEqual([expect.objectContaining({ number: 1, reason: 'Giữ số cho Quyết định khen thưởng' })]);
    const audit = app.db.prepare("SELECT detail FROM audit_log WHERE action = 'outgoing.issue-failed' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ ref: '01/KH-UBND', reason: 'Token không đọc được', reserved: 'trả lại số đã giữ' });
    expect((await call(app, 'outgoing.workflow', { id: second }, vt)).status).toBe('da-ky');
  });

  it('the CLI reserves a number, and passes --reserved to the issuance (refusing one already issued)', async () => {
    const env = { VANPHONG_USER: 'vt', VANPHONG_PASSWORD: TEST_PASSWORD };
    const reserved = run(['outgoing', 'reserve', '--reason', 'Giữ số cho Báo cáo quý', '--data-dir', app.dataDir, '--json'], env);
    expect(reserved.code, reserved.err).toBe(0);
    // After 01–02 reserved and 03 skipped: the series' next.
    expect(JSON.parse(reserved.out)).toMatchObject({ number: 4, status: 'reserved', note: 'Giữ số cho Báo cáo quý' });
    // The issuance is refused before any key is used: 02 was issued above.
    const issued = run(['outgoing', 'issue', String(second), '--reserved', '2', '--p12', pki.p12(ORGAN), '--pass-stdin', '--data-dir', app.dataDir], env, '123456');
    expect(issued.code).toBe(1);
    expect(issued.err).toContain('Lỗi [reservedNumber]: Số 2 của sổ «Sổ văn bản đi»');
    expect(issued.err).toContain('đã được cấp cho văn bản khác');
    const four = (await call(app, 'outgoing.list', { year: Number(year()), book: 'Sổ văn bản đi' }, vt)).find((x) => x.number === 4);
    expect(four?.status).toBe('reserved');
  });

});

