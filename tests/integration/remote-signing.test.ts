import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, callErr, tempApp } from '../helpers/app';
import { makeTestPki } from '../helpers/test-ca';
import { startRemoteSigner, type RemoteSignerDouble } from '../helpers/remote-signer';
import { statePlan } from '../fixtures/sample-drafts';
import { draftSchema } from '../../shared/drafting/model';
import { httpRemoteSigning } from '../../electron/signing/remote';
import type { Session } from '../../electron/app/caller';
import { has } from '../helpers/tools';

const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('[remote-signing] skipped: the openssl command is not installed (it makes the test CA)');

const plan = (subject: string) =>
  draftSchema.parse({ ...statePlan(1), number: null, date: null, organ: 'Ủy ban nhân dân tỉnh Bắc Ninh', organAbbr: 'UBND', subject, recipients: [], archive: [], signature: { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Văn An' } });

const remote = { kind: 'remote' as const };

describe.skipIf(!haveOpenssl)('ký số từ xa: the signer approves on a phone, through the remote-signing service', () => {
  let app: Awaited<ReturnType<typeof tempApp>>;
  let signer: RemoteSignerDouble;
  let admin: Session;
  let cv: Session;
  let ld: Session;
  let vt: Session;
  let pdf: Uint8Array;

  beforeAll(async () => {
    app = await tempApp({ clock: () => new Date(), withUser: false });
    admin = await addUser(app, 'quantri', ['quantri'], 'Quản Trị');
    cv = await addUser(app, 'chuyenvien', ['chuyenvien'], 'Trần Thị Bình');
    ld = await addUser(app, 'lanhdao', ['lanhdao'], 'Nguyễn Văn An');
    vt = await addUser(app, 'vanthu', ['vanthu'], 'Lê Văn Cường');
    const pki = makeTestPki();
    signer = await startRemoteSigner({ users: { lanhdao: { p12: pki.p12('Nguyễn Văn An') }, vanthu: { p12: pki.p12('Ủy ban nhân dân tỉnh Bắc Ninh') } } });
    await call(app, 'trust.add', { data: new Uint8Array(fs.readFileSync(pki.caDer)) }, admin);
    pdf = (await call(app, 'drafting.render', { draft: plan('Kế hoạch thử ký từ xa'), format: 'pdf' }, cv)).data;
  });
  afterAll(async () => {
    await signer?.close();
    await app?.cleanup();
  });

  it('is refused with a clear message until the administrator sets the service’s address (https, or http on loopback only)', async () => {
    const e = await callErr(app, 'signing.sign', { pdf, role: 'signer', key: remote }, ld);
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'key' });
    expect(e.message).toContain('Chưa cấu hình dịch vụ ký số từ xa');
    expect(await callErr(app, 'signing.saveSettings', { tsaUrl: '', remoteUrl: 'http://ky-so.example.vn' }, admin)).toMatchObject({ code: 'VALIDATION', field: 'remoteUrl' });
    expect(await callErr(app, 'signing.saveSettings', { tsaUrl: '', remoteUrl: signer.url }, ld)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call(app, 'signing.saveSettings', { tsaUrl: '', remoteUrl: signer.url }, admin)).toEqual({ tsaUrl: null, remoteUrl: signer.url });
    // Saving the TSA alone keeps the remote service.
    expect(await call(app, 'signing.saveSettings', { tsaUrl: '' }, admin)).toEqual({ tsaUrl: null, remoteUrl: signer.url });
    expect((await call(app, 'signing.settings', {}, ld)).remoteUrl).toBe(signer.url);
  });

  it('the leader signs the draft; the request waits on the phone until approved, and names the document', async () => {
    const d = await call(app, 'drafts.save', { draft: plan('Kế hoạch chuyển đổi số năm 2026') }, cv);
    await call(app, 'outgoing.submit', { id: d.id, to: ld.caller!.id }, cv);
    await call(app, 'outgoing.approve', { id: d.id }, ld);
    let settled = false;
    const signing = call(app, 'outgoing.sign', { id: d.id, key: remote }, ld).finally(() => (settled = true));
    const req = await signer.nextRequest();
    expect(req).toMatchObject({ username: 'lanhdao', status: 'pending' });
    expect(req.description).toContain('Kế hoạch chuyển đổi số năm 2026');
    await new Promise((r) => setTimeout(r, 600));
    expect(settled).toBe(false);
    signer.approve(req.id);
    const w = await signing;
    expect(w.status).toBe('da-ky');

    // The văn thư's phone rejects the first issuance: its number is cancelled with the reason; approved, the next one issues.
    const rejected = callErr(app, 'outgoing.issue', { id: d.id, key: remote }, vt);
    const r1 = await signer.nextRequest();
    expect(r1.username).toBe('vanthu');
    signer.reject(r1.id, 'Chưa đúng ngày ban hành');
    const e = await rejected;
    expect(e.message).toContain('Chưa đúng ngày ban hành');
    expect((await call(app, 'outgoing.list', {}, vt)).map((r) => [r.number, r.status])).toEqual([[1, 'cancelled']]);
    expect((await call(app, 'outgoing.workflow', { id: d.id }, vt)).status).toBe('da-ky');

    const issuing = call(app, 'outgoing.issue', { id: d.id, key: remote }, vt);
    await signer.approveNext();
    const issued = await issuing;
    expect(issued).toMatchObject({ number: 2, ref: '02/KH-UBND', status: 'issued' });
    const v = await call(app, 'signing.verify', { pdf: await call(app, 'attachments.content', { sha256: issued.sha256! }, vt) }, vt);
    expect(v.status).toBe('valid');
    expect(v.signatures.map((s) => s.signer)).toEqual(['Nguyễn Văn An', 'Ủy ban nhân dân tỉnh Bắc Ninh']);
  });

  it('signs a PDF through signing.sign; an account the service has no certificate for is told so', async () => {
    signer.autoApprove = true;
    try {
      const r = await call(app, 'signing.sign', { pdf, role: 'signer', key: remote }, ld);
      expect(r.verification.signatures.map((s) => [s.signer, s.signatureValid])).toEqual([['Nguyễn Văn An', true]]);
      const other = await addUser(app, 'lanhdao2', ['lanhdao'], 'Hoàng Văn Em');
      const e = await callErr(app, 'signing.sign', { pdf, role: 'signer', key: remote }, other);
      expect(e).toMatchObject({ code: 'VALIDATION', field: 'key' });
      expect(e.message).toContain('lanhdao2');
    } finally {
      signer.autoApprove = false;
    }
  });

  it('the adapter gives up after its timeout with a clear message; approval also works over the double’s HTTP endpoint', async () => {
    const service = httpRemoteSigning(signer.url, { pollMs: 20, timeoutMs: 200 });
    await expect(service.sign('lanhdao', new Uint8Array([1, 2, 3]), 'Thử')).rejects.toThrow('không nhận được xác nhận trên điện thoại');
    const pending = service.sign('lanhdao', new Uint8Array([4, 5, 6]), 'Thử qua HTTP');
    const listed = async () => (await (await fetch(`${signer.url}/sign-requests`)).json()) as { id: string; description: string; status: string }[];
    let target: { id: string } | undefined;
    while (!(target = (await listed()).find((x) => x.description === 'Thử qua HTTP' && x.status === 'pending'))) await new Promise((r) => setTimeout(r, 10));
    expect((await fetch(`${signer.url}/sign-requests/${target.id}/approve`, { method: 'POST' })).status).toBe(200);
    const { certificate } = await service.certificate('lanhdao');
    const crypto = await import('node:crypto');
    expect(crypto.verify('sha256', new Uint8Array([4, 5, 6]), new crypto.X509Certificate(certificate).publicKey, await pending)).toBe(true);
    expect(() => httpRemoteSigning('http://10.0.0.5/ky-so')).toThrow('https://');
  });
});
