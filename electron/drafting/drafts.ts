import { AppError } from '../../shared/api/result';
import { draftSchema } from '../../shared/drafting/model';
import type { MethodParsed } from '../../shared/api/contract';
import type { DraftSummary, StoredDraft } from '../../shared/drafting/schemas';
import type { AppContext } from '../app/context';
import * as repo from './repo';

/** Drafts are working copies: saved whole, one transaction each; a draft has no register number, so it may be deleted. */
export function saveDraft(app: AppContext, input: MethodParsed<'drafts.save'>): StoredDraft {
  const now = app.nowIso();
  const id = app.db.transaction(() => {
    if (input.id === undefined) return repo.insertDraft(app.db, input.draft, now);
    if (!repo.updateDraft(app.db, input.id, input.draft, now)) throw new AppError('NOT_FOUND', `Không có bản dự thảo số ${input.id}.`);
    return input.id;
  })();
  return getDraft(app, id);
}

export function getDraft(app: AppContext, id: number): StoredDraft {
  const row = repo.getDraftRow(app.db, id);
  if (!row) throw new AppError('NOT_FOUND', `Không có bản dự thảo số ${id}.`);
  return { ...row.summary, draft: draftSchema.parse(row.model) };
}

export function listDrafts(app: AppContext, input: MethodParsed<'drafts.list'>): DraftSummary[] {
  return repo.listDrafts(app.db, input.limit);
}

export function deleteDraft(app: AppContext, id: number): { deleted: true } {
  if (!app.db.transaction(() => repo.deleteDraft(app.db, id))()) throw new AppError('NOT_FOUND', `Không có bản dự thảo số ${id}.`);
  return { deleted: true };
}
