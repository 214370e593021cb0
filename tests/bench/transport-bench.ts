import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAs } from '../../electron/app/caller';
import { findBook } from '../../electron/directory/repo';
import { buildStatusXml } from '../../electron/exchange/status-build';
import { newMessageId } from '../../electron/exchange/outbox';
import { runPass } from '../../electron/exchange/runner';
import { storeExchangeSettings } from '../../electron/exchange/settings-repo';
import { packageFileName } from '../../electron/exchange/transport';
import { insertMessage } from '../../electron/exchange/transport-repo';
import { openApp } from '../../electron/hosts/open-app';
import { takeNumber } from '../../electron/outgoing/service';
import { closeUntrusted } from '../../electron/parsing/untrusted';
import { storeOrganisation } from '../../electron/settings/organisation';
import { documentIdOf } from '../../shared/exchange/document-id';
import { draftSchema } from '../../shared/drafting/model';
import { DEFAULT_SIGNERS } from '../../shared/settings/schemas';
import { benchSession } from './session';

type Emit = (name: string, value: number, unit: string) => void;

/**
 * Issue 18's folder exchange figure: `count` small packages (status messages, ~1.5 KB) queued at office A, sent
 * through its outbox (one pass), and read from the same folder as office B's inbox (one pass: each package read in the
 * parse worker, its status stored against B's outgoing document, the file moved to processed/).
 */
export async function benchTransport(emit: Emit, opts: { count?: number } = {}): Promise<void> {
  const count = opts.count ?? 1_000;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-bench-exchange-'));
  const folder = path.join(root, 'a-to-b');
  const clock = () => new Date('2026-11-22T03:00:00Z');
  const [a, b] = await Promise.all([openApp({ dataDir: path.join(root, 'a'), clock, onNewKey: () => undefined }), openApp({ dataDir: path.join(root, 'b'), clock, onNewKey: () => undefined })]);
  try {
    const [sa, sb] = [await benchSession(a, 'bench'), await benchSession(b, 'bench')];
    const org = (name: string, organId: string) => ({ profile: 'state' as const, name, parentOrgan: '', abbr: 'UBND', place: 'Hậu Giang', organId, signers: DEFAULT_SIGNERS.state });
    storeOrganisation(a.db, org('Sở Nội vụ tỉnh Hậu Giang', '000.00.00.H31'));
    storeOrganisation(b.db, org('Ủy ban nhân dân tỉnh Hậu Giang', '000.00.00.H30'));
    storeExchangeSettings(a, { outbox: folder, inbox: '' });
    storeExchangeSettings(b, { outbox: '', inbox: folder });
    // B's outgoing document the statuses answer.
    const model = draftSchema.parse({ profile: 'state', organ: 'Ủy ban nhân dân tỉnh Hậu Giang', organAbbr: 'UBND', place: 'Hậu Giang', docType: 'cong-van', unitAbbr: 'VP', subject: 'Về việc thử trao đổi', signature: { authority: '', onBehalfOf: '', title: 'Chủ tịch', name: 'Nguyễn Văn An' } });
    const doc = runAs(sb.caller, () => takeNumber(b, { book: findBook(b.db, 'outgoing', undefined)!, date: '2026-11-22', model, draftId: null, status: 'issued', userId: sb.caller!.id }));
    const documentId = documentIdOf('000.00.00.H30', '2026-11-22', doc.ref);
    const now = a.nowIso();
    // B sent it to A (statuses are taken only from an organ the document went to).
    insertMessage(b.db, { messageId: newMessageId(), direction: 'out', kind: 'document', transport: 'folder', peerOrganId: '000.00.00.H31', documentId, outgoingId: doc.id, fileName: 'sent.edxml', state: 'sent' }, now);
    a.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const bytes = buildStatusXml({
          responseFor: { organId: '000.00.00.H30', code: doc.ref, promulgationDate: '2026/11/22', documentId },
          from: { organId: '000.00.00.H31', organName: 'Sở Nội vụ tỉnh Hậu Giang' },
          statusCode: i % 2 ? '03' : '01',
          description: `Trạng thái thử ${i + 1}`,
          timestamp: now,
          staff: { staff: 'Văn thư' },
        });
        const messageId = newMessageId();
        insertMessage(a.db, { messageId, direction: 'out', kind: 'status', transport: 'folder', peerOrganId: '000.00.00.H30', documentId, statusCode: '01', fileName: packageFileName(messageId), sha256: a.blobs.put(bytes), size: bytes.byteLength, state: 'queued' }, now);
      }
    })();
    const t0 = performance.now();
    const sent = await runAs(sa.caller, () => runPass(a, sa));
    const t1 = performance.now();
    const got = await runAs(sb.caller, () => runPass(b, sb));
    const t2 = performance.now();
    if (sent.sent !== count || got.received !== count) throw new Error(`exchange bench: sent ${sent.sent}, received ${got.received} of ${count} (rejected ${got.rejected})`);
    emit('exchange.folder_send_rate', count / ((t1 - t0) / 1000), 'packages/s');
    emit('exchange.folder_receive_rate', count / ((t2 - t1) / 1000), 'packages/s');
    emit('exchange.folder_throughput', count / ((t2 - t0) / 1000), 'packages/s');
  } finally {
    await closeUntrusted();
    await Promise.all([a.close(), b.close()]);
    fs.rmSync(root, { recursive: true, force: true });
  }
}
