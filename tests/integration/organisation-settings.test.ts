import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { addUser, call, callErr, tempApp, tempDir } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { sealPng, signaturePng } from '../helpers/stamp-images';
import { count, renderPage, wholePage } from '../helpers/page-colours';
import { has } from '../helpers/tools';
import { statePlan } from '../fixtures/sample-drafts';
import { draftSchema } from '../../shared/drafting/model';
import { defaultSignature, draftTemplate } from '../../shared/drafting/templates';
import type { Session } from '../../electron/app/caller';

const haveOpenssl = has('openssl', ['version']);
const havePdftoppm = has('pdftoppm', ['-v']);
if (!haveOpenssl) console.log('[organisation-settings] issuance checks skipped: the openssl command is not installed (it makes the test CA)');
if (!havePdftoppm) console.log('[organisation-settings] page render checks skipped: poppler-utils (pdftoppm) is not installed');

const ORGAN = {
  profile: 'state' as const,
  name: 'Sở Nội vụ',
  parentOrgan: 'Ủy ban nhân dân tỉnh Bắc Ninh',
  abbr: 'SNV',
  place: 'Bắc Ninh',
  organId: '000.00.12.h06',
  signers: { head: 'Giám đốc', deputy: 'Phó Giám đốc', collective: '' },
};

describe('the organisation, once (Cài đặt)', () => {
  let app: Awaited<ReturnType<typeof tempApp>>;
  let admin: Session;
  let vt: Session;
  let cv: Session;
  beforeAll(async () => {
    app = await tempApp({ withUser: false });
    admin = await addUser(app, 'quantri', ['quantri'], 'Quản Trị');
    vt = await addUser(app, 'vanthu', ['vanthu'], 'Lê Văn Cường');
    cv = await addUser(app, 'chuyenvien', ['chuyenvien'], 'Trần Thị Bình');
  });
  afterAll(() => app.cleanup());

  it('starts unconfigured with blanks, and only the quản trị saves it; bad input is refused next to its field and changes nothing', async () => {
    expect(await call(app, 'settings.organisation', {}, cv)).toMatchObject({ configured: false, name: '', seal: null });
    expect(await callErr(app, 'settings.saveOrganisation', ORGAN, vt)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'settings.saveOrganisation', { ...ORGAN, organId: '12345' }, admin)).toMatchObject({ code: 'VALIDATION', field: 'organId' });
    expect(await callErr(app, 'settings.saveOrganisation', { ...ORGAN, abbr: 'S NV' }, admin)).toMatchObject({ code: 'VALIDATION', field: 'abbr' });
    expect(await callErr(app, 'settings.saveOrganisation', { ...ORGAN, name: '  ' }, admin)).toMatchObject({ code: 'VALIDATION', field: 'name' });
    expect(await callErr(app, 'settings.saveOrganisation', { ...ORGAN, profile: 'xyz' }, admin)).toMatchObject({ code: 'VALIDATION', field: 'profile' });
    expect((await call(app, 'settings.organisation', {}, cv)).configured).toBe(false);
    const saved = await call(app, 'settings.saveOrganisation', ORGAN, admin);
    expect(saved).toMatchObject({ configured: true, name: 'Sở Nội vụ', organId: '000.00.12.H06', abbr: 'SNV', place: 'Bắc Ninh' });
    expect(await call(app, 'settings.organisation', {}, cv)).toMatchObject({ configured: true, name: 'Sở Nội vụ' });
  });

  it('gives its header to the weekly schedule (until the schedule has its own) and to the register books', async () => {
    const s = await call(app, 'meetings.settings', {}, cv);
    expect(s).toMatchObject({ configured: false, organ: 'Sở Nội vụ', parentOrgan: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'SNV', place: 'Bắc Ninh' });
    const book = await call(app, 'registerBook.export', { kind: 'incoming', from: '2026-01-01', to: '2026-12-31', format: 'xlsx' }, vt);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(book.data) as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    expect(cells.some((c) => c.includes('SỞ NỘI VỤ'))).toBe(true);
  });

  it('new drafts start from it: header, place and the usual signers in the profile’s forms', () => {
    const opts = { organ: ORGAN.name, parentOrgan: ORGAN.parentOrgan, organAbbr: ORGAN.abbr, place: ORGAN.place, signers: ORGAN.signers };
    const plan = draftTemplate({ profile: 'state', docType: 'ke-hoach', ...opts });
    expect(plan).toMatchObject({ organ: 'Sở Nội vụ', parentOrgan: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'SNV', place: 'Bắc Ninh' });
    expect(plan.signature).toEqual({ authority: '', onBehalfOf: '', title: 'Giám đốc', name: '…' });
    expect(draftTemplate({ profile: 'state', docType: 'cong-van', ...opts }).signature).toEqual({ authority: 'KT.', onBehalfOf: 'Giám đốc', title: 'Phó Giám đốc', name: '…' });
    const ubnd = { head: 'Chủ tịch', deputy: 'Phó Chủ tịch', collective: 'Ủy ban nhân dân' };
    expect(defaultSignature({ profile: 'state', docType: 'quyet-dinh', signers: ubnd })).toEqual({ authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: '…' });
    expect(defaultSignature({ profile: 'party', docType: 'ke-hoach', signers: { head: '', deputy: '', collective: 'Ban Thường vụ' } })).toEqual({
      authority: 'T/M',
      onBehalfOf: 'Ban Thường vụ',
      title: 'Bí thư',
      name: '…',
    });
    // Every template with the organisation's signers is a valid draft of its profile.
    for (const profile of ['state', 'party'] as const)
      for (const docType of profile === 'party' ? ['ke-hoach', 'cong-van', 'quyet-dinh', 'bao-cao'] : ['ke-hoach', 'cong-van', 'giay-moi', 'quyet-dinh', 'bao-cao'])
        expect(draftSchema.safeParse({ ...draftTemplate({ profile, docType, ...opts, signers: profile === 'party' ? { head: 'Bí thư', deputy: 'Phó Bí thư', collective: 'Ban Thường vụ' } : ubnd }) }).success).toBe(true);
  });

  it('keeps the seal and each account’s signature image, linked to the account and gone with it', async () => {
    expect(await callErr(app, 'settings.setStamp', { png: sealPng() }, vt)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'settings.setStamp', { userId: 999, png: signaturePng() }, admin)).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    expect(await callErr(app, 'settings.setStamp', { png: new Uint8Array([1, 2, 3]) }, admin)).toMatchObject({ code: 'FILE_INVALID' });
    const seal = await call(app, 'settings.setStamp', { png: sealPng() }, admin);
    expect(seal.widthMm).toBe(40); // the PNG says so
    const png = sealPng();
    expect((await call(app, 'settings.setStamp', { png, widthMm: 36 }, admin)).widthMm).toBe(36);
    await call(app, 'settings.setStamp', { userId: cv.caller!.id, png: signaturePng() }, admin);
    expect(await callErr(app, 'settings.stamps', {}, cv)).toMatchObject({ code: 'FORBIDDEN' });
    const s = await call(app, 'settings.stamps', {}, admin);
    expect(s.seal?.widthMm).toBe(36);
    expect(s.accounts.find((a) => a.username === 'chuyenvien')?.signature?.widthMm).toBe(40);
    expect(s.accounts.find((a) => a.username === 'vanthu')?.signature).toBeNull();
    expect(Buffer.from((await call(app, 'settings.stampImage', {}, vt)).png).equals(Buffer.from(png))).toBe(true);
    // A chuyên viên gets neither the seal nor another's signature; their own signature, yes.
    expect(await callErr(app, 'settings.stampImage', {}, cv)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callErr(app, 'settings.stampImage', { userId: admin.caller!.id }, cv)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(app, 'settings.stampImage', { userId: cv.caller!.id }, cv)).png.byteLength).toBeGreaterThan(100);
    expect((await call(app, 'settings.organisation', {}, cv)).seal?.widthMm).toBe(36);
    await call(app, 'settings.removeStamp', {}, admin);
    expect(await callErr(app, 'settings.removeStamp', {}, admin)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(app, 'settings.organisation', {}, cv)).seal).toBeNull();
  });
});

describe.skipIf(!haveOpenssl)('issuing with and without the office seal: the văn thư is told what the page will show', () => {
  type Key = { kind: 'p12'; data: Uint8Array; password: string };
  let app: Awaited<ReturnType<typeof tempApp>>;
  let admin: Session;
  let cv: Session;
  let ld: Session;
  let vt: Session;
  let leaderKey: Key;
  let organKey: Key;
  beforeAll(async () => {
    app = await tempApp({ clock: () => new Date(), withUser: false });
    admin = await addUser(app, 'quantri', ['quantri'], 'Quản Trị');
    cv = await addUser(app, 'chuyenvien', ['chuyenvien'], 'Trần Thị Bình');
    ld = await addUser(app, 'lanhdao', ['lanhdao'], 'Nguyễn Văn An', { title: 'Giám đốc' });
    vt = await addUser(app, 'vanthu', ['vanthu'], 'Lê Văn Cường');
    await call(app, 'settings.saveOrganisation', ORGAN, admin);
    const pki = makeTestPki();
    leaderKey = { kind: 'p12', data: new Uint8Array(fs.readFileSync(pki.p12('Nguyễn Văn An'))), password: '123456' };
    organKey = { kind: 'p12', data: new Uint8Array(fs.readFileSync(pki.p12('Sở Nội vụ'))), password: '123456' };
  });
  afterAll(() => app.cleanup());

  async function signedDraft(subject: string): Promise<number> {
    const draft = draftSchema.parse({ ...statePlan(1), number: null, date: null, organ: 'Sở Nội vụ', organAbbr: 'SNV', subject, recipients: [], archive: [], signature: { authority: '', onBehalfOf: '', title: 'Giám đốc', name: 'Nguyễn Văn An' } });
    const d = await call(app, 'drafts.save', { draft }, cv);
    await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id }, cv);
    await call(app, 'outgoing.approve', { id: d.id }, ld);
    await call(app, 'outgoing.sign', { id: d.id, key: leaderKey }, ld);
    return d.id;
  }

  async function lastPage(sha: string): Promise<{ red: number; blue: number }> {
    const pdf = await call(app, 'attachments.content', { sha256: sha }, vt);
    const file = path.join(tempDir(), 'issued.pdf');
    fs.writeFileSync(file, pdf);
    const pages = Number(/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(Buffer.from(pdf).toString('latin1'))?.[1] ?? 1);
    const img = renderPage(file, pages);
    return { red: count(img, wholePage(img), 'red'), blue: count(img, wholePage(img), 'blue') };
  }

  it('without a seal image: warned before issuing, and the page indeed shows no seal', async () => {
    const id = await signedDraft('Kế hoạch không có dấu');
    const check = await call(app, 'outgoing.sealCheck', { id }, vt);
    expect(check.seal).toBeNull();
    expect(check.says).toMatch(/KHÔNG có hình con dấu/);
    expect(await callErr(app, 'outgoing.sealCheck', { id }, cv)).toMatchObject({ code: 'FORBIDDEN' });
    const issued = await call(app, 'outgoing.issue', { id, key: organKey }, vt);
    if (havePdftoppm) expect((await lastPage(issued.sha256!)).red).toBe(0);
  });

  it('with the office seal and the leader’s own signature image (Cài đặt): both appear, no directory entry needed', async () => {
    await call(app, 'settings.setStamp', { png: sealPng() }, admin);
    await call(app, 'settings.setStamp', { userId: ld.caller!.id, png: signaturePng() }, admin);
    const id = await signedDraft('Kế hoạch có dấu');
    const check = await call(app, 'outgoing.sealCheck', { id }, vt);
    expect(check).toMatchObject({ seal: 'office' });
    expect(check.says).toMatch(/Con dấu của cơ quan/);
    const issued = await call(app, 'outgoing.issue', { id, key: organKey }, vt);
    if (havePdftoppm) {
      const page = await lastPage(issued.sha256!);
      expect(page.red).toBeGreaterThan(500);
      expect(page.blue).toBeGreaterThan(200);
    }
  });
});
