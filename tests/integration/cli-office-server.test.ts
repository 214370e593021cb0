import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteApp } from '../../electron/hosts/cli/remote';
import { loadP12 } from '../../electron/signing/p12';
import { signAtDesk } from '../../shared/signing/desk';
import { call, loginAs, tempDir } from '../helpers/app';
import { provisionedDataDir, root, run, withDataDir } from '../helpers/cli';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { makeTestPki } from '../helpers/test-ca';
import { makeSoftToken, softhsmModule, type SoftToken } from '../helpers/softhsm';
import { statePlan } from '../fixtures/sample-drafts';
import { has } from '../helpers/tools';

/**
 * Issue 13, "Done means", at the command line: `vanphong server` on loopback over HTTPS, three CLIs as three desks (the
 * chuyên viên drafts and submits, the leader approves and signs with a SoftHSM2 token in the client process, the văn
 * thư issues with the organisation's key at their desk), the server killed during an issuance and started again (the
 * number cancelled with its reason, the next issuance takes the next number), SIGTERM ends it cleanly.
 */
const haveOpenssl = has('openssl', ['version']);
const havePdfsig = has('pdfsig', ['-v']);
const hsm = softhsmModule();
if (!haveOpenssl) console.log('[cli-office-server] skipped: the openssl command is not installed (it makes the test CA)');
if (!hsm) console.log('[cli-office-server] softhsm2 is not installed: the leader signs with a .p12 at the desk instead of a token');

const PW = 'mat-khau-du-dai';
const planModel = () => ({ ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } });

type Running = ServerProcess;
const startServer = (dataDir: string) => startServerProcess(root, dataDir);

describe.skipIf(!haveOpenssl)('three desks against `vanphong server`', () => {
  let dir: string;
  const files = tempDir('vanphong-office-cli-files-');
  const model = path.join(files, 'ke-hoach.json');
  let server: Running;
  let organP12: string;
  let leaderP12: string;
  let token: SoftToken | null = null;
  let id = '';
  const desk = (user: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}) =>
    run([...args, '--server', server.url, '--ca', server.ca], { ...env, VANPHONG_USER: user, VANPHONG_PASSWORD: PW }, input);

  beforeAll(async () => {
    const pki = makeTestPki();
    leaderP12 = pki.p12('Nguyễn Văn An');
    organP12 = pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh');
    if (hsm) token = makeSoftToken('Lanh dao', pki.issue('Nguyễn Văn An'), pki.caDer);
    fs.writeFileSync(model, JSON.stringify(planModel()));
    dir = await provisionedDataDir('vanphong-office-cli-', async (app, tester) => {
      await call(app, 'users.create', { username: 'an', roles: ['lanhdao'], fullName: 'Nguyễn Văn An', password: PW }, tester);
      await call(app, 'users.create', { username: 'binh', roles: ['chuyenvien'], fullName: 'Trần Thị Bình', password: PW }, tester);
      await call(app, 'users.create', { username: 'cuong', roles: ['vanthu'], fullName: 'Lê Văn Cường', password: PW }, tester);
    });
    server = await startServer(dir);
  });
  afterAll(() => {
    server?.child.kill('SIGKILL');
  });

  it('prints its HTTPS URL and fingerprint; a CLI pinning another fingerprint is refused; local-only commands refuse --server', () => {
    expect(server.out()).toContain('máy chủ cơ quan');
    const pinnedWrong = run(['outgoing', 'list', '--server', server.url, '--fingerprint', 'AB'.repeat(32)], { VANPHONG_USER: 'binh', VANPHONG_PASSWORD: PW });
    expect(pinnedWrong.code).not.toBe(0);
    expect(pinnedWrong.err).toContain(server.fingerprint);
    const local = run(['convert', model, '--out', files, '--server', server.url]);
    expect(local.code).toBe(2);
    expect(local.err).toContain('chạy trên máy này, không qua máy chủ');
  });

  it('the chuyên viên drafts and submits, the leader approves and signs at their desk, the văn thư issues 01', () => {
    const imported = desk('binh', ['draft', 'import', model, '--json']);
    expect(imported.code, imported.err).toBe(0);
    id = String(JSON.parse(imported.out).id);
    expect(desk('binh', ['outgoing', 'submit', id, '--to', 'an']).out).toContain('Đã trình phiên bản 1 cho Nguyễn Văn An');
    expect(desk('an', ['outgoing', 'approve', id]).code).toBe(0);
    const signed = token
      ? desk('an', ['outgoing', 'sign', id, '--pkcs11', token.module, '--pin-stdin'], token.pin, { SOFTHSM2_CONF: token.conf })
      : desk('an', ['outgoing', 'sign', id, '--p12', leaderP12, '--pass-stdin'], '123456');
    expect(signed.code, signed.err).toBe(0);
    expect(signed.out).toContain('Đã ký số');
    const issued = desk('cuong', ['outgoing', 'issue', id, '--p12', organP12, '--pass-stdin', '--json'], '123456');
    expect(issued.code, issued.err).toBe(0);
    expect(JSON.parse(issued.out)).toMatchObject({ number: 1, ref: '01/KH-UBND', status: 'issued' });
    const pdf = path.join(files, '01.pdf');
    expect(desk('binh', ['outgoing', 'file', String(JSON.parse(issued.out).id), '--out', pdf]).code).toBe(0);
    if (havePdfsig) expect(execFileSync('pdfsig', [pdf], { encoding: 'utf8' }).match(/Signature is Valid/g)).toHaveLength(2);
  });

  it.skipIf(!hsm)('never sees the PIN or a private key: the database holds neither', () => {
    if (!token) throw new Error('no token');
    const db = fs.readFileSync(path.join(dir, 'vanphong.sqlite'));
    const wal = fs.existsSync(path.join(dir, 'vanphong.sqlite-wal')) ? fs.readFileSync(path.join(dir, 'vanphong.sqlite-wal')) : Buffer.alloc(0);
    for (const f of [db, wal]) {
      expect(f.includes(Buffer.from(token.pin))).toBe(false);
      expect(f.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    }
  });

  it('killed during an issuance, restarted: the number is cancelled with its reason, the next issuance takes 03; SIGTERM stops it cleanly', async () => {
    // A second plan ready for issuance, then the văn thư's desk prepares it (the number is taken) and the server dies.
    const second = await withServerApp(server, 'binh', async (binh) => {
      const d = await binh.call('drafts.save', { draft: planModel() });
      const users = await binh.call('users.list', {});
      await binh.call('outgoing.submit', { id: d.id, to: users.find((u) => u.username === 'an')!.id });
      return d.id;
    });
    await withServerApp(server, 'an', async (an) => {
      await an.call('outgoing.approve', { id: second });
      // The server refuses a key sent to it; the desk signs what it prepared.
      const sent = await an.call('outgoing.sign', { id: second, key: { kind: 'p12', data: new Uint8Array(fs.readFileSync(leaderP12)), password: '123456' } }).catch((e: unknown) => e);
      expect(sent).toMatchObject({ code: 'FORBIDDEN', field: 'key' });
      const key = loadP12(new Uint8Array(fs.readFileSync(leaderP12)), '123456');
      await signAtDesk(key, {
        prepare: (cert) => an.call('outgoing.prepareSign', { id: second, ...cert }),
        complete: (requestId, signature) => an.call('outgoing.completeSigning', { requestId, signature }),
      });
    });
    const organCert = loadP12(new Uint8Array(fs.readFileSync(organP12)), '123456');
    const prepared = await withServerApp(server, 'cuong', async (cuong) => {
      const p = await cuong.call('outgoing.prepareIssue', { id: second, certificate: organCert.certificate, chain: organCert.chain });
      // A signature value that does not verify (checked in the server's worker thread) is refused as such; the
      // request stays open for a retry.
      const bad = await cuong.call('outgoing.completeSigning', { requestId: p.requestId, signature: new Uint8Array(256).fill(7) }).catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: 'VALIDATION', field: 'signature' });
      return p;
    });
    expect(prepared.ref).toBe('02/KH-UBND');
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));

    server = await startServer(dir);
    expect(server.out()).toContain('Đã hủy 1 lượt phát hành dang dở');
    const list = desk('cuong', ['outgoing', 'list', '--json']);
    const rows = JSON.parse(list.out) as { number: number; status: string; note: string | null }[];
    const two = rows.find((r) => r.number === 2)!;
    expect(two.status).toBe('cancelled');
    expect(two.note).toContain('Máy chủ khởi động lại');
    const again = desk('cuong', ['outgoing', 'issue', String(second), '--p12', organP12, '--pass-stdin', '--json'], '123456');
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ number: 3, ref: '03/KH-UBND' });

    server.child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => server.child.once('exit', r));
    expect(code).toBe(0);
    expect(server.out()).toContain('Máy chủ đã dừng.');
    // The register as the clerk's data folder shows it: 01 and 03 issued, 02 cancelled with its reason, no gap.
    await withDataDir(dir, async (app) => {
      const cuong = await loginAs(app, 'cuong', PW);
      const all = await call(app, 'outgoing.list', {}, cuong);
      expect(all.map((r) => [r.number, r.status]).sort()).toEqual([
        [1, 'issued'],
        [2, 'cancelled'],
        [3, 'issued'],
      ]);
    });
  });
});

async function withServerApp<T>(server: Running, user: string, fn: (c: RemoteApp) => Promise<T>): Promise<T> {
  const c = new RemoteApp({ url: server.url, caFile: server.ca });
  await c.login(user, PW);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}
