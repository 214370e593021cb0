import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftSchema } from '../../shared/drafting/model';
import { addUser, call, rowsCount, tempDir } from '../helpers/app';
import { provisionedDataDir, vanphong, withDataDir } from '../helpers/cli';
import { keyring, makeTestPki, type TestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';
import { statePlan } from '../fixtures/sample-drafts';

/**
 * `vanphong edxml export` in one data folder, `vanphong edxml import` in another (issue 18): the package file, the
 * recipients and the one without a mã định danh printed, the số đến and the signature verdicts printed; a 1 GB file is
 * refused by its size without being read.
 */
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[cli-edxml] skipped: the openssl command is not installed (it makes the test CA)');

const A_NAME = 'Sở Tài chính tỉnh Hậu Giang';
const B_NAME = 'Sở Nội vụ tỉnh Hậu Giang';

describe.skipIf(!haveOpenssl)('vanphong edxml export / import', () => {
  let pki: TestPki;
  let dirA: string, dirB: string, work: string;
  let outgoingId: number;

  beforeAll(async () => {
    pki = makeTestPki();
    const key = keyring(pki);
    work = tempDir('vanphong-edxml-');
    dirA = await provisionedDataDir('vanphong-cli-a-', async (app) => {
      const [cv, gd, vt, qt] = [await addUser(app, 'cv', ['chuyenvien']), await addUser(app, 'gd', ['lanhdao'], 'Trần Văn Bình'), await addUser(app, 'vt', ['vanthu']), await addUser(app, 'qt', ['quantri'])];
      await call(app, 'settings.saveOrganisation', { profile: 'state', name: A_NAME, abbr: 'STC', place: 'Hậu Giang', organId: '000.00.00.H30' }, qt);
      await call(app, 'organizations.create', { name: B_NAME, organId: '000.00.00.H31' }, vt);
      const draft = draftSchema.parse({
        ...statePlan(1),
        number: null,
        date: null,
        organ: A_NAME,
        organAbbr: 'STC',
        recipients: [{ text: B_NAME }, { text: 'Kho bạc Nhà nước tỉnh' }],
        signature: { authority: '', onBehalfOf: '', title: 'Giám đốc', name: 'Trần Văn Bình' },
      });
      const d = await call(app, 'drafts.save', { draft }, cv);
      await call(app, 'outgoing.submit', { id: d.id, to: gd.caller!.id }, cv);
      await call(app, 'outgoing.approve', { id: d.id }, gd);
      await call(app, 'outgoing.sign', { id: d.id, key: key('Trần Văn Bình') }, gd);
      outgoingId = (await call(app, 'outgoing.issue', { id: d.id, key: key(A_NAME) }, vt)).id;
    });
    dirB = await provisionedDataDir('vanphong-cli-b-', async (app) => {
      const qt = await addUser(app, 'qt', ['quantri']);
      await call(app, 'settings.saveOrganisation', { profile: 'state', name: B_NAME, abbr: 'SNV', place: 'Hậu Giang', organId: '000.00.00.H31' }, qt);
      await call(app, 'trust.add', { data: new Uint8Array(fs.readFileSync(pki.caDer)) }, qt);
    });
  }, 60_000);
  afterAll(() => {
    for (const d of [dirA, dirB, work, pki?.dir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('exports in one office and imports in the other, printing recipients, số đến and signatures', async () => {
    const file = path.join(work, 'ke-hoach.edxml');
    const p12 = pki.p12(A_NAME);
    const out = vanphong(['edxml', 'export', String(outgoingId), '--out', file, '--p12', p12, '--data-dir', dirA], { VANPHONG_P12_PASS: '123456' });
    expect(out.code, out.err).toBe(0);
    expect(out.out).toMatch(/Đã xuất gói edXML 000\.00\.00\.H30,\d{4}\/\d{2}\/\d{2},01\/KH-STC → /);
    expect(out.out).toContain(`000.00.00.H31  ${B_NAME}`);
    expect(out.out).toContain('Kho bạc Nhà nước tỉnh — chưa có mã định danh trong danh bạ');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    const imp = vanphong(['edxml', 'import', file, '--data-dir', dirB, '--json']);
    expect(imp.code, imp.err).toBe(0);
    const r = JSON.parse(imp.out);
    expect(r).toMatchObject({ arrivalNumber: 1, business: 'new', fromOrganId: '000.00.00.H30', sender: A_NAME, ref: '01/KH-STC' });
    expect(r.signatures.map((s: { kind: string; status: string }) => `${s.kind}:${s.status}`)).toEqual(['xml:valid', 'pdf:valid', 'pdf:valid']);
  });

  it('refuses a 1 GB package by its size, without reading it', async () => {
    const big = path.join(work, 'lon.edxml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 1024 * 1024 * 1024);
    const r = vanphong(['edxml', 'import', big, '--data-dir', dirB]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Lỗi [file]: Gói tin edXML «lon.edxml» quá lớn (1.024 MB, tối đa 200 MB): từ chối, không đọc.');
    await withDataDir(dirB, async (app) => expect(rowsCount(app, 'incoming_docs')).toBe(1));
  });
});
