/** The library search and the annotation browser, as the window calls them (core/api/search.ts); types from core/search. */
import type { BrowseRequest, BrowseResult, SearchRequest, SearchResult } from '../../../core/search/engine';
import { glossa } from '../../glossa';

export type { BrowseColumn, BrowseRequest, BrowseRow } from '../../../core/search/engine';

export const searchLibrary = (request: SearchRequest): Promise<SearchResult> => glossa().searchLibrary(request);
export const browseAnnotations = (request: BrowseRequest): Promise<BrowseResult> => glossa().browseAnnotations(request);
