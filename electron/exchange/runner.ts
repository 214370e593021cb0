import { AppError } from '../../shared/api/result';
import { parseDocumentId } from '../../shared/exchange/document-id';
import { statusLabel } from '../../shared/exchange/status-codes';
import type { RunReport } from '../../shared/exchange/transport-api';
import { runAs, type Session } from '../app/caller';
import type { AppContext } from '../app/context';
import { audit } from '../audit/record';
import { immediate } from '../db/connection';
import { parserError, runUntrusted } from '../parsing/untrusted';
import { organisation } from '../settings/organisation';
import { afterFailure, syncAutoStatuses } from './outbox';
import { exchangeSettings, smtpPassword } from './settings-repo';
import type { ParsedStatus, SniffedPackage } from './status-read';
import { insertRecipientStatus, outgoingByRef } from './status-repo';
import type { Arrival, InboundPackage, Transport } from './transport';
import { emailTransport } from './transport-email';
import { folderTransport } from './transport-folder';
import * as repo from './transport-repo';

/**
 * One pass of the exchange (`exchange.run`, `vanphong exchange run`, and every minute in the long-running hosts):
 * 1. the inbox: each arrival read in the parse worker — a status is stored against our outgoing document and the
 *    recipient, a document goes to the edXML import (edxml-import.ts) — then moved to processed/ or rejected/; a
 *    message id already received is not imported twice;
 * 2. the automatic statuses (01, 03, 04, 06) queued;
 * 3. the outbox: every message due sent once through its transport, failures retried with backoff, then dead.
 */
export interface RunOptions {
  /** Transports to use instead of those the settings describe (tests: one that fails). */
  transports?: Partial<Record<'folder' | 'email', Transport>>;
  /** How many due messages one pass sends at most. */
  sendLimit?: number;
}

const LEASE_MS = 10 * 60_000;

function message(e: unknown): string {
  if (e instanceof AppError) return e.message;
  const err = e as NodeJS.ErrnoException & { response?: string };
  return (err?.message ?? String(e)).replace(/\s+/g, ' ').slice(0, 500);
}

async function sniff(p: InboundPackage): Promise<SniffedPackage> {
  const r = await runUntrusted<SniffedPackage>('edxml.status', { data: p.bytes, name: p.fileName }, {
    lane: 'background',
    local: async () => (await import('./status-read')).sniffPackage(p.bytes),
  });
  if (r.ok) return r.value;
  throw parserError(r) ?? new AppError('FILE_INVALID', `Không đọc được gói «${p.fileName}»: ${r.detail ?? r.reason}`);
}

/** A status from a recipient: stored against our outgoing document, or refused naming why. */
function applyStatus(app: AppContext, rowId: number, s: ParsedStatus): { ok: true } | { ok: false; why: string } {
  const ours = organisation(app.db).organId;
  const id = parseDocumentId(s.responseFor.documentId);
  let why: string | null = null;
  let outgoing: { id: number; secrecy: string } | undefined;
  if (!id) why = `Mã định danh văn bản «${s.responseFor.documentId}» không đúng dạng «Mã cơ quan,yyyy/MM/dd,Số/Ký hiệu».`;
  else if (!ours || id.organId.toUpperCase() !== ours) why = `Trạng thái nói về văn bản của cơ quan khác (${id.organId}), không phải của cơ quan này${ours ? ` (${ours})` : ' (chưa đặt mã định danh)'}.`;
  else if (!(outgoing = outgoingByRef(app.db, id.date, id.ref))) why = `Không có văn bản đi nào số ${id.ref} ngày ${id.date.split('-').reverse().join('/')} (mã ${s.responseFor.documentId}).`;
  const now = app.nowIso();
  immediate(app.db, () => {
    if (why || !outgoing) {
      repo.settleInbound(app.db, rowId, { state: 'rejected', kind: 'status', error: why, documentId: s.responseFor.documentId, statusCode: s.statusCode, peerOrganId: s.fromOrganId }, now);
      audit(app, 'exchange.reject', 'exchange', rowId, { kind: 'status', from: s.fromOrganId, documentId: s.responseFor.documentId, reason: why });
      return;
    }
    insertRecipientStatus(app.db, { outgoingId: outgoing.id, organId: s.fromOrganId, code: s.statusCode, description: s.description, staff: s.staff, at: s.timestamp ?? now, messageRowId: rowId }, now);
    repo.settleInbound(app.db, rowId, { state: 'received', kind: 'status', outgoingId: outgoing.id, documentId: s.responseFor.documentId, statusCode: s.statusCode, peerOrganId: s.fromOrganId }, now);
    audit(app, 'exchange.receiveStatus', 'outgoing', outgoing.id, { from: s.fromOrganId, code: s.statusCode, label: statusLabel(s.statusCode) });
  });
  return why ? { ok: false, why } : { ok: true };
}

/** One package of an arrival; the outcome for the file it came in. */
async function handlePackage(app: AppContext, session: Session | null, a: Arrival, p: InboundPackage): Promise<{ ok: boolean; why?: string; duplicate?: boolean }> {
  const known = repo.messageByMessageId(app.db, p.messageId);
  if (known?.direction === 'out') return { ok: false, why: `Gói ${p.messageId} là gói do chính cơ quan này gửi đi.` };
  if (known?.state === 'received') return { ok: true, duplicate: true };
  const now = app.nowIso();
  const sha256 = app.blobs.put(p.bytes);
  // Recorded first as not yet handled (rejected, "đang xử lý"): a crash before the end leaves it to be read again.
  const rowId =
    known?.id ??
    immediate(app.db, () =>
      repo.insertMessage(
        app.db,
        { messageId: p.messageId, direction: 'in', kind: 'document', transport: a.via, peerAddress: a.from ?? null, fileName: p.fileName, sha256, size: p.bytes.byteLength, state: 'rejected', lastError: 'Đang xử lý.' },
        now,
      ),
    );
  let sniffed: SniffedPackage;
  try {
    sniffed = await sniff(p);
  } catch (e) {
    const why = message(e);
    immediate(app.db, () => {
      repo.settleInbound(app.db, rowId, { state: 'rejected', error: why }, app.nowIso());
      audit(app, 'exchange.reject', 'exchange', rowId, { file: p.fileName, reason: why });
    });
    return { ok: false, why };
  }
  if (sniffed.kind === 'status') {
    const r = applyStatus(app, rowId, sniffed.status);
    return r.ok ? { ok: true } : { ok: false, why: r.why };
  }
  try {
    const { importDocumentPackage } = await import('./edxml-import');
    const r = await importDocumentPackage(app, session, p.bytes, { fileName: p.fileName, messageRowId: rowId });
    immediate(app.db, () =>
      repo.settleInbound(app.db, rowId, { state: 'received', kind: 'document', incomingId: r.incomingId, documentId: r.documentId, business: r.business, peerOrganId: r.fromOrganId }, app.nowIso()),
    );
    return { ok: true };
  } catch (e) {
    const why = message(e);
    immediate(app.db, () => {
      repo.settleInbound(app.db, rowId, { state: 'rejected', kind: 'document', error: why }, app.nowIso());
      audit(app, 'exchange.reject', 'exchange', rowId, { file: p.fileName, reason: why });
    });
    return { ok: false, why };
  }
}

async function receive(app: AppContext, session: Session | null, t: Transport, report: RunReport): Promise<void> {
  for await (const a of t.receive()) {
    const reasons: string[] = [];
    if (a.error) {
      const name = a.source.split(/[\\/]/).pop() ?? a.source;
      immediate(app.db, () => audit(app, 'exchange.reject', 'exchange', null, { file: name, reason: a.error }));
      reasons.push(a.error);
    }
    for (const p of a.packages) {
      const r = await handlePackage(app, session, a, p);
      if (!r.ok) reasons.push(`${p.fileName}: ${r.why}`);
      else if (!r.duplicate) report.received++;
    }
    report.rejected += reasons.length;
    await t.ack(a.source, reasons.length ? 'rejected' : 'processed', reasons.join('\n'));
  }
}

async function send(app: AppContext, transports: Partial<Record<'folder' | 'email', Transport>>, report: RunReport, limit: number): Promise<void> {
  const now = app.clock();
  const nowIso = now.toISOString();
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  for (const m of repo.dueMessages(app.db, nowIso, limit)) {
    if (!immediate(app.db, () => repo.claim(app.db, m.id, nowIso, lease))) continue;
    const t = transports[m.transport];
    try {
      if (!t) throw new Error(m.transport === 'folder' ? 'Chưa đặt thư mục gửi (Cài đặt trao đổi văn bản).' : 'Chưa cấu hình máy chủ thư SMTP (Cài đặt trao đổi văn bản).');
      if (!m.sha256) throw new Error('Gói tin không còn nội dung.');
      await t.send({ messageId: m.messageId, fileName: m.fileName, bytes: app.blobs.read(m.sha256), to: { organId: m.peerOrganId, email: m.peerAddress } });
      immediate(app.db, () => repo.markSent(app.db, m.id, app.nowIso()));
      report.sent++;
    } catch (e) {
      const why = message(e);
      const next = afterFailure(m.attempts + 1, app.clock());
      immediate(app.db, () => {
        repo.markFailed(app.db, m.id, next.state, next.nextAttemptAt, why, app.nowIso());
        if (next.state === 'dead') audit(app, 'exchange.dead', m.outgoingId ? 'outgoing' : m.incomingId ? 'incoming' : 'exchange', m.outgoingId ?? m.incomingId ?? m.id, { messageId: m.messageId, to: m.peerOrganId ?? m.peerAddress, error: why });
      });
      if (next.state === 'dead') report.dead++;
      else report.failed++;
    }
  }
}

export async function runPass(app: AppContext, session: Session | null, opts: RunOptions = {}): Promise<RunReport> {
  const report: RunReport = { sent: 0, failed: 0, dead: 0, received: 0, rejected: 0, statusesQueued: 0, skipped: [] };
  const s = exchangeSettings(app);
  const folder = opts.transports?.folder ?? (s.outbox || s.inbox ? folderTransport({ outbox: s.outbox, inbox: s.inbox }) : undefined);
  let email = opts.transports?.email;
  let close: (() => void) | undefined;
  if (!email && s.smtp) {
    const t = emailTransport({ ...s.smtp, password: smtpPassword(app) });
    email = t;
    close = t.close;
  }
  if (!s.inbox && !opts.transports?.folder) report.skipped.push('Chưa đặt thư mục nhận: không nhận gói tin.');
  if (!s.outbox && !opts.transports?.folder) report.skipped.push('Chưa đặt thư mục gửi: không gửi được qua trục/LGSP.');
  if (!email) report.skipped.push('Chưa cấu hình máy chủ thư SMTP: không gửi được thư điện tử.');
  try {
    if (folder) await receive(app, session, folder, report);
    report.statusesQueued = syncAutoStatuses(app);
    await send(app, { folder, email }, report, opts.sendLimit ?? 5_000);
  } finally {
    close?.();
  }
  return report;
}

/** Whether anything is configured for the scheduled passes to do. */
export function exchangeConfigured(app: AppContext): boolean {
  const s = exchangeSettings(app);
  return !!(s.outbox || s.inbox || s.smtp);
}

/**
 * The pass every minute in the long-running hosts (desktop, browser mode, office server), when folders or SMTP are
 * set; a pass never overlaps the one before. It acts as the office's văn thư (the first active one): arrivals are
 * registered in its name.
 */
export function startExchangeScheduler(app: AppContext, opts: { everyMs?: number; firstMs?: number; log?: (line: string) => void } = {}): () => void {
  const log = opts.log ?? ((l: string) => console.error(`[vanphong] ${l}`));
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (!exchangeConfigured(app)) return;
      const caller = repo.clerkCaller(app.db);
      const r = await runAs(caller, () => runPass(app, caller ? { caller } : null));
      if (r.dead || r.rejected) log(`Trao đổi văn bản: ${r.dead} gói gửi không được, ${r.rejected} gói bị từ chối.`);
    } catch (e) {
      log(`Trao đổi văn bản không chạy được: ${message(e)}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), opts.firstMs ?? 10_000);
  first.unref();
  const timer = setInterval(() => void tick(), opts.everyMs ?? 60_000);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
