import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, callErr, fixedClock, rowsCount, tempApp, tempDir } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { sealPng, signaturePng } from '../helpers/stamp-images';
import { statePlan } from '../fixtures/sample-drafts';
import { draftSchema } from '../../shared/drafting/model';
import { openApp } from '../../electron/hosts/open-app';
import { openConnection } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations/registry';
import { expireSigningRequests, recoverAfterRestart } from '../../electron/outgoing/pending-signing';
import { signAtDesk } from '../../shared/signing/desk';
import type { Session } from '../../electron/app/caller';
import { has } from '../helpers/tools';

const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[signing-deferred] skipped: the openssl command is not installed (it makes the test CA)');

const plan = (subject: string) =>
  draftSchema.parse({ ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', subject, recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } });

/** A key at the signer's desk: the server gets the certificate and signature values, never this. */
interface DeskKey {
  certificate: Uint8Array;
  chain: Uint8Array[];
  sign(data: Uint8Array): Uint8Array;
}
function deskKey(files: { key: string; der: string }): DeskKey {
  const key = crypto.createPrivateKey(fs.readFileSync(files.key));
  return { certificate: new Uint8Array(fs.readFileSync(files.der)), chain: [], sign: (d) => new Uint8Array(crypto.sign('sha256', d, key)) };
}

describe.skipIf(!haveOpenssl)('signing at the signer’s desk: prepare, sign at the client, complete', () => {
  const clock = fixedClock(new Date());
  let app: Awaited<ReturnType<typeof tempApp>>;
  let cv: Session;
  let ld: Session;
  let vt: Session;
  let vt2: Session;
  let leader: DeskKey;
  let organ: DeskKey;
  let stranger: DeskKey;
  let caDer: Uint8Array;

  /** A draft taken to "đã duyệt" by the leader. */
  async function approved(subject: string): Promise<number> {
    const d = await call(app, 'drafts.save', { draft: plan(subject) }, cv);
    await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id }, cv);
    await call(app, 'outgoing.approve', { id: d.id }, ld);
    return d.id;
  }
  /** …and signed by the leader at their desk, as the desktop app or the CLI does it (signAtDesk). */
  async function signedByLeader(subject: string): Promise<number> {
    const id = await approved(subject);
    await signAtDesk(leader, {
      prepare: (k) => call(app, 'outgoing.prepareSign', { id, ...k }, ld),
      complete: (requestId, signature) => call(app, 'outgoing.completeSigning', { requestId, signature }, ld),
    });
    return id;
  }
  const register = async () => (await call(app, 'outgoing.list', {}, vt)).map((r) => [r.number, r.status, r.note]);

  beforeAll(async () => {
    app = await tempApp({ clock: clock.clock, withUser: false });
    const admin = await addUser(app, 'quantri', ['quantri'], 'Quản Trị');
    cv = await addUser(app, 'chuyenvien', ['chuyenvien'], 'Trần Thị Bình', { unit: 'KT' });
    ld = await addUser(app, 'lanhdao', ['lanhdao'], 'Nguyễn Văn An', { title: 'Chủ tịch' });
    vt = await addUser(app, 'vanthu', ['vanthu'], 'Lê Văn Cường');
    vt2 = await addUser(app, 'vanthu2', ['vanthu'], 'Phạm Thị Dung');
    const pki = makeTestPki();
    leader = deskKey(pki.issue('Nguyễn Văn An'));
    organ = deskKey(pki.issue('Ủy ban nhân dân tỉnh Bắc Ninh'));
    stranger = deskKey(pki.issue('Người Khác'));
    caDer = new Uint8Array(fs.readFileSync(pki.caDer));
    await call(app, 'trust.add', { data: caDer }, admin);
    const person = await call(app, 'people.create', { fullName: 'Nguyễn Văn An', position: 'Chủ tịch' }, admin);
    await call(app, 'stamps.set', { personId: person.id, png: signaturePng() }, admin);
    const org = await call(app, 'organizations.create', { name: 'Ủy ban nhân dân tỉnh Bắc Ninh' }, admin);
    await call(app, 'stamps.set', { organizationId: org.id, png: sealPng() }, admin);
  });
  afterAll(() => app.cleanup());

  it('the leader signs at the desk: the server returns the data to sign, refuses a wrong value, takes a retry, and only from the preparer', async () => {
    const id = await approved('Triển khai chuyển đổi số năm 2026');
    expect(await callErr(app, 'outgoing.prepareSign', { id, certificate: new Uint8Array([1, 2, 3]) }, ld)).toMatchObject({ code: 'VALIDATION', field: 'certificate' });
    expect(await callErr(app, 'outgoing.prepareSign', { id, certificate: leader.certificate }, vt)).toMatchObject({ code: 'FORBIDDEN' });
    const p = await call(app, 'outgoing.prepareSign', { id, certificate: leader.certificate, chain: [caDer] }, ld);
    expect(p).toMatchObject({ hash: 'SHA-256', ref: null, draftId: id });
    expect(p.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(p.expiresAt) - clock.clock().getTime()).toBe(10 * 60_000);
    expect(p.dataToSign[0]).toBe(0x31); // a DER SET OF: the CMS signed attributes
    expect((await call(app, 'outgoing.workflow', { id }, ld)).status).toBe('da-duyet');

    // Signed by another key, or garbage: refused on its field, nothing changes, the request stays open.
    const wrong = await callErr(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: stranger.sign(p.dataToSign) }, ld);
    expect(wrong).toMatchObject({ code: 'VALIDATION', field: 'signature' });
    expect(wrong.message).toContain('không khớp');
    expect(await callErr(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: new Uint8Array(256) }, ld)).toMatchObject({ field: 'signature' });
    expect(await callErr(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: leader.sign(p.dataToSign) }, vt)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'outgoing.completeSigning', { requestId: 'x'.repeat(22), signature: leader.sign(p.dataToSign) }, ld)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'outgoing.workflow', { id }, ld)).status).toBe('da-duyet');

    const done = await call(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: leader.sign(p.dataToSign) }, ld);
    expect(done).toMatchObject({ draftId: id, outgoing: null, workflow: { status: 'da-ky' } });
    expect(done.workflow.steps.at(-1)).toMatchObject({ action: 'sign', userName: 'Nguyễn Văn An' });
    const pdf = await call(app, 'attachments.content', { sha256: done.workflow.signedSha256! }, ld);
    const v = await call(app, 'signing.verify', { pdf }, ld);
    expect(v.status).toBe('valid');
    expect(v.signatures.map((s) => s.signer)).toEqual(['Nguyễn Văn An']);
    // The request is spent; its prepared PDF is not kept.
    expect(await callErr(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: leader.sign(p.dataToSign) }, ld)).toMatchObject({ code: 'CONFLICT' });
    expect(app.db.prepare('SELECT status, prepared_pdf FROM signing_requests WHERE id = ?').get(p.requestId)).toEqual({ status: 'done', prepared_pdf: null });
  });

  it('the văn thư issues at the desk: the number is held while pending, a wrong value keeps it, the retry issues 01 with both signatures', async () => {
    const id = await signedByLeader('Kế hoạch tuyên truyền năm 2026');
    expect(await callErr(app, 'outgoing.prepareIssue', { id, certificate: organ.certificate }, ld)).toMatchObject({ code: 'FORBIDDEN' });
    const p = await call(app, 'outgoing.prepareIssue', { id, certificate: organ.certificate, chain: [caDer] }, vt);
    expect(p).toMatchObject({ ref: '01/KH-UBND', draftId: id, hash: 'SHA-256' });
    expect(await register()).toEqual([[1, 'issuing', null]]);
    expect((await call(app, 'outgoing.workflow', { id }, vt)).status).toBe('dang-phat-hanh');
    expect(await callErr(app, 'outgoing.prepareIssue', { id, certificate: organ.certificate }, vt)).toMatchObject({ code: 'CONFLICT' });

    expect(await callErr(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: leader.sign(p.dataToSign) }, vt)).toMatchObject({ field: 'signature' });
    expect(await callErr(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: organ.sign(p.dataToSign) }, vt2)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await register()).toEqual([[1, 'issuing', null]]);

    const done = await call(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: organ.sign(p.dataToSign) }, vt);
    expect(done.outgoing).toMatchObject({ number: 1, ref: '01/KH-UBND', status: 'issued', signer: 'Nguyễn Văn An' });
    expect(done.workflow.status).toBe('da-phat-hanh');
    const pdf = await call(app, 'attachments.content', { sha256: done.outgoing!.sha256! }, vt);
    const v = await call(app, 'signing.verify', { pdf }, vt);
    expect(v.status).toBe('valid');
    expect(v.signatures.map((s) => [s.signer, s.integrity, s.signatureValid])).toEqual([
      ['Nguyễn Văn An', true, true],
      ['Ủy ban nhân dân tỉnh Bắc Ninh', true, true],
    ]);
    const leaderPdf = await call(app, 'attachments.content', { sha256: done.workflow.signedSha256! }, vt);
    expect(Buffer.from(pdf.subarray(0, leaderPdf.length)).equals(Buffer.from(leaderPdf))).toBe(true);
    const entries = (await call(app, 'audit.list', { entity: 'outgoing', entityId: done.outgoing!.id }, await addUser(app, 'qt2', ['quantri']))).map((e) => `${e.username}:${e.action}`).reverse();
    expect(entries).toEqual(['vanthu:outgoing.number', 'vanthu:outgoing.issue']);
  });

  it('a certificate that cannot sign is refused before any number is taken', async () => {
    const pki = makeTestPki();
    const future = deskKey(pki.issue('Ủy ban nhân dân tỉnh Bắc Ninh', { startOffsetDays: 5 }));
    const id = await signedByLeader('Kế hoạch kiểm tra năm 2026');
    const before = rowsCount(app, 'outgoing_docs');
    expect(await callErr(app, 'outgoing.prepareIssue', { id, certificate: future.certificate }, vt)).toMatchObject({ code: 'VALIDATION', field: 'certificate' });
    expect(rowsCount(app, 'outgoing_docs')).toBe(before);
    // The văn thư gives up on this one: issued below under the next number, no gap.
    const p = await call(app, 'outgoing.prepareIssue', { id, certificate: organ.certificate }, vt);
    expect(p.ref).toBe('02/KH-UBND');
    await call(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: organ.sign(p.dataToSign) }, vt);
  });

  it('a pending issuance is cancelled with its reason after 10 minutes, its number never reused; one found expired on completion too', async () => {
    const id = await signedByLeader('Kế hoạch phòng chống thiên tai năm 2026');
    const p = await call(app, 'outgoing.prepareIssue', { id, certificate: organ.certificate }, vt);
    expect(p.ref).toBe('03/KH-UBND');
    clock.advance(9 * 60_000);
    expect(expireSigningRequests(app)).toBe(0);
    clock.advance(61_000);
    expect(expireSigningRequests(app)).toBe(1);
    expect(expireSigningRequests(app)).toBe(0);
    const [three] = (await call(app, 'outgoing.list', {}, vt)).filter((r) => r.number === 3);
    expect(three.status).toBe('cancelled');
    expect(three.note).toContain('Quá 10 phút không nhận được chữ ký số');
    const w = await call(app, 'outgoing.workflow', { id }, vt);
    expect(w.status).toBe('da-ky');
    expect(w.steps.at(-1)).toMatchObject({ action: 'issue-failed' });
    const late = await callErr(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: organ.sign(p.dataToSign) }, vt);
    expect(late).toMatchObject({ code: 'CONFLICT' });
    expect(late.message).toContain('đã bị hủy');

    // Expired while nobody swept: found on completion, cancelled there, the number with it.
    const q = await call(app, 'outgoing.prepareIssue', { id, certificate: organ.certificate }, vt);
    expect(q.ref).toBe('04/KH-UBND');
    clock.advance(10 * 60_000);
    const expired = await callErr(app, 'outgoing.completeSigning', { requestId: q.requestId, signature: organ.sign(q.dataToSign) }, vt);
    expect(expired.message).toMatch(/hết hạn.*04\/KH-UBND/);
    expect((await register()).slice(-1)).toEqual([[4, 'cancelled', expect.stringContaining('Quá 10 phút')]]);

    const r = await call(app, 'outgoing.prepareIssue', { id, certificate: organ.certificate }, vt);
    expect(r.ref).toBe('05/KH-UBND');
    const done = await call(app, 'outgoing.completeSigning', { requestId: r.requestId, signature: organ.sign(r.dataToSign) }, vt);
    expect(done.outgoing).toMatchObject({ number: 5, status: 'issued' });
  });

  it('cancelling: the leader drops their own request; a văn thư cancels another’s issuance, the number kept with the reason', async () => {
    const id = await approved('Kế hoạch cải cách hành chính năm 2026');
    const p = await call(app, 'outgoing.prepareSign', { id, certificate: leader.certificate }, ld);
    expect(await callErr(app, 'outgoing.cancelSigning', { requestId: p.requestId }, vt)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'outgoing.cancelSigning', { requestId: p.requestId }, cv)).toMatchObject({ code: 'FORBIDDEN' });
    const c = await call(app, 'outgoing.cancelSigning', { requestId: p.requestId }, ld);
    expect(c.workflow.status).toBe('da-duyet');
    expect(await callErr(app, 'outgoing.completeSigning', { requestId: p.requestId, signature: leader.sign(p.dataToSign) }, ld)).toMatchObject({ code: 'CONFLICT' });
    expect(await callErr(app, 'outgoing.cancelSigning', { requestId: p.requestId }, ld)).toMatchObject({ code: 'CONFLICT' });

    const p2 = await call(app, 'outgoing.prepareSign', { id, certificate: leader.certificate }, ld);
    await call(app, 'outgoing.completeSigning', { requestId: p2.requestId, signature: leader.sign(p2.dataToSign) }, ld);
    const q = await call(app, 'outgoing.prepareIssue', { id, certificate: organ.certificate }, vt);
    expect(q.ref).toBe('06/KH-UBND');
    expect(await callErr(app, 'outgoing.cancelSigning', { requestId: q.requestId }, ld)).toMatchObject({ code: 'FORBIDDEN' });
    const cancelled = await call(app, 'outgoing.cancelSigning', { requestId: q.requestId, reason: 'Sai ngày ban hành.' }, vt2);
    expect(cancelled.outgoing).toMatchObject({ number: 6, status: 'cancelled', note: 'Phát hành không thành công: Sai ngày ban hành.' });
    expect(cancelled.workflow.status).toBe('da-ky');

    // The token is pulled out before it signs: the request is cancelled at once, the number with it.
    const pulled = { ...organ, sign: (): Uint8Array => { throw new Error('CKR_DEVICE_REMOVED'); } };
    await expect(
      signAtDesk(pulled, {
        prepare: (k) => call(app, 'outgoing.prepareIssue', { id, ...k }, vt),
        complete: (requestId, signature) => call(app, 'outgoing.completeSigning', { requestId, signature }, vt),
        cancel: (requestId, reason) => call(app, 'outgoing.cancelSigning', { requestId, reason }, vt),
      }),
    ).rejects.toThrow('CKR_DEVICE_REMOVED');
    expect((await register()).at(-1)).toEqual([7, 'cancelled', 'Phát hành không thành công: Khóa ký không ký được: CKR_DEVICE_REMOVED']);
    expect((await call(app, 'outgoing.workflow', { id }, vt)).status).toBe('da-ky');
  });

  it('after a restart every pending request and every issuance left half-way is cancelled with its reason; the next issuance takes the next number', async () => {
    const a = await signedByLeader('Kế hoạch bảo vệ môi trường năm 2026');
    const b = await signedByLeader('Kế hoạch phát triển du lịch năm 2026');
    const c = await approved('Kế hoạch đào tạo cán bộ năm 2026');
    const pa = await call(app, 'outgoing.prepareIssue', { id: a, certificate: organ.certificate }, vt);
    const pc = await call(app, 'outgoing.prepareSign', { id: c, certificate: leader.certificate }, ld);
    expect(pa.ref).toBe('08/KH-UBND');
    // An issuance whose process stopped between taking the number and writing its request.
    app.db.prepare("UPDATE outgoing_docs SET status = 'issuing' WHERE number = 7").run();
    app.db.prepare("UPDATE drafts SET status = 'dang-phat-hanh' WHERE id = ?").run((await call(app, 'outgoing.list', {}, vt)).find((r) => r.number === 7)!.draftId);

    // The restarted server: a new process on the same data folder (this one stays open only for the cleanup).
    const again = await openApp({ dataDir: app.dataDir, clock: clock.clock });
    try {
      expect(recoverAfterRestart(again)).toBe(3);
      expect(recoverAfterRestart(again)).toBe(0);
      const rows = again.db.prepare("SELECT number, status, note FROM outgoing_docs WHERE number IN (7, 8) ORDER BY number").all() as { note: string }[];
      expect(rows).toMatchObject([{ number: 7, status: 'cancelled' }, { number: 8, status: 'cancelled' }]);
      for (const r of rows) expect(r.note).toContain('Máy chủ khởi động lại');
      const status = (id: number) => again.db.prepare('SELECT status FROM drafts WHERE id = ?').pluck().get(id);
      expect([status(a), status(c)]).toEqual(['da-ky', 'da-duyet']);
      expect(again.db.prepare("SELECT count(*) FROM signing_requests WHERE status = 'pending'").pluck().get()).toBe(0);
      expect(await callErr(again, 'outgoing.completeSigning', { requestId: pc.requestId, signature: leader.sign(pc.dataToSign) }, ld)).toMatchObject({ code: 'CONFLICT' });
      const next = await call(again, 'outgoing.prepareIssue', { id: b, certificate: organ.certificate }, vt);
      expect(next.ref).toBe('09/KH-UBND');
      await call(again, 'outgoing.completeSigning', { requestId: next.requestId, signature: organ.sign(next.dataToSign) }, vt);
      const numbers = again.db.prepare('SELECT number FROM outgoing_docs ORDER BY number').pluck().all();
      expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      await again.close();
    }
  });

  it('without a sweeping timer (desktop, single-user mode), an expired issuance is cancelled by the next preparation, as the system', async () => {
    const a = await signedByLeader('Kế hoạch xây dựng nông thôn mới năm 2026');
    const b = await approved('Kế hoạch an toàn giao thông năm 2026');
    const p = await call(app, 'outgoing.prepareIssue', { id: a, certificate: organ.certificate }, vt);
    expect(p.ref).toBe('10/KH-UBND');
    clock.advance(11 * 60_000);
    await call(app, 'outgoing.prepareSign', { id: b, certificate: leader.certificate }, ld);
    const nine = (await call(app, 'outgoing.list', {}, vt)).find((r) => r.number === 10)!;
    expect(nine).toMatchObject({ status: 'cancelled', note: expect.stringContaining('Quá 10 phút') });
    const last = (await call(app, 'audit.list', { entity: 'outgoing', entityId: nine.id }, await addUser(app, 'qt3', ['quantri'])))[0];
    expect([last.username, last.action]).toEqual(['hệ thống', 'outgoing.issue-failed']);
  });
});

describe('migration 008 (signing requests)', () => {
  it('adds signing_requests to a version-7 database, checks its rows, and finds expired requests by index', async () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'db.sqlite'));
    await migrate(db, { migrations: MIGRATIONS.filter((m) => m.version <= 7) });
    const r = await migrate(db, { backupDir: path.join(dir, 'backups'), migrations: MIGRATIONS.filter((m) => m.version <= 8) });
    expect(r).toMatchObject({ from: 7, to: 8 });
    const cols = (db.prepare('PRAGMA table_info(signing_requests)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['id', 'purpose', 'draft_id', 'outgoing_id', 'user_id', 'created_at', 'expires_at', 'status', 'reason', 'prepared_pdf', 'byte_range', 'signed_attrs', 'certificate', 'chain', 'options']));
    db.pragma('foreign_keys = OFF');
    const insert = (purpose: string, outgoing: number | null) =>
      db.prepare(`INSERT INTO signing_requests (id, purpose, draft_id, draft_version, outgoing_id, user_id, created_at, expires_at, byte_range, contents_start, signed_attrs, certificate, chain, options)
        VALUES (?, ?, 1, 1, ?, 1, 'a', 'b', '[0,1,2,3]', 5, x'31', x'30', '[]', '{}')`).run(crypto.randomUUID(), purpose, outgoing);
    insert('sign', null);
    insert('issue', 3);
    expect(() => insert('issue', null)).toThrow(/CHECK/);
    expect(() => insert('other', null)).toThrow(/CHECK/);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM signing_requests WHERE status = 'pending' AND expires_at <= ?").all('z') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/signing_requests_pending/);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
