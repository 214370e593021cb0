import { DRAFTERS, type AccessTable } from '../auth/access';

export const draftingAccess = {
  'drafting.render': 'user',
  'drafting.parseText': 'user',
  'drafts.list': 'user',
  'drafts.get': 'user',
  'drafts.save': DRAFTERS,
  'drafts.delete': DRAFTERS,
} as const satisfies AccessTable;
