/** Small helpers for the suggestion tests: find suggestions by their text. */
import { suggest, type Suggestion, type SuggestOptions } from '../../../core/suggest/index.js';

export const quotes = (text: string, opts: SuggestOptions = {}) => suggest(text, { ...opts, kinds: ['quote'] });
export const figures = (text: string) => suggest(text, { kinds: ['figure'] });
export const claims = (text: string) => suggest(text, { kinds: ['claim'] });
export const byExact = (list: Suggestion[], exact: string) => list.find((s) => s.exact === exact);
