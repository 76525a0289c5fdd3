/**
 * The library search as the view shows it: the current query (debounced) sent to core, the
 * answer kept until the next one arrives (no flicker), read again on every library change,
 * and more hits of either list loaded on demand. Answers to older queries are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchResult, SortOrder } from '../../../core/search/engine';
import { useLibraryChange } from '../../app/events';
import { messagesNow } from '../../i18n';
import { messageOf } from '../bundles/summary';
import { searchMessages } from './messages';
import { searchLibrary } from './searchApi';
import { useDebounced } from './useDebounced';

const PAGE = 50;
const DEBOUNCE_MS = 180;

export type Found = Extract<SearchResult, { ok: true }>;

export interface LibrarySearch {
  /** The query the shown answer belongs to. */
  query: string;
  found: Found | null;
  /** A query core could not read, or a failure: said under the field. */
  message: string | null;
  searching: boolean;
  more(list: 'articles' | 'annotations'): void;
}

export function useLibrarySearch(query: string, sort: SortOrder): LibrarySearch {
  const settled = useDebounced(query, DEBOUNCE_MS);
  const [state, setState] = useState<{ query: string; found: Found | null; message: string | null }>({ query: '', found: null, message: null });
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);

  const run = useCallback(() => {
    const mine = ++seq.current;
    setSearching(true);
    searchLibrary({ query: settled, sort, limit: PAGE, facets: true })
      .then((r) => {
        if (mine !== seq.current) return;
        setState((s) => (r.ok ? { query: settled, found: r, message: null } : { query: settled, found: s.found, message: r.message }));
      })
      .catch((e: unknown) => {
        if (mine === seq.current) setState((s) => ({ ...s, message: messagesNow(searchMessages).couldNotSearch(messageOf(e)) }));
      })
      .finally(() => {
        if (mine === seq.current) setSearching(false);
      });
  }, [settled, sort]);

  useEffect(run, [run]);
  useLibraryChange(run);

  const more = useCallback(
    (list: 'articles' | 'annotations') => {
      const found = state.found;
      if (!found) return;
      const mine = seq.current;
      searchLibrary({ query: state.query, sort, limit: PAGE, offset: found[list].hits.length, facets: false })
        .then((r) => {
          if (mine !== seq.current || !r.ok) return;
          setState((s) => {
            if (!s.found) return s;
            const next = { ...s.found };
            if (list === 'articles') next.articles = { total: r.articles.total, hits: [...s.found.articles.hits, ...r.articles.hits] };
            else next.annotations = { total: r.annotations.total, hits: [...s.found.annotations.hits, ...r.annotations.hits] };
            return { ...s, found: next };
          });
        })
        .catch(() => undefined);
    },
    [state, sort],
  );

  return { query: state.query, found: state.found, message: state.message, searching: searching || settled !== query, more };
}
