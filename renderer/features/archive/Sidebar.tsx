/**
 * The library's shelves: All articles, Unfiled, each collection as a tree (collapsible, with
 * counts; articles and collections are dropped onto it), and Trash. A collection's own
 * actions (new sub-collection, rename, delete) sit under the tree while it is chosen.
 */
import { useState, type DragEvent } from 'react';
import type { Collection } from '../../../core/model';
import { hrefFor, navigate } from '../../app/route';
import { useMessages } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { ARTICLES_TYPE, COLLECTION_TYPE, deleteCollection, fileInto, moveCollection, type DraggedArticles } from './actions';
import { CollectionNameDialog } from './CollectionDialogs';
import { archiveMessages } from './messages';
import { collectionAndBelow, collectionTree, sameShelf, shelfStore, type ArticleRow, type Shelf, type TreeNode } from './shelf';

interface Props {
  rows: readonly ArticleRow[];
  trashCount: number;
  collections: readonly Collection[];
  /** The shelf shown (the trash page passes the trash). */
  current: Shelf;
}

type Naming = { kind: 'new'; parent?: Collection } | { kind: 'rename'; collection: Collection } | null;

const ALL: Shelf = { kind: 'all' };
const UNFILED: Shelf = { kind: 'unfiled' };

const carries = (e: DragEvent, type: string) => e.dataTransfer.types.includes(type);

/** Choosing a shelf: the trash is its own page; the others filter the library. */
export function openShelf(shelf: Shelf): void {
  if (shelf.kind === 'trash') {
    navigate({ view: 'trash' });
    return;
  }
  shelfStore.set(shelf);
  navigate({ view: 'library' });
}

export function Sidebar({ rows, trashCount, collections, current }: Props) {
  const m = useMessages(archiveMessages);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [naming, setNaming] = useState<Naming>(null);
  const [dropOn, setDropOn] = useState<string | null>(null);
  const tree = collectionTree(collections);
  const known = new Set(collections.map((c) => c.id));
  const unfiled = rows.filter((r) => !r.collections.some((id) => known.has(id))).length;
  const countIn = (id: string) => {
    const ids = collectionAndBelow(collections, id);
    return rows.filter((r) => r.collections.some((c) => ids.has(c))).length;
  };
  const chosen = current.kind === 'collection' ? collections.find((c) => c.id === current.id) : undefined;

  const toggle = (id: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  /** Articles dropped on a collection are filed there; a collection dropped on another goes inside it. */
  const dropHandlers = (target: Collection | null) => ({
    onDragOver: (e: DragEvent) => {
      const articles = target && carries(e, ARTICLES_TYPE);
      if (!articles && !carries(e, COLLECTION_TYPE)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = articles ? 'copy' : 'move';
      setDropOn(target?.id ?? '');
    },
    onDragLeave: () => setDropOn(null),
    onDrop: (e: DragEvent) => {
      setDropOn(null);
      const articles = e.dataTransfer.getData(ARTICLES_TYPE);
      const moved = e.dataTransfer.getData(COLLECTION_TYPE);
      if (!articles && !moved) return;
      e.preventDefault();
      e.stopPropagation();
      if (articles && target) {
        const dragged = JSON.parse(articles) as DraggedArticles;
        void fileInto(dragged.ids, dragged.rows, target.id, target.name);
      } else if (moved && moved !== target?.id && (!target || !collectionAndBelow(collections, moved).has(target.id))) {
        void moveCollection(moved, target?.id ?? null);
      }
    },
  });

  const shelfButton = (shelf: Shelf, label: string, count: number, extra?: { className?: string }) => (
    <button
      type="button"
      className={`shelf ${extra?.className ?? ''}`}
      aria-current={sameShelf(shelf, current) ? 'true' : undefined}
      onClick={() => openShelf(shelf)}
    >
      <span className="shelf-name">{label}</span>
      <span className="visually-hidden">, </span>
      <span className="shelf-count">{formatNumber(count)}</span>
    </button>
  );

  const node = (n: TreeNode) => {
    const c = n.collection;
    const open = !collapsed.has(c.id);
    const shelf: Shelf = { kind: 'collection', id: c.id };
    const arrow = open ? '▾' : '▸';
    return (
      <li key={c.id} className="shelf-node">
        <div
          className={dropOn === c.id ? 'shelf-row is-drop' : 'shelf-row'}
          style={{ paddingInlineStart: n.depth * 14 }}
          draggable
          data-collection-id={c.id}
          onDragStart={(e) => {
            e.dataTransfer.setData(COLLECTION_TYPE, c.id);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onContextMenu={(e) => {
            e.preventDefault();
            openShelf({ kind: 'collection', id: c.id });
          }}
          {...dropHandlers(c)}
        >
          {n.children.length ? (
            <button
              type="button"
              className="shelf-toggle"
              aria-expanded={open}
              aria-label={open ? m.collapse(c.name) : m.expand(c.name)}
              onClick={() => toggle(c.id)}
            >
              {arrow}
            </button>
          ) : (
            <span className="shelf-toggle" aria-hidden="true" />
          )}
          {shelfButton(shelf, c.name, countIn(c.id))}
        </div>
        {open && n.children.length ? <ul className="shelf-list">{n.children.map(node)}</ul> : null}
      </li>
    );
  };

  return (
    <nav className="sidebar" aria-label={m.shelvesLabel}>
      <ul className="shelf-list">
        <li>{shelfButton(ALL, m.allArticles, rows.length)}</li>
        <li>{shelfButton(UNFILED, m.unfiled, unfiled)}</li>
      </ul>
      <div className={dropOn === '' ? 'sidebar-head is-drop' : 'sidebar-head'} {...dropHandlers(null)}>
        <h2 className="sidebar-title">{m.collections}</h2>
        <button type="button" className="button button-small" onClick={() => setNaming({ kind: 'new' })}>
          {m.newCollection}
        </button>
      </div>
      {tree.length ? (
        <ul className="shelf-list" aria-label={m.collections}>
          {tree.map(node)}
        </ul>
      ) : (
        <p className="sidebar-empty">{m.sidebarEmpty}</p>
      )}
      {chosen ? (
        <div className="collection-actions" role="group" aria-label={m.collectionLabel(chosen.name)}>
          <button type="button" className="link-button" onClick={() => setNaming({ kind: 'new', parent: chosen })}>
            {m.newSubCollection}
          </button>
          <button type="button" className="link-button" onClick={() => setNaming({ kind: 'rename', collection: chosen })}>
            {m.renameAsk}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              shelfStore.set({ kind: 'all' });
              void deleteCollection(chosen.id, chosen.name);
            }}
          >
            {m.deleteCollection}
          </button>
        </div>
      ) : null}
      <ul className="shelf-list shelf-trash">
        <li>
          <a className="shelf" href={hrefFor({ view: 'trash' })} aria-current={current.kind === 'trash' ? 'true' : undefined}>
            <span className="shelf-name">{m.trash}</span>
            <span className="visually-hidden">, </span>
            <span className="shelf-count">{formatNumber(trashCount)}</span>
          </a>
        </li>
      </ul>
      {naming?.kind === 'new' ? (
        <CollectionNameDialog
          parent={naming.parent}
          onClose={() => setNaming(null)}
          onDone={(made) => {
            if (naming.parent) setCollapsed((s) => new Set([...s].filter((id) => id !== naming.parent!.id)));
            openShelf({ kind: 'collection', id: made.id });
          }}
        />
      ) : null}
      {naming?.kind === 'rename' ? <CollectionNameDialog collection={naming.collection} onClose={() => setNaming(null)} /> : null}
    </nav>
  );
}
