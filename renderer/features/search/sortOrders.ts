/** The sort orders of the search results, as the menu names them (core/search/engine.ts SortOrder). */
import type { SortOrder } from '../../../core/search/engine';

export const SORT_ORDERS_SHOWN: readonly { value: SortOrder; label: string }[] = [
  { value: 'relevance', label: 'Best match' },
  { value: 'newest', label: 'Newest' },
  { value: 'oldest', label: 'Oldest' },
  { value: 'title', label: 'Title' },
  { value: 'annotated', label: 'Most annotated' },
];
