import type { searchMethods } from '../../shared/search/api';
import type { HandlersOf } from '../app/handler';
import { search, searchResults } from './service';

export const searchHandlers = {
  'search.query': search,
  'search.results': searchResults,
  'search.indexStatus': (app) => app.indexer.status(),
} satisfies HandlersOf<typeof searchMethods>;
