/**
 * The annotation browser: one table of every quote, claim, figure and note across the library
 * (or the current search), with each kind's columns, sortable by any of them. A row opens the
 * reader at its annotation. "Export these…" opens the export dialog on the current search.
 */
import { useEffect, useState } from 'react';
import { hrefFor } from '../../app/route';
import { KindBadge } from '../../ui/KindBadge';
import { formatDate, formatNumber } from '../../ui/format';
import { authorTitle } from '../annotate/authorship';
import { useBundleDialogs } from '../bundles/useBundleDialogs';
import { composeQuery } from './query';
import { SearchField } from './SearchField';
import type { BrowseColumn, BrowseRequest } from './searchApi';
import { startSearch, useSearchState } from './searchState';
import { useBrowseRows, type AuthoredRow } from './useBrowseRows';
import { VirtualTable, type Column } from './VirtualTable';
import './search.css';

type Sort = NonNullable<BrowseRequest['sort']>;

const dash = (s: string | null | undefined) => s || <span className="muted">—</span>;

const COLUMNS: Column<AuthoredRow>[] = [
  { id: 'kind', label: 'Kind', className: 'col-kind', sortable: true, cell: (r) => <KindBadge kind={r.kind} /> },
  { id: 'exact', label: 'Words', className: 'col-exact', sortable: true, primary: true, cell: (r) => r.exact || '(image)', title: (r) => r.exact },
  { id: 'article', label: 'Article', className: 'col-article', sortable: true, cell: (r) => r.articleTitle || 'Untitled', title: (r) => r.articleTitle },
  { id: 'captured', label: 'Captured', className: 'col-date', sortable: true, cell: (r) => <time dateTime={r.capturedAt}>{formatDate(r.capturedAt)}</time> },
  { id: 'speaker', label: 'Speaker', className: 'col-who', sortable: true, cell: (r) => dash(r.speaker), title: (r) => r.speaker },
  { id: 'role', label: 'Role', className: 'col-short', sortable: true, cell: (r) => dash(r.role), title: (r) => r.role },
  { id: 'quoteType', label: 'Type', className: 'col-short', sortable: true, cell: (r) => dash(r.quoteType) },
  { id: 'claimant', label: 'Claimant', className: 'col-who', sortable: true, cell: (r) => dash(r.claimant), title: (r) => r.claimant },
  { id: 'verdict', label: 'Verdict', className: 'col-verdict', sortable: true, cell: (r) => dash(r.verdict) },
  { id: 'value', label: 'Value', className: 'num col-value', sortable: true, cell: (r) => (r.value === null ? dash(null) : formatNumber(r.value)) },
  { id: 'unit', label: 'Unit', className: 'col-short', sortable: true, cell: (r) => dash(r.unit) },
  { id: 'measure', label: 'Measure', className: 'col-who', sortable: true, cell: (r) => dash(r.measure), title: (r) => r.measure },
  // Who changed it last (else who made it), as Settings names them; not sortable: the search index holds no authors.
  {
    id: 'author',
    label: 'By',
    className: 'col-who',
    cell: (r) => (r.author === undefined ? '' : dash(r.author?.name)),
    title: (r) => (r.author ? authorTitle(r.author) : ''),
  },
];

/** Text columns start A–Z, dates and values high first. */
const firstDir = (column: BrowseColumn): Sort['dir'] => (column === 'captured' || column === 'value' ? 'desc' : 'asc');

export function AnnotationBrowser({ query: opened }: { query?: string }) {
  const search = useSearchState();
  const query = composeQuery(search);
  const [sort, setSort] = useState<Sort>({ column: 'captured', dir: 'desc' });
  const { total, row, onVisible, message } = useBrowseRows(query, sort);
  const bundles = useBundleDialogs();

  useEffect(() => {
    if (opened === undefined) return;
    startSearch(opened);
    window.history.replaceState(null, '', hrefFor({ view: 'annotations' }));
  }, [opened]);

  // Exactly the annotations shown: the search as composed (an empty one is every annotation, i.e. the whole library).
  const exportThese = () => bundles.openExport(query.trim() ? { scope: 'search', searchQuery: query } : { scope: 'library' });

  const onSort = (id: string) => {
    const column = id as BrowseColumn;
    setSort((s) => (s.column === column ? { column, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { column, dir: firstDir(column) }));
  };

  return (
    <section className="browser" aria-labelledby="browser-title">
      <div className="view-toolbar">
        <h1 id="browser-title" className="view-title">
          Annotations
          {total !== null ? <span className="view-count">{formatNumber(total)}</span> : null}
        </h1>
        <button type="button" className="button" onClick={exportThese} disabled={!total}>
          Export these…
        </button>
      </div>
      <SearchField label="Search the annotations" sortable={false} onDown={() => document.querySelector<HTMLElement>('.browser .vt-link')?.focus()} />
      <p className="search-message" aria-live="polite">
        {message ?? (query && total !== null ? `${formatNumber(total)} annotation${total === 1 ? '' : 's'} match “${query}”` : '')}
      </p>
      {total === 0 ? (
        <p className="muted browser-empty">
          {query ? 'No annotation matches this search.' : 'No annotations yet: open an article and tag quotes, claims and figures.'}
        </p>
      ) : null}
      <VirtualTable
        caption="Annotations"
        className="browser-table"
        testId="annotation-table"
        columns={COLUMNS}
        count={total ?? 0}
        row={row}
        rowKey={(r) => r.id}
        href={(r) => hrefFor({ view: 'reader', snapshotId: r.snapshotId, annotationId: r.id })}
        rowHeight={36}
        sort={sort}
        onSort={onSort}
        onVisible={onVisible}
      />
      {bundles.element}
    </section>
  );
}
