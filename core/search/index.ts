/**
 * core/search: the library search index (SQLite FTS5 via node:sqlite), derived from the JSON
 * library and kept in this machine's cache folder. See engine.ts for what is indexed and how
 * it stays safe, query.ts for the query language.
 */
export { fold, foldWithMap } from './fold.js';
export { parseQuery, toMatch, FILTERS, type Query, type ParseResult } from './query.js';
export {
  SearchEngine,
  SORT_ORDERS,
  BROWSE_COLUMNS,
  type BrowseColumn,
  type BrowseRequest,
  type BrowseRow,
  type BrowseResult,
  type SearchRequest,
  type SearchResult,
  type ArticleHit,
  type AnnotationHit,
  type Facets,
  type FacetValue,
  type SpeakerPage,
  type SpeakerUsage,
  type TagUse,
  type SortOrder,
  type Progress,
  type OpenState,
  type IndexChange,
  type Highlighted,
} from './engine.js';
export { FolderSource, type IndexSource, type ArticleRecord, type Registries } from './source.js';
export { SearchClient } from './client.js';
export { SearchService, type SearchServiceOptions } from './service.js';
export { defaultCacheDir, indexFileFor } from './location.js';
