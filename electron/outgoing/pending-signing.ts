import crypto from 'node:crypto';
import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { hasRole } from '../../shared/auth/roles';
import type { PreparedSigning, SigningOutcome } from '../../shared/outgoing/schemas';
import type { AppContext } from '../app/context';
import { runAs } from '../app/caller';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { checkCertificate, parseCertificate, type PreparedDocument } from '../signing/sign';
import { completeSignature } from '../signing/service';
import * as requests from './signing-requests-repo';
import type { SigningRequest } from './signing-requests-repo';
import * as repo from './repo';
import { finishLeaderSignature, leaderSigningCheck, me, prepareLeaderSignature, requireDraft, requireStatus, workflowInfo } from './workflow';
import { cancelIssuanceTx, finishIssuance, planIssuance, prepareOrganisationSignature, takeIssuanceNumber, whyFailed } from './issuance';

/**
 * Signing at the signer's own desk (issue 13): prepare → the client signs with a key the server never sees → complete.
 * A request waiting for its signature value is a database row (signing_requests), never process memory, so any process
 * can complete, expire or cancel it. An issuance takes its number when prepared and holds it as 'issuing'; if the
 * signature does not come within 10 minutes, or the server restarts meanwhile, the number is cancelled with its reason,
 * as any failed issuance: never lost, never doubled. A signature value that does not verify is refused and may be sent
 * again; anything that fails after it verified cancels the request.
 *
 * The server host calls expireSigningRequests every minute or so, and recoverAfterRestart once at start.
 */

export const SIGNING_REQUEST_TTL_MS = 10 * 60_000;
export const EXPIRED_REASON = 'Quá 10 phút không nhận được chữ ký số; yêu cầu ký đã hết hạn.';
export const RESTART_REASON = 'Máy chủ khởi động lại trong lúc phát hành, trước khi nhận được chữ ký số.';
const RESTART_REASON_SIGN = 'Máy chủ khởi động lại trước khi nhận được chữ ký số.';
const SIGNED_ELSEWHERE = 'Văn bản đã được ký bằng một yêu cầu ký khác.';

/** 128 random bits, base64url: the request's id is also what lets its preparer complete it. */
const newRequestId = () => crypto.randomBytes(16).toString('base64url');

function newRequest(app: AppContext, p: PreparedDocument, r: Pick<SigningRequest, 'purpose' | 'draftId' | 'draftVersion' | 'outgoingId' | 'userId' | 'certificate' | 'chain' | 'options'>) {
  const created = app.clock();
  return {
    ...r,
    id: newRequestId(),
    createdAt: created.toISOString(),
    expiresAt: new Date(created.getTime() + SIGNING_REQUEST_TTL_MS).toISOString(),
    preparedPdf: p.preparedPdf,
    byteRange: p.byteRange,
    contentsStart: p.contentsStart,
    signedAttrs: p.signedAttributesDer,
  };
}

/**
 * Expired requests are swept by the server host's timer; a host without one (the desktop, the single-user browser
 * mode) has them swept whenever someone prepares a signature, as the system, not as that caller.
 */
function sweepExpired(app: AppContext): void {
  if (requests.hasExpiredSigningRequests(app.db, app.nowIso())) runAs(null, () => expireSigningRequests(app));
}

/** Chuẩn bị ký (lãnh đạo): the same checks as outgoing.sign, then the PDF prepared for the certificate the client sent. */
export async function prepareSign(app: AppContext, input: MethodParsed<'outgoing.prepareSign'>): Promise<PreparedSigning> {
  const c = me();
  sweepExpired(app);
  const checked = leaderSigningCheck(app, input.id);
  const chain = input.chain ?? [];
  const { prepared, pageCount } = await prepareLeaderSignature(app, checked, input.certificate, chain, input);
  const req = newRequest(app, prepared, {
    purpose: 'sign',
    draftId: checked.row.id,
    draftVersion: checked.row.version,
    outgoingId: null,
    userId: c.id,
    certificate: input.certificate,
    chain,
    options: { page: prepared.page, rect: prepared.rect, pageCount },
  });
  immediate(app.db, () => {
    const again = requireDraft(app, checked.row.id);
    requireStatus(again, ['da-duyet'], 'ký');
    if (again.version !== checked.row.version || again.reviewer_id !== c.id) throw new AppError('CONFLICT', 'Văn bản vừa thay đổi; hãy mở lại và ký phiên bản mới.');
    requests.insertSigningRequest(app.db, req);
  });
  return { requestId: req.id, dataToSign: prepared.signedAttributesDer, hash: 'SHA-256', expiresAt: req.expiresAt, ref: null, draftId: checked.row.id };
}

/**
 * Chuẩn bị phát hành (văn thư): every check of outgoing.issue and the certificate's, then the number is taken (held as
 * 'issuing') and the organisation's signature prepared over the number and date.
 */
export async function prepareIssue(app: AppContext, input: MethodParsed<'outgoing.prepareIssue'>): Promise<PreparedSigning> {
  const c = me();
  sweepExpired(app);
  const plan = await planIssuance(app, input);
  const chain = input.chain ?? [];
  // A certificate that cannot sign is refused before a number is taken.
  checkCertificate(input.certificate, app.clock());
  chain.forEach((d) => parseCertificate(d, 'chain'));
  const taken = takeIssuanceNumber(app, plan, c.id);
  try {
    const prepared = await prepareOrganisationSignature(app, plan, taken, input.certificate, chain);
    const req = newRequest(app, prepared, {
      purpose: 'issue',
      draftId: plan.row.id,
      draftVersion: plan.row.version,
      outgoingId: taken.id,
      userId: c.id,
      certificate: input.certificate,
      chain,
      options: { page: prepared.page, rect: prepared.rect, number: taken.number, ref: taken.ref, date: plan.date },
    });
    immediate(app.db, () => {
      if (repo.getOutgoing(app.db, taken.id)?.status !== 'issuing') throw new AppError('CONFLICT', `Số ${taken.ref} vừa bị hủy; văn bản chưa được phát hành.`);
      requests.insertSigningRequest(app.db, req);
    });
    return { requestId: req.id, dataToSign: prepared.signedAttributesDer, hash: 'SHA-256', expiresAt: req.expiresAt, ref: taken.ref, draftId: plan.row.id };
  } catch (e) {
    immediate(app.db, () => cancelIssuanceTx(app, { outgoingId: taken.id, ref: taken.ref, draftId: plan.row.id, userId: c.id }, whyFailed(e)));
    throw e;
  }
}

/**
 * Ends a pending request as cancelled, inside the caller's transaction: an issuance's number is cancelled with the
 * reason and its draft returns to "đã ký". False when the request was no longer pending.
 */
function cancelRequestTx(app: AppContext, r: SigningRequest, why: string): boolean {
  if (!requests.finishSigningRequest(app.db, r.id, 'cancelled', why, app.nowIso())) return false;
  if (r.purpose === 'issue' && r.outgoingId !== null) {
    cancelIssuanceTx(app, { outgoingId: r.outgoingId, ref: r.options.ref ?? '', draftId: r.draftId, userId: r.userId }, why);
  } else {
    audit(app, 'outgoing.sign-cancelled', 'draft', r.draftId, { version: r.draftVersion, reason: why });
  }
  return true;
}

function requireRequest(app: AppContext, id: string): SigningRequest {
  const r = requests.getSigningRequest(app.db, id);
  if (!r) throw new AppError('NOT_FOUND', 'Không có yêu cầu ký số này (mã yêu cầu không đúng).', { field: 'requestId' });
  return r;
}

const expired = (app: AppContext, r: SigningRequest) => app.nowIso() >= r.expiresAt;

/** Refuses a request that is no longer waiting, saying why; one found expired is cancelled there and then. */
function requirePending(app: AppContext, r: SigningRequest): void {
  if (r.status === 'done') throw new AppError('CONFLICT', 'Yêu cầu ký số này đã hoàn tất: văn bản đã được ký.', { field: 'requestId' });
  if (r.status === 'cancelled') throw new AppError('CONFLICT', `Yêu cầu ký số này đã bị hủy${r.reason ? `: ${r.reason.replace(/\.$/, '')}` : ''}. Hãy chuẩn bị ký lại.`, { field: 'requestId' });
  if (expired(app, r)) {
    runAs(null, () => immediate(app.db, () => cancelRequestTx(app, r, EXPIRED_REASON)));
    const number = r.purpose === 'issue' ? `; số ${r.options.ref} đã được hủy (giữ số, không dùng lại)` : '';
    throw new AppError('CONFLICT', `Yêu cầu ký số đã hết hạn: quá 10 phút kể từ khi chuẩn bị${number}. Hãy chuẩn bị ký lại.`, { field: 'requestId' });
  }
}

function outcome(app: AppContext, r: SigningRequest): SigningOutcome {
  return { draftId: r.draftId, workflow: workflowInfo(app, r.draftId), outgoing: r.outgoingId !== null ? (repo.getOutgoing(app.db, r.outgoingId) ?? null) : null };
}

/** Hoàn tất ký: the signature value made at the desk, checked against the prepared data, and the document finished. */
export async function completeSigning(app: AppContext, input: MethodParsed<'outgoing.completeSigning'>): Promise<SigningOutcome> {
  const c = me();
  const r = requireRequest(app, input.requestId);
  if (r.userId !== c.id) throw new AppError('FORBIDDEN', 'Chỉ người đã chuẩn bị yêu cầu ký này mới gửi được chữ ký số cho nó.', { field: 'requestId' });
  requirePending(app, r);
  const prepared: PreparedDocument = {
    preparedPdf: r.preparedPdf!,
    byteRange: r.byteRange,
    contentsStart: r.contentsStart,
    page: r.options.page,
    rect: r.options.rect,
    signedAttributesDer: r.signedAttrs,
  };
  const markDone = () => {
    if (!requests.finishSigningRequest(app.db, r.id, 'done', null, app.nowIso())) throw new AppError('CONFLICT', 'Yêu cầu ký số này vừa hết hạn hoặc bị hủy; văn bản chưa được ký.', { field: 'requestId' });
  };
  try {
    const signed = await completeSignature(app, prepared, r.certificate, r.chain, input.signature);
    if (r.purpose === 'sign') {
      finishLeaderSignature(app, { draftId: r.draftId, version: r.draftVersion, userId: r.userId, pageCount: r.options.pageCount ?? null }, signed, () => {
        markDone();
        for (const other of requests.pendingSignRequestsOfDraft(app.db, r.draftId)) {
          const o = requests.getSigningRequest(app.db, other);
          if (o) cancelRequestTx(app, o, SIGNED_ELSEWHERE);
        }
      });
    } else {
      const o = r.options;
      finishIssuance(app, { draftId: r.draftId, outgoingId: r.outgoingId!, number: o.number!, ref: o.ref!, date: o.date!, userId: r.userId }, signed, markDone);
    }
  } catch (e) {
    // A signature value that does not verify may be sent again while the request lasts; any other failure ends it.
    if (!(e instanceof AppError && e.field === 'signature')) immediate(app.db, () => cancelRequestTx(app, r, whyFailed(e)));
    throw e;
  }
  return outcome(app, r);
}

/** Hủy yêu cầu ký: its preparer abandons it (or any văn thư, for an issuance); an issuance's number is cancelled with the reason. */
export function cancelSigning(app: AppContext, input: MethodParsed<'outgoing.cancelSigning'>): SigningOutcome {
  const c = me();
  const r = requireRequest(app, input.requestId);
  if (r.userId !== c.id && !(r.purpose === 'issue' && hasRole(c, 'vanthu'))) {
    throw new AppError('FORBIDDEN', 'Chỉ người đã chuẩn bị yêu cầu ký này (hoặc văn thư, với một lần phát hành) mới hủy được nó.', { field: 'requestId' });
  }
  const why = input.reason ?? (r.purpose === 'issue' ? 'Văn thư hủy yêu cầu ký số trước khi ký.' : 'Người ký hủy yêu cầu ký số.');
  if (r.status === 'done') throw new AppError('CONFLICT', 'Yêu cầu ký số này đã hoàn tất: văn bản đã được ký, không hủy được.', { field: 'requestId' });
  if (r.status === 'cancelled') throw new AppError('CONFLICT', 'Yêu cầu ký số này đã được hủy trước đó.', { field: 'requestId' });
  immediate(app.db, () => {
    if (!cancelRequestTx(app, r, why)) throw new AppError('CONFLICT', 'Yêu cầu ký số này vừa hoàn tất hoặc bị hủy.', { field: 'requestId' });
  });
  return outcome(app, r);
}

/**
 * For the server host, every minute or so: pending requests past their 10 minutes are cancelled, and an issuance's
 * number with them ("Quá 10 phút không nhận được chữ ký số…"). Returns how many were cancelled.
 */
export function expireSigningRequests(app: AppContext): number {
  return immediate(app.db, () => requests.pendingSigningRequests(app.db, app.nowIso()).filter((r) => cancelRequestTx(app, r, EXPIRED_REASON)).length);
}

/**
 * For the server host, once at start, before it serves anyone: every pending request, and every register row left
 * 'issuing' (a signature made in the process that stopped), is cancelled with the reason ("Máy chủ khởi động lại…");
 * their drafts return to "đã ký" and are issued again under new numbers. Returns how many requests and issuances were
 * cancelled. Only for a process that is the data folder's one writer: an issuance running in another process would be
 * cancelled too.
 */
export function recoverAfterRestart(app: AppContext): number {
  return immediate(app.db, () => {
    let n = requests.pendingSigningRequests(app.db).filter((r) => cancelRequestTx(app, r, r.purpose === 'issue' ? RESTART_REASON : RESTART_REASON_SIGN)).length;
    for (const row of repo.issuingRows(app.db)) {
      if (cancelIssuanceTx(app, { outgoingId: row.id, ref: row.ref, draftId: row.draftId, userId: row.issuedBy }, RESTART_REASON)) n++;
    }
    return n;
  });
}
