/**
 * The library: every captured article with its source, capture date and annotation counts
 * (a virtualised table, sortable by any column), and the library search: a query shows the
 * matching articles and annotations instead, and the facets beside narrow either.
 */
import { useEffect, useRef, useState } from 'react';
import { hrefFor } from '../../app/route';
import { useStore } from '../../app/store';
import { ArchiveParts, useArchiveView } from '../archive/ArchiveParts';
import { ConflictBanner } from '../bundles/ConflictBanner';
import { useBundleDialogs } from '../bundles/useBundleDialogs';
import { formatNumber } from '../../ui/format';
import { CaptureUrlDialog } from '../capture/CaptureUrlDialog';
import { SampleButton } from '../firstrun/SampleButton';
import { ImportResults } from './ImportResults';
import { importFileList, importing } from './importFiles';
import { PasteDialog } from './PasteDialog';
import { TaskProgress } from './TaskProgress';
import { DEFAULT_SORT, toggleSort, type LibrarySort } from './sortRows';
import { FacetPanel } from '../search/FacetPanel';
import { composeQuery } from '../search/query';
import { SearchField } from '../search/SearchField';
import { SearchResults } from '../search/SearchResults';
import { startSearch, useSearchState } from '../search/searchState';
import { useLibrarySearch } from '../search/useLibrarySearch';
import { searchOnShelf, useShelf } from '../archive/shelf';
import { useArchive } from '../archive/useArchive';
import { useMessages } from '../../i18n';
import { libraryMessages } from './messages';
import '../search/search.css';
import './library.css';

const ACCEPT = '.html,.htm,.xhtml,.shtml,.mhtml,.mht,.txt,.md,.text,.markdown,text/html,multipart/related,text/plain,text/markdown';

/** `query`: a search opened from a link (a count in the codebook or the speakers). */
export function LibraryView({ query: opened }: { query?: string }) {
  const archive = useArchive();
  const { loaded } = archive;
  const busy = useStore(importing);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<'paste' | 'url' | null>(null);
  // Export, import preview, conflicts: the same dialogs the File menu opens (BundleCommands).
  const bundles = useBundleDialogs();
  // Newest capture first (until a header is clicked): what was just imported is what the user looks for.
  const [sort, setSort] = useState<LibrarySort>(DEFAULT_SORT);
  const search = useSearchState();
  // Searching with a collection chosen searches that collection (and the ones under it).
  const query = searchOnShelf(composeQuery(search), useShelf());
  const found = useLibrarySearch(query, search.sort);
  const results = useRef<HTMLDivElement>(null);
  const searching = query !== '';
  const view = useArchiveView(archive, bundles, sort, !searching);
  const m = useMessages(libraryMessages);

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
          {m.title}
          {loaded ? <span className="view-count">{formatNumber(archive.rows.length)}</span> : null}
        </h1>
        <div className="toolbar-group" role="group" aria-label={m.addGroup}>
          <button type="button" className="button button-primary" onClick={() => fileInput.current?.click()} disabled={busy}>
            {m.importFiles}
          </button>
          <button type="button" className="button" onClick={() => folderInput.current?.click()} disabled={busy}>
            {m.importFolder}
          </button>
          <button type="button" className="button" onClick={() => setDialog('url')}>
            {m.captureUrl}
          </button>
          <button type="button" className="button" onClick={() => setDialog('paste')}>
            {m.pasteText}
          </button>
        </div>
        <div className="toolbar-group" role="group" aria-label={m.bundlesGroup}>
          <button type="button" className="button" onClick={() => void bundles.importBundle()}>
            {m.importBundle}
          </button>
          <button type="button" className="button" onClick={() => void bundles.importExchange()} title={m.importExchangeTitle}>
            {m.importExchange}
          </button>
          <button type="button" className="button" onClick={() => bundles.openExport()} disabled={archive.rows.length === 0}>
            {m.export}
          </button>
        </div>
        <input
          ref={fileInput}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          tabIndex={-1}
          aria-label={m.chooseFiles}
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
          aria-label={m.chooseFolder}
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
      {loaded && archive.rows.length === 0 && archive.trash.length === 0 ? (
        <EmptyLibrary
          onImport={() => fileInput.current?.click()}
          onPaste={() => setDialog('paste')}
          onUrl={() => setDialog('url')}
          onBundle={() => void bundles.importBundle()}
        />
      ) : null}
      {archive.rows.length > 0 || archive.trash.length > 0 ? (
        <>
          <SearchField label={m.searchLabel} sortable={searching} onDown={() => results.current?.querySelector<HTMLElement>('.hit-link, .vt-link')?.focus()} />
          <p className="search-message" aria-live="polite">
            {found.message ?? (searching && found.searching ? m.searching : '')}
          </p>
          <div className="library-body">
            <div className="library-side">
              {view.sidebar}
              <FacetPanel facets={found.found?.facets ?? null} />
            </div>
            <div className="library-content" ref={results}>
              {searching && found.found && found.query === query ? (
                <SearchResults found={found.found} more={found.more} />
              ) : searching ? null : (
                <ArchiveParts view={view} sort={sort} onSort={(c) => setSort((s) => toggleSort(s, c))} />
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

function EmptyLibrary({ onImport, onPaste, onUrl, onBundle }: { onImport(): void; onPaste(): void; onUrl(): void; onBundle(): void }) {
  const m = useMessages(libraryMessages);
  return (
    <div className="empty-state">
      <h2>{m.emptyTitle}</h2>
      <p>{m.emptyIntro}</p>
      <div className="empty-sample">
        <SampleButton />
        <p className="empty-note">{m.emptySample}</p>
      </div>
      <p>{m.emptyOwn}</p>
      <ul>
        <li>
          <button type="button" className="link-button" onClick={onImport}>
            {m.emptyImport}
          </button>{' '}
          {m.emptyImportRest}
        </li>
        <li>{m.emptyDrop}</li>
        <li>
          <button type="button" className="link-button" onClick={onPaste}>
            {m.emptyPaste}
          </button>{' '}
          {m.emptyPasteRest}
        </li>
        <li>
          <button type="button" className="link-button" onClick={onUrl}>
            {m.emptyUrl}
          </button>{' '}
          {m.emptyUrlRest}
        </li>
        <li>
          <button type="button" className="link-button" onClick={onBundle}>
            {m.emptyBundle}
          </button>{' '}
          {m.emptyBundleRest}
        </li>
      </ul>
      <p className="empty-note">{m.emptyLocal}</p>
    </div>
  );
}
