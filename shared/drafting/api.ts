import { method, type MethodTable } from '../api/define';
import type { draftingAccess } from './access';
import type { ImportedDraft } from './import-draft';
import * as s from './schemas';

export const draftingMethods = {
  'drafting.render': method<typeof s.renderDraftInput, s.RenderedDraft>(s.renderDraftInput),
  'drafting.parseText': method<typeof s.parseTextInput, ImportedDraft>(s.parseTextInput),
  'drafts.list': method<typeof s.listDraftsInput, s.DraftSummary[]>(s.listDraftsInput),
  'drafts.get': method<typeof s.draftIdInput, s.StoredDraft>(s.draftIdInput),
  'drafts.save': method<typeof s.saveDraftInput, s.StoredDraft>(s.saveDraftInput),
  'drafts.delete': method<typeof s.draftIdInput, { deleted: true }>(s.draftIdInput),
} satisfies MethodTable<typeof draftingAccess>;
