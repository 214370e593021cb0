import { method, type MethodTable } from '../api/define';
import type { draftingAccess } from './access';
import type { ParseResult } from './parse-text';
import {
  draftIdInput,
  listDraftsInput,
  parseTextInput,
  renderDraftInput,
  saveDraftInput,
  type DraftSummary,
  type RenderedDraft,
  type StoredDraft,
} from './schemas';

export const draftingMethods = {
  'drafting.render': method<typeof renderDraftInput, RenderedDraft>(renderDraftInput),
  'drafting.parseText': method<typeof parseTextInput, ParseResult>(parseTextInput),
  'drafts.list': method<typeof listDraftsInput, DraftSummary[]>(listDraftsInput),
  'drafts.get': method<typeof draftIdInput, StoredDraft>(draftIdInput),
  'drafts.save': method<typeof saveDraftInput, StoredDraft>(saveDraftInput),
  'drafts.delete': method<typeof draftIdInput, { deleted: true }>(draftIdInput),
} satisfies MethodTable<typeof draftingAccess>;
