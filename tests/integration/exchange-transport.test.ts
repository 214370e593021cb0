import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { runAs, type Session } from '../../electron/app/caller';
import { upsertBlob } from '../../electron/attachments/repo';
import { findBook } from '../../electron/directory/repo';
import { runPass, startExchangeScheduler } from '../../electron/exchange/runner';
import { buildStatusXml } from '../../electron/exchange/status-build';
import { clerkCaller } from '../../electron/exchange/transport-repo';
import { saveStoredSecrecy } from '../../electron/scope/secrecy';
import { folderTransport } from '../../electron/exchange/transport-folder';
import type { Transport } from '../../electron/exchange/transport';
import { takeNumber } from '../../electron/outgoing/service';
import { draftSchema } from '../../shared/drafting/model';
import { addUser, call, callErr, fixedClock, rowsCount, tempApp, tempDir } from '../helpers/app';
import { keyring, makeTestPki, type TestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';

/**
 * The exchange's transports between two offices (issue 18): A (000.00.00.H30) and B (000.00.00.H31) share two folders
 * — A's outbox is B's inbox and the reverse — as their LGSP clients would. A document A sends by edXML is registered
 * at B once; B's automatic statuses 01 and 03 come back to A's record for B. Each message is sent once, a crash after
 * writing resends the same message id and B registers it once, failures back off to a dead letter that can be resent,
 * and e-mail goes through a real SMTP server on loopback whose message, dropped into B's inbox as .eml, is registered.
 */
type TestApp = AppContext & { session: Session; cleanup(): Promise<void> };

const A_ID = '000.00.00.H30';
const B_ID = '000.00.00.H31';
const A_NAME = 'Ủy ban nhân dân tỉnh Hậu Giang';
const B_NAME = 'Sở Nội vụ tỉnh Hậu Giang';
const B_MAIL = 'vanthu@snv.haugiang.gov.vn';

// Now (the test PKI's certificates are valid from today), then moved by hand.
const clock = fixedClock(new Date());
let a: TestApp;
let b: TestApp;
let aToB: string;
let bToA: string;
let pdf: Uint8Array;
let pki: TestPki;
let key: ReturnType<typeof keyring>;
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('exchange-transport: skipped, openssl is not installed (the test PKI signs the edXML packages)');

async function onePagePdf(): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  d.addPage([595, 842]);
  return d.save();
}

/** An issued document of A with its PDF, recipients as the draft lists them (the issuance itself is tested elsewhere). */
function issued(subject: string, secrecy: 'thuong' | 'mat' = 'thuong'): number {
  const model = draftSchema.parse({
    profile: 'state',
    organ: A_NAME,
    organAbbr: 'UBND',
    place: 'Hậu Giang',
    docType: 'cong-van',
    unitAbbr: 'VP',
    subject,
    secrecy,
    recipients: [{ text: 'Như trên' }, { text: B_NAME }],
    signature: { authority: 'KT.', onBehalfOf: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Nguyễn Văn An' },
  });
  const book = secrecy === 'thuong' ? findBook(a.db, 'outgoing', undefined)! : undefined;
  const r = runAs(a.session.caller, () => takeNumber(a, { book: book!, date: a.today(), model, draftId: null, status: 'issued', userId: a.session.caller!.id }));
  const sha256 = a.blobs.put(pdf);
  upsertBlob(a.db, { sha256, size: pdf.byteLength, mime: 'application/pdf', pageCount: 1, textStatus: 'none', now: a.nowIso() });
  a.db.prepare('UPDATE outgoing_docs SET sha256 = ?, page_count = 1 WHERE id = ?').run(sha256, r.id);
  return r.id;
}

const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.(edxml|eml)$/.test(f)) : []);

/** A folder transport that writes the package, then fails as if the process died before marking it sent. */
function crashAfterWrite(outbox: string): Transport {
  const real = folderTransport({ outbox, inbox: '' });
  return { ...real, async send(m) { await real.send(m); throw new Error('mất điện sau khi ghi tệp'); } };
}
const failing: Transport = { name: 'folder', async send() { throw new Error('ổ mạng không truy cập được'); }, async *receive() {}, async ack() {} };

/** A status from `from` about A's document `documentId`, as another office's software would write it. */
function statusFrom(from: string, documentId: string, code: string): Uint8Array {
  const [, day, ref] = documentId.split(',');
  return buildStatusXml({
    responseFor: { organId: A_ID, code: ref, promulgationDate: day, documentId },
    from: { organId: from, organName: 'Cơ quan khác' },
    statusCode: code,
    description: 'Đang xử lý',
    timestamp: clock.clock().toISOString(),
    staff: {},
  });
}

describe.skipIf(!haveOpenssl)('exchange transports between two offices', () => {
  beforeAll(async () => {
    pdf = await onePagePdf();
    pki = makeTestPki();
    key = keyring(pki);
    [a, b] = await Promise.all([tempApp({ clock: clock.clock }), tempApp({ clock: clock.clock })]);
    const shared = tempDir('vanphong-exchange-');
    aToB = path.join(shared, 'a-to-b');
    bToA = path.join(shared, 'b-to-a');
    await call(a, 'settings.saveOrganisation', { profile: 'state', name: A_NAME, abbr: 'UBND', place: 'Hậu Giang', organId: A_ID });
    await call(b, 'settings.saveOrganisation', { profile: 'state', name: B_NAME, abbr: 'SNV', place: 'Hậu Giang', organId: B_ID });
    await call(a, 'organizations.create', { name: B_NAME, organId: B_ID, email: B_MAIL });
    await call(b, 'organizations.create', { name: A_NAME, organId: A_ID });
    await call(a, 'exchange.saveSettings', { outbox: aToB, inbox: bToA });
    await call(b, 'exchange.saveSettings', { outbox: bToA, inbox: aToB });
    await call(b, 'trust.add', { data: new Uint8Array(fs.readFileSync(pki.caDer)) });
  });
  afterAll(async () => {
    await Promise.all([a?.cleanup(), b?.cleanup()]);
    if (pki) fs.rmSync(pki.dir, { recursive: true, force: true });
  });

  it('a document sent by edXML is registered at B, and B’s statuses 01, 03, then 04 and 06 show on A’s record for B', async () => {
    const id = issued('Về việc triển khai chuyển đổi số năm 2026');
    const sends = [{ recipient: B_NAME, method: 'edxml' }, { recipient: 'Công an tỉnh Hậu Giang', method: 'edxml' }, { recipient: 'Như trên', method: 'paper' }] as const;
    // A package through the trục is never sent unsigned: the organisation's key is asked for, nothing recorded.
    expect(await callErr(a, 'outgoing.send', { id, sends })).toMatchObject({ code: 'VALIDATION', field: 'key', message: expect.stringMatching(/chữ ký số của cơ quan/) });
    expect((await call(a, 'outgoing.get', { id })).sends).toEqual([]);
    const sent = await call(a, 'outgoing.send', { id, sends: [...sends], key: key(A_NAME) });
    // Sent electronically where the directory allows it; the rest recorded, and the reason given.
    expect(sent.delivery).toEqual({ queued: [B_NAME], notSendable: [{ name: 'Công an tỉnh Hậu Giang', why: 'chưa có mã định danh trong danh bạ' }], signed: true });
    expect(sent.sends.map((s) => s.method)).toEqual(['edxml', 'edxml', 'paper']);
    const ra = await call(a, 'exchange.run', {});
    expect(ra).toMatchObject({ sent: 1, failed: 0, received: 0 });
    const [file] = filesIn(aToB);
    const out = (await call(a, 'exchange.list', { direction: 'out' }))[0];
    expect(file).toBe(`${out.messageId}.edxml`);
    expect(out).toMatchObject({ state: 'sent', kind: 'document', peerOrganId: B_ID, peerName: B_NAME, attempts: 1 });

    const rb = await call(b, 'exchange.run', {});
    expect(rb).toMatchObject({ received: 1, rejected: 0, statusesQueued: 2, sent: 2 });
    expect(filesIn(aToB)).toEqual([]);
    expect(filesIn(path.join(aToB, 'processed'))).toEqual([file]);
    const incoming = await call(b, 'incoming.list', {});
    expect(incoming.rows.map((r) => r.subject)).toEqual(['Về việc triển khai chuyển đổi số năm 2026']);
    // The package's XML signature verifies at B against the certificate authority B trusts.
    const facts = await call(b, 'exchange.receivedFacts', { id: incoming.rows[0].id });
    expect(facts?.signatures.find((v) => v.kind === 'xml')).toMatchObject({ status: 'valid', signer: A_NAME });

    const back = await call(a, 'exchange.run', {});
    expect(back).toMatchObject({ received: 2, rejected: 0 });
    const statuses = await call(a, 'exchange.statuses', { outgoingId: id });
    expect(statuses.map((g) => [g.organId, g.name, g.statuses.map((s) => s.code)])).toEqual([[B_ID, B_NAME, ['01', '03']]]);
    expect(statuses[0].latest.label).toBe('Đã tiếp nhận (vào sổ)');
    // Both sides audited.
    expect(a.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'exchange.receiveStatus'").pluck().get()).toBe(2);

    // Run again on both sides: nothing sent twice, no status queued twice.
    expect(await call(a, 'exchange.run', {})).toMatchObject({ sent: 0, received: 0 });
    expect(await call(b, 'exchange.run', {})).toMatchObject({ sent: 0, received: 0, statusesQueued: 0 });

    // B's leader instructs, the document is finished: 04 and 06 go back by themselves, once.
    const doc = incoming.rows[0];
    await call(b, 'incoming.submit', { id: doc.id, to: 'tester' });
    await call(b, 'incoming.instruct', { id: doc.id, lead: 'tester', note: 'Giao văn thư tổng hợp' });
    await call(b, 'incoming.finish', { id: doc.id });
    expect(await call(b, 'exchange.run', {})).toMatchObject({ statusesQueued: 2, sent: 2 });
    expect(await call(a, 'exchange.run', {})).toMatchObject({ received: 2 });
    expect((await call(a, 'exchange.statuses', { outgoingId: id }))[0].statuses.map((s) => s.code)).toEqual(['01', '03', '04', '06']);
  });

  it('a crash after writing resends the same message id, and B registers the document once', async () => {
    const before = rowsCount(b, 'incoming_docs');
    const id = issued('Về việc báo cáo số liệu cán bộ quý I');
    await call(a, 'outgoing.send', { id, sends: [{ recipient: B_NAME, method: 'edxml' }], key: key(A_NAME) });
    const crashed = await runPass(a, a.session, { transports: { folder: crashAfterWrite(aToB) } });
    expect(crashed).toMatchObject({ sent: 0, failed: 1 });
    const [file] = filesIn(aToB);
    expect(await call(b, 'exchange.run', {})).toMatchObject({ received: 1 });
    // Not due before its minute is up; then the same message id is written again.
    expect(await call(a, 'exchange.run', {})).toMatchObject({ sent: 0, failed: 0 });
    clock.advance(61_000);
    expect(await call(a, 'exchange.run', {})).toMatchObject({ sent: 1 });
    expect(filesIn(aToB)).toEqual([file]);
    expect(await call(b, 'exchange.run', {})).toMatchObject({ received: 0, rejected: 0 });
    expect(rowsCount(b, 'incoming_docs')).toBe(before + 1);
    expect(filesIn(path.join(aToB, 'processed'))).toContain(file.replace(/\.edxml$/, '-2.edxml'));
  });

  it('failures back off 1 min, 5 min, 30 min, 2 h, 12 h, then the message is dead; resent, it goes', async () => {
    const id = issued('Về việc cử cán bộ dự tập huấn');
    await call(a, 'outgoing.send', { id, sends: [{ recipient: B_NAME, method: 'edxml' }], key: key(A_NAME) });
    const waits: number[] = [];
    let last: { failed: number; dead: number } = { failed: 0, dead: 0 };
    for (let i = 0; i < 6; i++) {
      last = await runPass(a, a.session, { transports: { folder: failing } });
      const m = (await call(a, 'exchange.list', { view: 'problems', direction: 'out' }))[0];
      if (m.state === 'failed') {
        const wait = Date.parse(m.nextAttemptAt!) - clock.clock().getTime();
        waits.push(wait / 60_000);
        expect(await runPass(a, a.session, { transports: { folder: failing } })).toMatchObject({ failed: 0, dead: 0 }); // not due yet
        clock.advance(wait);
      }
    }
    expect(waits).toEqual([1, 5, 30, 120, 720]);
    expect(last).toMatchObject({ dead: 1 });
    const dead = (await call(a, 'exchange.list', { state: 'dead' }))[0];
    expect(dead).toMatchObject({ attempts: 6, lastError: 'ổ mạng không truy cập được', outgoingId: id });
    expect(await callErr(a, 'exchange.resend', { id: (await call(a, 'exchange.list', { state: 'sent' }))[0].id })).toMatchObject({ code: 'CONFLICT' });
    expect(await call(a, 'exchange.resend', { id: dead.id })).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await call(a, 'exchange.run', {})).toMatchObject({ sent: 1 });
    expect(await call(b, 'exchange.run', {})).toMatchObject({ received: 1 });
  });

  it('a status about a document A never issued is rejected with the reason, set aside beside it', async () => {
    const before = (await call(a, 'exchange.list', { state: 'rejected' })).length;
    const inc = (await call(b, 'incoming.list', {})).rows[0];
    const p = await call(b, 'exchange.statusPackage', { incomingId: inc.id, code: '05', to: A_ID, documentId: `${A_ID},2026/01/02,99/UBND-VP` });
    fs.writeFileSync(path.join(bToA, p.fileName), p.bytes);
    expect(await call(a, 'exchange.run', {})).toMatchObject({ rejected: 1 });
    const rejected = await call(a, 'exchange.list', { state: 'rejected' });
    expect(rejected).toHaveLength(before + 1);
    expect(rejected[0].lastError).toMatch(/Không có văn bản đi nào số 99\/UBND-VP ngày 02\/01\/2026/);
    expect(fs.readFileSync(path.join(bToA, 'rejected', `${p.fileName}.txt`), 'utf8')).toMatch(/99\/UBND-VP/);
    // A record that did not come by edXML needs the sender and DocumentId; a hostile package is refused unread.
    const plain = await call(b, 'incoming.register', { sender: 'Công an tỉnh Hậu Giang', ref: '12/CAT', docDate: '2026-03-10', docType: 'Công văn', subject: 'Về việc phối hợp' });
    expect(await callErr(b, 'exchange.statusPackage', { incomingId: plain.id, code: '03' })).toMatchObject({ code: 'VALIDATION', field: 'to' });
    fs.writeFileSync(path.join(bToA, 'bomb.edxml'), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>');
    expect(await call(a, 'exchange.run', {})).toMatchObject({ rejected: 1 });
    expect(fs.readFileSync(path.join(bToA, 'rejected', 'bomb.edxml.txt'), 'utf8')).toMatch(/DOCTYPE/);
  });

  it('e-mail: a real SMTP server on loopback gets the package as <messageId>.edxml; dropped into B’s inbox, it is registered', async () => {
    const mails: { raw: Buffer; from: string; to: string[]; user?: string }[] = [];
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: true,
      logger: false,
      onAuth(auth, _s, cb) {
        cb(auth.username === 'vanthu' && auth.password === 'mat-khau-smtp' ? null : new Error('sai mật khẩu'), { user: auth.username });
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ raw: Buffer.concat(chunks), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    try {
      // Refused fields are named, in Vietnamese, for the form to show under them.
      expect(await callErr(a, 'exchange.saveSettings', { outbox: 'gui-di' })).toMatchObject({ code: 'VALIDATION', field: 'outbox', message: expect.stringMatching(/đường dẫn đầy đủ/) });
      expect(await callErr(a, 'exchange.saveSettings', { smtp: { host: '127.0.0.1', port: 70000, from: 'x@y.vn' } })).toMatchObject({ code: 'VALIDATION', field: 'smtp.port' });
      const s = await call(a, 'exchange.saveSettings', { smtp: { host: '127.0.0.1', port, security: 'none', user: 'vanthu', from: 'vanthu@ubnd.haugiang.gov.vn', password: 'mat-khau-smtp' } });
      expect(s.smtp).toEqual({ host: '127.0.0.1', port, security: 'none', user: 'vanthu', from: 'vanthu@ubnd.haugiang.gov.vn', hasPassword: true });
      // The password is stored sealed, never in clear.
      expect(a.db.prepare("SELECT value FROM settings WHERE key = 'exchange'").pluck().get()).not.toContain('mat-khau-smtp');
      const id = issued('Về việc gửi thư điện tử liên thông');
      const sent = await call(a, 'outgoing.send', { id, sends: [{ recipient: B_NAME, method: 'email' }], key: key(A_NAME) });
      expect(sent.delivery).toMatchObject({ queued: [B_NAME], signed: true });
      expect(await call(a, 'exchange.run', {})).toMatchObject({ sent: 1, failed: 0 });
      const m = (await call(a, 'exchange.list', { direction: 'out', state: 'sent' })).find((x) => x.transport === 'email')!;
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ from: 'vanthu@ubnd.haugiang.gov.vn', to: [B_MAIL], user: 'vanthu' });
      const raw = mails[0].raw.toString('utf8');
      expect(raw).toContain(`Message-ID: <${m.messageId}@edxml.vanphong>`);
      expect(raw).toMatch(new RegExp(`filename=.?${m.messageId}\\.edxml`));
      fs.writeFileSync(path.join(aToB, 'thu-den.eml'), mails[0].raw);
      const before = rowsCount(b, 'incoming_docs');
      expect(await call(b, 'exchange.run', {})).toMatchObject({ received: 1, rejected: 0 });
      expect(rowsCount(b, 'incoming_docs')).toBe(before + 1);
      expect(filesIn(path.join(aToB, 'processed'))).toContain('thu-den.eml');
      const inMsg = (await call(b, 'exchange.list', { direction: 'in' })).find((x) => x.transport === 'email')!;
      expect(inMsg).toMatchObject({ messageId: m.messageId, state: 'received', peerAddress: 'vanthu@ubnd.haugiang.gov.vn', peerOrganId: A_ID });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a secret document never goes out electronically, nor do statuses about one (QĐ 28/2018)', async () => {
    const id = issued('Về việc bảo vệ bí mật nhà nước');
    a.db.prepare("UPDATE outgoing_docs SET secrecy = 'mat' WHERE id = ?").run(id);
    const queued = rowsCount(a, 'exchange_messages');
    expect(await callErr(a, 'outgoing.send', { id, sends: [{ recipient: B_NAME, method: 'edxml' }] })).toMatchObject({ code: 'VALIDATION', field: 'sends.0.method' });
    expect(rowsCount(a, 'exchange_messages')).toBe(queued);
    const inc = (await call(b, 'incoming.list', {})).rows[0];
    b.db.prepare("UPDATE incoming_docs SET secrecy = 'mat' WHERE id = ?").run(inc.id);
    expect(await callErr(b, 'exchange.sendStatus', { incomingId: inc.id, code: '06' })).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/28\/2018/) });
  });

  it('arrivals are keyed on their content: two packages under one name both read, the same bytes again registered once', async () => {
    const before = rowsCount(b, 'incoming_docs');
    for (const subject of ['Về việc kế hoạch năm 2026 (cập nhật lần 1)', 'Về việc kế hoạch năm 2026 (cập nhật lần 2)']) {
      await call(a, 'outgoing.send', { id: issued(subject), sends: [{ recipient: B_NAME, method: 'edxml' }], key: key(A_NAME) });
    }
    expect(await call(a, 'exchange.run', {})).toMatchObject({ sent: 2 });
    const [f1, f2] = filesIn(aToB).sort();
    const first = fs.readFileSync(path.join(aToB, f1));
    // Both arrive as «van-ban.edxml», one after the other (two offices' van-ban.edxml, two updates exported alike).
    const held = path.join(aToB, '..', f2);
    fs.renameSync(path.join(aToB, f2), held);
    fs.renameSync(path.join(aToB, f1), path.join(aToB, 'van-ban.edxml'));
    expect(await call(b, 'exchange.run', {})).toMatchObject({ received: 1, duplicates: 0, rejected: 0 });
    fs.renameSync(held, path.join(aToB, 'van-ban.edxml'));
    expect(await call(b, 'exchange.run', {})).toMatchObject({ received: 1, duplicates: 0, rejected: 0 });
    expect(rowsCount(b, 'incoming_docs')).toBe(before + 2);
    // The first package's very bytes again, under another name: said to be a duplicate, set aside, not registered.
    fs.writeFileSync(path.join(aToB, 'gui-lai.edxml'), first);
    expect(await call(b, 'exchange.run', {})).toMatchObject({ received: 0, duplicates: 1, rejected: 0 });
    expect(rowsCount(b, 'incoming_docs')).toBe(before + 2);
    expect(filesIn(path.join(aToB, 'processed'))).toEqual(expect.arrayContaining(['van-ban.edxml', 'van-ban-2.edxml', 'gui-lai.edxml']));
  });

  it('a status is taken only from an organ the document went to, never about a secret document; refused ones keep no bytes', async () => {
    const id = issued('Về việc tổng hợp ý kiến góp ý dự thảo');
    await call(a, 'outgoing.send', { id, sends: [{ recipient: B_NAME, method: 'edxml' }], key: key(A_NAME) });
    const rec = await call(a, 'outgoing.get', { id });
    const documentId = `${A_ID},${rec.docDate.replace(/-/g, '/')},${rec.ref}`;
    fs.writeFileSync(path.join(bToA, 'tu-co-quan-khac.edxml'), statusFrom('000.00.00.H99', documentId, '06'));
    expect(await call(a, 'exchange.run', {})).toMatchObject({ rejected: 1 });
    const refused = (await call(a, 'exchange.list', { state: 'rejected' }))[0];
    expect(refused.lastError).toMatch(/000\.00\.00\.H99 không phải nơi nhận/);
    // A refused arrival stays a file in rejected/ with its reason, not bytes in the attachment store.
    expect(a.db.prepare('SELECT sha256 FROM exchange_messages WHERE id = ?').pluck().get(refused.id)).toBeNull();
    expect(fs.existsSync(path.join(bToA, 'rejected', 'tu-co-quan-khac.edxml'))).toBe(true);
    a.db.prepare("UPDATE outgoing_docs SET secrecy = 'mat' WHERE id = ?").run(id);
    fs.writeFileSync(path.join(bToA, 've-van-ban-mat.edxml'), statusFrom(B_ID, documentId, '05'));
    expect(await call(a, 'exchange.run', {})).toMatchObject({ rejected: 1 });
    expect((await call(a, 'exchange.list', { state: 'rejected' }))[0].lastError).toMatch(/độ mật/);
    expect(await call(a, 'exchange.statuses', { outgoingId: id })).toEqual([]);
    // A văn thư who does not keep the secret register does not see the messages about that document.
    const vt2 = await addUser(a, 'vt2', ['vanthu'], 'Văn thư hai');
    saveStoredSecrecy(a.db, { secretClerks: [a.session.caller!.id], officeHeads: [], offlineMachine: false });
    const about = (rows: { outgoingId: number | null }[]) => rows.filter((m) => m.outgoingId === id).length;
    expect(about(await call(a, 'exchange.list', {}))).toBe(1);
    expect(about(await call(a, 'exchange.list', {}, vt2))).toBe(0);
    saveStoredSecrecy(a.db, { secretClerks: [], officeHeads: [], offlineMachine: false });
  });

  it('only a văn thư runs the exchange, lists it and sends statuses; the scheduler never registers as a quản trị; two passes at once', async () => {
    const qt = await addUser(b, 'qt', ['quantri'], 'Quản trị viên');
    const inc = (await call(b, 'incoming.list', {})).rows.at(-1)!;
    const refused = [
      ['exchange.run', {}],
      ['exchange.list', {}],
      ['exchange.resend', { id: 1 }],
      ['exchange.statusPackage', { incomingId: inc.id, code: '05' }],
      ['exchange.sendStatus', { incomingId: inc.id, code: '05' }],
    ] as const;
    for (const [m, input] of refused) expect(await callErr(b, m, input, qt)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call(b, 'exchange.settings', {}, qt)).toMatchObject({ inbox: aToB, outbox: bToA });
    // A refusal tells the sender why; the inbox may not be the outbox.
    expect(await callErr(b, 'exchange.sendStatus', { incomingId: inc.id, code: '02' })).toMatchObject({ code: 'VALIDATION', field: 'reason', message: expect.stringMatching(/lý do/) });
    expect(await callErr(b, 'exchange.saveSettings', { inbox: `${bToA}/` })).toMatchObject({ code: 'VALIDATION', field: 'inbox', message: expect.stringMatching(/trùng thư mục gửi/) });

    await call(a, 'outgoing.send', { id: issued('Về việc lịch công tác tháng 4'), sends: [{ recipient: B_NAME, method: 'edxml' }], key: key(A_NAME) });
    expect(await call(a, 'exchange.run', {})).toMatchObject({ sent: 1 });
    const waiting = filesIn(aToB);
    const before = rowsCount(b, 'incoming_docs');
    b.db.prepare(`UPDATE users SET active = 0 WHERE roles LIKE '%"vanthu"%'`).run();
    try {
      expect(clerkCaller(b.db)).toBeNull();
      const lines: string[] = [];
      const stop = startExchangeScheduler(b, { firstMs: 0, everyMs: 3_600_000, log: (l) => lines.push(l) });
      for (let i = 0; i < 200 && !lines.length; i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 200)); // the pass (sending only) ends
      stop();
      expect(lines[0]).toMatch(/không có tài khoản văn thư/);
      expect(rowsCount(b, 'incoming_docs')).toBe(before);
      expect(filesIn(aToB)).toEqual(waiting);
    } finally {
      b.db.prepare(`UPDATE users SET active = 1 WHERE roles LIKE '%"vanthu"%'`).run();
    }
    // The scheduler and a CLI `exchange run` on one folder at once: neither aborts, the document is registered once.
    const both = await Promise.all([runAs(b.session.caller, () => runPass(b, b.session)), runAs(b.session.caller, () => runPass(b, b.session))]);
    expect(both.map((r) => r.received + r.duplicates).reduce((x, y) => x + y)).toBe(waiting.length);
    expect(both.map((r) => r.rejected)).toEqual([0, 0]);
    expect(rowsCount(b, 'incoming_docs')).toBe(before + waiting.length);
    expect(filesIn(aToB)).toEqual([]);
  });
});
