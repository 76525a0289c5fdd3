/**
 * The annotation browser's rows, loaded a page at a time as they scroll into view (a library
 * of 100,000 annotations is never read whole). A new query or sort starts over; a library
 * change reloads the pages in view. Answers to an older query or sort are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Author } from '../../../core/model';
import { useLibraryChange } from '../../app/events';
import { glossa } from '../../glossa';
import { authorOf } from '../annotate/authorship';
import { messagesNow } from '../../i18n';
import { messageOf } from '../bundles/summary';
import { searchMessages } from './messages';
import { browseAnnotations, type BrowseRequest, type BrowseRow } from './searchApi';

const PAGE = 200;

/**
 * A row with who changed the annotation last (else who made it): undefined while it is being
 * read, null when the annotation names no one. The search index holds no authors, so they are
 * read from the rows' articles once their page has come.
 */
export type AuthoredRow = BrowseRow & { author?: Author | null };

export interface BrowseRows {
  total: number | null;
  row(index: number): AuthoredRow | undefined;
  onVisible(from: number, to: number): void;
  message: string | null;
}

export function useBrowseRows(query: string, sort: NonNullable<BrowseRequest['sort']>): BrowseRows {
  const [total, setTotal] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, AuthoredRow[] | 'loading'>());
  const generation = useRef(0);
  const inView = useRef({ from: 0, to: 0 });

  const load = useCallback(
    (page: number) => {
      const mine = generation.current;
      pages.current.set(page, 'loading');
      browseAnnotations({ query, sort, limit: PAGE, offset: page * PAGE })
        .then((r) => {
          if (mine !== generation.current) return;
          if (!r.ok) {
            pages.current.delete(page);
            setMessage(r.message);
            return;
          }
          pages.current.set(page, r.rows);
          setTotal(r.total);
          setMessage(null);
          setVersion((v) => v + 1);
          return authorsOf(r.rows).then((authors) => {
            if (mine !== generation.current || pages.current.get(page) !== r.rows) return;
            pages.current.set(
              page,
              r.rows.map((row) => ({ ...row, author: authors.get(row.id) ?? null })),
            );
            setVersion((v) => v + 1);
          });
        })
        .catch((e: unknown) => {
          if (mine !== generation.current) return;
          pages.current.delete(page);
          setMessage(messagesNow(searchMessages).couldNotList(messageOf(e)));
        });
    },
    [query, sort],
  );

  const loadInView = useCallback(() => {
    const { from, to } = inView.current;
    for (let p = Math.floor(from / PAGE); p <= Math.floor(Math.max(from, to - 1) / PAGE); p++) if (!pages.current.has(p)) load(p);
  }, [load]);

  // A new query or sort: forget every page (the answer for the first page sets the total).
  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    loadInView();
  }, [loadInView]);

  useLibraryChange(() => {
    generation.current++;
    pages.current = new Map();
    loadInView();
  });

  const onVisible = useCallback(
    (from: number, to: number) => {
      inView.current = { from, to };
      loadInView();
    },
    [loadInView],
  );

  const row = (index: number) => {
    const page = pages.current.get(Math.floor(index / PAGE));
    return page && page !== 'loading' ? page[index % PAGE] : undefined;
  };

  return { total, row, onVisible, message };
}

/** Who each row's annotation names (authorOf), read one article at a time; an article that cannot be read names no one. */
async function authorsOf(rows: readonly BrowseRow[]): Promise<Map<string, Author>> {
  const out = new Map<string, Author>();
  const wanted = new Set(rows.map((r) => r.id));
  for (const snapshotId of new Set(rows.map((r) => r.snapshotId))) {
    const annotations = await glossa()
      .listAnnotations({ snapshotId })
      .catch(() => []);
    for (const a of annotations) {
      const author = wanted.has(a.id) ? authorOf(a) : null;
      if (author) out.set(a.id, author);
    }
  }
  return out;
}
