import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addUser, call, callErr, openDataDb, rowsCount, tempApp, tempDir } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { sealPng, signaturePng } from '../helpers/stamp-images';
import { pdfText } from '../helpers/pdf-text';
import { statePlan } from '../fixtures/sample-drafts';
import { applyRecipients } from '../../shared/recipients/apply';
import { draftSchema } from '../../shared/drafting/model';
import type { Session } from '../../electron/app/caller';
import { has } from '../helpers/tools';

const haveOpenssl = has('openssl', ['version']);
const havePdfsig = has('pdfsig', ['-v']);
if (!haveOpenssl) console.log('[outgoing-workflow] skipped: the openssl command is not installed (it makes the test CA)');
if (!havePdfsig) console.log('[outgoing-workflow] pdfsig checks skipped: poppler-utils is not installed');

const plan = (subject: string) =>
  draftSchema.parse({ ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', subject, recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } });

describe.skipIf(!haveOpenssl)('outgoing documents from draft to issued', () => {
  describe('drafts, returns, approves, signs and issues 01 then 02, with both signatures, the register and the audit trail', () => {
    // One office for every step below; each step goes on from where the one before left the document.
    type Key = { kind: 'p12'; data: Uint8Array; password: string };
    let app: Awaited<ReturnType<typeof tempApp>>;
    let admin: Session;
    let cv: Session;
    let ld: Session;
    let vt: Session;
    let leaderKey: Key;
    let organKey: Key;
    let draft: ReturnType<typeof plan>;
    let d: { id: number };
    let w: Awaited<ReturnType<typeof call<'outgoing.sign'>>>;
    let first: Awaited<ReturnType<typeof call<'outgoing.issue'>>>;

    beforeAll(async () => {
      app = await tempApp({ clock: () => new Date(), withUser: false });
      admin = await addUser(app, 'quantri', ['quantri'], 'Quản Trị');
      cv = await addUser(app, 'chuyenvien', ['chuyenvien'], 'Trần Thị Bình', { unit: 'KT' });
      ld = await addUser(app, 'lanhdao', ['lanhdao'], 'Nguyễn Văn An', { title: 'Chủ tịch' });
      vt = await addUser(app, 'vanthu', ['vanthu'], 'Lê Văn Cường');
      const pki = makeTestPki();
      leaderKey = { kind: 'p12', data: new Uint8Array(fs.readFileSync(pki.p12('Nguyễn Văn An'))), password: '123456' };
      organKey = { kind: 'p12', data: new Uint8Array(fs.readFileSync(pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh'))), password: '123456' };
    });
    afterAll(() => app.cleanup());

    it('builds the recipients from the directory and a saved list with purposes (the văn thư keeps the directory; anyone saves a list)', async () => {
      const tinhUy = await call(app, 'organizations.create', { name: 'Tỉnh ủy Bắc Ninh', organId: '000.00.00.H06' }, vt);
      const so1 = await call(app, 'organizations.create', { name: 'Sở Nội vụ' }, vt);
      const so2 = await call(app, 'organizations.create', { name: 'Sở Tài chính' }, vt);
      const group = await call(app, 'recipients.saveGroup', { name: 'Các sở, ban, ngành tỉnh', memberIds: [so1.id, so2.id] }, vt);
      expect(await callErr(app, 'recipients.saveList', { name: 'Trống', entries: [] }, cv)).toMatchObject({ code: 'VALIDATION', field: 'entries' });
      const list = await call(app, 'recipients.saveList', {
        name: 'Kế hoạch gửi tỉnh',
        entries: [
          { kind: 'organization', id: tinhUy.id, purpose: 'để báo cáo' },
          { kind: 'group', id: group.id, purpose: 'để thực hiện', expand: true },
        ],
      }, cv);
      const resolved = await call(app, 'recipients.resolve', { id: list.id }, cv);
      draft = applyRecipients(plan('Triển khai chuyển đổi số năm 2026'), resolved, 'KT');
      expect(draft.recipients).toEqual([
        { text: 'Tỉnh ủy Bắc Ninh', note: 'để báo cáo' },
        { text: 'Sở Nội vụ', note: 'để thực hiện', group: ['Sở Tài chính'] },
      ]);
      expect(draft.archive).toEqual(['VT', 'KT']);
    });

    it('the chuyên viên drafts and submits to the leader, not to a văn thư; a submitted draft cannot be saved over', async () => {
      d = await call(app, 'drafts.save', { draft }, cv);
      expect(await callErr(app, 'outgoing.submit', { id: d.id, to: vt.caller!.id }, cv)).toMatchObject({ code: 'VALIDATION', field: 'to' });
      const submitted = await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id, comment: 'Kính trình anh xem xét.' }, cv);
      expect(submitted).toMatchObject({ status: 'cho-duyet', version: 1, reviewerName: 'Nguyễn Văn An', ownerName: 'Trần Thị Bình' });
      expect(await callErr(app, 'drafts.save', { id: d.id, draft }, cv)).toMatchObject({ code: 'CONFLICT' });
    });

    it('roles are enforced by the API: a chuyên viên, an administrator or nobody cannot approve or issue, and nothing changes', async () => {
      const auditBefore = rowsCount(app, 'audit_log');
      expect(await callErr(app, 'outgoing.approve', { id: d.id }, cv)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await callErr(app, 'outgoing.issue', { id: d.id, key: organKey }, cv)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await callErr(app, 'outgoing.approve', { id: d.id }, admin)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await callErr(app, 'outgoing.approve', { id: d.id })).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(rowsCount(app, 'audit_log')).toBe(auditBefore);
      expect((await call(app, 'outgoing.workflow', { id: d.id }, cv)).status).toBe('cho-duyet');
    });

    it('the leader returns it with a comment; the drafter revises and submits version 2, version 1 kept as it was', async () => {
      expect(await callErr(app, 'outgoing.return', { id: d.id, comment: '  ' }, ld)).toMatchObject({ code: 'VALIDATION', field: 'comment' });
      const returned = await call(app, 'outgoing.return', { id: d.id, comment: 'Bổ sung kinh phí thực hiện.' }, ld);
      expect(returned.status).toBe('tra-lai');
      expect((await call(app, 'outgoing.inbox', {}, cv)).map((x) => x.id)).toEqual([d.id]);
      const revised = { ...draft, body: [...draft.body, { kind: 'paragraph' as const, text: 'Kinh phí thực hiện từ nguồn ngân sách tỉnh năm 2026.' }] };
      await call(app, 'drafts.save', { id: d.id, draft: revised }, cv);
      const v2 = await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id }, cv);
      expect(v2.version).toBe(2);
      expect(v2.versions.map((v) => v.version)).toEqual([1, 2]);
      expect((await call(app, 'outgoing.version', { id: d.id, version: 1 }, ld)).body).toHaveLength(draft.body.length);
    });

    it('refuses issuing before the signature; the leader approves and signs, and it reaches the văn thư', async () => {
      expect(await callErr(app, 'outgoing.issue', { id: d.id, key: organKey }, vt)).toMatchObject({ code: 'CONFLICT' });
      await call(app, 'outgoing.approve', { id: d.id, comment: 'Đồng ý.' }, ld);
      const person = await call(app, 'people.create', { fullName: 'Nguyễn Văn An', position: 'Chủ tịch' }, admin);
      await call(app, 'stamps.set', { personId: person.id, png: signaturePng() }, admin);
      const organ = await call(app, 'organizations.create', { name: 'Ủy ban nhân dân tỉnh Bắc Ninh' }, admin);
      await call(app, 'stamps.set', { organizationId: organ.id, png: sealPng() }, admin);
      w = await call(app, 'outgoing.sign', { id: d.id, key: leaderKey }, ld);
      expect(w.status).toBe('da-ky');
      expect((await call(app, 'outgoing.inbox', {}, vt)).map((x) => x.id)).toEqual([d.id]);
    });

    it('a wrong organisation password is refused before any number is taken; issuing gives 01/KH-UBND, once', async () => {
      expect(await callErr(app, 'outgoing.issue', { id: d.id, key: { ...organKey, password: 'sai' } }, vt)).toMatchObject({ field: 'password' });
      expect(rowsCount(app, 'outgoing_docs')).toBe(0);
      first = await call(app, 'outgoing.issue', { id: d.id, key: organKey }, vt);
      expect(first).toMatchObject({ number: 1, ref: '01/KH-UBND', status: 'issued', bookName: 'Sổ văn bản đi', signer: 'Nguyễn Văn An' });
      expect(first.recipients).toEqual(['Tỉnh ủy Bắc Ninh', 'Sở Nội vụ', 'Sở Tài chính']);
      expect(await callErr(app, 'outgoing.issue', { id: d.id, key: organKey }, vt)).toMatchObject({ code: 'CONFLICT' });
    });

    it('the issued PDF: the leader’s signature, then the organisation’s over the number and date it filled in as page text', async () => {
      const pdf = await call(app, 'attachments.content', { sha256: first.sha256! }, cv);
      const v = await call(app, 'signing.verify', { pdf }, cv);
      expect(v.signatures.map((s) => [s.signer, s.integrity, s.signatureValid])).toEqual([
        ['Nguyễn Văn An', true, true],
        ['Ủy ban nhân dân tỉnh Bắc Ninh', true, true],
      ]);
      const leaderSigned = await call(app, 'attachments.content', { sha256: w.signedSha256! }, cv);
      expect(Buffer.from(pdf.subarray(0, leaderSigned.length)).equals(Buffer.from(leaderSigned))).toBe(true);
      // The digits are real page text (copyable, searchable), placed in the blanks the layout engine reported.
      expect((await pdfText(leaderSigned)).text).not.toMatch(/\b01\b/);
      expect((await pdfText(pdf)).text).toMatch(/\b01\b/);
      const [y, m, dd] = first.docDate.split('-');
      if (havePdfsig) {
        const file = path.join(tempDir(), 'issued.pdf');
        fs.writeFileSync(file, pdf);
        const out = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
        expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
        // Read as laid out on the page, by poppler: the number against its ký hiệu, the date in its line.
        const layout = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
        expect(layout).toMatch(/Số:\s+01\/KH-UBND/);
        expect(layout).toMatch(new RegExp(`ngày\\s+${dd}\\s+tháng\\s+${Number(m) <= 2 ? m : Number(m)}\\s+năm\\s+${y}`));
      }
    });

    it('records sending per recipient, with who sent it', async () => {
      const sent = await call(app, 'outgoing.send', { id: first.id, sends: [{ recipient: 'Tỉnh ủy Bắc Ninh', method: 'edxml' }, { recipient: 'Sở Nội vụ', method: 'email' }] }, vt);
      expect(sent.sends.map((s) => [s.recipient, s.method, s.userName])).toEqual([['Tỉnh ủy Bắc Ninh', 'edxml', 'Lê Văn Cường'], ['Sở Nội vụ', 'email', 'Lê Văn Cường']]);
    });

    it('a second plan gets 02; a skipped number keeps the series gap-free, with its reason; the register and its book list all three', async () => {
      const d2 = await call(app, 'drafts.save', { draft: plan('Tổ chức Ngày Chuyển đổi số tỉnh năm 2026') }, cv);
      await call(app, 'outgoing.submit', { id: d2.id, to: ld.caller!.id }, cv);
      await call(app, 'outgoing.approve', { id: d2.id }, ld);
      await call(app, 'outgoing.sign', { id: d2.id, key: leaderKey }, ld);
      expect((await call(app, 'outgoing.issue', { id: d2.id, key: organKey }, vt)).ref).toBe('02/KH-UBND');
      expect(await callErr(app, 'outgoing.skipNumber', { kind: 'skipped', reason: '' }, vt)).toMatchObject({ code: 'VALIDATION', field: 'reason' });
      const skipped = await call(app, 'outgoing.skipNumber', { kind: 'skipped', reason: 'Văn bản dự kiến không ban hành.' }, vt);
      expect(skipped).toMatchObject({ number: 3, status: 'skipped', note: 'Văn bản dự kiến không ban hành.' });
      const register = await call(app, 'outgoing.list', {}, ld);
      expect(register.map((r) => [r.number, r.status])).toEqual([[1, 'issued'], [2, 'issued'], [3, 'skipped']]);
      const book = await call(app, 'registerBook.export', { kind: 'outgoing', from: '2026-01-01', to: '2026-12-31', format: 'xlsx' }, vt);
      expect(book.rowCount).toBe(3);
    });

    it('the audit log has every step, who and which document; only the administrator verifies it, and the chain holds', async () => {
      const steps = (await call(app, 'audit.list', { entity: 'draft', entityId: d.id }, admin)).map((e) => `${e.username}:${e.action}`).reverse();
      expect(steps).toEqual([
        'chuyenvien:draft.create',
        'chuyenvien:outgoing.submit',
        'lanhdao:outgoing.return',
        'chuyenvien:draft.update',
        'chuyenvien:outgoing.submit',
        'lanhdao:outgoing.approve',
        'lanhdao:outgoing.sign',
      ]);
      const issuedEntries = (await call(app, 'audit.list', { entity: 'outgoing', entityId: first.id }, admin)).map((e) => `${e.username}:${e.action}`).reverse();
      expect(issuedEntries).toEqual(['vanthu:outgoing.number', 'vanthu:outgoing.issue', 'vanthu:outgoing.send']);
      expect(await callErr(app, 'audit.verify', {}, ld)).toMatchObject({ code: 'FORBIDDEN' });
      const ok = await call(app, 'audit.verify', {}, admin);
      expect(ok).toMatchObject({ ok: true, problem: null });
      expect(ok.rows).toBe(rowsCount(app, 'audit_log'));
    });

    it('the log refuses changes from the app, and catches a row deleted by someone with the key who drops the trigger', async () => {
      expect(() => app.db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
      expect(() => app.db.prepare("UPDATE audit_log SET username = 'x' WHERE seq = 5").run()).toThrow(/append-only/);
      const tamper = 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 5;';
      // Another connection, as an outside tool would (the file is encrypted: Debian's sqlite3 shell cannot open it).
      const outside = openDataDb(app.dataDir);
      outside.exec(tamper);
      outside.close();
      const broken = await call(app, 'audit.verify', {}, admin);
      expect(broken).toMatchObject({ ok: false, problem: 'missing', seq: 6 });
      expect(broken.message).toContain('Thiếu bản ghi số 5');
    });
  });

  it('a failed organisation signature keeps its number used, cancelled with the reason; the next issuance takes the next number', async () => {
    const app = await tempApp({ clock: () => new Date() });
    const pki = makeTestPki();
    const leaderKey = { kind: 'p12' as const, data: new Uint8Array(fs.readFileSync(pki.p12('Người Thử Nghiệm'))), password: '123456' };
    // A certificate that is not yet valid passes the password check but fails at signing, after the number is taken.
    const future = { kind: 'p12' as const, data: new Uint8Array(fs.readFileSync(pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh', { startOffsetDays: 5 }))), password: '123456' };
    const good = { kind: 'p12' as const, data: new Uint8Array(fs.readFileSync(pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh'))), password: '123456' };
    const draft = { ...plan('Kế hoạch thử'), signature: { authority: '', onBehalfOf: '', title: 'Chủ tịch', name: 'Người Thử Nghiệm' } };
    const d = await call(app, 'drafts.save', { draft });
    await call(app, 'outgoing.submit', { id: d.id, to: app.session.caller!.id });
    await call(app, 'outgoing.approve', { id: d.id });
    await call(app, 'outgoing.sign', { id: d.id, key: leaderKey });
    expect(await callErr(app, 'outgoing.issue', { id: d.id, key: future })).toMatchObject({ code: 'VALIDATION', field: 'certificate' });
    const [cancelled] = await call(app, 'outgoing.list', {});
    expect(cancelled).toMatchObject({ number: 1, status: 'cancelled' });
    expect(cancelled.note).toMatch(/^Phát hành không thành công: Chứng thư số chưa có hiệu lực/);
    expect((await call(app, 'outgoing.workflow', { id: d.id })).status).toBe('da-ky');
    expect((await call(app, 'outgoing.issue', { id: d.id, key: good })).ref).toBe('02/KH-UBND');
    // A secret document is written only on a machine kept off any network; there it goes to the secret book, in its
    // own series.
    expect(await callErr(app, 'drafts.save', { draft: { ...draft, secrecy: 'mat' } })).toMatchObject({ code: 'VALIDATION', field: 'draft.secrecy' });
    await call(app, 'units.saveSecrecy', { offlineMachine: true });
    const s = await call(app, 'drafts.save', { draft: { ...draft, secrecy: 'mat' } });
    await call(app, 'outgoing.submit', { id: s.id, to: app.session.caller!.id });
    await call(app, 'outgoing.approve', { id: s.id });
    await call(app, 'outgoing.sign', { id: s.id, key: leaderKey });
    expect(await callErr(app, 'outgoing.issue', { id: s.id, key: good, book: 'Sổ văn bản đi' })).toMatchObject({ code: 'VALIDATION', field: 'book' });
    expect(await call(app, 'outgoing.issue', { id: s.id, key: good })).toMatchObject({ number: 1, bookName: 'Sổ văn bản mật đi' });
    await app.cleanup();
  }, 120_000);
});
