import { parseOfficialText } from '../../shared/drafting/parse-text';
import type { draftingMethods } from '../../shared/drafting/api';
import type { HandlersOf } from '../app/handler';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './drafts';
import { renderDraft } from './service';

export const draftingHandlers = {
  'drafting.render': (_app, input) => renderDraft(input.draft, input.format),
  'drafting.parseText': (_app, input) => parseOfficialText(input.text, { profile: input.profile }),
  'drafts.list': listDrafts,
  'drafts.get': (app, input) => getDraft(app, input.id),
  'drafts.save': (app, input, session) => saveDraft(app, input, { networked: session.via === 'office' }),
  'drafts.delete': (app, input) => deleteDraft(app, input.id),
} satisfies HandlersOf<typeof draftingMethods>;
