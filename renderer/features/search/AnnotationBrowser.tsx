/**
 * The annotation browser: one table of every quote, claim, figure and note across the library
 * (or the current search), with each kind's columns, sortable by any of them. A row opens the
 * reader at its annotation. "Export these…" opens the export dialog on the current search.
 */
import { useEffect, useMemo, useState } from 'react';
import { hrefFor } from '../../app/route';
import { useMessages, type Translation } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { KindBadge } from '../../ui/KindBadge';
import { formatDate, formatNumber } from '../../ui/format';
import { authorTitle } from '../annotate/authorship';
import { useBundleDialogs } from '../bundles/useBundleDialogs';
import { labelOf, searchMessages } from './messages';
import { composeQuery } from './query';
import { SearchField } from './SearchField';
import type { BrowseColumn, BrowseRequest } from './searchApi';
import { startSearch, useSearchState } from './searchState';
import { useBrowseRows, type AuthoredRow } from './useBrowseRows';
import { VirtualTable, type Column } from './VirtualTable';
import './search.css';

type Sort = NonNullable<BrowseRequest['sort']>;

const dash = (s: string | null | undefined) => s || <span className="muted">—</span>;

type Words = Translation<(typeof searchMessages)['en']>;

/** The table's columns, headed in the window's language. */
const columnsOf = (m: Words, common: Translation<(typeof commonMessages)['en']>): Column<AuthoredRow>[] => [
  { id: 'kind', label: m.column.kind, className: 'col-kind', sortable: true, cell: (r) => <KindBadge kind={r.kind} /> },
  { id: 'exact', label: m.column.exact, className: 'col-exact', sortable: true, primary: true, cell: (r) => r.exact || m.image, title: (r) => r.exact },
  {
    id: 'article',
    label: m.column.article,
    className: 'col-article',
    sortable: true,
    cell: (r) => r.articleTitle || m.untitled,
    title: (r) => r.articleTitle,
  },
  {
    id: 'captured',
    label: m.column.captured,
    className: 'col-date',
    sortable: true,
    cell: (r) => <time dateTime={r.capturedAt}>{formatDate(r.capturedAt)}</time>,
  },
  { id: 'speaker', label: m.column.speaker, className: 'col-who', sortable: true, cell: (r) => dash(r.speaker), title: (r) => r.speaker },
  { id: 'role', label: m.column.role, className: 'col-short', sortable: true, cell: (r) => dash(r.role), title: (r) => r.role },
  {
    id: 'quoteType',
    label: m.column.quoteType,
    className: 'col-short',
    sortable: true,
    cell: (r) => dash(r.quoteType && labelOf(common.quoteTypeName, r.quoteType)),
  },
  { id: 'claimant', label: m.column.claimant, className: 'col-who', sortable: true, cell: (r) => dash(r.claimant), title: (r) => r.claimant },
  { id: 'verdict', label: m.column.verdict, className: 'col-verdict', sortable: true, cell: (r) => dash(r.verdict && labelOf(common.verdictName, r.verdict)) },
  {
    id: 'value',
    label: m.column.value,
    className: 'num col-value',
    sortable: true,
    cell: (r) => (r.value === null ? dash(null) : formatNumber(r.value)),
  },
  { id: 'unit', label: m.column.unit, className: 'col-short', sortable: true, cell: (r) => dash(r.unit) },
  { id: 'measure', label: m.column.measure, className: 'col-who', sortable: true, cell: (r) => dash(r.measure), title: (r) => r.measure },
  // Who changed it last (else who made it), as Settings names them; not sortable: the search index holds no authors.
  {
    id: 'author',
    label: m.column.author,
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
  const m = useMessages(searchMessages);
  const common = useMessages(commonMessages);
  const columns = useMemo(() => columnsOf(m, common), [m, common]);

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
          {m.annotations}
          {total !== null ? <span className="view-count">{formatNumber(total)}</span> : null}
        </h1>
        <button type="button" className="button" onClick={exportThese} disabled={!total}>
          {m.exportThese}
        </button>
      </div>
      <SearchField label={m.searchAnnotations} sortable={false} onDown={() => document.querySelector<HTMLElement>('.browser .vt-link')?.focus()} />
      <p className="search-message" aria-live="polite">
        {message ?? (query && total !== null ? m.matchCount(total, query) : '')}
      </p>
      {total === 0 ? <p className="muted browser-empty">{query ? m.noAnnotationMatchesSearch : m.noAnnotationsYet}</p> : null}
      <VirtualTable
        caption={m.annotations}
        className="browser-table"
        testId="annotation-table"
        columns={columns}
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
