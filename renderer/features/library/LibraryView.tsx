/**
 * The library: every captured article with its source, capture date and annotation counts
 * (a virtualised table, sortable by any column), and the library search: a query shows the
 * matching articles and annotations instead, and the facets beside narrow either.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { hrefFor } from '../../app/route';
import { useStore } from '../../app/store';
import { ConflictBanner } from '../bundles/ConflictBanner';
import { useBundleDialogs } from '../bundles/useBundleDialogs';
import { describeSource, formatDate, formatNumber } from '../../ui/format';
import { CaptureUrlDialog } from '../capture/CaptureUrlDialog';
import { ImportResults } from './ImportResults';
import { importFileList, importing } from './importFiles';
import { latestVersions, type Row } from './latestVersions';
import { PasteDialog } from './PasteDialog';
import { TaskProgress } from './TaskProgress';
import { useSnapshots } from './useSnapshots';
import { DEFAULT_SORT, sortRows, toggleSort, type LibraryColumn, type LibrarySort } from './sortRows';
import { FacetPanel } from '../search/FacetPanel';
import { composeQuery } from '../search/query';
import { SearchField } from '../search/SearchField';
import { SearchResults } from '../search/SearchResults';
import { startSearch, useSearchState } from '../search/searchState';
import { useLibrarySearch } from '../search/useLibrarySearch';
import { VirtualTable, type Column } from '../search/VirtualTable';
import '../search/search.css';
import './library.css';

const ACCEPT = '.html,.htm,.xhtml,.shtml,.mhtml,.mht,.txt,.md,.text,.markdown,text/html,multipart/related,text/plain,text/markdown';

/** `query`: a search opened from a link (a count in the codebook or the speakers). */
export function LibraryView({ query: opened }: { query?: string }) {
  const { snapshots, loaded } = useSnapshots();
  const busy = useStore(importing);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<'paste' | 'url' | null>(null);
  // Export, import preview, conflicts: the same dialogs the File menu opens (BundleCommands).
  const bundles = useBundleDialogs();
  // Newest capture first (until a header is clicked): what was just imported is what the user looks for.
  const [sort, setSort] = useState<LibrarySort>(DEFAULT_SORT);
  const rows = useMemo(() => sortRows(latestVersions(snapshots), sort), [snapshots, sort]);
  const search = useSearchState();
  const query = composeQuery(search);
  const found = useLibrarySearch(query, search.sort);
  const results = useRef<HTMLDivElement>(null);
  const searching = query !== '';

  useEffect(() => {
    if (opened === undefined) return;
    startSearch(opened);
    // The address goes back to the library, so the search is the field's from now on.
    window.history.replaceState(null, '', hrefFor({ view: 'library' }));
  }, [opened]);

  return (
    <section className="library" aria-labelledby="library-title">
      <div className="view-toolbar">
        <h1 id="library-title" className="view-title">
          Library
          {loaded ? <span className="view-count">{formatNumber(snapshots.length)}</span> : null}
        </h1>
        <div className="toolbar-group" role="group" aria-label="Add to library">
          <button type="button" className="button button-primary" onClick={() => fileInput.current?.click()} disabled={busy}>
            Import files…
          </button>
          <button type="button" className="button" onClick={() => folderInput.current?.click()} disabled={busy}>
            Import folder…
          </button>
          <button type="button" className="button" onClick={() => setDialog('url')}>
            Capture URL…
          </button>
          <button type="button" className="button" onClick={() => setDialog('paste')}>
            Paste text…
          </button>
        </div>
        <div className="toolbar-group" role="group" aria-label="Bundles">
          <button type="button" className="button" onClick={() => void bundles.importBundle()}>
            Import bundle…
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void bundles.importExchange()}
            title="W3C Web Annotations (JSON-LD), Hypothesis, REFI-QDA (.qdpx)"
          >
            Import from other tools…
          </button>
          <button type="button" className="button" onClick={() => bundles.openExport()} disabled={snapshots.length === 0}>
            Export…
          </button>
        </div>
        <input
          ref={fileInput}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          tabIndex={-1}
          aria-label="Choose article files to import"
          data-testid="import-file-input"
          onChange={(event) => {
            const input = event.currentTarget;
            const files = [...(input.files ?? [])];
            // Reset so choosing the same file again still fires a change.
            input.value = '';
            void importFileList(files);
          }}
        />
        <input
          ref={(el) => {
            folderInput.current = el;
            // Not a React prop: the folder picker is switched on by the DOM attribute.
            el?.setAttribute('webkitdirectory', '');
          }}
          className="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-label="Choose a folder of articles to import"
          data-testid="import-folder-input"
          onChange={(event) => {
            const input = event.currentTarget;
            const files = [...(input.files ?? [])];
            input.value = '';
            void importFileList(files);
          }}
        />
      </div>
      {busy ? <TaskProgress task="import" /> : null}
      <ImportResults />
      <ConflictBanner onReview={bundles.openConflicts} />
      {loaded && rows.length === 0 ? (
        <EmptyLibrary onImport={() => fileInput.current?.click()} onPaste={() => setDialog('paste')} onBundle={() => void bundles.importBundle()} />
      ) : null}
      {rows.length > 0 ? (
        <>
          <SearchField
            label="Search the library"
            sortable={searching}
            onDown={() => results.current?.querySelector<HTMLElement>('.hit-link, .vt-link')?.focus()}
          />
          <p className="search-message" aria-live="polite">
            {found.message ?? (searching && found.searching ? 'Searching…' : '')}
          </p>
          <div className="library-body">
            <FacetPanel facets={found.found?.facets ?? null} />
            <div className="library-content" ref={results}>
              {searching && found.found && found.query === query ? (
                <SearchResults found={found.found} more={found.more} />
              ) : searching ? null : (
                <SnapshotTable rows={rows} sort={sort} onSort={(c) => setSort((s) => toggleSort(s, c))} />
              )}
            </div>
          </div>
        </>
      ) : null}
      {dialog === 'paste' ? <PasteDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'url' ? <CaptureUrlDialog onClose={() => setDialog(null)} /> : null}
      {bundles.element}
    </section>
  );
}

const ROW_HEIGHT = 38;

const count = (n: number, kind: string) => <span className={n > 0 ? `count count-${kind}` : 'count count-zero'}>{formatNumber(n)}</span>;

const COLUMNS: Column<Row>[] = [
  {
    id: 'title',
    label: 'Title',
    className: 'col-title',
    sortable: true,
    primary: true,
    cell: (s) => s.title || 'Untitled',
    title: (s) => (s.versions > 1 ? `${s.title} — ${s.versions} captures of this article; this is the newest` : s.title),
    after: (s) => (s.versions > 1 ? <span className="version-badge">{s.versions} versions</span> : null),
  },
  {
    id: 'source',
    label: 'Source',
    className: 'col-source',
    sortable: true,
    cell: (s) => describeSource(s),
    title: (s) => s.sourceUrl ?? s.sourceFile ?? undefined,
  },
  { id: 'captured', label: 'Captured', className: 'col-date', sortable: true, cell: (s) => <time dateTime={s.capturedAt}>{formatDate(s.capturedAt)}</time> },
  { id: 'words', label: 'Words', className: 'num', sortable: true, cell: (s) => formatNumber(s.wordCount) },
  { id: 'quote', label: 'Quotes', className: 'num', sortable: true, cell: (s) => count(s.counts.quote, 'quote') },
  { id: 'claim', label: 'Claims', className: 'num', sortable: true, cell: (s) => count(s.counts.claim, 'claim') },
  { id: 'figure', label: 'Figures', className: 'num', sortable: true, cell: (s) => count(s.counts.figure, 'figure') },
];

function SnapshotTable({ rows, sort, onSort }: { rows: Row[]; sort: LibrarySort; onSort(column: LibraryColumn): void }) {
  return (
    <VirtualTable
      caption="Snapshots in this library"
      className="snapshot-table"
      testId="library-table"
      columns={COLUMNS}
      count={rows.length}
      row={(i) => rows[i]}
      rowKey={(r) => r.id}
      href={(r) => hrefFor({ view: 'reader', snapshotId: r.id })}
      rowHeight={ROW_HEIGHT}
      sort={sort}
      onSort={(c) => onSort(c as LibraryColumn)}
    />
  );
}

function EmptyLibrary({ onImport, onPaste, onBundle }: { onImport(): void; onPaste(): void; onBundle(): void }) {
  return (
    <div className="empty-state">
      <h2>Your library is empty</h2>
      <p>Glossa keeps a permanent copy of every article you capture, so your quotes, claims and figures always point at the exact words.</p>
      <ul>
        <li>
          <button type="button" className="link-button" onClick={onImport}>
            Import files
          </button>{' '}
          — web pages saved from a browser (.html with its _files folder, .mhtml) or text (.txt, .md).
        </li>
        <li>Drop files, folders or links anywhere on this window.</li>
        <li>
          <button type="button" className="link-button" onClick={onPaste}>
            Paste text
          </button>{' '}
          copied from a web page or an e-mail.
        </li>
        <li>
          <button type="button" className="link-button" onClick={onBundle}>
            Import a .glossa bundle
          </button>{' '}
          a colleague shared with you.
        </li>
      </ul>
      <p className="empty-note">Everything stays on this computer.</p>
    </div>
  );
}
