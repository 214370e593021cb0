import { AppError } from '../../shared/api/result';
import type { MethodParsed } from '../../shared/api/contract';
import { draftSchema, type DraftDocument } from '../../shared/drafting/model';
import type { DraftSummary } from '../../shared/drafting/schemas';
import { hasRole, type Caller } from '../../shared/auth/roles';
import { DRAFT_STATUS_LABELS, type DraftStatus, type WorkflowInfo } from '../../shared/outgoing/schemas';
import { foldVietnamese } from '../../shared/text/fold';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { currentActor, requireCaller } from '../app/caller';
import { userById } from '../auth/repo';
import { renderDraftPdf } from '../drafting/service';
import { upsertBlob } from '../attachments/repo';
import { signatureImageOf, saveBlobSignatures } from '../signing/repo';
import { stampPng as accountStampPng } from '../settings/repo';
import type { PreparedDocument, SignedPdf } from '../signing/sign';
import { completeSignature, prepareSignature, withKeyFor } from '../signing/service';
import * as drafts from '../drafting/repo';
import type { DraftRow } from '../drafting/repo';
import * as repo from './repo';
import { draftScope, draftVisible } from '../scope/repo';
import { viewerOf } from '../scope/viewer';

/** The outgoing workflow before issuance (ND30 Điều 10–14): trình, trả lại, duyệt, ký. Each step is one transaction. */

export const me = requireCaller;

/** The draft, when the caller may read it (scope/repo.ts); not found otherwise, for reads and actions alike. */
export function requireDraft(app: AppContext, id: number): DraftRow {
  const row = draftVisible(app.db, id, viewerOf(app)) ? drafts.draftRow(app.db, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', `Không có văn bản (dự thảo) số ${id}.`);
  return row;
}

export function requireStatus(row: DraftRow, allowed: DraftStatus[], doing: string): void {
  if (!allowed.includes(row.status)) {
    throw new AppError('CONFLICT', `Không ${doing} được: văn bản đang ở trạng thái «${DRAFT_STATUS_LABELS[row.status]}».`);
  }
}

const sameName = (a: string, b: string) => foldVietnamese(a).replace(/\s+/g, ' ').trim() === foldVietnamese(b).replace(/\s+/g, ' ').trim();

/** Only the drafter edits and submits; a draft made before accounts existed belongs to whoever submits it first. */
function requireOwner(row: DraftRow, c: Caller, doing: string): void {
  if (row.owner_id !== null && row.owner_id !== c.id) {
    throw new AppError('FORBIDDEN', `Chỉ người soạn thảo mới ${doing} được văn bản này.`);
  }
}

/** Only the leader the draft was submitted to decides on it. */
function requireReviewer(app: AppContext, row: DraftRow, c: Caller): void {
  if (row.reviewer_id !== c.id) {
    const who = row.reviewer_id ? userById(app.db, row.reviewer_id)?.fullName : null;
    throw new AppError('FORBIDDEN', `Văn bản này được trình cho ${who ? `«${who}»` : 'lãnh đạo khác'}; bạn không quyết định thay được.`);
  }
}

export function modelOf(row: DraftRow): DraftDocument {
  return draftSchema.parse(JSON.parse(row.model));
}

export function workflowInfo(app: AppContext, id: number): WorkflowInfo {
  const row = requireDraft(app, id);
  const c = currentActor();
  const owner = row.owner_id ? userById(app.db, row.owner_id) : undefined;
  const reviewer = row.reviewer_id ? userById(app.db, row.reviewer_id) : undefined;
  const mine = !!c && (row.owner_id === null || row.owner_id === c.id);
  const deciding = !!c && row.reviewer_id === c.id && hasRole(c, 'lanhdao');
  return {
    draftId: row.id,
    status: row.status,
    version: row.version,
    ownerId: row.owner_id,
    ownerName: owner?.fullName ?? null,
    reviewerId: row.reviewer_id,
    reviewerName: reviewer?.fullName ?? null,
    signedSha256: row.signed_sha256,
    steps: repo.steps(app.db, id),
    versions: repo.versions(app.db, id),
    outgoing: repo.outgoingOfDraft(app.db, id) ?? null,
    can: {
      edit: mine && (row.status === 'du-thao' || row.status === 'tra-lai'),
      submit: mine && hasRole(c, 'chuyenvien', 'lanhdao', 'vanthu') && (row.status === 'du-thao' || row.status === 'tra-lai'),
      review: deciding && (row.status === 'cho-duyet' || row.status === 'da-duyet'),
      sign: deciding && row.status === 'da-duyet',
      issue: hasRole(c, 'vanthu') && row.status === 'da-ky',
    },
  };
}

export function inbox(app: AppContext, input: MethodParsed<'outgoing.inbox'>): DraftSummary[] {
  const c = me();
  return repo.inbox(app.db, c.id, hasRole(c, 'vanthu'), input.limit, draftScope(viewerOf(app)));
}

/** Trình: the drafter sends the current text to a leader; the text as sent is kept as a numbered version. */
export function submit(app: AppContext, input: MethodParsed<'outgoing.submit'>): WorkflowInfo {
  const c = me();
  const leader = userById(app.db, input.to);
  if (!leader || !leader.active || !leader.roles.includes('lanhdao')) {
    throw new AppError('VALIDATION', 'Người nhận trình phải là một tài khoản lãnh đạo đang hoạt động.', { field: 'to' });
  }
  immediate(app.db, () => {
    const row = requireDraft(app, input.id);
    requireOwner(row, c, 'trình');
    requireStatus(row, ['du-thao', 'tra-lai'], 'trình');
    const model = modelOf(row);
    const version = repo.versions(app.db, row.id).length + 1;
    const now = app.nowIso();
    repo.insertVersion(app.db, row.id, version, JSON.stringify(model), now, c.id);
    if (row.owner_id === null) drafts.claimOwner(app.db, row.id, c.id);
    drafts.setDraftState(app.db, row.id, { status: 'cho-duyet', version, reviewerId: leader.id }, now);
    repo.insertStep(app.db, { draftId: row.id, at: now, userId: c.id, action: 'submit', toUserId: leader.id, version, comment: input.comment });
    audit(app, 'outgoing.submit', 'draft', row.id, { version, to: leader.username, subject: model.subject, ...(input.comment ? { comment: input.comment } : {}) });
  });
  return workflowInfo(app, input.id);
}

/** Trả lại: the leader sends the draft back with comments; the drafter revises and submits a new version. */
export function returnDraft(app: AppContext, input: MethodParsed<'outgoing.return'>): WorkflowInfo {
  const c = me();
  immediate(app.db, () => {
    const row = requireDraft(app, input.id);
    requireReviewer(app, row, c);
    requireStatus(row, ['cho-duyet', 'da-duyet'], 'trả lại');
    const now = app.nowIso();
    drafts.setDraftState(app.db, row.id, { status: 'tra-lai' }, now);
    repo.insertStep(app.db, { draftId: row.id, at: now, userId: c.id, action: 'return', toUserId: row.owner_id, version: row.version, comment: input.comment });
    audit(app, 'outgoing.return', 'draft', row.id, { version: row.version, comment: input.comment });
  });
  return workflowInfo(app, input.id);
}

export function approve(app: AppContext, input: MethodParsed<'outgoing.approve'>): WorkflowInfo {
  const c = me();
  immediate(app.db, () => {
    const row = requireDraft(app, input.id);
    requireReviewer(app, row, c);
    requireStatus(row, ['cho-duyet'], 'duyệt');
    const now = app.nowIso();
    drafts.setDraftState(app.db, row.id, { status: 'da-duyet' }, now);
    repo.insertStep(app.db, { draftId: row.id, at: now, userId: c.id, action: 'approve', version: row.version, comment: input.comment });
    audit(app, 'outgoing.approve', 'draft', row.id, { version: row.version, ...(input.comment ? { comment: input.comment } : {}) });
  });
  return workflowInfo(app, input.id);
}

/** The leader may sign this draft now: the one it was submitted to, approved, and the signer named on it. */
export function leaderSigningCheck(app: AppContext, id: number): { row: DraftRow; model: DraftDocument } {
  const c = me();
  const row = requireDraft(app, id);
  requireReviewer(app, row, c);
  requireStatus(row, ['da-duyet'], 'ký');
  const model = modelOf(row);
  if (!sameName(model.signature.name, c.fullName)) {
    throw new AppError('FORBIDDEN', `Văn bản ghi người ký là «${model.signature.name}»; tài khoản của bạn là «${c.fullName}». Người ký phải đúng người có tên trên văn bản.`);
  }
  return { row, model };
}

/**
 * The leader's signature, prepared: the PDF is rendered without number and date (the văn thư gives them at issuance,
 * ND30 Điều 15) and its signature slot takes the leader's signature image when one is on file.
 */
export async function prepareLeaderSignature(
  app: AppContext,
  { row, model }: { row: DraftRow; model: DraftDocument },
  certificate: Uint8Array,
  chain: Uint8Array[],
  opts: { reason?: string; location?: string },
): Promise<{ prepared: PreparedDocument; pageCount: number | null }> {
  const rendered = await renderDraftPdf({ ...model, number: null, date: null });
  // The leader's own signature image (Cài đặt), else one kept under their name in the directory by earlier versions.
  const image = accountStampPng(app.db, me().id) ?? signatureImageOf(app.db, me().fullName);
  const prepared = await prepareSignature(rendered.data, certificate, chain, {
    role: 'signer',
    image: image?.png,
    reason: opts.reason ?? 'Ký duyệt văn bản',
    location: opts.location ?? model.place,
    time: app.clock(),
  });
  return { prepared, pageCount: rendered.pageCount ?? null };
}

/**
 * Records the leader's signed PDF, in one transaction that re-checks the draft: still approved, the same version, the
 * same leader. `within` runs in that transaction too (a signing request is marked done there).
 */
export function finishLeaderSignature(app: AppContext, f: { draftId: number; version: number; userId: number; pageCount: number | null }, signed: SignedPdf, within?: () => void): void {
  const { pdf, verification: check } = signed;
  const sha = app.blobs.put(pdf);
  immediate(app.db, () => {
    const again = requireDraft(app, f.draftId);
    requireStatus(again, ['da-duyet'], 'ký');
    // The text signed must still be the version approved by this leader (it may have been returned and resubmitted).
    if (again.version !== f.version || again.reviewer_id !== f.userId) throw new AppError('CONFLICT', 'Văn bản vừa thay đổi trong lúc ký; hãy mở lại và ký phiên bản mới.');
    within?.();
    const now = app.nowIso();
    upsertBlob(app.db, { sha256: sha, size: pdf.byteLength, mime: 'application/pdf', pageCount: f.pageCount, textStatus: 'none', now });
    if (check.status) saveBlobSignatures(app.db, sha, check.status, check.signatures, now);
    drafts.setDraftState(app.db, f.draftId, { status: 'da-ky', signedSha256: sha }, now);
    repo.insertStep(app.db, { draftId: f.draftId, at: now, userId: f.userId, action: 'sign', version: f.version });
    audit(app, 'outgoing.sign', 'draft', f.draftId, { version: f.version, sha256: sha, signer: check.signatures[0]?.signer ?? null });
  });
}

/** Ký with a key at hand (a .p12, a token, or ký số từ xa): prepare, sign, complete, record — the same steps as at a desk. */
export async function sign(app: AppContext, input: MethodParsed<'outgoing.sign'>): Promise<WorkflowInfo> {
  const c = me();
  const checked = leaderSigningCheck(app, input.id);
  await withKeyFor(app, input.key, `Ký duyệt văn bản: ${checked.model.subject}`, async (key) => {
    const { prepared, pageCount } = await prepareLeaderSignature(app, checked, key.certificate, key.chain, input);
    const signed = await completeSignature(app, prepared, key.certificate, key.chain, await key.sign(prepared.signedAttributesDer));
    finishLeaderSignature(app, { draftId: checked.row.id, version: checked.row.version, userId: c.id, pageCount }, signed);
  });
  return workflowInfo(app, input.id);
}

export function versionModel(app: AppContext, input: MethodParsed<'outgoing.version'>): DraftDocument {
  requireDraft(app, input.id);
  const m = repo.versionModel(app.db, input.id, input.version);
  if (m === undefined) throw new AppError('NOT_FOUND', `Không có phiên bản ${input.version} của văn bản này.`, { field: 'version' });
  return draftSchema.parse(m);
}
