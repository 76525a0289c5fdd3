/**
 * Suggestions: the machine reads first (quotes with speakers, figures, claims) and a person
 * decides. Pure, offline, deterministic; run it in the worker (client.ts) to keep event loops free.
 */
export { suggest } from './suggest.js';
export type { Suggestion, SuggestOptions } from './types.js';
export { filterSuggestions, rejectionKey } from './filter.js';
export { SuggestClient } from './client.js';
