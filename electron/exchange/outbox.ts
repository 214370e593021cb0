import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/api/result';
import { STATUS_CODE_LABELS, type StatusCode } from '../../shared/exchange/status-codes';
import type { StatusPackage } from '../../shared/exchange/transport-api';
import type { AppContext } from '../app/context';
import { currentActor } from '../app/caller';
import { audit } from '../audit/record';
import { immediate } from '../db/connection';
import { organizationByOrganId } from '../directory/repo';
import { organisation, organName } from '../settings/organisation';
import { autoStatusesSince, exchangeSettings, markAutoStatusesSynced } from './settings-repo';
import { buildStatusXml } from './status-build';
import { incomingVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';
import { receivedOfIncoming } from './edxml-repo';
import { arrivalOf, incomingFacts, missingAutoStatuses, statusQueued } from './status-repo';
import { packageFileName } from './transport';
import * as repo from './transport-repo';

/**
 * The outbox (issue 18): every package to send is an exchange_messages row, queued with its bytes in the attachment
 * store, sent once by the runner (runner.ts) and never again once `sent`; a failure is retried after 1 min, 5 min,
 * 30 min, 2 h and 12 h, then the message is `dead` — the dead letters the văn thư sees and resends.
 */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 12 * 3600_000] as const;

/** After a failed attempt (`attempts` counting it): retried later, or dead once the backoff is used up. */
export function afterFailure(attempts: number, now: Date): { state: 'failed' | 'dead'; nextAttemptAt: string | null } {
  const wait = BACKOFF_MS[attempts - 1];
  return wait === undefined ? { state: 'dead', nextAttemptAt: null } : { state: 'failed', nextAttemptAt: new Date(now.getTime() + wait).toISOString() };
}

let seq = 0;
/**
 * A message id: the time it was made (ms, hex), a counter, then random — unique across offices, and sorting as the
 * messages were queued, so that the receiving side reads a folder's files (by name) in the order they were sent.
 */
export const newMessageId = () => `${Date.now().toString(16).padStart(12, '0')}-${((seq = (seq + 1) % 0x10000)).toString(16).padStart(4, '0')}-${randomUUID().slice(19)}`;

export interface StatusRequest {
  incomingId: number;
  code: StatusCode;
  reason?: string;
  /** For a document that did not come by edXML: its sender's mã định danh and DocumentId. */
  to?: string;
  documentId?: string;
  /** When it happened (ISO); default now. */
  at?: string;
}

/** The refusals (02 từ chối tiếp nhận, 16 từ chối lấy lại / cập nhật): the sender is told why. */
const REFUSALS: ReadonlySet<StatusCode> = new Set(['02', '16']);

/** A status package about an incoming document, to its sender (not stored). */
export function statusPackage(app: AppContext, req: StatusRequest): StatusPackage & { peerEmail: string | null; via: 'folder' | 'email' | null } {
  // The caller's read rule first: who may not read the record learns nothing of it (not even its DocumentId).
  const inc = incomingVisible(app.db, req.incomingId, viewerOf(app)) ? incomingFacts(app.db, req.incomingId) : undefined;
  if (!inc) throw new AppError('NOT_FOUND', 'Không có văn bản đến này.', { field: 'incomingId' });
  if (inc.secrecy !== 'thuong') {
    throw new AppError('VALIDATION', 'Văn bản có độ mật: không gửi trạng thái qua mạng (Quyết định 28/2018/QĐ-TTg không áp dụng gửi, nhận điện tử cho văn bản mật).', { field: 'incomingId' });
  }
  if (REFUSALS.has(req.code) && !req.reason?.trim()) {
    throw new AppError('VALIDATION', `Trạng thái ${req.code} (${STATUS_CODE_LABELS[req.code]}) cần ghi rõ lý do.`, { field: 'reason' });
  }
  const received = receivedOfIncoming(app.db, inc.id)?.facts;
  const to = req.to ?? received?.fromOrganId;
  const documentId = req.documentId ?? received?.documentId;
  if (!to || !documentId) {
    throw new AppError('VALIDATION', 'Văn bản đến này không nhận qua edXML: nhập mã định danh cơ quan gửi (--to MÃ) và mã định danh văn bản (--document-id "MÃ,yyyy/MM/dd,Số/Ký hiệu").', {
      field: to ? 'documentId' : 'to',
    });
  }
  const org = organisation(app.db);
  if (!org.organId) throw new AppError('VALIDATION', 'Cơ quan chưa có mã định danh: quản trị viên nhập ở Cài đặt → Cơ quan → Mã định danh trước khi gửi trạng thái.', { field: 'organId' });
  const self = organizationByOrganId(app.db, org.organId);
  const who = currentActor();
  const bytes = buildStatusXml({
    responseFor: { organId: to, code: inc.ref, promulgationDate: inc.docDate.replace(/-/g, '/'), documentId },
    from: { organId: org.organId, organName: organName(app.db) || org.name, organAdd: self?.address ?? undefined, email: self?.email ?? undefined },
    statusCode: req.code,
    description: req.reason?.trim() || STATUS_CODE_LABELS[req.code],
    timestamp: req.at ?? app.nowIso(),
    staff: { staff: who?.fullName, department: who?.unit || undefined },
  });
  const messageId = newMessageId();
  const arrival = arrivalOf(app.db, inc.id);
  const peerEmail = arrival?.transport === 'email' && arrival.peerAddress ? arrival.peerAddress : (organizationByOrganId(app.db, to)?.email ?? inc.senderEmail);
  return { bytes, fileName: packageFileName(messageId), messageId, documentId, to, peerEmail, via: arrival?.transport ?? null };
}

/**
 * Queues a status back to the sender of an incoming document; runs inside the caller's transaction (or its own). The
 * transport is the one the document came by; for a document that did not come by edXML, the folder when one is set,
 * else e-mail. Returns the message's row id.
 */
export function queueStatus(app: AppContext, req: StatusRequest, opts: { auto?: boolean } = {}): number {
  const p = statusPackage(app, req);
  const settings = exchangeSettings(app);
  const transport = p.via ?? (settings.outbox || !settings.smtp || !p.peerEmail ? 'folder' : 'email');
  const sha256 = app.blobs.put(p.bytes);
  return immediate(app.db, () => {
    const id = repo.insertMessage(
      app.db,
      {
        messageId: p.messageId,
        direction: 'out',
        kind: 'status',
        transport,
        peerOrganId: p.to,
        peerAddress: transport === 'email' ? p.peerEmail : null,
        documentId: p.documentId,
        statusCode: req.code,
        incomingId: req.incomingId,
        fileName: p.fileName,
        sha256,
        size: p.bytes.byteLength,
        state: 'queued',
        userId: currentActor()?.id ?? null,
      },
      app.nowIso(),
    );
    audit(app, 'exchange.status', 'incoming', req.incomingId, { code: req.code, label: STATUS_CODE_LABELS[req.code], to: p.to, documentId: p.documentId, ...(opts.auto ? { auto: true } : {}) });
    return id;
  });
}

/**
 * The automatic statuses (setting "tự gửi trạng thái", on by default): 01 and 03 for every document registered from
 * an edXML package, 04 once a leader has instructed, 06 once finished — each queued once. Derived from the records
 * at each pass rather than hooked into the incoming workflow, which lies below the exchange (no import loop), and so
 * also catching up after a crash. Returns how many were queued.
 */
export function syncAutoStatuses(app: AppContext): number {
  if (!exchangeSettings(app).autoStatuses) return 0;
  // A minute of overlap: a record written by another process just before this pass began, committed after its query.
  const start = new Date(app.clock().getTime() - 60_000).toISOString();
  let n = 0;
  let missed = false;
  for (const m of missingAutoStatuses(app.db, autoStatusesSince(app))) {
    try {
      immediate(app.db, () => {
        if (statusQueued(app.db, m.incomingId, m.code)) return;
        queueStatus(app, { incomingId: m.incomingId, code: m.code, at: m.at }, { auto: true });
        n++;
      });
    } catch {
      // No organ id of our own yet, or a record gone secret: tried again at the next pass (the mark stays put).
      missed = true;
    }
  }
  if (!missed) immediate(app.db, () => markAutoStatusesSynced(app, start));
  return n;
}

export function resend(app: AppContext, id: number): repo.MessageRow {
  return immediate(app.db, () => {
    const m = repo.getMessage(app.db, id);
    if (!m) throw new AppError('NOT_FOUND', 'Không có gói tin này.', { field: 'id' });
    if (m.direction !== 'out') throw new AppError('VALIDATION', 'Chỉ gửi lại được gói tin gửi đi.', { field: 'id' });
    if (m.state === 'sent') throw new AppError('CONFLICT', 'Gói tin này đã gửi đi rồi: không gửi lần thứ hai.', { field: 'id' });
    if (m.state === 'queued') return m;
    repo.requeue(app.db, id, app.nowIso());
    audit(app, 'exchange.resend', m.outgoingId ? 'outgoing' : m.incomingId ? 'incoming' : 'exchange', m.outgoingId ?? m.incomingId ?? m.id, { messageId: m.messageId, attempts: m.attempts, lastError: m.lastError });
    return repo.getMessage(app.db, id)!;
  });
}
