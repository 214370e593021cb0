import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { call, callErr, rowsCount, sampleIncoming, tempApp } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { opaquePng, sealPng, signaturePng } from '../helpers/stamp-images';
import { statePlan } from '../fixtures/sample-drafts';

const haveOpenssl = !spawnSync('openssl', ['version']).error;
if (!haveOpenssl) console.log('[signing-api] skipped: the openssl command is not installed (it makes the test CA)');

describe.skipIf(!haveOpenssl)('signing API: stamps kept per person and organisation, trust store, badges in the register', () => {
  it('signs with the stored images, verifies against the managed trust store, and badges registered PDFs', async () => {
    const app = await tempApp({ clock: () => new Date() });
    const pki = makeTestPki();
    const leaderP12 = new Uint8Array(fs.readFileSync(pki.p12('Nguyễn Văn An')));
    const organP12 = new Uint8Array(fs.readFileSync(pki.p12('Văn phòng UBND tỉnh Bắc Ninh')));

    // Stamps: one signature per person, one seal per organisation; an opaque PNG is refused, nothing stored.
    const person = await call(app, 'people.create', { fullName: 'Nguyễn Văn An', position: 'Chủ tịch' });
    const org = await call(app, 'organizations.create', { name: 'Ủy ban nhân dân tỉnh Bắc Ninh' });
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

    const pdf = (await call(app, 'drafting.render', { draft: statePlan(1), format: 'pdf' })).data;

    // Bad input: a clear error on its field, no output.
    expect(await callErr(app, 'signing.sign', { pdf, role: 'signer', key: { kind: 'p12', data: leaderP12, password: 'sai' } })).toMatchObject({ field: 'password' });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'organisation', key: { kind: 'p12', data: organP12, password: '123456' } })).toMatchObject({ field: 'organizationId' });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'attachment', key: { kind: 'p12', data: organP12, password: '123456' } })).toMatchObject({ field: 'stampText' });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'signer', key: { kind: 'pkcs11', module: '/khong/co.so', pin: '' } })).toMatchObject({ field: 'key.pin' });
    expect(await callErr(app, 'signing.sign', { pdf, role: 'signer', page: 1, key: { kind: 'p12', data: leaderP12, password: '123456' } })).toMatchObject({ field: 'rect' });

    const once = await call(app, 'signing.sign', { pdf, role: 'signer', personId: person.id, key: { kind: 'p12', data: leaderP12, password: '123456' } });
    expect(once.verification.status).toBe('untrusted'); // no trusted root yet
    const twice = await call(app, 'signing.sign', { pdf: once.pdf, role: 'organisation', organizationId: org.id, key: { kind: 'p12', data: organP12, password: '123456' } });
    expect(twice.rect[2] - twice.rect[0]).toBeCloseTo((38 * 72) / 25.4, 1);
    expect(twice.verification.signatures.map((s) => s.signer)).toEqual(['Nguyễn Văn An', 'Văn phòng UBND tỉnh Bắc Ninh']);

    // The trust store: import the CA (PEM), and the same file twice adds nothing.
    const added = await call(app, 'trust.add', { data: new Uint8Array(fs.readFileSync(pki.caPem)) });
    expect(added).toMatchObject([{ subject: 'Cơ quan chứng thực số thử nghiệm Việt Nam', isCa: true }]);
    await call(app, 'trust.add', { data: new Uint8Array(fs.readFileSync(pki.caDer)) });
    expect(rowsCount(app, 'trusted_certificates')).toBe(1);
    expect(await callErr(app, 'trust.add', { data: new Uint8Array([1, 2, 3]) })).toMatchObject({ code: 'FILE_INVALID' });
    expect((await call(app, 'signing.verify', { pdf: twice.pdf })).status).toBe('valid');

    // Registered as an incoming document, the signed PDF keeps its bytes and shows its badge; removing the root re-checks it.
    const doc = await call(app, 'incoming.register', sampleIncoming({ attachments: [{ name: 'ke-hoach-da-ky.pdf', data: twice.pdf }] }));
    expect(doc.signatureStatus).toBe('valid');
    expect(doc.attachments[0].signatureStatus).toBe('valid');
    const stored = await call(app, 'attachments.content', { sha256: doc.attachments[0].sha256 });
    expect(Buffer.from(stored).equals(Buffer.from(twice.pdf))).toBe(true);
    const report = await call(app, 'attachments.signatures', { sha256: doc.attachments[0].sha256 });
    expect(report.signatures.every((s) => s.trusted && s.integrity)).toBe(true);
    const unsigned = await call(app, 'incoming.register', sampleIncoming({ ref: '2/KH', attachments: [{ name: 'khong-ky.pdf', data: pdf }] }));
    expect(unsigned.signatureStatus).toBeNull();

    // The timestamp authority is a setting: a bad address is refused on its field and the setting stays as it was.
    expect(await call(app, 'signing.settings', {})).toEqual({ tsaUrl: null });
    expect(await callErr(app, 'signing.saveSettings', { tsaUrl: 'tsa.example' })).toMatchObject({ field: 'tsaUrl' });
    expect(await call(app, 'signing.saveSettings', { tsaUrl: ' http://127.0.0.1:9/tsa ' })).toEqual({ tsaUrl: 'http://127.0.0.1:9/tsa' });
    // With the TSA unreachable, signing stops with a message instead of silently falling back to B-B.
    expect(await callErr(app, 'signing.sign', { pdf, role: 'signer', key: { kind: 'p12', data: leaderP12, password: '123456' } })).toMatchObject({ field: 'tsaUrl' });
    expect(await call(app, 'signing.saveSettings', { tsaUrl: '' })).toEqual({ tsaUrl: null });

    await call(app, 'trust.remove', { id: added[0].id });
    const rows = (await call(app, 'incoming.list', {})).rows;
    expect(rows.find((r) => r.id === doc.id)?.signatureStatus).toBe('untrusted');
    expect(rows.find((r) => r.id === unsigned.id)?.signatureStatus).toBeNull();
    await app.cleanup();
  }, 60_000);
});
