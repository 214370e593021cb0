import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestPki } from '../helpers/test-ca';
import { statePlan } from '../fixtures/sample-drafts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'vanphong.cjs');
const vanphong = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const haveOpenssl = !spawnSync('openssl', ['version']).error;
if (!haveOpenssl) console.log('[cli-signing] skipped: the openssl command is not installed (it makes the test CA)');

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

describe.skipIf(!haveOpenssl)('vanphong sign / verify', () => {
  it('signs an exported PDF in its slots (leader, then organisation) and verifies both; refuses bad input writing nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-cli-sign-'));
    const pki = makeTestPki();
    const model = path.join(dir, 'ke-hoach.json');
    fs.writeFileSync(model, JSON.stringify(statePlan(1)));
    expect(vanphong(['export', model, '--out', dir, '--pdf']).code).toBe(0);
    const pdf = path.join(dir, 'ke-hoach.pdf');
    const leader = pki.p12('Trần Thị Bình');
    const organ = pki.p12('Sở Nội vụ tỉnh Bắc Ninh');

    const s1 = vanphong(['sign', pdf, '--out', path.join(dir, 'ky-1.pdf'), '--p12', leader, '--pass', '123456', '--as', 'signer', '--json']);
    expect(s1.code, s1.err).toBe(0);
    const slot1 = JSON.parse(s1.out);
    const s2 = vanphong(['sign', path.join(dir, 'ky-1.pdf'), '--out', path.join(dir, 'ky-2.pdf'), '--p12', organ, '--pass', '123456', '--as', 'organisation', '--json']);
    expect(s2.code, s2.err).toBe(0);
    const slot2 = JSON.parse(s2.out);
    expect(slot2.page).toBe(slot1.page);
    expect(slot2.rect[2]).toBeLessThan(slot1.rect[2]); // the seal sits left of the signature's centre

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

    const cases: [string[], RegExp][] = [
      [['--p12', leader, '--pass', 'sai'], /Sai mật khẩu/],
      [['--p12', path.join(dir, 'khong-co.p12'), '--pass', 'x'], /Không tìm thấy tệp chữ ký số/],
      [['--p12', leader, '--pass', '123456', '--page', '1', '--rect', '1,2,3'], /--rect phải có dạng/],
      [['--pkcs11', '/usr/lib/x.so', '--pin', '1'], /Tham số không hợp lệ|PKCS#11/],
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
  }, 120_000);
});
