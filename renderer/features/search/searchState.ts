/**
 * The current search, shared by the library and the annotation browser (the browser shows the
 * annotations of the library's search), kept while the person moves between views.
 */
import type { SortOrder } from '../../../core/search/engine';
import { createStore, useStore } from '../../app/store';
import { addFilter, removeFilter, type SearchText } from './query';

export interface SearchState extends SearchText {
  sort: SortOrder;
}

export const searchState = createStore<SearchState>({ text: '', filters: [], sort: 'relevance' });

export const useSearchState = (): SearchState => useStore(searchState);

export const setSearchText = (text: string) => searchState.set((s) => ({ ...s, text }));
export const setSearchSort = (sort: SortOrder) => searchState.set((s) => ({ ...s, sort }));
export const addSearchFilter = (filter: string) => searchState.set((s) => ({ ...s, filters: addFilter(s.filters, filter) }));
export const removeSearchFilter = (filter: string) => searchState.set((s) => ({ ...s, filters: removeFilter(s.filters, filter) }));
/** A search opened from a link (a codebook or speaker count): it replaces what was there. */
export const startSearch = (text: string) => searchState.set((s) => ({ ...s, text, filters: [] }));
export const clearSearch = () => searchState.set((s) => ({ ...s, text: '', filters: [] }));
