import { empty, method, type MethodTable } from '../api/define';
import type { searchAccess } from './access';
import { searchInput, searchResultsInput, type IndexStatus, type SearchHit, type SearchResults } from './schemas';

export const searchMethods = {
  'search.query': method<typeof searchInput, SearchHit[]>(searchInput),
  'search.results': method<typeof searchResultsInput, SearchResults>(searchResultsInput),
  'search.indexStatus': method<typeof empty, IndexStatus>(empty),
} satisfies MethodTable<typeof searchAccess>;
