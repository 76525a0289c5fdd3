/**
 * The library's archive side: the chosen shelf's articles with a selection, the actions on it
 * (open, details, add to or take out of a collection, tag, export, delete), the articles whose
 * deletion met an edit, and the keys of the list (Ctrl/Cmd+A, Delete, Enter).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { glossa } from '../../glossa';
import { useKeyboard } from '../../app/keyboard';
import { navigate } from '../../app/route';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import type { BundleDialogs } from '../bundles/useBundleDialogs';
import { useCodebook } from '../codebook/useCodebook';
import { sortRows, type LibraryColumn, type LibrarySort } from '../library/sortRows';
import { fileInto, moveToTrash, settleDeletion, type DraggedArticles } from './actions';
import { ArticleList } from './ArticleList';
import { AddToCollectionDialog, TagArticlesDialog } from './CollectionDialogs';
import { MetadataDialog } from './MetadataDialog';
import { chosenInOrder, EMPTY_SELECTION, keepListed, selectAll, type Selection } from './selection';
import { collectionPath, onShelf, shelfStore, useShelf, type ArticleRow, type Shelf } from './shelf';
import { Sidebar } from './Sidebar';
import { archiveMessages } from './messages';
import type { Archive } from './useArchive';
import './archive.css';

type Open = { kind: 'details'; snapshotId: string } | { kind: 'file' } | { kind: 'tag' } | null;

export interface ArchiveView {
  shelf: Shelf;
  /** The shelf's articles in the table's order. */
  rows: ArticleRow[];
  sidebar: ReactNode;
  selection: Selection;
  setSelection(next: Selection): void;
  chosen: ArticleRow[];
  open: Open;
  setOpen(next: Open): void;
  archive: Archive;
  bundles: BundleDialogs;
  deleteChosen(): void;
}

/** `listing`: the table is shown (not a search), so the list's keys apply. */
export function useArchiveView(archive: Archive, bundles: BundleDialogs, sort: LibrarySort, listing: boolean): ArchiveView {
  const m = useMessages(archiveMessages);
  const stored = useShelf();
  const { collections } = archive;
  // A collection deleted (here, by an undo, by an import) leaves its shelf: back to all articles.
  const shelf: Shelf = stored.kind === 'collection' && archive.loaded && !collections.some((c) => c.id === stored.id) ? { kind: 'all' } : stored;
  const rows = useMemo(() => sortRows(onShelf(archive.rows, shelf, collections), sort), [archive.rows, shelf, collections, sort]);
  const order = useMemo(() => rows.map((r) => r.id), [rows]);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [open, setOpen] = useState<Open>(null);
  useEffect(() => setSelection((s) => keepListed(s, order)), [order]);
  const chosen = useMemo(() => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return chosenInOrder(selection, order).map((id) => byId.get(id)!);
  }, [rows, order, selection]);

  /** The chosen rows, or the row the keyboard is on when none is chosen. */
  const target = (): ArticleRow[] => {
    if (chosen.length) return chosen;
    const index = Number(document.querySelector('[data-testid="library-table"] tr.vt-current')?.getAttribute('data-index') ?? NaN);
    const row = Number.isInteger(index) ? rows[index] : undefined;
    return row ? [row] : [];
  };
  const deleteChosen = () => {
    const list = target();
    if (list.length)
      void moveToTrash(
        list.flatMap((r) => r.versionIds),
        list.length,
      );
  };
  const inList = (e: KeyboardEvent) => e.target instanceof Element && e.target.closest('[data-testid="library-table"] tbody') !== null;
  // Edit ▸ Move to Trash in the native menu (Electron; the test bridge has no menu): the same as the Delete key.
  const latestDelete = useRef(deleteChosen);
  latestDelete.current = () => {
    if (listing) deleteChosen();
  };
  useEffect(
    () =>
      glossa().onCommand?.((command) => {
        if (command.type === 'move-to-trash') latestDelete.current();
      }),
    [],
  );

  useKeyboard([
    {
      key: 'a',
      mod: true,
      when: () => listing && rows.length > 0,
      run: () => setSelection(selectAll(order)),
      help: { group: m.keysGroup, label: m.keyChooseAll },
    },
    {
      key: 'delete',
      when: () => listing && target().length > 0,
      run: deleteChosen,
      help: { group: m.keysGroup, label: m.keyDelete },
    },
    {
      key: 'enter',
      when: (e) => listing && inList(e),
      run: () => {
        const row = target()[0];
        if (row) navigate({ view: 'reader', snapshotId: row.id });
      },
      help: { group: m.keysGroup, label: m.keyOpen },
    },
    {
      key: 'escape',
      when: () => listing && selection.ids.size > 0,
      run: () => setSelection(EMPTY_SELECTION),
      help: { group: m.keysGroup, label: m.keyClear },
    },
    {
      key: 'arrowdown',
      shift: true,
      run: () => undefined,
      when: () => false,
      help: { group: m.keysGroup, label: m.keyChooseMore, keys: m.keyChooseMoreKeys },
    },
  ]);

  const sidebar = <Sidebar rows={archive.rows} trashCount={archive.trash.length} collections={collections} current={shelf} />;
  return { shelf, rows, sidebar, selection, setSelection, chosen, open, setOpen, archive, bundles, deleteChosen };
}

export function ArchiveParts({ view, sort, onSort }: { view: ArchiveView; sort: LibrarySort; onSort(column: LibraryColumn): void }) {
  const m = useMessages(archiveMessages);
  const common = useMessages(commonMessages);
  const { tags } = useCodebook();
  const { shelf, rows, chosen, selection, archive, open, setOpen } = view;
  const collection = shelf.kind === 'collection' ? archive.collections.find((c) => c.id === shelf.id) : undefined;
  const ids = chosen.flatMap((r) => r.versionIds);
  const conflicts = archive.rows.filter((r) => r.conflict);

  const dragged = (row: ArticleRow): DraggedArticles =>
    selection.ids.has(row.id) ? { ids: chosen.flatMap((r) => r.versionIds), rows: chosen.length } : { ids: row.versionIds, rows: 1 };

  return (
    <>
      {conflicts.length ? (
        <section className="deletion-conflicts" aria-label={m.conflictsLabel}>
          {conflicts.map((r) => (
            <div key={r.id} className="deletion-conflict" role="group" aria-label={r.title || m.untitled}>
              <span>
                <strong>{r.title || m.untitled}</strong>
                {m.conflictSentence}
              </span>
              <button type="button" className="button button-small button-danger" onClick={() => void settleDeletion(r.id, false)}>
                {common.delete}
              </button>
              <button type="button" className="button button-small" onClick={() => void settleDeletion(r.id, true)}>
                {m.keep}
              </button>
            </div>
          ))}
        </section>
      ) : null}
      <div className="selection-bar" role="toolbar" aria-label={m.chosenLabel}>
        <span className="selection-count" aria-live="polite">
          {chosen.length ? m.chosenCount(chosen.length) : m.listedCount(rows.length, collection ? collection.name : null)}
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={chosen.length !== 1}
          onClick={() => setOpen({ kind: 'details', snapshotId: chosen[0]!.id })}
        >
          {m.editDetails}
        </button>
        <button type="button" className="button button-small" disabled={!chosen.length} onClick={() => setOpen({ kind: 'file' })}>
          {m.addToCollection}
        </button>
        {collection ? (
          <button
            type="button"
            className="button button-small"
            disabled={!chosen.length}
            onClick={() => void fileInto(ids, chosen.length, collection.id, collectionPath(archive.collections, collection.id), true)}
          >
            {m.removeFrom(collection.name)}
          </button>
        ) : null}
        <button type="button" className="button button-small" disabled={!chosen.length} onClick={() => setOpen({ kind: 'tag' })}>
          {m.tag}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={!chosen.length}
          onClick={() => view.bundles.openExport({ scope: 'snapshots', snapshotIds: ids })}
        >
          {m.exportChosen}
        </button>
        <button type="button" className="button button-small button-danger" disabled={!chosen.length} onClick={view.deleteChosen} aria-keyshortcuts="Delete">
          {common.delete}
        </button>
      </div>
      {rows.length ? (
        <ArticleList rows={rows} tags={tags} sort={sort} onSort={onSort} selection={selection} onSelect={view.setSelection} dragged={dragged} />
      ) : (
        <p className="panel-empty shelf-empty">
          {shelf.kind === 'collection' ? m.emptyCollection : shelf.kind === 'unfiled' ? m.emptyUnfiled : m.emptyAll}
          {shelf.kind !== 'all' ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => shelfStore.set({ kind: 'all' })}>
                {m.showAll}
              </button>
            </>
          ) : null}
        </p>
      )}
      {open?.kind === 'details' ? <MetadataDialog snapshotId={open.snapshotId} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'file' ? <AddToCollectionDialog ids={ids} rows={chosen.length} collections={archive.collections} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'tag' ? (
        <TagArticlesDialog ids={ids} rows={chosen.length} carried={[...new Set(chosen.flatMap((r) => r.tags))]} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
