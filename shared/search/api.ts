import { empty, method, type MethodTable } from '../api/define';
import type { searchAccess } from './access';
import { searchInput, type IndexStatus, type SearchHit } from './schemas';

export const searchMethods = {
  'search.query': method<typeof searchInput, SearchHit[]>(searchInput),
  'search.indexStatus': method<typeof empty, IndexStatus>(empty),
} satisfies MethodTable<typeof searchAccess>;
