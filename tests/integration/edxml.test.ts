import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { Session } from '../../electron/app/caller';
import { buildDocumentPackage } from '../../electron/exchange/edxml-export';
import { edxmlTimestamp } from '../../electron/exchange/edxml-build';
import { importDocumentPackage, readPackage } from '../../electron/exchange/edxml-import';
import { chainTrusted } from '../../electron/signing/chain';
import type { SignatureVerdict } from '../../shared/exchange/edxml-model';
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
let clock: ReturnType<typeof fixedClock>;
/** The verdicts of the package that brought the plan to B: later packages never replace them. */
let originalSignatures: SignatureVerdict[];

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

const C_ID = '000.00.00.H32';
const DAY = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '/');
const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
/** A package another office's software wrote, unsigned: From (default A), To B, Code «number/KH-X». */
function plain(o: { from?: string; number?: string; subject?: string; date?: string | null; documentId?: string } = {}): Uint8Array {
  const from = o.from ?? A_ID;
  const number = o.number ?? '9';
  const date = o.date === undefined ? DAY : o.date;
  const documentId = o.documentId ?? `${from},${date ?? DAY},${number}/KH-X`;
  return bytesOf(
    `<?xml version="1.0" encoding="UTF-8"?><edXML xmlns:edXML="${NS}"><edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader>` +
      `<edXML:From><edXML:OrganId>${from}</edXML:OrganId><edXML:OrganName>Sở Tài chính tỉnh Hậu Giang</edXML:OrganName></edXML:From><edXML:To><edXML:OrganId>${B_ID}</edXML:OrganId></edXML:To>` +
      `<edXML:Code><edXML:CodeNumber>${number}</edXML:CodeNumber><edXML:CodeNotation>KH-X</edXML:CodeNotation></edXML:Code>` +
      `<edXML:PromulgationInfo>${date ? `<edXML:PromulgationDate>${date}</edXML:PromulgationDate>` : ''}</edXML:PromulgationInfo>` +
      `<edXML:Subject>${o.subject ?? 'Kế hoạch kiểm tra tài chính'}</edXML:Subject><edXML:DocumentId>${documentId}</edXML:DocumentId>` +
      '</edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML>',
  );
}

/** A's plan package (unsigned) rewritten as another of A's documents: số `n`, BussinessDocType, ReplacementInfo. */
let planText: string | undefined;
async function variant(n: string, business = 0, replaces?: string): Promise<{ xml: string; documentId: string }> {
  planText ??= text((await runAs(vt.caller, () => buildDocumentPackage(a, vt, { outgoingId, key: null }))).bytes);
  const rec = await call(a, 'outgoing.get', { id: outgoingId });
  const [num, notation] = rec.ref.split('/');
  const day = rec.docDate.replace(/-/g, '/');
  const idOf = (x: string) => `${A_ID},${day},${x}/${notation}`;
  const info = replaces ? `<edXML:ReplacementInfoList><edXML:ReplacementInfo><edXML:DocumentId>${replaces}</edXML:DocumentId><edXML:OrganIdList><edXML:OrganId>${B_ID}</edXML:OrganId></edXML:OrganIdList></edXML:ReplacementInfo></edXML:ReplacementInfoList>` : '';
  const xml = planText
    .replaceAll(idOf(num), idOf(n))
    .replace(`<edXML:CodeNumber>${num}</edXML:CodeNumber>`, `<edXML:CodeNumber>${n}</edXML:CodeNumber>`)
    .replace('<edXML:BussinessDocType>0</edXML:BussinessDocType><edXML:BussinessDocReason/>', `<edXML:BussinessDocType>${business}</edXML:BussinessDocType><edXML:BussinessDocReason>${business ? 'Sai số liệu' : ''}</edXML:BussinessDocReason>`)
    .replace('<edXML:Paper>0</edXML:Paper>', `<edXML:Paper>0</edXML:Paper>${info}`);
  return { xml, documentId: idOf(n) };
}
const signAs = async (xml: string, name = A_NAME) => bytesOf(await signEdxml(xml, loadP12(key(name).data, '123456')));
const counts = () => [rowsCount(b, 'incoming_docs'), rowsCount(b, 'exchange_received'), rowsCount(b, 'organizations'), rowsCount(b, 'incoming_status_history')];

describe.skipIf(!haveOpenssl)('edXML export and import between two offices', () => {
  beforeAll(async () => {
    clock = fixedClock(new Date());
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
    originalSignatures = facts!.signatures;
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

  it('refuses a revoke unsigned, signed by another certificate, claiming another office, or whose signature does not verify', async () => {
    const receivedId = (b.db.prepare('SELECT incoming_id FROM exchange_received ORDER BY id LIMIT 1').pluck().get() as number);
    const before = counts();
    const unsigned = text((await runAs(vt.caller, () => buildDocumentPackage(a, vt, { outgoingId, business: 'revoke', reason: 'Giả mạo', key: null }))).bytes);
    const refused = (xml: string | Uint8Array) => callErr(b, 'exchange.importEdxml', { fileName: 'thu-hoi.edxml', data: typeof xml === 'string' ? bytesOf(xml) : xml });
    let e = await refused(unsigned);
    expect(e).toMatchObject({ code: 'FORBIDDEN', field: 'signature' });
    expect(e.message).toContain('phải có chữ ký số hợp lệ của cơ quan gửi (chữ ký số gói tin: Không có chữ ký số)');
    // Valid, from the same CA, but not the certificate that signed the document.
    e = await refused(await signAs(unsigned, 'Văn phòng khác'));
    expect(e).toMatchObject({ code: 'FORBIDDEN', field: 'signature' });
    expect(e.message).toContain(`được ký bằng chứng thư khác (Văn phòng khác) với chứng thư đã ký văn bản gốc (${A_NAME})`);
    // Office C claiming A's document (and its own organ in From).
    e = await refused(unsigned.replaceAll(`<edXML:From><edXML:OrganId>${A_ID}`, `<edXML:From><edXML:OrganId>${C_ID}`));
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'documentId' });
    expect(e.message).toContain(`không thuộc cơ quan gửi gói tin (${C_ID})`);
    // Signed by A, then changed.
    e = await refused(text(await signAs(unsigned)).replace('Giả mạo', 'Giả mạo!'));
    expect(e).toMatchObject({ code: 'FILE_INVALID', field: 'signature' });
    expect(e.message).toContain('đã bị thay đổi sau khi ký');
    expect(await call(b, 'exchange.receivedFacts', { id: receivedId })).toMatchObject({ business: 'new', revokedAt: null });
    // A new document whose signature does not verify is not registered either.
    const fresh = await variant('999');
    e = await refused(text(await signAs(fresh.xml)).replace('<edXML:Priority>0', '<edXML:Priority>3'));
    expect(e.code).toBe('FILE_INVALID');
    expect(counts()).toEqual(before);
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
    expect(got.history.map((h) => h.note)).toContain(`Cập nhật theo gói edXML của ${A_ID}: Sửa trích yếu (chữ ký số gói tin: Hợp lệ — ${A_NAME})`);

    clock.advance(60_000);
    const revoke = await call(a, 'exchange.exportEdxml', { id: outgoingId, business: 'revoke', reason: 'Ban hành sai thẩm quyền', key: key(A_NAME) }, vt);
    expect(revoke.fileName).toMatch(/-thu-hoi\.edxml$/);
    const before = rowsCount(b, 'incoming_docs');
    const r = await importB(revoke.bytes, revoke.fileName);
    expect(r).toMatchObject({ incomingId: u.incomingId, business: 'revoke' });
    expect(rowsCount(b, 'incoming_docs')).toBe(before);
    got = await call(b, 'incoming.get', { id: u.incomingId });
    expect(got.subject).toBe('Triển khai chuyển đổi số năm 2026 (sửa đổi)');
    expect(got.history.map((h) => h.note)).toContain(`Đã bị thu hồi theo gói edXML của ${A_ID}: Ban hành sai thẩm quyền (chữ ký số gói tin: Hợp lệ — ${A_NAME})`);
    const facts = await call(b, 'exchange.receivedFacts', { id: u.incomingId });
    expect(facts).toMatchObject({ business: 'revoke', businessReason: 'Ban hành sai thẩm quyền', revokedAt: expect.any(String) });
    // The drawer still shows the signatures the document came with, not the revoke package's (signed a minute later).
    expect(r.signatures[0].signedAt).not.toBe(originalSignatures[0].signedAt);
    expect(facts!.signatures).toEqual(originalSignatures);
    const trail = b.db.prepare("SELECT detail FROM audit_log WHERE action = 'exchange.import' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(trail)).toMatchObject({ business: 'revoke', reason: 'Ban hành sai thẩm quyền', at: expect.any(String), signatures: expect.arrayContaining([expect.objectContaining({ kind: 'xml', status: 'valid', signer: A_NAME })]) });
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

  it('registers a replace naming the replaced document (ReplacementInfo) as a new record and marks the replaced one', async () => {
    const exported = await call(a, 'exchange.exportEdxml', { id: outgoingId, business: 'replace', reason: 'Sai số liệu', key: key(A_NAME) }, vt);
    expect(text(exported.bytes)).toContain(
      `<edXML:Paper>0</edXML:Paper><edXML:ReplacementInfoList><edXML:ReplacementInfo><edXML:DocumentId>${exported.documentId}</edXML:DocumentId><edXML:OrganIdList><edXML:OrganId>${B_ID}</edXML:OrganId></edXML:OrganIdList></edXML:ReplacementInfo></edXML:ReplacementInfoList></edXML:Bussiness>`,
    );
    const d77 = await variant('77');
    const first = await importB(await signAs(d77.xml), 'd77.edxml');
    const d78 = await variant('78', 3, d77.documentId);
    const second = await importB(await signAs(d78.xml), 'd78.edxml');
    expect(second).toMatchObject({ business: 'replace', documentId: d78.documentId, arrivalNumber: first.arrivalNumber + 1 });
    expect(second.incomingId).not.toBe(first.incomingId);
    const old = await call(b, 'incoming.get', { id: first.incomingId });
    expect(old.history.map((h) => h.note)).toContainEqual(expect.stringContaining(`Đã được thay thế bởi văn bản số đến ${second.arrivalNumber}/${old.year} (mã văn bản ${d78.documentId}) theo gói edXML của ${A_ID}: Sai số liệu`));
    const facts = await call(b, 'exchange.receivedFacts', { id: first.incomingId });
    expect(facts).toMatchObject({ documentId: d77.documentId, business: 'replace', businessReason: 'Sai số liệu', revokedAt: null });
    expect(facts!.signatures).toEqual(first.signatures);
    const got = await call(b, 'incoming.get', { id: second.incomingId });
    expect(got.ref.startsWith('78/')).toBe(true);
    expect(got.note).toContain(`thay thế văn bản ${d77.documentId}`);
  });

  it('refuses malformed packages naming the field; registers an unsigned new document marked «không có chữ ký số»', async () => {
    const before = counts();
    const cases: [Uint8Array, string, string][] = [
      [plain({ number: '31', date: null }), 'promulgationDate', 'thiếu ngày ban hành (PromulgationDate)'],
      [plain({ number: '32', subject: 'Trích yếu '.repeat(60) }), 'subject', 'trích yếu dài quá 500 ký tự'],
      [plain({ number: '33', subject: '' }), 'subject', 'thiếu trích yếu (Subject)'],
      [plain({ number: '34', from: '000.00.H32' }), 'from', 'mã định danh «000.00.H32» phải gồm 13 ký tự'],
      [plain({ number: '35', from: C_ID, documentId: `${A_ID},${DAY},35/KH-X` }), 'documentId', `không thuộc cơ quan gửi gói tin (${C_ID})`],
    ];
    for (const [data, field, message] of cases) {
      const e = await callErr(b, 'exchange.importEdxml', { fileName: `${field}.edxml`, data });
      expect(e, field).toMatchObject({ code: 'VALIDATION', field });
      expect(e.message, field).toContain(message);
    }
    expect(counts()).toEqual(before);
    const r = await importB(plain({ number: '36' }));
    expect(r.signatures).toEqual([expect.objectContaining({ kind: 'xml', status: 'missing' })]);
    expect((await call(b, 'incoming.get', { id: r.incomingId })).note).toContain('gói tin không có chữ ký số');
  });

  it('lets only a văn thư import (an admin-only account writes nothing, uses no number); two copies at once make one record', async () => {
    const qt = await addUser(b, 'qt', ['quantri'], 'Quản Trị Viên');
    const data = plain({ from: C_ID, number: '41' });
    const before = counts();
    expect((await callErr(b, 'exchange.importEdxml', { fileName: 'a.edxml', data }, qt)).code).toBe('FORBIDDEN');
    await expect(runAs(qt.caller, () => importDocumentPackage(b, qt, data, { fileName: 'a.edxml' }))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Chỉ văn thư') });
    expect(counts()).toEqual(before);
    expect(b.db.prepare('SELECT count(*) FROM organizations WHERE organ_id = ?').pluck().get(C_ID)).toBe(0);
    const last = b.db.prepare('SELECT max(arrival_number) FROM incoming_docs').pluck().get() as number;
    const both = await Promise.allSettled([importB(data, '1.edxml'), importB(data, '2.edxml')]);
    const done = both.filter((x) => x.status === 'fulfilled').map((x) => x.value);
    expect(done.map((x) => x.arrivalNumber)).toEqual([last + 1]);
    expect(both.filter((x) => x.status === 'rejected').map((x) => String(x.reason))).toEqual([expect.stringContaining('DUPLICATE')]);
    expect(counts()[0]).toBe(before[0] + 1);
    expect(b.db.prepare('SELECT count(*) FROM organizations WHERE organ_id = ?').pluck().get(C_ID)).toBe(1);
    expect((await importB(plain({ from: C_ID, number: '42' }))).arrivalNumber).toBe(last + 2);
  });

  it('does not trust a chain through an end-entity certificate, nor a certificate expired on receipt', async () => {
    const ee = pki.issue('Công ty không phải CA', { keyUsage: 'digitalSignature,keyCertSign' });
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: pki.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    ssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'forged.key', '-subj', `/C=VN/CN=${A_NAME}`, '-utf8', '-out', 'forged.csr');
    ssl('x509', '-req', '-in', 'forged.csr', '-CA', ee.pem, '-CAkey', ee.key, '-set_serial', '4242', '-days', '30', '-out', 'forged.pem');
    ssl('pkcs12', '-export', '-inkey', 'forged.key', '-in', 'forged.pem', '-certfile', ee.pem, '-out', 'forged.p12', '-passout', 'pass:123456');
    const leaf = new crypto.X509Certificate(fs.readFileSync(path.join(pki.dir, 'forged.pem')));
    const inter = new crypto.X509Certificate(fs.readFileSync(ee.pem));
    const ca = new crypto.X509Certificate(fs.readFileSync(pki.caPem));
    // By names, keys and keyUsage the chain holds (all Node's checkIssued looks at); basicConstraints CA:FALSE refuses it.
    expect([leaf.checkIssued(inter), leaf.verify(inter.publicKey), inter.checkIssued(ca), inter.ca]).toEqual([true, true, true, false]);
    expect(chainTrusted(leaf, [inter], [ca])).toBe(false);
    expect(chainTrusted(inter, [], [ca])).toBe(true);
    const forged = await signEdxml((await variant('51')).xml, loadP12(new Uint8Array(fs.readFileSync(path.join(pki.dir, 'forged.p12'))), '123456'));
    const read = await readPackage(b, bytesOf(forged), 'gia.edxml');
    expect(read.signatures[0]).toMatchObject({ kind: 'xml', status: 'untrusted', signer: A_NAME });
    expect(read.signatures[0].problems).toContain('Chứng thư số của người ký không thuộc tổ chức chứng thực được tin cậy.');
    // Valid 20 to 10 days ago; the package says it was signed 15 days ago (the sender's own word).
    const expired = pki.issue(A_NAME, { startOffsetDays: -20, days: 10 });
    const backdated = (await variant('52')).xml.replace(/<edXML:Timestamp>[^<]*<\/edXML:Timestamp>/, `<edXML:Timestamp>${edxmlTimestamp(new Date(Date.now() - 15 * 86_400_000))}</edXML:Timestamp>`);
    const late = await readPackage(b, bytesOf(await signEdxml(backdated, loadP12(new Uint8Array(fs.readFileSync(expired.p12)), '123456'))), 'cu.edxml');
    expect(late.signatures[0]).toMatchObject({ kind: 'xml', status: 'untrusted' });
    expect(late.signatures[0].problems.join(' ')).toContain('Chứng thư hết hạn tại thời điểm nhận');
  });
});
