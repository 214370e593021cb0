import { createHash } from 'node:crypto';
import { AppError } from '../../shared/api/result';
import { MAX_PACKAGE_BYTES } from '../../shared/exchange/limits';
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
import { insertRecipientStatus, outgoingByRef, wasSentTo } from './status-repo';
import type { Arrival, InboundPackage, Transport } from './transport';
import { emailTransport } from './transport-email';
import { folderTransport } from './transport-folder';
import * as repo from './transport-repo';

/**
 * One pass of the exchange (`exchange.run`, `vanphong exchange run`, and every minute in the long-running hosts):
 * 1. the inbox: each arrival read in the parse worker — a status is stored against our outgoing document and the
 *    recipient, a document goes to the edXML import (edxml-import.ts) — then moved to processed/ or rejected/; the
 *    same bytes received before are not imported twice (a different package under a name seen before is read); the
 *    bytes are kept in the attachment store only once accepted (a refused file stays in rejected/ with its reason);
 * 2. the automatic statuses (01, 03, 04, 06) queued;
 * 3. the outbox: every message due sent once through its transport, failures retried with backoff, then dead.
 */
export interface RunOptions {
  /** Transports to use instead of those the settings describe (tests: one that fails). */
  transports?: Partial<Record<'folder' | 'email', Transport>>;
  /** How many due messages one pass sends at most. */
  sendLimit?: number;
  /** False: the inbox is not read (the scheduler with no văn thư account to register arrivals in the name of). */
  receive?: boolean;
}

const LEASE_MS = 10 * 60_000;

function message(e: unknown): string {
  if (e instanceof AppError) return e.message;
  const err = e as NodeJS.ErrnoException & { response?: string };
  return (err?.message ?? String(e)).replace(/\s+/g, ' ').slice(0, 500);
}

const MiB = 1024 * 1024;

/**
 * Whether a package may be a status message: its header names MessageStatus (within the first MB, where the header
 * is). Only those are read here, in the worker; any other package goes straight to the edXML import, which reads it
 * once. A plain byte search, no parsing: the bytes are still hostile.
 */
function mayBeStatus(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MiB)).includes('MessageStatus');
}

/** A package that may be a status read in the worker, under the limits the edXML import gives a package its size. */
async function sniff(p: InboundPackage): Promise<SniffedPackage> {
  if (p.bytes.byteLength > MAX_PACKAGE_BYTES) throw new AppError('VALIDATION', `Gói tin «${p.fileName}» quá lớn (hơn ${Math.round(MAX_PACKAGE_BYTES / MiB)} MB): từ chối, không đọc.`);
  const mb = p.bytes.byteLength / MiB;
  const r = await runUntrusted<SniffedPackage>('edxml.status', { data: p.bytes, name: p.fileName }, {
    lane: 'background',
    limits: { workerMemoryMb: Math.ceil(160 + 6 * mb), rssGrowthMb: Math.ceil(256 + 6 * mb), timeMs: Math.ceil(20_000 + 1_000 * mb) },
    local: async () => (await import('./status-read')).sniffPackage(p.bytes),
  });
  if (r.ok) return r.value;
  throw parserError(r) ?? new AppError('FILE_INVALID', `Không đọc được gói «${p.fileName}»: ${r.detail ?? r.reason}`);
}

type Outcome = { ok: true; duplicate?: boolean; busy?: boolean } | { ok: false; why: string };

/**
 * A status from a recipient: stored against our outgoing document — only when that organ was sent the document and the
 * document has no độ mật — or refused naming why. The bytes are kept only when the status is taken.
 */
function applyStatus(app: AppContext, rowId: number, s: ParsedStatus, bytes: Uint8Array): Outcome {
  const ours = organisation(app.db).organId;
  const id = parseDocumentId(s.responseFor.documentId);
  let why: string | null = null;
  let outgoing: { id: number; secrecy: string } | undefined;
  if (!id) why = `Mã định danh văn bản «${s.responseFor.documentId}» không đúng dạng «Mã cơ quan,yyyy/MM/dd,Số/Ký hiệu».`;
  else if (!ours || id.organId.toUpperCase() !== ours) why = `Trạng thái nói về văn bản của cơ quan khác (${id.organId}), không phải của cơ quan này${ours ? ` (${ours})` : ' (chưa đặt mã định danh)'}.`;
  else if (!(outgoing = outgoingByRef(app.db, id.date, id.ref))) why = `Không có văn bản đi nào số ${id.ref} ngày ${id.date.split('-').reverse().join('/')} (mã ${s.responseFor.documentId}).`;
  else if (outgoing.secrecy !== 'thuong') why = `Văn bản ${id.ref} có độ mật: không nhận trạng thái qua mạng (Quyết định 28/2018/QĐ-TTg).`;
  else if (!wasSentTo(app.db, outgoing.id, s.fromOrganId)) why = `Cơ quan ${s.fromOrganId} không phải nơi nhận văn bản ${id.ref} (văn bản chưa gửi cho cơ quan này): không nhận trạng thái.`;
  const sha256 = why ? null : app.blobs.put(bytes);
  const now = app.nowIso();
  immediate(app.db, () => {
    if (why || !outgoing) {
      repo.settleInbound(app.db, rowId, { state: 'rejected', kind: 'status', error: why, documentId: s.responseFor.documentId, statusCode: s.statusCode, peerOrganId: s.fromOrganId }, now);
      audit(app, 'exchange.reject', 'exchange', rowId, { kind: 'status', from: s.fromOrganId, documentId: s.responseFor.documentId, reason: why });
      return;
    }
    insertRecipientStatus(app.db, { outgoingId: outgoing.id, organId: s.fromOrganId, code: s.statusCode, description: s.description, staff: s.staff, at: s.timestamp ?? now, messageRowId: rowId }, now);
    repo.settleInbound(app.db, rowId, { state: 'received', kind: 'status', sha256, outgoingId: outgoing.id, documentId: s.responseFor.documentId, statusCode: s.statusCode, peerOrganId: s.fromOrganId }, now);
    audit(app, 'exchange.receiveStatus', 'outgoing', outgoing.id, { from: s.fromOrganId, code: s.statusCode, label: statusLabel(s.statusCode) });
  });
  return why ? { ok: false, why } : { ok: true };
}

/**
 * The record an arrival is read under, keyed on its content: the same bytes accepted before (under any name) are a
 * duplicate; under the sender's message id (the file's name) when free, else — a different package with the same
 * name, as two offices' "van-ban.edxml" — under that id with its content's hash. Taken atomically: a row another pass
 * is reading (the scheduler and a CLI `exchange run` on one folder) is left to it (`busy`).
 */
function claimArrival(app: AppContext, a: Arrival, p: InboundPackage, sha256: string): { rowId: number } | Outcome {
  const now = app.nowIso();
  const staleBefore = new Date(app.clock().getTime() - LEASE_MS).toISOString();
  const facts = { transport: a.via, peerAddress: a.from ?? null, fileName: p.fileName, size: p.bytes.byteLength };
  return immediate(app.db, () => {
    if (repo.receivedWithContent(app.db, sha256)) return { ok: true, duplicate: true };
    const ids = [p.messageId, `${p.messageId.slice(0, 80)}-${sha256.slice(0, 24)}`];
    for (const [i, messageId] of ids.entries()) {
      const known = repo.messageByMessageId(app.db, messageId);
      if (!known) {
        const rowId = repo.insertArrival(app.db, { messageId, ...facts }, now);
        return rowId === null ? { ok: true, busy: true } : { rowId };
      }
      if (known.direction === 'out' && i === 0) return { ok: false, why: `Gói ${p.messageId} là gói do chính cơ quan này gửi đi.` };
      if (known.state === 'rejected') return repo.reclaimArrival(app.db, known.id, facts, now, staleBefore) ? { rowId: known.id } : { ok: true, busy: true };
    }
    // The content-named id is received already: these very bytes.
    return { ok: true, duplicate: true };
  });
}

/** One package of an arrival; the outcome for the file it came in. */
async function handlePackage(app: AppContext, session: Session | null, a: Arrival, p: InboundPackage): Promise<Outcome> {
  const sha256 = createHash('sha256').update(p.bytes).digest('hex');
  const claimed = claimArrival(app, a, p, sha256);
  if (!('rowId' in claimed)) return claimed;
  const { rowId } = claimed;
  const reject = (e: unknown, kind?: 'document'): Outcome => {
    const why = message(e);
    immediate(app.db, () => {
      repo.settleInbound(app.db, rowId, { state: 'rejected', kind, error: why }, app.nowIso());
      audit(app, 'exchange.reject', 'exchange', rowId, { file: p.fileName, reason: why });
    });
    return { ok: false, why };
  };
  if (mayBeStatus(p.bytes)) {
    let sniffed: SniffedPackage;
    try {
      sniffed = await sniff(p);
    } catch (e) {
      return reject(e);
    }
    if (sniffed.kind === 'status') return applyStatus(app, rowId, sniffed.status, p.bytes);
  }
  try {
    const { importDocumentPackage } = await import('./edxml-import');
    const r = await importDocumentPackage(app, session, p.bytes, { fileName: p.fileName, messageRowId: rowId });
    const stored = app.blobs.put(p.bytes);
    immediate(app.db, () =>
      repo.settleInbound(app.db, rowId, { state: 'received', kind: 'document', sha256: stored, incomingId: r.incomingId, documentId: r.documentId, business: r.business, peerOrganId: r.fromOrganId }, app.nowIso()),
    );
    return { ok: true };
  } catch (e) {
    return reject(e, 'document');
  }
}

async function receive(app: AppContext, session: Session | null, t: Transport, report: RunReport): Promise<void> {
  for await (const a of t.receive()) {
    const reasons: string[] = [];
    let busy = false;
    if (a.error) {
      const name = a.source.split(/[\\/]/).pop() ?? a.source;
      immediate(app.db, () => audit(app, 'exchange.reject', 'exchange', null, { file: name, reason: a.error }));
      reasons.push(a.error);
    }
    for (const p of a.packages) {
      const r = await handlePackage(app, session, a, p);
      if (!r.ok) reasons.push(`${p.fileName}: ${r.why}`);
      else if (r.busy) busy = true;
      else if (r.duplicate) report.duplicates++;
      else report.received++;
    }
    report.rejected += reasons.length;
    // A package another pass is reading: its file is left to that pass to set aside.
    if (busy && !reasons.length) continue;
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
  const report: RunReport = { sent: 0, failed: 0, dead: 0, received: 0, duplicates: 0, rejected: 0, statusesQueued: 0, skipped: [] };
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
    if (folder && opts.receive !== false) await receive(app, session, folder, report);
    else if (opts.receive === false) report.skipped.push('Không có tài khoản văn thư đang hoạt động: không nhận gói tin đến.');
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
 * registered in its name. With no active văn thư nothing is received (only a văn thư registers incoming documents),
 * said once in the log; sending goes on.
 */
export function startExchangeScheduler(app: AppContext, opts: { everyMs?: number; firstMs?: number; log?: (line: string) => void } = {}): () => void {
  const log = opts.log ?? ((l: string) => console.error(`[vanphong] ${l}`));
  let running = false;
  let noClerkLogged = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (!exchangeConfigured(app)) return;
      const caller = repo.clerkCaller(app.db);
      if (!caller && !noClerkLogged) log('Trao đổi văn bản: không có tài khoản văn thư đang hoạt động nên không nhận gói tin đến (chỉ gửi đi).');
      noClerkLogged = !caller;
      const r = caller ? await runAs(caller, () => runPass(app, { caller })) : await runPass(app, null, { receive: false });
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
