/**
 * Suggestions: the machine reads first (quotes with speakers, figures, claims) and a person
 * decides. Pure, offline, deterministic; run it in the worker (client.ts) to keep event loops free.
 */
export { suggest, registeredSpeaker, DETECTORS, MAX_SUGGEST_CHARS } from './suggest.js';
export { SUGGEST_KINDS, type Suggestion, type SuggestKind, type SuggestOptions, type SuggestionFields, type DetectorId } from './types.js';
export { filterSuggestions, rejectionKey, type FilterContext } from './filter.js';
export { SuggestClient, type SuggestClientOptions } from './client.js';
