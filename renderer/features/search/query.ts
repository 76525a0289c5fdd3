/**
 * The library search as the window holds it: the words a person types, plus the filters
 * added by clicking facets (shown as removable chips). The query sent to core is both,
 * joined; core parses it (core/search/query.ts), so nothing here interprets the syntax.
 */

export interface SearchText {
  text: string;
  filters: readonly string[];
}

/** What is sent to core: the typed words, then each chip's filter. */
export const composeQuery = ({ text, filters }: SearchText): string => [text.trim(), ...filters].filter(Boolean).join(' ');

/** Adds a facet's filter (once; clicking the same value again changes nothing). */
export const addFilter = (filters: readonly string[], filter: string): string[] => (filters.includes(filter) ? [...filters] : [...filters, filter]);

export const removeFilter = (filters: readonly string[], filter: string): string[] => filters.filter((f) => f !== filter);

/** A value quoted for the query language when it holds spaces, commas or quotes (as core's facets write it). */
export function quoteValue(value: string): string {
  const clean = value.trim();
  return /^[^\s,"“”]+$/.test(clean) ? clean : `"${clean.replace(/["“”]/g, '')}"`;
}

/** The search for one tag's or one speaker's uses (the codebook and speaker views link to it). */
export const tagQuery = (name: string): string => `tag:${quoteValue(name)}`;
export const speakerQuery = (name: string): string => `speaker:${quoteValue(name)}`;
