/** The sort orders of the search results, in the menu's order (core/search/engine.ts SortOrder); messages.ts names them. */
import type { SortOrder } from '../../../core/search/engine';

export const SORT_ORDERS_SHOWN: readonly SortOrder[] = ['relevance', 'newest', 'oldest', 'title', 'annotated'];
