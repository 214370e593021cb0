import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../fixtures/make-files';
import { run } from '../helpers/cli';
import { tempDir } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';

/**
 * Secrets stay off the command line (issue 14): a .p12 password from standard input or VANPHONG_P12_PASS; an argument
 * still works but warns, since other accounts see a process's arguments and the shell keeps them in its history.
 */
const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[cli-secrets] skipped: the openssl command is not installed (it makes the test CA)');

describe.skipIf(!haveOpenssl)('the CLI takes passwords without putting them in its arguments', () => {
  const dir = tempDir('vanphong-secrets-');
  const pdf = path.join(dir, 'phu-luc.pdf');
  let p12 = '';
  beforeAll(() => {
    fs.writeFileSync(pdf, makePdf(['Phụ lục kèm theo Kế hoạch']));
    p12 = makeTestPki().p12('Văn phòng UBND tỉnh');
  });
  const sign = (out: string, extra: string[], env: Record<string, string | undefined> = {}, input?: string) =>
    run(['sign', pdf, '--out', path.join(dir, out), '--p12', p12, '--as', 'attachment', '--number', '12/KH-UBND', ...extra], { VANPHONG_P12_PASS: undefined, ...env }, input);

  it('reads the password from standard input with --pass-stdin, without a warning', () => {
    const r = sign('a.pdf', ['--pass-stdin'], {}, '123456\n');
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('Cảnh báo');
    expect(fs.existsSync(path.join(dir, 'a.pdf'))).toBe(true);
  });

  it('reads it from VANPHONG_P12_PASS, without a warning', () => {
    const r = sign('b.pdf', [], { VANPHONG_P12_PASS: '123456' });
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('Cảnh báo');
  });

  it('still takes --pass PW, and warns where it can be seen', () => {
    const r = sign('c.pdf', ['--pass', '123456']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('Cảnh báo: mật khẩu tệp .p12 ghi trong --pass lộ với người khác trên máy');
    expect(r.err).toContain('--pass-stdin');
  });

  it('a wrong password from standard input is refused and writes nothing', () => {
    const r = sign('d.pdf', ['--pass-stdin'], {}, 'sai-mat-khau\n');
    expect(r.code).not.toBe(0);
    expect(fs.existsSync(path.join(dir, 'd.pdf'))).toBe(false);
  });

  it('a USB token without its PIN names the two ways to give it', () => {
    const r = run(['sign', pdf, '--out', path.join(dir, 'e.pdf'), '--pkcs11', '/khong/co/token.so'], { VANPHONG_PIN: undefined });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--pin-stdin');
    expect(r.err).toContain('VANPHONG_PIN');
  });
});
