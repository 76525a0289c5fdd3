/**
 * The library's shelves: all articles, the unfiled ones, each collection (with the
 * collections below it), and the trash. The shelf chosen lives here, so it stays chosen
 * while the user reads an article and comes back.
 */
import type { Collection, SnapshotSummary } from '../../../core/model';
import { inTrash } from '../../../core/model';
import { createStore, useStore } from '../../app/store';
import { latestVersions, type Row } from '../library/latestVersions';

export type Shelf = { kind: 'all' } | { kind: 'unfiled' } | { kind: 'collection'; id: string } | { kind: 'trash' };

export const shelfStore = createStore<Shelf>({ kind: 'all' });
export const useShelf = (): Shelf => useStore(shelfStore);

export const sameShelf = (a: Shelf, b: Shelf): boolean => a.kind === b.kind && (a.kind !== 'collection' || (b.kind === 'collection' && a.id === b.id));

/** A library row as shown: corrected title, outlet and address over the captured ones, and every version's id. */
export type ArticleRow = Row & {
  /** The snapshot ids of every capture of this article (newest first): deleting an article deletes them all. */
  versionIds: string[];
  tags: string[];
  collections: string[];
  conflict: boolean;
};

export function articleRows(snapshots: readonly SnapshotSummary[]): ArticleRow[] {
  const live = snapshots.filter((s) => !inTrash(s.article));
  const byId = new Map(live.map((s) => [s.id, s]));
  return latestVersions(live).map((row) => {
    const versionIds = [row.id];
    for (let p = row.previousVersionId; p && byId.has(p) && !versionIds.includes(p); p = byId.get(p)!.previousVersionId) versionIds.push(p);
    const meta = row.article?.meta ?? {};
    return {
      ...row,
      title: meta.title ?? row.title,
      siteName: meta.siteName !== undefined ? meta.siteName || null : row.siteName,
      sourceUrl: meta.sourceUrl ?? row.sourceUrl,
      versionIds,
      tags: row.article?.tags ?? [],
      collections: row.article?.collections ?? [],
      conflict: Boolean(row.article?.deletionConflict),
    };
  });
}

/** Collection ids at and below `id` (a collection shows what its sub-collections hold). */
export function collectionAndBelow(collections: readonly Collection[], id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of collections)
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
  }
  return out;
}

export function onShelf(rows: readonly ArticleRow[], shelf: Shelf, collections: readonly Collection[]): ArticleRow[] {
  switch (shelf.kind) {
    case 'unfiled': {
      const known = new Set(collections.map((c) => c.id));
      return rows.filter((r) => !r.collections.some((id) => known.has(id)));
    }
    case 'collection': {
      const ids = collectionAndBelow(collections, shelf.id);
      return rows.filter((r) => r.collections.some((id) => ids.has(id)));
    }
    case 'trash':
      return [];
    default:
      return [...rows];
  }
}

export interface TreeNode {
  collection: Collection;
  depth: number;
  children: TreeNode[];
}

/** The collections as a tree, names in order; a parent that is missing (or a cycle) puts a collection at the top. */
export function collectionTree(collections: readonly Collection[]): TreeNode[] {
  const byId = new Map(collections.map((c) => [c.id, c]));
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const rootOf = (c: Collection): string | null => {
    const seen = new Set([c.id]);
    for (let p = c.parentId; p; p = byId.get(p)?.parentId ?? null) {
      if (!byId.has(p) || seen.has(p)) return null;
      seen.add(p);
    }
    return c.parentId;
  };
  const build = (parentId: string | null, depth: number): TreeNode[] =>
    collections
      .filter((c) => (parentId === null ? rootOf(c) === null : c.parentId === parentId && rootOf(c) !== null))
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((collection) => ({ collection, depth, children: build(collection.id, depth + 1) }));
  return build(null, 0);
}

/** "Projects › Housing", for pickers. */
export function collectionPath(collections: readonly Collection[], id: string): string {
  const byId = new Map(collections.map((c) => [c.id, c]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let c = byId.get(id); c && !seen.has(c.id); c = c.parentId ? byId.get(c.parentId) : undefined) {
    seen.add(c.id);
    names.unshift(c.name);
  }
  return names.join(' › ');
}

/** A library search as the chosen shelf narrows it: a collection adds its filter (ids are what collection: takes first). */
export function searchOnShelf(query: string, shelf: Shelf): string {
  return query !== '' && shelf.kind === 'collection' ? `${query} collection:${shelf.id}` : query;
}
