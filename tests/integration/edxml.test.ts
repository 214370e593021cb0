import fs from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { buildDocumentPackage } from '../../electron/exchange/edxml-export';
import { readPackage } from '../../electron/exchange/edxml-import';
import { signEdxml } from '../../electron/exchange/xml-signature';
import { loadP12 } from '../../electron/signing/p12';
import { runAs } from '../../electron/app/caller';
import { draftSchema } from '../../shared/drafting/model';
import { addUser, call, callErr, fixedClock, rowsCount, tempApp } from '../helpers/app';
import { keyring, makeTestPki, type TestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * edXML documents between two offices (issue 18): office A (000.00.00.H30) issues a plan and exports it; office B
 * (000.00.00.H31, in A's directory) imports it — same metadata, the signed PDF byte for byte, the XML and PDF signatures
 * valid; a changed byte shows the XML signature invalid; a package not for B, a second copy, a secret document, an
 * office without its mã định danh are refused; update and revoke packages apply to B's record with its history kept;
 * hostile packages are refused with nothing registered. The test CA's certificates start now: real clocks.
 */
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[edxml] skipped: the openssl command is not installed (it makes the test CA)');

const A_ID = '000.00.00.H30';
const B_ID = '000.00.00.H31';
const A_NAME = 'Ủy ban nhân dân tỉnh Hậu Giang';
const B_NAME = 'Sở Nội vụ tỉnh Hậu Giang';
const NO_CODE = 'Ủy ban nhân dân huyện Châu Thành';

let a: AppContext & { session: Session; cleanup(): Promise<void> };
let b: AppContext & { session: Session; cleanup(): Promise<void> };
let cv: Session, gd: Session, vt: Session;
let pki: TestPki;
let key: ReturnType<typeof keyring>;
let outgoingId: number;
let signedPdfSha: string;
let pkg: Uint8Array;

const organisation = (name: string, organId: string) => ({ profile: 'state' as const, name, abbr: 'UBND', place: 'Hậu Giang', organId });

async function issuePlan(subject: string, secrecy: 'thuong' | 'mat' = 'thuong'): Promise<number> {
  const draft = draftSchema.parse({
    ...statePlan(2),
    number: null,
    date: null,
    organ: A_NAME,
    organAbbr: 'UBND',
    subject,
    secrecy,
    addressees: [],
    recipients: [{ text: 'Như trên' }, { text: B_NAME }, { text: NO_CODE }],
    archive: ['VT'],
    signature: { authority: 'KT.', onBehalfOf: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Nguyễn Văn An' },
  });
  const d = await call(a, 'drafts.save', { draft }, cv);
  await call(a, 'outgoing.submit', { id: d.id, to: gd.caller!.id }, cv);
  await call(a, 'outgoing.approve', { id: d.id }, gd);
  await call(a, 'outgoing.sign', { id: d.id, key: key('Nguyễn Văn An') }, gd);
  const r = await call(a, 'outgoing.issue', { id: d.id, key: key(A_NAME) }, vt);
  return r.id;
}

const text = (u: Uint8Array) => Buffer.from(u).toString('utf8');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const importB = (data: Uint8Array, fileName = 'goi.edxml') => call(b, 'exchange.importEdxml', { fileName, data });

describe.skipIf(!haveOpenssl)('edXML export and import between two offices', () => {
  beforeAll(async () => {
    const clock = fixedClock(new Date());
    [a, b] = await Promise.all([tempApp({ clock: clock.clock }), tempApp({ clock: clock.clock })]);
    cv = await addUser(a, 'cv', ['chuyenvien'], 'Trần Thị Bình');
    gd = await addUser(a, 'gd', ['lanhdao'], 'Nguyễn Văn An');
    vt = await addUser(a, 'vt', ['vanthu'], 'Lê Văn Cường');
    pki = makeTestPki();
    key = keyring(pki);
    await call(a, 'settings.saveOrganisation', organisation(A_NAME, A_ID));
    await call(b, 'settings.saveOrganisation', organisation(B_NAME, B_ID));
    await call(a, 'organizations.create', { name: B_NAME, organId: B_ID, email: 'vanthu@snv.haugiang.gov.vn' });
    await call(b, 'trust.add', { data: new Uint8Array(fs.readFileSync(pki.caDer)) });
    outgoingId = await issuePlan('Triển khai chuyển đổi số năm 2026');
    signedPdfSha = (await call(a, 'outgoing.get', { id: outgoingId })).sha256!;
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.cleanup(), b?.cleanup()]);
    if (pki) fs.rmSync(pki.dir, { recursive: true, force: true });
  });

  it('exports the issued plan for the recipients with a mã định danh, in the order of QCVN 102, signed', async () => {
    const csv = { name: 'Danh-sach.csv', data: bytesOf('STT,Đơn vị\n1,Sở Nội vụ\n') };
    const r = await call(a, 'exchange.exportEdxml', { id: outgoingId, key: key(A_NAME), attachments: [csv] }, vt);
    pkg = r.bytes;
    const rec = await call(a, 'outgoing.get', { id: outgoingId });
    const day = rec.docDate.replace(/-/g, '/');
    expect(r.documentId).toBe(`${A_ID},${day},${rec.ref}`);
    expect(r.fileName).toBe(`${rec.ref.replace('/', '-')}.edxml`);
    expect(r.recipients).toEqual([{ organId: B_ID, name: B_NAME, email: 'vanthu@snv.haugiang.gov.vn' }]);
    expect(r.notSendable).toEqual([{ name: NO_CODE, why: 'chưa có mã định danh trong danh bạ' }]);
    const doc = new DOMParser().parseFromString(text(pkg), 'text/xml');
    const header = doc.getElementsByTagNameNS('*', 'MessageHeader').item(0)!;
    const order = Array.from(header.childNodes as unknown as Element[]).filter((n) => n.nodeType === 1).map((n) => n.localName);
    expect(order).toEqual(['From', 'To', 'Code', 'PromulgationInfo', 'DocumentType', 'Subject', 'Content', 'SignerInfo', 'DueDate', 'ToPlaces', 'OtherInfo', 'SteeringType', 'DocumentId']);
    const t = (name: string) => doc.getElementsByTagNameNS('*', name).item(0)?.textContent;
    expect([t('CodeNumber'), t('CodeNotation'), t('PromulgationDate'), t('TypeName'), t('Competence'), t('FullName'), t('Priority'), t('BussinessDocType')]).toEqual([
      rec.ref.split('/')[0], rec.ref.split('/')[1], day, 'Kế hoạch', 'KT.', 'Nguyễn Văn An', '0', '0',
    ]);
    // The signature sits in edXMLHeader, over the whole document, RSA-SHA256.
    const sig = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature').item(0)!;
    expect((sig.parentNode as Element).localName).toBe('edXMLHeader');
    expect(text(pkg)).toContain('xmldsig-more#rsa-sha256');
    const audit = a.db.prepare("SELECT detail FROM audit_log WHERE action = 'exchange.export' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ documentId: r.documentId, to: [B_ID], signed: true });
  });

  it('imports it in the other office: same metadata, the signed PDF byte for byte, every signature valid', async () => {
    const rec = await call(a, 'outgoing.get', { id: outgoingId });
    const r = await importB(pkg);
    expect(r).toMatchObject({ arrivalNumber: 1, business: 'new', fromOrganId: A_ID, documentId: `${A_ID},${rec.docDate.replace(/-/g, '/')},${rec.ref}` });
    expect(r.signatures[0]).toMatchObject({ kind: 'xml', status: 'valid', signer: A_NAME, problems: [] });
    // The PDF carries the leader's and the organisation's signatures.
    expect(r.signatures.filter((s) => s.kind === 'pdf').map((s) => [s.signer, s.status])).toEqual([
      ['Nguyễn Văn An', 'valid'],
      [A_NAME, 'valid'],
    ]);
    const got = await call(b, 'incoming.get', { id: r.incomingId });
    expect(got).toMatchObject({ sender: A_NAME, ref: rec.ref, docDate: rec.docDate, docType: 'ke-hoach', subject: rec.subject, urgency: 'thuong', pageCount: rec.pageCount });
    expect(got.attachments.map((x) => x.sha256)).toEqual([signedPdfSha]);
    // A file of a kind the register does not keep is named, not silently lost, and does not refuse the package.
    expect(r.skipped).toEqual([{ name: 'Danh-sach.csv', why: expect.stringContaining('không được hỗ trợ') }]);
    expect(got.note).toContain('tệp không lưu được: Danh-sach.csv');
    expect(Buffer.from(b.blobs.read(signedPdfSha)).equals(Buffer.from(a.blobs.read(signedPdfSha)))).toBe(true);
    // The sender was added to B's directory with its mã định danh.
    const orgs = await call(b, 'organizations.list', { query: A_NAME });
    expect(orgs.find((o) => o.name === A_NAME)?.organId).toBe(A_ID);
    const facts = await call(b, 'exchange.receivedFacts', { id: r.incomingId });
    expect(facts).toMatchObject({ documentId: r.documentId, fromOrganId: A_ID, business: 'new', revokedAt: null });
    expect(facts!.signatures).toHaveLength(3);
  });

  it('refuses a second copy with the earlier số đến, and a package not addressed to this office', async () => {
    const before = rowsCount(b, 'incoming_docs');
    const dup = await callErr(b, 'exchange.importEdxml', { fileName: 'lan-2.edxml', data: pkg });
    expect(dup.code).toBe('DUPLICATE');
    expect(dup.message).toMatch(/số đến 1\/\d{4}/);
    expect(rowsCount(b, 'incoming_docs')).toBe(before);
    const notOurs = await callErr(a, 'exchange.importEdxml', { fileName: 'goi.edxml', data: pkg });
    expect(notOurs.message).toBe(`Gói tin không gửi cho cơ quan này (mã định danh ${A_ID}); nơi nhận trong gói: ${B_ID}.`);
  });

  it('shows the XML signature invalid when a byte of the package changed after signing', async () => {
    const rec = await call(a, 'outgoing.get', { id: outgoingId });
    const tampered = bytesOf(text(pkg).replace(`<edXML:Subject>${rec.subject}`, `<edXML:Subject>${rec.subject.replace('2026', '2027')}`));
    expect(tampered).not.toEqual(pkg);
    const read = await readPackage(b, tampered, 'sua.edxml');
    expect(read.model.header.subject).toContain('2027');
    expect(read.signatures[0]).toMatchObject({ kind: 'xml', status: 'invalid' });
    expect(read.signatures[0].problems.join(' ')).toContain('đã bị thay đổi sau khi ký');
    // The PDF inside was not touched: its signatures still hold.
    expect(read.signatures.filter((s) => s.kind === 'pdf').every((s) => s.status === 'valid')).toBe(true);
  });

  it('applies an update package to the earlier record (history kept), then a revoke package marks it revoked', async () => {
    const rec = await call(a, 'outgoing.get', { id: outgoingId });
    const unsigned = await runAs(vt.caller, () => buildDocumentPackage(a, vt, { outgoingId, business: 'update', reason: 'Sửa trích yếu', key: null }));
    const changed = text(unsigned.bytes).replace(`<edXML:Subject>${rec.subject}`, '<edXML:Subject>Triển khai chuyển đổi số năm 2026 (sửa đổi)');
    const update = await signEdxml(changed, loadP12(key(A_NAME).data, '123456'));
    const u = await importB(bytesOf(update), 'cap-nhat.edxml');
    expect(u).toMatchObject({ arrivalNumber: 1, business: 'update' });
    expect(u.signatures[0].status).toBe('valid');
    let got = await call(b, 'incoming.get', { id: u.incomingId });
    expect(got.subject).toBe('Triển khai chuyển đổi số năm 2026 (sửa đổi)');
    expect(got.attachments).toHaveLength(1);
    expect(got.history.map((h) => h.note)).toContain(`Cập nhật theo gói edXML của ${A_ID}: Sửa trích yếu`);

    const revoke = await call(a, 'exchange.exportEdxml', { id: outgoingId, business: 'revoke', reason: 'Ban hành sai thẩm quyền', key: key(A_NAME) }, vt);
    expect(revoke.fileName).toMatch(/-thu-hoi\.edxml$/);
    const before = rowsCount(b, 'incoming_docs');
    const r = await importB(revoke.bytes, revoke.fileName);
    expect(r).toMatchObject({ incomingId: u.incomingId, business: 'revoke' });
    expect(rowsCount(b, 'incoming_docs')).toBe(before);
    got = await call(b, 'incoming.get', { id: u.incomingId });
    expect(got.subject).toBe('Triển khai chuyển đổi số năm 2026 (sửa đổi)');
    expect(got.history.map((h) => h.note)).toContain(`Đã bị thu hồi theo gói edXML của ${A_ID}: Ban hành sai thẩm quyền`);
    const facts = await call(b, 'exchange.receivedFacts', { id: u.incomingId });
    expect(facts).toMatchObject({ business: 'revoke', businessReason: 'Ban hành sai thẩm quyền', revokedAt: expect.any(String) });
    // A revoked record takes no more updates.
    expect((await callErr(b, 'exchange.importEdxml', { fileName: 'x.edxml', data: bytesOf(update) })).message).toContain('đã bị thu hồi');
  });

  it('refuses a secret document (QĐ 28/2018) and an office without its mã định danh', async () => {
    const sql = a.db.prepare('UPDATE outgoing_docs SET secrecy = ? WHERE id = ?');
    sql.run('mat', outgoingId);
    try {
      const e = await callErr(a, 'exchange.exportEdxml', { id: outgoingId, key: key(A_NAME) }, vt);
      expect(e).toMatchObject({ code: 'VALIDATION', field: 'secrecy' });
      expect(e.message).toContain('Quyết định 28/2018/QĐ-TTg');
    } finally {
      sql.run('thuong', outgoingId);
    }
    await call(a, 'settings.saveOrganisation', organisation(A_NAME, ''));
    try {
      const e = await callErr(a, 'exchange.exportEdxml', { id: outgoingId, key: key(A_NAME) }, vt);
      expect(e.message).toContain('Cài đặt → Cơ quan → Mã định danh');
    } finally {
      await call(a, 'settings.saveOrganisation', organisation(A_NAME, A_ID));
    }
    // The văn thư only.
    expect((await callErr(a, 'exchange.exportEdxml', { id: outgoingId, key: key(A_NAME) }, cv)).code).toBe('FORBIDDEN');
  });

  it('refuses hostile packages with a clear message and registers nothing', async () => {
    const to = `<edXML:To><edXML:OrganId>${B_ID}</edXML:OrganId></edXML:To>`;
    const shell = (inner: string, attachments = '') =>
      `<?xml version="1.0" encoding="UTF-8"?><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016" xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader><edXML:From><edXML:OrganId>${A_ID}</edXML:OrganId><edXML:OrganName>X</edXML:OrganName></edXML:From>${to}<edXML:Code><edXML:CodeNumber>9</edXML:CodeNumber><edXML:CodeNotation>KH-X</edXML:CodeNotation></edXML:Code><edXML:PromulgationInfo><edXML:PromulgationDate>2026/01/02</edXML:PromulgationDate></edXML:PromulgationInfo><edXML:Subject>${inner}</edXML:Subject><edXML:DocumentId>${A_ID},2026/01/02,9/KH-X</edXML:DocumentId></edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope><AttachmentEncoded>${attachments}</AttachmentEncoded></edXML>`;
    const att = (name: string, b64: string) => `<Attachment><ContentType>application/pdf</ContentType><ContentId>c1</ContentId><ContentTransferEncoded>${b64}</ContentTransferEncoded><AttachmentName>${name}</AttachmentName></Attachment>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><edXML>&lol2;</edXML>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${shell('&xxe;').replace(/^<\?xml[^>]*>/, '')}`;
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['xxe.edxml', xxe, /DOCTYPE\/ENTITY/],
      ['laughs.edxml', laughs, /DOCTYPE\/ENTITY/],
      ['path.edxml', shell('Đường dẫn', att('../../etc/passwd', 'JVBERi0=')), /chứa đường dẫn thư mục/],
      ['win.edxml', shell('Đường dẫn', att('..\\..\\boot.ini', 'JVBERi0=')), /chứa đường dẫn thư mục/],
      ['notxml.edxml', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00]), /không phải văn bản XML/],
      ['broken.edxml', shell('<b>không đóng'), /không phải XML hợp lệ/],
      ['badb64.edxml', shell('Base64 hỏng', att('a.pdf', '!!!!')), /không phải dữ liệu base64/],
      ['other-root.edxml', '<?xml version="1.0"?><html/>', /không phải edXML/],
    ];
    const before = [rowsCount(b, 'incoming_docs'), rowsCount(b, 'exchange_received'), rowsCount(b, 'organizations')];
    for (const [fileName, data, msg] of cases) {
      const e = await callErr(b, 'exchange.importEdxml', { fileName, data: typeof data === 'string' ? bytesOf(data) : data });
      expect(e.message, fileName).toMatch(msg);
    }
    // A base64 bomb: the decoded total over the cap is refused before decoding (the cap made small here).
    const bomb = bytesOf(shell('Bom', att('a.pdf', 'A'.repeat(4 * 1024 * 1024))));
    await expect(readPackage(b, bomb, 'bom.edxml', { maxDecodedBytes: 1024 * 1024 })).rejects.toThrow(/lớn quá giới hạn \(1 MB sau khi giải mã\)/);
    await expect(readPackage(b, bomb, 'bom.edxml', { maxBytes: 1024 * 1024 })).rejects.toThrow(/quá lớn \(hơn 1 MB\): từ chối, không đọc/);
    expect([rowsCount(b, 'incoming_docs'), rowsCount(b, 'exchange_received'), rowsCount(b, 'organizations')]).toEqual(before);
  });
});
