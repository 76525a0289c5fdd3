/**
 * core/search: the library search index (SQLite FTS5 via node:sqlite), derived from the JSON
 * library and kept in this machine's cache folder. See engine.ts for what is indexed and how
 * it stays safe, query.ts for the query language.
 */
export {
  type BrowseColumn,
  type BrowseRequest,
  type BrowseResult,
  type SearchRequest,
  type SearchResult,
  type SpeakerPage,
  type SpeakerUsage,
  type TagUse,
  type SortOrder,
  type Progress,
  type Highlighted,
} from './engine.js';
export { SearchService } from './service.js';
