/**
 * Collections as a tree (nestable, like the codebook: core/codebook/tree.ts checks both).
 * Articles name collections by id, so renaming or moving one never touches an article.
 */
import { assertTree, descendants, pathName, treeOrder } from '../codebook/tree.js';
import { Collection, GlossaError } from '../model/index.js';

const WORDS = { node: 'collection', tree: 'the library’s collections', children: 'sub-collections' };

export const assertCollections = (list: readonly Collection[]) => assertTree(list, WORDS);

export function collectionById(list: readonly Collection[], id: string): Collection {
  const found = list.find((c) => c.id === id);
  if (!found) throw new GlossaError('NOT_FOUND', `There is no collection ${id}; it may have been deleted.`);
  return found;
}

/** A collection by its id, its name or its path ("Project ▸ Interviews", or with "/"), for the command line. */
export function findCollection(list: readonly Collection[], ref: string): Collection {
  const byId = list.find((c) => c.id === ref);
  if (byId) return byId;
  const want = ref
    .split(/\s*[▸/]\s*/)
    .join(' ▸ ')
    .toLocaleLowerCase();
  const matches = list.filter((c) => pathName(list, c.id).toLocaleLowerCase() === want || c.name.toLocaleLowerCase() === want);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new GlossaError(
      'INVALID_INPUT',
      `More than one collection is named “${ref}”: ${matches.map((c) => `“${pathName(list, c.id)}”`).join(', ')}. Give its path or id.`,
    );
  }
  throw new GlossaError('NOT_FOUND', `There is no collection named “${ref}”. \`glossa collection ls\` lists them.`);
}

export function addCollection(list: readonly Collection[], input: { name: string; parentId?: string | null }, id: string, now: string): Collection[] {
  const parsed = Collection.safeParse({ id, name: input.name, parentId: input.parentId ?? null, createdAt: now, updatedAt: now });
  if (!parsed.success) throw new GlossaError('INVALID_INPUT', `The collection is not valid: ${parsed.error.issues[0]?.message}.`);
  const next = [...list, parsed.data];
  assertCollections(next);
  return next;
}

export function updateCollection(list: readonly Collection[], id: string, patch: { name?: string; parentId?: string | null }, now: string): Collection[] {
  const before = collectionById(list, id);
  const parsed = Collection.safeParse({ ...before, ...patch, id, updatedAt: now });
  if (!parsed.success) throw new GlossaError('INVALID_INPUT', `The collection is not valid: ${parsed.error.issues[0]?.message}.`);
  const next = list.map((c) => (c.id === id ? parsed.data : c));
  assertCollections(next);
  return next;
}

/** Deleting a collection lifts its sub-collections to its parent; its articles stay in the library. */
export function planDeleteCollection(list: readonly Collection[], id: string, now: string): { next: Collection[]; moved: Collection[] } {
  const gone = collectionById(list, id);
  const moved: Collection[] = [];
  const next = list
    .filter((c) => c.id !== id)
    .map((c) => {
      if (c.parentId !== id) return c;
      const lifted = { ...c, parentId: gone.parentId, updatedAt: now };
      moved.push(lifted);
      return lifted;
    });
  assertCollections(next);
  return { next, moved };
}

/** The collection and every collection under it: what "in this collection" means for a filter. */
export const collectionAndBelow = (list: readonly Collection[], id: string): string[] => [id, ...descendants(list, id)];

/** Collections in tree order with their depth and path (sidebar, pickers, `collection ls`). */
export const collectionTree = (list: readonly Collection[]) =>
  treeOrder(list).map(({ tag, depth }) => ({ collection: tag, depth, path: pathName(list, tag.id) }));
