import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { call, callErr, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { makeTestPki, type TestPki } from '../helpers/test-ca';
import { opaquePng, sealPng, signaturePng } from '../helpers/stamp-images';
import { statePlan } from '../fixtures/sample-drafts';
import { has } from '../helpers/tools';

const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[signing-api] skipped: the openssl command is not installed (it makes the test CA)');

describe.skipIf(!haveOpenssl)('signing API: stamps kept per person and organisation, trust store, badges in the register', () => {
  // One office for every step; each goes on with what the ones before stored.
  let app: Awaited<ReturnType<typeof tempApp>>;
  let pki: TestPki;
  let leaderP12: Uint8Array;
  let organP12: Uint8Array;
  let person: { id: number };
  let org: { id: number };
  let pdf: Uint8Array;
  let twice: Awaited<ReturnType<typeof call<'signing.sign'>>>;
  let added: Awaited<ReturnType<typeof call<'trust.add'>>>;
  let doc: Awaited<ReturnType<typeof call<'incoming.register'>>>;
  let unsigned: Awaited<ReturnType<typeof call<'incoming.register'>>>;
  const leaderKey = (password = '123456') => ({ kind: 'p12' as const, data: leaderP12, password });

  beforeAll(async () => {
    app = await tempApp({ clock: () => new Date() });
    pki = makeTestPki();
    leaderP12 = new Uint8Array(fs.readFileSync(pki.p12('Nguyễn Văn An')));
    organP12 = new Uint8Array(fs.readFileSync(pki.p12('Văn phòng UBND tỉnh Bắc Ninh')));
    pdf = (await call(app, 'drafting.render', { draft: statePlan(1), format: 'pdf' })).data;
  });
  afterAll(() => app.cleanup());

  it('keeps one signature image per person and one seal per organisation; an opaque PNG is refused and nothing stored', async () => {
    person = await call(app, 'people.create', { fullName: 'Nguyễn Văn An', position: 'Chủ tịch' });
    org = await call(app, 'organizations.create', { name: 'Ủy ban nhân dân tỉnh Bắc Ninh' });
    expect(await callErr(app, 'people.create', { fullName: 'Nguyễn Văn An', position: 'Chủ tịch' })).toMatchObject({ code: 'CONFLICT', field: 'fullName' });
    expect(await callErr(app, 'stamps.set', { personId: person.id, png: opaquePng() })).toMatchObject({ code: 'VALIDATION', field: 'png' });
    expect(await callErr(app, 'stamps.set', { personId: person.id, png: new Uint8Array([1, 2, 3]) })).toMatchObject({ code: 'FILE_INVALID', field: 'image' });
    expect(await callErr(app, 'stamps.set', { png: sealPng() })).toMatchObject({ code: 'VALIDATION', field: 'personId' });
    expect(rowsCount(app, 'stamp_images')).toBe(0);
    const sig = await call(app, 'stamps.set', { personId: person.id, png: signaturePng() });
    expect(sig).toMatchObject({ kind: 'signature', ownerName: 'Nguyễn Văn An', widthPx: 600, heightPx: 240, widthMm: 40 });
    const seal = await call(app, 'stamps.set', { organizationId: org.id, png: sealPng() });
    expect(seal).toMatchObject({ kind: 'seal', ownerName: 'Ủy ban nhân dân tỉnh Bắc Ninh', widthMm: 40 });
    expect((await call(app, 'stamps.set', { organizationId: org.id, png: sealPng(), widthMm: 38 })).widthMm).toBe(38);
    expect(rowsCount(app, 'stamp_images')).toBe(2);
    expect(Buffer.from(await call(app, 'stamps.image', { personId: person.id })).equals(Buffer.from(signaturePng()))).toBe(true);
    expect((await call(app, 'people.list', {}))[0]).toMatchObject({ fullName: 'Nguyễn Văn An', hasSignature: true });
  });

  it('refuses bad signing input with a clear error on its field', async () => {
    expect(await callErr(app, 'signing.sign', { pdf, role: 'signer', key: leaderKey('sai') })).toMatchObject({ field: 'password' });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'organisation', key: { kind: 'p12', data: organP12, password: '123456' } })).toMatchObject({ field: 'organizationId' });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'attachment', key: { kind: 'p12', data: organP12, password: '123456' } })).toMatchObject({ field: 'stampText' });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'signer', key: { kind: 'pkcs11', module: '/khong/co.so', pin: '' } })).toMatchObject({ field: 'key.pin' });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'signer', page: 1, key: leaderKey() })).toMatchObject({ field: 'rect' });
  });

  it('signs with the stored images: the person’s signature, then the organisation’s seal at its stored width', async () => {
    const once = await call(app, 'signing.sign', { pdf, role: 'signer', personId: person.id, key: leaderKey() });
    expect(once.verification.status).toBe('untrusted'); // no trusted root yet
    twice = await call(app, 'signing.sign', { pdf: once.pdf, role: 'organisation', organizationId: org.id, key: { kind: 'p12', data: organP12, password: '123456' } });
    expect(twice.rect[2] - twice.rect[0]).toBeCloseTo((38 * 72) / 25.4, 1);
    expect(twice.verification.signatures.map((s) => s.signer)).toEqual(['Nguyễn Văn An', 'Văn phòng UBND tỉnh Bắc Ninh']);
  });

  it('the trust store takes the CA once, as PEM or DER, refuses a broken file, and makes the signatures valid', async () => {
    added = await call(app, 'trust.add', { data: new Uint8Array(fs.readFileSync(pki.caPem)) });
    expect(added).toMatchObject([{ subject: 'Cơ quan chứng thực số thử nghiệm Việt Nam', isCa: true }]);
    await call(app, 'trust.add', { data: new Uint8Array(fs.readFileSync(pki.caDer)) });
    expect(rowsCount(app, 'trusted_certificates')).toBe(1);
    expect(await callErr(app, 'trust.add', { data: new Uint8Array([1, 2, 3]) })).toMatchObject({ code: 'FILE_INVALID' });
    expect((await call(app, 'signing.verify', { pdf: twice.pdf })).status).toBe('valid');
  });

  it('registered as an incoming document, the signed PDF keeps its bytes and shows its badge; an unsigned one has none', async () => {
    doc = await call(app, 'incoming.register', sampleIncoming({ attachments: [{ name: 'ke-hoach-da-ky.pdf', data: twice.pdf }] }));
    expect(doc.signatureStatus).toBe('valid');
    expect(doc.attachments[0].signatureStatus).toBe('valid');
    const stored = await call(app, 'attachments.content', { sha256: doc.attachments[0].sha256 });
    expect(Buffer.from(stored).equals(Buffer.from(twice.pdf))).toBe(true);
    const report = await call(app, 'attachments.signatures', { sha256: doc.attachments[0].sha256 });
    expect(report.signatures.every((s) => s.trusted && s.integrity)).toBe(true);
    unsigned = await call(app, 'incoming.register', sampleIncoming({ ref: '2/KH', attachments: [{ name: 'khong-ky.pdf', data: pdf }] }));
    expect(unsigned.signatureStatus).toBeNull();
  });

  it('the timestamp authority is a setting: a bad address is refused on its field; unreachable, signing stops instead of falling back to B-B', async () => {
    expect(await call(app, 'signing.settings', {})).toEqual({ tsaUrl: null, remoteUrl: null });
    expect(await callErr(app, 'signing.saveSettings', { tsaUrl: 'tsa.example' })).toMatchObject({ field: 'tsaUrl' });
    expect(await call(app, 'signing.saveSettings', { tsaUrl: ' http://127.0.0.1:9/tsa ' })).toEqual({ tsaUrl: 'http://127.0.0.1:9/tsa', remoteUrl: null });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'signer', key: leaderKey() })).toMatchObject({ field: 'tsaUrl' });
    expect(await call(app, 'signing.saveSettings', { tsaUrl: '' })).toEqual({ tsaUrl: null, remoteUrl: null });
  });

  it('removing the root re-checks the registered PDFs: the signed one becomes untrusted, the unsigned stays without badge', async () => {
    await call(app, 'trust.remove', { id: added[0].id });
    const rows = (await call(app, 'incoming.list', {})).rows;
    expect(rows.find((r) => r.id === doc.id)?.signatureStatus).toBe('untrusted');
    expect(rows.find((r) => r.id === unsigned.id)?.signatureStatus).toBeNull();
  });
});
