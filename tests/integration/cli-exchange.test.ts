import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { runAs, type Session } from '../../electron/app/caller';
import { upsertBlob } from '../../electron/attachments/repo';
import { findBook } from '../../electron/directory/repo';
import { takeNumber } from '../../electron/outgoing/service';
import { draftSchema } from '../../shared/drafting/model';
import { call, tempDir } from '../helpers/app';
import { provisionedDataDir, vanphong, withDataDir } from '../helpers/cli';
import { makeTestPki, type TestPki } from '../helpers/test-ca';
import { has } from '../helpers/tools';

/**
 * `vanphong exchange settings|run|list`, `outgoing send --method edxml` and `edxml status` (issue 18) between two data
 * folders sharing a folder pair: the document queued, sent, registered on the other side, and a status package
 * written to a file.
 */
const A_ID = '000.00.00.H30';
const B_ID = '000.00.00.H31';
const A_NAME = 'Sở Tài chính tỉnh Hậu Giang';
const B_NAME = 'Sở Nội vụ tỉnh Hậu Giang';

async function seedIssued(app: AppContext, tester: Session): Promise<number> {
  const model = draftSchema.parse({
    profile: 'state',
    organ: A_NAME,
    organAbbr: 'STC',
    place: 'Hậu Giang',
    docType: 'cong-van',
    unitAbbr: 'VP',
    subject: 'Về việc quyết toán ngân sách năm 2025',
    recipients: [{ text: B_NAME }],
    signature: { authority: '', onBehalfOf: '', title: 'Giám đốc', name: 'Trần Văn Bình' },
  });
  const r = runAs(tester.caller, () => takeNumber(app, { book: findBook(app.db, 'outgoing', undefined)!, date: app.today(), model, draftId: null, status: 'issued', userId: tester.caller!.id }));
  const doc = await PDFDocument.create();
  doc.addPage();
  const pdf = await doc.save();
  const sha256 = app.blobs.put(pdf);
  upsertBlob(app.db, { sha256, size: pdf.byteLength, mime: 'application/pdf', pageCount: 1, textStatus: 'none', now: app.nowIso() });
  app.db.prepare('UPDATE outgoing_docs SET sha256 = ?, page_count = 1 WHERE id = ?').run(sha256, r.id);
  return r.id;
}

const haveOpenssl = has('openssl', ['version']);
if (!haveOpenssl) console.log('cli-exchange: skipped, openssl is not installed (the test PKI signs the edXML package)');

describe.skipIf(!haveOpenssl)('vanphong exchange', () => {
  let dirA: string, dirB: string, work: string, aToB: string, bToA: string;
  let outgoingId = 0;
  let pki: TestPki;

  beforeAll(async () => {
    pki = makeTestPki();
    work = tempDir('vanphong-cli-exchange-');
    aToB = path.join(work, 'a-to-b');
    bToA = path.join(work, 'b-to-a');
    dirA = await provisionedDataDir('vanphong-cli-a-', async (app, tester) => {
      await call(app, 'auth.login', { username: 'tester', password: 'mat-khau-thu-nghiem' }, tester);
      await call(app, 'settings.saveOrganisation', { profile: 'state', name: A_NAME, abbr: 'STC', place: 'Hậu Giang', organId: A_ID }, tester);
      await call(app, 'organizations.create', { name: B_NAME, organId: B_ID }, tester);
      outgoingId = await seedIssued(app, tester);
    });
    dirB = await provisionedDataDir('vanphong-cli-b-', async (app, tester) => {
      await call(app, 'auth.login', { username: 'tester', password: 'mat-khau-thu-nghiem' }, tester);
      await call(app, 'settings.saveOrganisation', { profile: 'state', name: B_NAME, abbr: 'SNV', place: 'Hậu Giang', organId: B_ID }, tester);
      await call(app, 'organizations.create', { name: A_NAME, organId: A_ID }, tester);
      await call(app, 'exchange.saveSettings', { outbox: bToA, inbox: aToB }, tester);
    });
  }, 60_000);
  afterAll(() => {
    for (const d of [dirA, dirB, work, pki?.dir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('sets the folders, queues and sends a document, registers it on the other side, writes a status package', async () => {
    const set = vanphong(['exchange', 'settings', '--outbox', aToB, '--inbox', bToA, '--json', '--data-dir', dirA]);
    expect(set.err).toBe('');
    expect(JSON.parse(set.out)).toMatchObject({ outbox: aToB, inbox: bToA, smtp: null, autoStatuses: true });

    // The package through the trục carries the organisation's XML signature (without a key: exchange-transport.test.ts).
    const sent = vanphong(['outgoing', 'send', String(outgoingId), '--method', 'edxml', '--p12', pki.p12(A_NAME), '--data-dir', dirA], { VANPHONG_P12_PASS: '123456' });
    expect(sent.err).toBe('');
    expect(sent.out).toMatch(/Đã xếp 1 gói vào hàng gửi: chạy/);

    const runA = vanphong(['exchange', 'run', '--json', '--data-dir', dirA]);
    expect(JSON.parse(runA.out)).toMatchObject({ sent: 1, dead: 0 });
    expect(fs.readdirSync(aToB).filter((f) => f.endsWith('.edxml'))).toHaveLength(1);

    const runB = vanphong(['exchange', 'run', '--data-dir', dirB]);
    expect(runB.err).toBe('');
    expect(runB.out).toMatch(/Đã gửi 2 gói; nhận 1 gói; từ chối 0/);
    expect(runB.out).toMatch(/Chưa cấu hình máy chủ thư SMTP/);

    const incomingId = await withDataDir(dirB, async (app) => app.db.prepare('SELECT id FROM incoming_docs').pluck().get() as number);
    const file = path.join(work, 'trang-thai.edxml');
    const st = vanphong(['edxml', 'status', String(incomingId), '--code', '05', '--reason', 'Chuyên viên đang tổng hợp', '--out', file, '--json', '--data-dir', dirB]);
    expect(st.err).toBe('');
    expect(JSON.parse(st.out)).toMatchObject({ to: A_ID, code: '05', file });
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toContain('<edXML:StatusCode>05</edXML:StatusCode>');
    expect(xml).toContain('<edXML:Description>Chuyên viên đang tổng hợp</edXML:Description>');

  });
});
