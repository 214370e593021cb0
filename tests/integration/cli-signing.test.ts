import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestPki, type TestPki } from '../helpers/test-ca';
import { statePlan } from '../fixtures/sample-drafts';
import { signaturePng, sealPng } from '../helpers/stamp-images';
import { makeSoftToken, softhsmModule } from '../helpers/softhsm';
import { has } from '../helpers/tools';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'vanphong.cjs');
const vanphong = (args: string[], env?: NodeJS.ProcessEnv) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root, env: env ?? process.env });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[cli-signing] skipped: the openssl command is not installed (it makes the test CA)');

// One PDF exported by the CLI, with its signature slots, for every test of the file to sign (each writes elsewhere).
const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-cli-export-'));
const exported = path.join(exportDir, 'ke-hoach.pdf');

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const model = path.join(exportDir, 'ke-hoach.json');
  fs.writeFileSync(model, JSON.stringify(statePlan(1)));
  const r = vanphong(['export', model, '--out', exportDir, '--pdf']);
  expect(r.code, r.err).toBe(0);
});

describe.skipIf(!haveOpenssl)('vanphong sign / verify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-cli-sign-'));
  const sigPng = path.join(dir, 'chu-ky.png');
  const sealFile = path.join(dir, 'con-dau.png');
  const pdf = exported;
  let pki: TestPki;
  let leader: string;
  let organ: string;

  beforeAll(() => {
    pki = makeTestPki();
    leader = pki.p12('Trần Thị Bình');
    organ = pki.p12('Sở Nội vụ tỉnh Bắc Ninh');
    fs.writeFileSync(sigPng, signaturePng());
    fs.writeFileSync(sealFile, sealPng());
  });

  it('signs an exported PDF in its slots: the leader with the signature image, then the organisation with the seal over its left third', () => {
    const s1 = vanphong(['sign', pdf, '--out', path.join(dir, 'ky-1.pdf'), '--p12', leader, '--pass', '123456', '--as', 'signer', '--image', sigPng, '--json']);
    expect(s1.code, s1.err).toBe(0);
    const slot1 = JSON.parse(s1.out);
    const s2 = vanphong(['sign', path.join(dir, 'ky-1.pdf'), '--out', path.join(dir, 'ky-2.pdf'), '--p12', organ, '--pass', '123456', '--as', 'organisation', '--image', sealFile, '--seal-mm', '38', '--json']);
    expect(s2.code, s2.err).toBe(0);
    const slot2 = JSON.parse(s2.out);
    expect(slot2.page).toBe(slot1.page);
    // The seal, 38 mm across, ends a third of the way into the signature image.
    expect(slot2.rect[2] - slot2.rect[0]).toBeCloseTo((38 * 72) / 25.4, 1);
    expect(slot2.rect[2]).toBeCloseTo(slot1.rect[0] + (slot1.rect[2] - slot1.rect[0]) / 3, 1);
  });

  it('signs an attachment with the organisation key and its số/ký hiệu, on page 1', () => {
    const att = vanphong(['sign', pdf, '--out', path.join(dir, 'phu-luc.pdf'), '--p12', organ, '--pass', '123456', '--as', 'attachment', '--number', '12/KH-UBND']);
    expect(att.code, att.err).toBe(0);
    expect(att.out).toMatch(/Đã ký: .*phu-luc\.pdf \(trang 1, ô/);
  });

  it('verifies both signatures, trusted with a folder of CA certificates, and says so in text without it', () => {
    const trust = path.join(dir, 'trust');
    fs.mkdirSync(trust);
    fs.copyFileSync(pki.caPem, path.join(trust, 'ca.pem'));
    const v = vanphong(['verify', path.join(dir, 'ky-2.pdf'), '--trust', trust, '--json']);
    expect(v.code, v.err).toBe(0);
    const reports = JSON.parse(v.out) as { signer: string; integrity: boolean; signatureValid: boolean; trusted: boolean; coversWholeFile: boolean }[];
    expect(reports.map((r) => [r.signer, r.integrity, r.signatureValid, r.trusted])).toEqual([
      ['Trần Thị Bình', true, true, true],
      ['Sở Nội vụ tỉnh Bắc Ninh', true, true, true],
    ]);
    const text = vanphong(['verify', path.join(dir, 'ky-2.pdf')]);
    expect(text.out).toContain('Chữ ký #1: Trần Thị Bình');
    expect(text.out).toContain('tin cậy: KHÔNG');
  });

  it('refuses bad input with a message naming it, writing nothing', () => {
    const cases: [string[], RegExp][] = [
      [['--p12', leader, '--pass', 'sai'], /Sai mật khẩu/],
      [['--p12', path.join(dir, 'khong-co.p12'), '--pass', 'x'], /Không tìm thấy tệp chữ ký số/],
      [['--p12', leader, '--pass', '123456', '--page', '1', '--rect', '1,2,3'], /--rect phải có dạng/],
      [['--pkcs11', '/usr/lib/x.so', '--pin', '1'], /Không tìm thấy thư viện PKCS#11/],
      [['--pkcs11', '/usr/lib/x.so'], /Thiếu --pin/],
      [['--p12', leader, '--pass', '123456', '--tsa', 'ftp://tsa.example'], /http:\/\/ hoặc https:\/\//],
      [['--p12', leader, '--pass', '123456', '--as', 'attachment'], /cần --number/],
      [['--p12', leader, '--pass', '123456', '--image', leader], /phải là tệp PNG/],
      [['--p12', leader, '--pass', '123456', '--as', 'organisation', '--image', sealFile, '--seal-mm', '500'], /--seal-mm phải từ 5 đến 120/],
    ];
    for (const [args, message] of cases) {
      const out = path.join(dir, 'khong-duoc-ghi.pdf');
      const r = vanphong(['sign', pdf, '--out', out, ...args]);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err).toMatch(message);
      expect(fs.existsSync(out)).toBe(false);
    }
    const broken = path.join(dir, 'hong.pdf');
    fs.writeFileSync(broken, fs.readFileSync(pdf).subarray(0, 2000));
    const rb = vanphong(['sign', broken, '--out', path.join(dir, 'x.pdf'), '--p12', leader, '--pass', '123456', '--page', '1', '--rect', '0,0,10,10']);
    expect(rb.code).not.toBe(0);
    expect(rb.err).toMatch(/PDF hỏng/);
  });
});

const hsm = softhsmModule();
if (!hsm) console.log('[cli-signing] token test skipped: softhsm2 is not installed (apt-get install softhsm2)');

describe.skipIf(!haveOpenssl || !hsm)('vanphong sign --pkcs11 (SoftHSM2 token)', () => {
  it('lists the token, signs with it, and a wrong PIN writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-cli-hsm-'));
    const pki = makeTestPki();
    const token = makeSoftToken('cli-token', pki.issue('Hoàng Văn Em'), pki.caDer);
    const pdf = exported;

    const list = vanphong(['tokens', '--pkcs11', token.module], token.env);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toContain('Khe 0: cli-token');
    expect(list.out).toMatch(/chứng thư 01: C=VN, CN=Hoàng Văn Em/);

    const out = path.join(dir, 'ky-token.pdf');
    const s = vanphong(['sign', pdf, '--out', out, '--pkcs11', token.module, '--slot', '0', '--pin', token.pin, '--cert', '01'], token.env);
    expect(s.code, s.err).toBe(0);
    const trust = path.join(dir, 'trust');
    fs.mkdirSync(trust);
    fs.copyFileSync(pki.caDer, path.join(trust, 'ca.der'));
    const v = JSON.parse(vanphong(['verify', out, '--trust', trust, '--json']).out) as { signer: string; integrity: boolean; signatureValid: boolean; trusted: boolean }[];
    expect(v.map((r) => [r.signer, r.integrity, r.signatureValid, r.trusted])).toEqual([['Hoàng Văn Em', true, true, true]]);

    const bad = path.join(dir, 'sai-pin.pdf');
    const r = vanphong(['sign', pdf, '--out', bad, '--pkcs11', token.module, '--pin', '111111'], token.env);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('Sai mã PIN');
    expect(fs.existsSync(bad)).toBe(false);
  });
});
