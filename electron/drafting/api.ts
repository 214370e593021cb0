import { parseOfficialText } from '../../shared/drafting/parse-text';
import { asNewDraft } from '../../shared/drafting/import-draft';
import type { draftingMethods } from '../../shared/drafting/api';
import type { HandlersOf } from '../app/handler';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './drafts';
import { renderDraft } from './service';

export const draftingHandlers = {
  'drafting.render': (_app, input) => renderDraft(input.draft, input.format),
  'drafting.parseText': (_app, input) => {
    const parsed = parseOfficialText(input.text, { profile: input.profile });
    return input.newDraft ? asNewDraft(parsed) : { ...parsed, source: null };
  },
  'drafts.list': listDrafts,
  'drafts.get': (app, input) => getDraft(app, input.id),
  'drafts.save': (app, input, session) => saveDraft(app, input, { networked: session.via === 'office' }),
  'drafts.delete': (app, input) => deleteDraft(app, input.id),
} satisfies HandlersOf<typeof draftingMethods>;
