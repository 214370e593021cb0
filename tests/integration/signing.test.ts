import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestPki, type TestPki } from '../helpers/test-ca';
import { signaturePng, sealPng, opaquePng } from '../helpers/stamp-images';
import { makeSoftToken, softhsmModule } from '../helpers/softhsm';
import { startTestTsa } from '../helpers/test-tsa';
import { loadP12 } from '../../electron/signing/p12';
import { signDocument } from '../../electron/signing/sign';
import { derPrefix, findSignatures, summarize, verifyPdf } from '../../electron/signing/verify';
import { checkTimestamp, TIMESTAMP_TOKEN_OID } from '../../electron/signing/timestamp';
import * as pkijs from 'pkijs';
import { signatureWidgets, MM } from '../../electron/signing/placement';
import { decodeStamp } from '../../electron/signing/appearance';
import { listTokens, withTokenKey, ecdsaRawToDer } from '../../electron/signing/pkcs11';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { statePlan } from '../fixtures/sample-drafts';
import { isoInVietnam } from '../../shared/domain/dates';
import { has } from '../helpers/tools';
import { count, renderPage } from '../helpers/page-colours';

const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[signing] skipped: the openssl command is not installed: it makes the test CA');
const havePdfsig = has('pdfsig', ['-v']);
const haveCertutil = has('certutil', ['-H']);
const havePdftoppm = has('pdftoppm', ['-v']);
const hsm = softhsmModule();
if (!havePdfsig) console.log('[signing] pdfsig checks skipped: poppler-utils is not installed');
if (!haveCertutil) console.log('[signing] NSS trust check skipped: libnss3-tools (certutil) is not installed');
if (!havePdftoppm) console.log('[signing] page render checks skipped: poppler-utils (pdftoppm) is not installed');
if (!hsm) console.log('[signing] PKCS#11 token tests skipped: softhsm2 is not installed (apt-get install softhsm2)');

function pdfsig(file: string, nssDir?: string): string {
  const r = spawnSync('pdfsig', [...(nssDir ? ['-nssdir', `sql:${nssDir}`] : []), file], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

function nssWith(caPem: string, dir: string): string {
  const nss = path.join(dir, `nss-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(nss);
  execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'test-ca', '-t', 'CT,C,C', '-i', caPem]);
  return nss;
}

describe.skipIf(!haveOpenssl)('PAdES signatures on an exported document: the leader, then the organisation', () => {
  let pki: TestPki;
  let exported: Awaited<ReturnType<typeof renderPdf>>;
  let once: Uint8Array;
  let twice: Uint8Array;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-sign-'));
  const signedFile = path.join(dir, 'signed.pdf');

  beforeAll(async () => {
    pki = makeTestPki();
    exported = await renderPdf(buildPlan(draftSchema.parse(statePlan(2))));
    const leader = loadP12(fs.readFileSync(pki.p12('Nguyễn Văn An')), '123456');
    const organ = loadP12(fs.readFileSync(pki.p12('Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh')), '123456');
    once = (await signDocument(exported.data, leader, { role: 'signer', image: signaturePng(), location: 'Bắc Ninh' })).pdf;
    // The first signature's bytes stay the prefix of everything that follows (incremental updates only).
    expect(Buffer.from(once.subarray(0, exported.data.length)).equals(Buffer.from(exported.data))).toBe(true);
    twice = (await signDocument(once, organ, { role: 'organisation', image: sealPng() })).pdf;
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    fs.writeFileSync(signedFile, twice);
  }, 60_000);

  it('our verifier: both signatures intact, valid, trusted with the test CA, the last one covering the whole file', () => {
    const reports = verifyPdf(twice, [new Uint8Array(fs.readFileSync(pki.caDer))]);
    expect(reports.map((r) => [r.signer, r.issuer, r.integrity, r.signatureValid, r.trusted, r.validAtSigningTime, r.subFilter])).toEqual([
      ['Nguyễn Văn An', 'Cơ quan chứng thực số thử nghiệm Việt Nam', true, true, true, true, 'ETSI.CAdES.detached'],
      ['Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh', 'Cơ quan chứng thực số thử nghiệm Việt Nam', true, true, true, true, 'ETSI.CAdES.detached'],
    ]);
    expect(reports.map((r) => r.coversWholeFile)).toEqual([false, true]);
    expect(summarize(reports)).toBe('valid');
    const untrusted = verifyPdf(twice, []);
    expect(untrusted.every((r) => !r.trusted && r.problems.some((p) => p.includes('chuỗi chứng thư')))).toBe(true);
    expect(summarize(untrusted)).toBe('untrusted');
    // Something appended after the last signature (here: bytes of a later revision) is reported.
    expect(summarize(verifyPdf(new Uint8Array(Buffer.concat([Buffer.from(twice), Buffer.from('\n% later\n')])), [new Uint8Array(fs.readFileSync(pki.caDer))]))).toBe('untrusted');
  });

  it('one flipped byte breaks both signatures, for us and for pdfsig', () => {
    const flipped = Buffer.from(twice);
    flipped[2000] ^= 0x01;
    const reports = verifyPdf(new Uint8Array(flipped), [new Uint8Array(fs.readFileSync(pki.caDer))]);
    expect(reports.map((r) => r.integrity)).toEqual([false, false]);
    expect(summarize(reports)).toBe('invalid');
    if (havePdfsig) {
      const f = path.join(dir, 'flipped.pdf');
      fs.writeFileSync(f, flipped);
      expect(pdfsig(f).match(/Signature Validation: Digest Mismatch/g)).toHaveLength(2);
    }
  });

  it.skipIf(!havePdfsig)('pdfsig (poppler) reports both signatures valid, and trusted once the CA is in an NSS database', () => {
    const out = pdfsig(signedFile);
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out).toContain('Signer Certificate Common Name: Nguyễn Văn An');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    if (!haveCertutil) return;
    const trusted = pdfsig(signedFile, nssWith(pki.caPem, dir));
    expect(trusted.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
  });

  it('places the signature image in the reported slot and the seal at real size over its left third', async () => {
    const [slot] = exported.slots;
    const { widgets } = await signatureWidgets(twice);
    expect(widgets).toHaveLength(2);
    const [sig, seal] = widgets;
    expect(sig.page).toBe(slot.page);
    expect(seal.page).toBe(slot.page);
    // The signature image: inside the slot, centred, with the PNG's aspect (600 × 240).
    expect(sig.rect[0]).toBeGreaterThanOrEqual(slot.rect[0] - 0.01);
    expect(sig.rect[2]).toBeLessThanOrEqual(slot.rect[2] + 0.01);
    expect(sig.rect[1]).toBeGreaterThanOrEqual(slot.rect[1] - 0.01);
    expect(sig.rect[3]).toBeLessThanOrEqual(slot.rect[3] + 0.01);
    expect((sig.rect[0] + sig.rect[2]) / 2).toBeCloseTo((slot.rect[0] + slot.rect[2]) / 2, 1);
    expect((sig.rect[2] - sig.rect[0]) / (sig.rect[3] - sig.rect[1])).toBeCloseTo(600 / 240, 2);
    // The seal: 40 mm (its PNG says so), its right edge one third into the signature image, level with it.
    expect(seal.rect[2] - seal.rect[0]).toBeCloseTo(40 * MM, 1);
    expect(seal.rect[2]).toBeCloseTo(sig.rect[0] + (sig.rect[2] - sig.rect[0]) / 3, 1);
    expect((seal.rect[1] + seal.rect[3]) / 2).toBeCloseTo((sig.rect[1] + sig.rect[3]) / 2, 1);
  });

  it.skipIf(!havePdftoppm)('renders the blue signature and the red seal where the decree puts them (page as PNG)', async () => {
    const { widgets } = await signatureWidgets(twice);
    const [sig, seal] = widgets;
    const img = renderPage(signedFile, sig.page);
    const third = (sig.rect[2] - sig.rect[0]) / 3;
    expect(count(img, [sig.rect[0] + third, sig.rect[1], sig.rect[2], sig.rect[3]], 'blue')).toBeGreaterThan(200);
    expect(count(img, seal.rect, 'red')).toBeGreaterThan(500);
    // The seal covers the signature's left third: red there, and none over its right two thirds.
    expect(count(img, [sig.rect[0], sig.rect[1], sig.rect[0] + third, sig.rect[3]], 'red')).toBeGreaterThan(50);
    expect(count(img, [sig.rect[0] + third + 2, sig.rect[1], sig.rect[2], sig.rect[3]], 'red')).toBe(0);
  });

  it('a signer without a signature image gets their name and the time, drawn in blue in the slot', async () => {
    const key = loadP12(fs.readFileSync(pki.p12('Lê Thị Cúc')), '123456');
    const r = await signDocument(exported.data, key, { role: 'signer' });
    expect(r.rect).toEqual(exported.slots[0].rect);
    if (!havePdftoppm) return;
    const f = path.join(dir, 'text-stamp.pdf');
    fs.writeFileSync(f, r.pdf);
    expect(count(renderPage(f, r.page), r.rect, 'blue')).toBeGreaterThan(100);
  });

  it('an attachment gets the organisation signature top right of page 1: no image, số/ký hiệu and ISO time, 10 pt', async () => {
    const organ = loadP12(fs.readFileSync(pki.p12('Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh')), '123456');
    const attachment = (await renderPdf(buildPlan(draftSchema.parse(statePlan(1))))).data;
    const time = new Date(Math.floor(Date.now() / 1000) * 1000);
    const r = await signDocument(attachment, organ, { role: 'attachment', stampText: '15/QĐ-UBND', time });
    expect(r.page).toBe(1);
    const { pageSizes } = await signatureWidgets(r.pdf);
    expect(r.rect[2]).toBeCloseTo(pageSizes[0].width - 15 * MM, 1);
    expect(r.rect[3]).toBeCloseTo(pageSizes[0].height - 8 * MM, 1);
    expect(r.rect[3] - r.rect[1]).toBeLessThan(30); // two lines of 10 pt
    const ap = Buffer.from(r.pdf).toString('latin1');
    expect(ap).toContain('/BaseFont /Times-Roman');
    expect(ap).toContain('/F1 10 Tf');
    const hex = (s: string) => Buffer.from(s.replace('Đ', '\x81'), 'latin1').toString('hex').toUpperCase();
    expect(ap).toContain(`<${hex('15/QĐ-UBND')}>`);
    expect(ap).toContain(`<${hex(isoInVietnam(time))}>`);
    expect(isoInVietnam(new Date('2020-03-05T07:30:15Z'))).toBe('2020-03-05T14:30:15+07:00');
    expect(verifyPdf(r.pdf, [new Uint8Array(fs.readFileSync(pki.caDer))])[0]).toMatchObject({ integrity: true, signatureValid: true, trusted: true });
    if (havePdftoppm) {
      const f = path.join(dir, 'attachment.pdf');
      fs.writeFileSync(f, r.pdf);
      const img = renderPage(f, 1);
      expect(count(img, r.rect, 'dark')).toBeGreaterThan(80);
      expect(count(img, r.rect, 'red') + count(img, r.rect, 'blue')).toBe(0);
    }
    await expect(signDocument(attachment, organ, { role: 'attachment' })).rejects.toThrow('Thiếu số và ký hiệu');
  });

  it('refuses a wrong password, an expired or not-yet-valid certificate, a certificate not for signing, a truncated or encrypted PDF, a bad image', async () => {
    expect(() => loadP12(fs.readFileSync(pki.p12('Người ký sai mật khẩu')), 'sai')).toThrow('Sai mật khẩu');
    const at = { role: 'signer' as const, page: 1, rect: [100, 100, 200, 150] as [number, number, number, number] };
    const expired = loadP12(fs.readFileSync(pki.p12('Chứng thư hết hạn', { startOffsetDays: -400, days: 30 })), '123456');
    await expect(signDocument(exported.data, expired, at)).rejects.toThrow('đã hết hạn');
    const future = loadP12(fs.readFileSync(pki.p12('Chứng thư chưa hiệu lực', { startOffsetDays: 10 })), '123456');
    await expect(signDocument(exported.data, future, at)).rejects.toThrow('chưa có hiệu lực');
    const notForSigning = loadP12(fs.readFileSync(pki.p12('Chứng thư mã hóa', { keyUsage: 'keyEncipherment' })), '123456');
    await expect(signDocument(exported.data, notForSigning, at)).rejects.toThrow('không được phép dùng để ký');
    const ok = loadP12(fs.readFileSync(pki.p12('Người ký')), '123456');
    await expect(signDocument(exported.data.subarray(0, 3000), ok, at)).rejects.toThrow(/PDF hỏng/);
    await expect(signDocument(exported.data, ok, { ...at, page: 99 })).rejects.toThrow('Trang 99 không có');
    await expect(signDocument(exported.data, ok, { ...at, image: new Uint8Array([1, 2, 3]) })).rejects.toThrow('phải là tệp PNG');
    const encrypted = Buffer.from(exported.data).toString('latin1').replace('trailer\n<<', 'trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>');
    await expect(signDocument(new Uint8Array(Buffer.from(encrypted, 'latin1')), ok, at)).rejects.toThrow(/mã hóa|PDF hỏng/);
    // A PDF not exported by the app has no slot: the caller must say where.
    const plain = exported.data.slice();
    const noSlots = Buffer.from(plain).toString('latin1').replace('/VanphongSlots', '/VanphongXxxxx');
    await expect(signDocument(new Uint8Array(Buffer.from(noSlots, 'latin1')), ok, { role: 'signer' })).rejects.toThrow('--page và --rect');
  });

  it('reads a stamp PNG: size, transparency and the real size it declares', () => {
    const seal = decodeStamp(sealPng());
    expect([seal.width, seal.height, seal.alpha !== null]).toEqual([400, 400, true]);
    expect(seal.widthMm).toBeCloseTo(40, 5);
    expect(decodeStamp(signaturePng()).widthMm).toBeNull();
    expect(decodeStamp(opaquePng()).alpha).toBeNull();
  });
});

describe.skipIf(!haveOpenssl)('PAdES B-T: a timestamp from the configured authority', () => {
  it('adds an RFC 3161 token over the signature; the verifier checks it; an unreachable TSA signs nothing', async () => {
    const pki = makeTestPki();
    const tsa = await startTestTsa(pki);
    try {
      const exported = await renderPdf(buildPlan(draftSchema.parse(statePlan(1))));
      const key = loadP12(fs.readFileSync(pki.p12('Đỗ Thị Giang')), '123456');
      const before = Date.now();
      const signed = await signDocument(exported.data, key, { role: 'signer', image: signaturePng(), tsaUrl: tsa.url });
      expect(tsa.requests()).toBe(1);
      const [r] = verifyPdf(signed.pdf, [new Uint8Array(fs.readFileSync(pki.caDer))]);
      expect(r).toMatchObject({ integrity: true, signatureValid: true, trusted: true, timestampValid: true });
      expect(Math.abs(new Date(r.timestamp!).getTime() - before)).toBeLessThan(60_000);
      expect(summarize([r])).toBe('valid');
      if (havePdfsig) {
        const f = path.join(os.tmpdir(), `vanphong-bt-${process.pid}.pdf`);
        fs.writeFileSync(f, signed.pdf);
        expect(pdfsig(f)).toContain('Signature Validation: Signature is Valid.');
      }
      // The token is bound to this signature: checked against another signature value, it no longer matches.
      const [found] = findSignatures(signed.pdf);
      const cms = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(found.contents.slice().buffer).content });
      const token = cms.signerInfos[0].unsignedAttrs!.attributes.find((a) => a.type === TIMESTAMP_TOKEN_OID)!.values[0];
      const own = new Uint8Array(cms.signerInfos[0].signature.valueBlock.valueHexView);
      expect(checkTimestamp(token, own)).toMatchObject({ problem: null });
      expect(checkTimestamp(token, own.map((b, i) => (i === 0 ? b ^ 1 : b))).problem).toBe('Dấu thời gian không khớp với chữ ký.');
      // Without the TSA, signing fails with a message and produces nothing.
      await tsa.close();
      await expect(signDocument(exported.data, key, { role: 'signer', tsaUrl: tsa.url })).rejects.toThrow('Không kết nối được máy chủ dấu thời gian');
      await expect(signDocument(exported.data, key, { role: 'signer', tsaUrl: 'ftp://tsa.example' })).rejects.toThrow('http:// hoặc https://');
    } finally {
      await tsa.close().catch(() => undefined);
    }
  }, 60_000);
});

describe.skipIf(!haveOpenssl)('PDFs from other software', () => {
  it('signs twice a PDF whose objects live in object streams (cross-reference streams, as Word writes): both valid, the file still opens', async () => {
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    page.drawText('Cong van so 15', { x: 100, y: 700, font: await doc.embedFont(StandardFonts.Helvetica) });
    const original = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(original).toString('latin1')).toContain('/Type /XRef');
    const pki = makeTestPki();
    const key = loadP12(fs.readFileSync(pki.p12('Nguyễn Văn An')), '123456');
    const once = await signDocument(original, key, { role: 'signer', page: 1, rect: [300, 200, 450, 260], image: signaturePng() });
    const twice = await signDocument(once.pdf, key, { role: 'organisation', image: sealPng() });
    expect(verifyPdf(twice.pdf, []).map((r) => [r.integrity, r.signatureValid])).toEqual([
      [true, true],
      [true, true],
    ]);
    // The seal was placed from the first signature's widget, read back through the cross-reference streams.
    expect(twice.rect[2]).toBeCloseTo(300 + 150 / 3, 1);
    if (havePdfsig) {
      const f = path.join(os.tmpdir(), `vanphong-xref-${process.pid}.pdf`);
      fs.writeFileSync(f, twice.pdf);
      const out = pdfsig(f);
      expect(out.match(/Signature is Valid/g)).toHaveLength(2);
      expect(out).not.toMatch(/Syntax Error|Internal Error/);
      if (havePdftoppm) expect(count(renderPage(f, 1), twice.rect, 'red')).toBeGreaterThan(200);
    }
  }, 60_000);
});

describe('ECDSA signatures from a token', () => {
  it('turns r‖s into the DER SEQUENCE CMS expects, dropping leading zeros and keeping integers positive', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x00;
    raw[1] = 0x85; // r starts with a high bit after a zero byte → needs a 0x00 pad after trimming
    raw[32] = 0x01;
    const der = Buffer.from(ecdsaRawToDer(raw));
    expect(der[0]).toBe(0x30);
    expect(der[2]).toBe(0x02);
    expect(der[3]).toBe(32); // 31 bytes of r after the leading zero, plus a 0x00 pad for the high bit
    expect(der[4]).toBe(0x00);
    expect(der[5]).toBe(0x85);
  });
});

describe.skipIf(!haveOpenssl || !hsm)('a PKCS#11 token (SoftHSM2)', () => {
  it('the leader signs with the token, the organisation with a .p12: both valid for us and for pdfsig, one flipped byte breaks both', async () => {
    const pki = makeTestPki();
    const leader = pki.issue('Phạm Minh Đức');
    const token = makeSoftToken('vanphong-test', leader, pki.caDer);
    process.env.SOFTHSM2_CONF = token.conf;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-hsm-sign-'));
    const exported = await renderPdf(buildPlan(draftSchema.parse(statePlan(1))));

    const slots = await listTokens(token.module);
    expect(slots).toHaveLength(1);
    expect(slots[0].label).toBe('vanphong-test');
    expect(slots[0].certificates.map((c) => [c.id, c.subject.includes('Phạm Minh Đức')])).toContainEqual(['01', true]);

    const once = await withTokenKey({ module: token.module, slot: 0, pin: token.pin }, (key) => signDocument(exported.data, key, { role: 'signer', image: signaturePng() }));
    const organ = loadP12(fs.readFileSync(pki.p12('Sở Nội vụ tỉnh Bắc Ninh')), '123456');
    const twice = (await signDocument(once.pdf, organ, { role: 'organisation', image: sealPng() })).pdf;
    const trust = [new Uint8Array(fs.readFileSync(pki.caDer))];
    const reports = verifyPdf(twice, trust);
    expect(reports.map((r) => [r.signer, r.integrity, r.signatureValid, r.trusted])).toEqual([
      ['Phạm Minh Đức', true, true, true],
      ['Sở Nội vụ tỉnh Bắc Ninh', true, true, true],
    ]);
    const f = path.join(dir, 'token.pdf');
    fs.writeFileSync(f, twice);
    if (havePdfsig) {
      expect(pdfsig(f).match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
      if (haveCertutil) expect(pdfsig(f, nssWith(pki.caPem, dir)).match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
    }
    const flipped = Buffer.from(twice);
    flipped[1500] ^= 0x04;
    expect(verifyPdf(new Uint8Array(flipped), trust).map((r) => r.integrity)).toEqual([false, false]);
    if (havePdfsig) {
      fs.writeFileSync(path.join(dir, 'flipped.pdf'), flipped);
      expect(pdfsig(path.join(dir, 'flipped.pdf')).match(/Digest Mismatch/g)).toHaveLength(2);
    }

    await expect(withTokenKey({ module: token.module, pin: '000000' }, async () => 1)).rejects.toThrow('Sai mã PIN');
    await expect(withTokenKey({ module: token.module, slot: 3, pin: token.pin }, async () => 1)).rejects.toThrow('Khe 3 không có token');
    await expect(withTokenKey({ module: token.module, pin: token.pin, certificateId: 'ff' }, async () => 1)).rejects.toThrow('không có chứng thư mã');
    await expect(withTokenKey({ module: '/khong/co/module.so', pin: token.pin }, async () => 1)).rejects.toThrow('Không tìm thấy thư viện PKCS#11');
    await expect(withTokenKey({ module: pki.caDer, pin: token.pin }, async () => 1)).rejects.toThrow('phải là tệp .dll');
    const fake = path.join(dir, 'gia.so');
    fs.copyFileSync(pki.caDer, fake);
    await expect(withTokenKey({ module: fake, pin: token.pin }, async () => 1)).rejects.toThrow('không phải thư viện PKCS#11');
  }, 60_000);
});

describe('reading /Contents', () => {
  it('takes the CMS by its DER length, keeping a signature that ends in zero bytes', () => {
    const cms = Uint8Array.from([0x30, 0x82, 0x00, 0x04, 0x01, 0x02, 0x00, 0x00]);
    const padded = new Uint8Array(64);
    padded.set(cms);
    expect(Array.from(derPrefix(padded))).toEqual(Array.from(cms));
    expect(Array.from(derPrefix(Uint8Array.from([0x30, 0x02, 0x05, 0x00, 0, 0])))).toEqual([0x30, 0x02, 0x05, 0x00]);
  });
});
