import { AppError } from '../../shared/api/result';
import { draftSchema } from '../../shared/drafting/model';
import type { MethodParsed } from '../../shared/api/contract';
import type { DraftSummary, StoredDraft } from '../../shared/drafting/schemas';
import { DRAFT_STATUS_LABELS } from '../../shared/outgoing/schemas';
import type { AppContext } from '../app/context';
import { immediate } from '../db/connection';
import { audit } from '../audit/record';
import { currentActor } from '../app/caller';
import { refuseIfChangedSince } from '../auth/edit-guard';
import * as repo from './repo';
import { draftScope, draftVisible } from '../scope/repo';
import { secretContentAllowed } from '../scope/secrecy';
import { viewerOf } from '../scope/viewer';

/**
 * Drafts are working copies, saved whole, one transaction each. Only their drafter changes them, and only while they
 * are dự thảo or returned (trả lại); once submitted the text is frozen in a version the leader decides on. A save
 * that carries the updatedAt its editor read is refused when the draft changed since (another window or desk).
 */
export function saveDraft(app: AppContext, input: MethodParsed<'drafts.save'>, opts: { networked?: boolean } = {}): StoredDraft {
  // A secret document is not written on a networked computer (Luật Bảo vệ bí mật nhà nước 2018): it is drafted on a
  // machine kept off any network; here the văn thư only reserves its number in the secret book (outgoing.skipNumber).
  if (input.draft.secrecy !== 'thuong' && !secretContentAllowed(app.db, opts.networked === true)) {
    throw new AppError(
      'VALIDATION',
      'Văn bản mật không được soạn thảo trên máy có nối mạng: hãy soạn trên máy tính riêng không nối mạng; ở đây văn thư chỉ giữ số trong sổ văn bản mật đi.',
      { field: 'draft.secrecy' },
    );
  }
  const now = app.nowIso();
  const who = currentActor();
  const id = immediate(app.db, () => {
    if (input.id === undefined) {
      const id = repo.insertDraft(app.db, input.draft, now, who?.id ?? null);
      audit(app, 'draft.create', 'draft', id, { subject: input.draft.subject, docType: input.draft.docType });
      return id;
    }
    const row = draftVisible(app.db, input.id, viewerOf(app)) ? repo.getDraftRow(app.db, input.id) : null;
    if (!row) throw new AppError('NOT_FOUND', `Không có bản dự thảo số ${input.id}.`);
    const s = row.summary;
    if (s.ownerId !== null && who && s.ownerId !== who.id) throw new AppError('FORBIDDEN', 'Chỉ người soạn thảo mới sửa được bản dự thảo này.');
    if (s.status !== 'du-thao' && s.status !== 'tra-lai') {
      throw new AppError('CONFLICT', `Không sửa được: văn bản đang ở trạng thái «${DRAFT_STATUS_LABELS[s.status]}». Bản đã trình được giữ nguyên như khi trình.`);
    }
    refuseIfChangedSince(app, { entity: 'draft', id: input.id, updatedAt: s.updatedAt, noun: 'Bản dự thảo' }, input.expectedUpdatedAt);
    repo.updateDraft(app.db, input.id, input.draft, now);
    audit(app, 'draft.update', 'draft', input.id, { subject: input.draft.subject });
    return input.id;
  });
  app.indexer.kick(); // its text into the search index
  return getDraft(app, id);
}

/** A draft the caller may not read is not found for them (scope/repo.ts: drafter, leader, who acted on it, registers). */
export function getDraft(app: AppContext, id: number): StoredDraft {
  const row = draftVisible(app.db, id, viewerOf(app)) ? repo.getDraftRow(app.db, id) : null;
  if (!row) throw new AppError('NOT_FOUND', `Không có bản dự thảo số ${id}.`);
  return { ...row.summary, draft: draftSchema.parse(row.model) };
}

export function listDrafts(app: AppContext, input: MethodParsed<'drafts.list'>): DraftSummary[] {
  return repo.findDraftSummaries(app.db, input.status?.length ? [{ statuses: input.status }] : null, input.limit, draftScope(viewerOf(app)));
}

/** A draft never submitted may be deleted by its drafter; a submitted one is part of the record (every version kept). */
export function deleteDraft(app: AppContext, id: number): { deleted: true } {
  const who = currentActor();
  immediate(app.db, () => {
    const s = draftVisible(app.db, id, viewerOf(app)) ? repo.draftSummary(app.db, id) : undefined;
    if (!s) throw new AppError('NOT_FOUND', `Không có bản dự thảo số ${id}.`);
    if (s.ownerId !== null && who && s.ownerId !== who.id) throw new AppError('FORBIDDEN', 'Chỉ người soạn thảo mới xóa được bản dự thảo này.');
    // Submitting moves a draft out of dự thảo for good (returned drafts are trả lại), so dự thảo means never submitted.
    if (s.status !== 'du-thao') {
      throw new AppError('CONFLICT', 'Văn bản đã trình không xóa được: mọi phiên bản và ý kiến được lưu giữ.');
    }
    repo.deleteDraft(app.db, id);
    audit(app, 'draft.delete', 'draft', id, { subject: s.subject });
  });
  return { deleted: true };
}
