import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestPki, type TestPki } from '../helpers/test-ca';
import { loadP12 } from '../../electron/signing/p12';
import { signPdf } from '../../electron/signing/sign';
import { verifyPdf } from '../../electron/signing/verify';
import { draftSchema } from '../../shared/drafting/model';
import { buildPlan } from '../../shared/drafting/plan';
import { renderPdf } from '../../electron/drafting/pdf-export';
import { statePlan } from '../fixtures/sample-drafts';

const has = (cmd: string, args: string[]) => spawnSync(cmd, args).status !== null && !spawnSync(cmd, args).error;
const opensslReason = 'the openssl command is not installed: it makes the test CA';
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log(`[signing] skipped: ${opensslReason}`);
const havePdfsig = has('pdfsig', ['-v']);
const haveCertutil = has('certutil', ['-H']);
if (!havePdfsig) console.log('[signing] pdfsig checks skipped: poppler-utils is not installed');
if (!haveCertutil) console.log('[signing] NSS trust check skipped: libnss3-tools (certutil) is not installed');

function pdfsig(file: string, nssDir?: string): string {
  const r = spawnSync('pdfsig', [...(nssDir ? ['-nssdir', `sql:${nssDir}`] : []), file], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

describe.skipIf(!haveOpenssl)('PAdES signatures: the leader, then the organisation', () => {
  let pki: TestPki;
  let exported: Awaited<ReturnType<typeof renderPdf>>;
  let twice: Uint8Array;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-sign-'));

  beforeAll(async () => {
    pki = makeTestPki();
    exported = await renderPdf(buildPlan(draftSchema.parse(statePlan(2))));
    const leader = loadP12(fs.readFileSync(pki.p12('Nguyễn Văn An')), '123456');
    const organ = loadP12(fs.readFileSync(pki.p12('Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh')), '123456');
    const [sig, seal] = exported.slots;
    const once = await signPdf(exported.data, leader, { page: sig.page, rect: sig.rect, name: 'Lãnh đạo ký', reason: 'Ký duyệt văn bản', location: 'Bắc Ninh', signerName: 'Nguyễn Văn An' });
    // The first signature's bytes stay the prefix of everything that follows (incremental updates only).
    expect(Buffer.from(once.subarray(0, exported.data.length)).equals(Buffer.from(exported.data))).toBe(true);
    twice = await signPdf(once, organ, { page: seal.page, rect: seal.rect, name: 'Cơ quan ban hành', reason: 'Phát hành văn bản' });
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    fs.writeFileSync(path.join(dir, 'signed.pdf'), twice);
  }, 60_000);

  it('our verifier: both signatures intact, valid, trusted with the test CA, the last one covering the whole file', () => {
    const reports = verifyPdf(twice, [new Uint8Array(fs.readFileSync(pki.caDer))]);
    expect(reports.map((r) => [r.signer, r.issuer, r.integrity, r.signatureValid, r.trusted, r.validAtSigningTime, r.subFilter])).toEqual([
      ['Nguyễn Văn An', 'Cơ quan chứng thực số thử nghiệm Việt Nam', true, true, true, true, 'ETSI.CAdES.detached'],
      ['Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh', 'Cơ quan chứng thực số thử nghiệm Việt Nam', true, true, true, true, 'ETSI.CAdES.detached'],
    ]);
    expect(reports.map((r) => r.coversWholeFile)).toEqual([false, true]);
    expect(verifyPdf(twice, []).every((r) => !r.trusted && r.problems.some((p) => p.includes('chuỗi chứng thư')))).toBe(true);
  });

  it('one flipped byte breaks both signatures, for us and for pdfsig', () => {
    const flipped = Buffer.from(twice);
    flipped[2000] ^= 0x01;
    const reports = verifyPdf(new Uint8Array(flipped), [new Uint8Array(fs.readFileSync(pki.caDer))]);
    expect(reports.map((r) => r.integrity)).toEqual([false, false]);
    if (havePdfsig) {
      const f = path.join(dir, 'flipped.pdf');
      fs.writeFileSync(f, flipped);
      expect(pdfsig(f).match(/Signature Validation: Digest Mismatch/g)).toHaveLength(2);
    }
  });

  it.skipIf(!havePdfsig)('pdfsig (poppler) reports both signatures valid, and trusted once the CA is in an NSS database', () => {
    const out = pdfsig(path.join(dir, 'signed.pdf'));
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out).toContain('Signer Certificate Common Name: Nguyễn Văn An');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    if (!haveCertutil) return;
    const nss = path.join(dir, 'nss');
    fs.mkdirSync(nss);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'test-ca', '-t', 'CT,C,C', '-i', pki.caPem]);
    const trusted = pdfsig(path.join(dir, 'signed.pdf'), nss);
    expect(trusted.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
  });

  it('refuses a wrong password, an expired or not-yet-valid certificate, a certificate not for signing, a truncated PDF', async () => {
    expect(() => loadP12(fs.readFileSync(pki.p12('Người ký sai mật khẩu')), 'sai')).toThrow('Sai mật khẩu');
    const expired = loadP12(fs.readFileSync(pki.p12('Chứng thư hết hạn', { startOffsetDays: -400, days: 30 })), '123456');
    await expect(signPdf(exported.data, expired, { page: 1, rect: [0, 0, 0, 0], name: 'x' })).rejects.toThrow('đã hết hạn');
    const future = loadP12(fs.readFileSync(pki.p12('Chứng thư chưa hiệu lực', { startOffsetDays: 10 })), '123456');
    await expect(signPdf(exported.data, future, { page: 1, rect: [0, 0, 0, 0], name: 'x' })).rejects.toThrow('chưa có hiệu lực');
    const notForSigning = loadP12(fs.readFileSync(pki.p12('Chứng thư mã hóa', { keyUsage: 'keyEncipherment' })), '123456');
    await expect(signPdf(exported.data, notForSigning, { page: 1, rect: [0, 0, 0, 0], name: 'x' })).rejects.toThrow('không được phép dùng để ký');
    const ok = loadP12(fs.readFileSync(pki.p12('Người ký')), '123456');
    await expect(signPdf(exported.data.subarray(0, 3000), ok, { page: 1, rect: [0, 0, 0, 0], name: 'x' })).rejects.toThrow(/PDF hỏng/);
    await expect(signPdf(exported.data, ok, { page: 99, rect: [0, 0, 0, 0], name: 'x' })).rejects.toThrow('Trang 99 không có');
  });
});
