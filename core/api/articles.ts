/**
 * Managing the archive: the trash, corrected metadata, article tags and collections. Every
 * change goes through one apply step (applyArticleChange) that writes the articles' records
 * and the collections together and returns the change that puts them back, so each action,
 * however many articles it touches, is one step of undo. Emptying the trash is the one thing
 * that cannot be undone: the window and the CLI confirm it first, saying what goes.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { addCollection, assertCollections, collectionById, planDeleteCollection, updateCollection as patchCollection } from '../articles/collections.js';
import { deleteRecord, editMeta, editSet, FIELD_NAMES, restoreRecord, settleDeletion, type MetaPatch } from '../articles/record.js';
import { applyRecords } from '../codebook/tree.js';
import { undoLabel } from '../common/undo-labels.js';
import {
  ArticleRecord,
  capturedMeta,
  Collection,
  effectiveMeta,
  emptyArticleRecord,
  GlossaError,
  inTrash,
  META_FIELDS,
  type SnapshotSummary,
} from '../model/index.js';
import type { Context } from './context.js';
import { op, type Mutation } from './op.js';

const now = () => new Date().toISOString();
const Ids = z.array(z.string().min(1)).min(1, 'choose at least one article').max(100_000);

/** A record's content without its time: an apply stamps the time it is written (so an undo is a new version, never an old one again). */
const State = ArticleRecord.omit({ updatedAt: true });
type State = z.output<typeof State>;

const Change = z.object({
  /** Each article's whole state after the change (null: none of its own). */
  states: z.array(z.object({ snapshotId: z.string().min(1), state: State.nullable() })).default([]),
  collections: z.object({ put: z.array(Collection).default([]), remove: z.array(z.string()).default([]) }).default({ put: [], remove: [] }),
  /** Said in the undo menu. */
  label: z.string().max(300).default(undoLabel('changeArticles')),
});
type Change = z.output<typeof Change>;

export interface ArticlesChange {
  /** The articles whose state was written. */
  ids: string[];
  collections: Collection[];
}

const contentOf = (r: ArticleRecord | null): State | null => {
  if (!r) return null;
  const { updatedAt: _at, ...rest } = r;
  return rest;
};

/** The one write path: collections put, article records, collections removed (a record may name a collection only while it exists). */
async function apply(ctx: Context, change: Change): Promise<Mutation<ArticlesChange>> {
  const stamp = now();
  const before = ctx.library.listCollections();
  const known = new Map(before.map((c) => [c.id, c]));
  const next = applyRecords(before, change.collections.put, change.collections.remove);
  assertCollections(next);
  const inverse: Change = {
    states: [],
    collections: {
      put: [
        ...change.collections.put.filter((c) => known.has(c.id)).map((c) => known.get(c.id)!),
        ...change.collections.remove.filter((id) => known.has(id)).map((id) => known.get(id)!),
      ],
      remove: change.collections.put.filter((c) => !known.has(c.id)).map((c) => c.id),
    },
    label: change.label,
  };
  const records: { snapshotId: string; record: ArticleRecord }[] = [];
  for (const { snapshotId, state } of change.states) {
    const prev = await ctx.library.getArticle(snapshotId);
    inverse.states.push({ snapshotId, state: contentOf(prev) });
    records.push({ snapshotId, record: { ...(state ?? contentOf(emptyArticleRecord(stamp))!), updatedAt: stamp } });
  }
  const collectionsChange = change.collections.put.length + change.collections.remove.length > 0;
  if (collectionsChange && change.collections.put.length) await ctx.library.saveCollections(applyRecords(before, change.collections.put, []));
  for (const { snapshotId, record } of records) await ctx.library.putArticle(snapshotId, record);
  if (collectionsChange) await ctx.library.saveCollections(next);
  return {
    value: { ids: records.map((r) => r.snapshotId), collections: next },
    inverse: { op: 'applyArticleChange', input: inverse },
    label: change.label,
  };
}

/** The undo (and redo) of every change in this module. */
export const applyArticleChange = op(Change, async (ctx, change) => apply(ctx, change));

/** The rows of `ids`, read once (listSnapshots copies every row: never once per id). */
function rowsOf(ctx: Context, ids: readonly string[]): SnapshotSummary[] {
  const byId = new Map(ctx.library.listSnapshots().map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new GlossaError('NOT_FOUND', `There is no article ${id} in this library (it may have been removed for good).`);
    return row;
  });
}

/** Applies `edit` to each article's record: one step of undo. */
async function editEach(ctx: Context, ids: readonly string[], edit: (prev: ArticleRecord | null, at: string) => ArticleRecord, label: string) {
  const at = now();
  const states: Change['states'] = [];
  const unique = [...new Set(ids)];
  rowsOf(ctx, unique);
  for (const id of unique) {
    states.push({ snapshotId: id, state: contentOf(edit(await ctx.library.getArticle(id), at)) });
  }
  return apply(ctx, { states, collections: { put: [], remove: [] }, label });
}

// ---- reading ---------------------------------------------------------------------------------

/** An article's metadata as captured, as corrected, the corrections' history, its tags and collections. */
export const articleDetails = op(z.object({ snapshotId: z.string().min(1) }), async (ctx, { snapshotId }) => {
  const snapshot = await ctx.library.getSnapshot(snapshotId);
  const record = await ctx.library.getArticle(snapshotId);
  return {
    snapshotId,
    captured: capturedMeta(snapshot),
    effective: effectiveMeta(snapshot, record),
    record,
    fields: META_FIELDS.map((field) => ({ field, label: FIELD_NAMES[field], corrected: record?.meta[field] !== undefined })),
  };
});

/** Articles in the trash, most recently deleted first. */
export const listDeletedArticles = op(z.object({}).optional(), async (ctx) =>
  ctx.library
    .listSnapshots()
    .filter((r) => inTrash(r.article))
    .sort((a, b) => (b.article!.deletedAt! < a.article!.deletedAt! ? -1 : b.article!.deletedAt! > a.article!.deletedAt! ? 1 : 0)),
);

// ---- the trash -------------------------------------------------------------------------------

export const deleteArticles = op(z.object({ ids: Ids }), async (ctx, { ids }) => {
  for (const row of rowsOf(ctx, ids)) if (inTrash(row.article)) throw new GlossaError('INVALID_INPUT', `Article ${row.id} is already in the trash.`);
  return editEach(ctx, ids, deleteRecord, undoLabel('deleteArticles', { articles: new Set(ids).size }));
});

export const restoreArticles = op(z.object({ ids: Ids }), async (ctx, { ids }) => {
  for (const row of rowsOf(ctx, ids)) if (!row.article?.deletedAt) throw new GlossaError('INVALID_INPUT', `Article ${row.id} is not in the trash.`);
  return editEach(ctx, ids, restoreRecord, undoLabel('restoreArticles', { articles: new Set(ids).size }));
});

/** A deletion that met an edit in a merge: delete the article after all, or keep it. */
export const settleArticleDeletion = op(z.object({ snapshotId: z.string().min(1), keep: z.boolean() }), async (ctx, { snapshotId, keep }) =>
  editEach(ctx, [snapshotId], (prev, at) => settleDeletion(prev, keep, at), undoLabel(keep ? 'keepArticle' : 'deleteArticle')),
);

/**
 * Removes articles in the trash for good (all of it, or `ids`), their annotations with them,
 * and every body no remaining article uses. Cannot be undone.
 */
export const emptyTrash = op(z.object({ ids: z.array(z.string().min(1)).optional() }).optional(), async (ctx, input) => {
  const trash = ctx.library.listSnapshots().filter((r) => inTrash(r.article));
  const inIt = new Set(trash.map((r) => r.id));
  const ids = input?.ids ?? [...inIt];
  for (const id of ids)
    if (!inIt.has(id))
      throw new GlossaError('INVALID_INPUT', `Article ${id} is not in the trash; only articles in the trash can be removed for good. Nothing was removed.`);
  const chosen = new Set(ids);
  let annotations = 0;
  for (const r of trash) if (chosen.has(r.id)) annotations += r.counts.quote + r.counts.claim + r.counts.figure + r.counts.note;
  const done = await ctx.library.purgeSnapshots([...chosen]);
  return { ...done, annotations };
});

// ---- metadata and tags -------------------------------------------------------------------------

const Patch = z.partialRecord(z.enum(META_FIELDS), z.unknown()).refine((p) => Object.keys(p).length > 0, 'name at least one field to change');

export const updateArticleMeta = op(z.object({ snapshotId: z.string().min(1), patch: Patch }), async (ctx, { snapshotId, patch }) => {
  const fields = Object.keys(patch) as (keyof typeof FIELD_NAMES)[];
  return editEach(
    ctx,
    [snapshotId],
    (prev, at) => editMeta(prev, patch as MetaPatch, at),
    undoLabel('editArticle', { fields: fields.map((f) => FIELD_NAMES[f]) }),
  );
});

export const tagArticles = op(
  z.object({ ids: Ids, add: z.array(z.string().min(1)).default([]), remove: z.array(z.string().min(1)).default([]) }),
  async (ctx, { ids, add, remove }) => {
    const codebook = new Set(ctx.library.listCodebook().map((t) => t.id));
    const unknown = add.find((t) => !codebook.has(t));
    if (unknown) throw new GlossaError('NOT_FOUND', `There is no tag ${unknown} in the codebook; it may have been deleted. Nothing was changed.`);
    return editEach(ctx, ids, (prev, at) => editSet(prev, 'tags', add, remove, at), undoLabel(add.length ? 'tagArticles' : 'untagArticles'));
  },
);

// ---- collections -----------------------------------------------------------------------------

export const listCollections = op(z.object({}).optional(), async (ctx) => ctx.library.listCollections());

export const createCollection = op(
  z.object({ name: z.string(), parentId: z.string().nullable().optional(), id: z.uuid().optional() }),
  async (ctx, { name, parentId, id }): Promise<Mutation<ArticlesChange & { collection: Collection }>> => {
    const before = ctx.library.listCollections();
    if (id && before.some((c) => c.id === id)) throw new GlossaError('CONFLICT', `A collection with id ${id} exists already.`);
    if (parentId) collectionById(before, parentId);
    const list = addCollection(before, { name, parentId: parentId ?? null }, id ?? randomUUID(), now());
    const collection = list.at(-1)!;
    const done = await apply(ctx, { states: [], collections: { put: [collection], remove: [] }, label: undoLabel('newCollection', { name: collection.name }) });
    return { ...done, value: { ...done.value, collection } };
  },
);

export const updateCollection = op(
  z.object({ id: z.string().min(1), name: z.string().optional(), parentId: z.string().nullable().optional() }),
  async (ctx, { id, ...patch }) => {
    const before = ctx.library.listCollections();
    const old = collectionById(before, id);
    const next = patchCollection(before, id, patch, now());
    const changed = next.find((c) => c.id === id)!;
    const label = undoLabel(patch.name !== undefined && patch.name.trim() !== old.name ? 'renameCollection' : 'moveCollection', { name: old.name });
    return apply(ctx, { states: [], collections: { put: [changed], remove: [] }, label });
  },
);

/** Deletes a collection: its sub-collections move up, its articles stay in the library (and leave it). */
export const deleteCollection = op(z.object({ id: z.string().min(1) }), async (ctx, { id }) => {
  const before = ctx.library.listCollections();
  const gone = collectionById(before, id);
  const { moved } = planDeleteCollection(before, id, now());
  const at = now();
  const states: Change['states'] = [];
  for (const row of ctx.library.listSnapshots()) {
    if (!row.article?.collections.includes(id)) continue;
    states.push({ snapshotId: row.id, state: contentOf(editSet(await ctx.library.getArticle(row.id), 'collections', [], [id], at)) });
  }
  return apply(ctx, { states, collections: { put: moved, remove: [id] }, label: undoLabel('deleteCollection', { name: gone.name }) });
});

/** Puts articles in a collection, or takes them out (`remove`). */
export const fileArticles = op(
  z.object({ ids: Ids, collectionId: z.string().min(1), remove: z.boolean().default(false) }),
  async (ctx, { ids, collectionId, remove }) => {
    const collection = collectionById(ctx.library.listCollections(), collectionId);
    return editEach(
      ctx,
      ids,
      (prev, at) => editSet(prev, 'collections', remove ? [] : [collectionId], remove ? [collectionId] : [], at),
      undoLabel(remove ? 'unfileArticles' : 'fileArticles', { name: collection.name }),
    );
  },
);
