/**
 * Changes to an article's own state (core/model/article.ts), as pure functions: each returns
 * the next record, never changing the one it was given. The API layer stores them and keeps
 * the previous one for undo.
 */
import {
  type ArticleMeta,
  ArticleMeta as MetaSchema,
  type ArticleRecord,
  emptyArticleRecord,
  GlossaError,
  META_FIELDS,
  type MetaChange,
  type MetaField,
} from '../model/index.js';

/** A metadata edit: a value sets the field, null puts the captured value back. */
export type MetaPatch = { [K in MetaField]?: ArticleMeta[K] | null };

/** The record an edit starts from: an edit is a version of its own, never a merge's combination. */
const base = (prev: ArticleRecord | null, at: string): ArticleRecord => {
  if (!prev) return emptyArticleRecord(at);
  const { mergedFrom: _from, ...rest } = structuredClone(prev);
  return rest;
};

export function deleteRecord(prev: ArticleRecord | null, at: string): ArticleRecord {
  return { ...base(prev, at), deletedAt: at, deletionConflict: false, updatedAt: at };
}

export function restoreRecord(prev: ArticleRecord | null, at: string): ArticleRecord {
  return { ...base(prev, at), deletedAt: null, deletionConflict: false, updatedAt: at };
}

/** Ends a deletion conflict: the article goes to the trash (keep: false) or stays. */
export function settleDeletion(prev: ArticleRecord | null, keep: boolean, at: string): ArticleRecord {
  if (!prev?.deletionConflict)
    throw new GlossaError('INVALID_INPUT', 'This article has no deletion waiting for a decision (it may have been settled already).');
  return keep ? restoreRecord(prev, at) : { ...prev, deletionConflict: false, updatedAt: at };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Sets or clears corrected fields; each real change joins the history (field, from, to, when).
 * Values are checked field by field, so the message names the field that is wrong.
 */
export function editMeta(prev: ArticleRecord | null, patch: MetaPatch, at: string): ArticleRecord {
  const next = base(prev, at);
  const meta: ArticleMeta = { ...next.meta };
  const changes: MetaChange[] = [];
  for (const field of Object.keys(patch) as MetaField[]) {
    if (!META_FIELDS.includes(field)) throw new GlossaError('INVALID_INPUT', `“${String(field)}” is not a metadata field. Fields: ${META_FIELDS.join(', ')}.`);
    const raw = patch[field];
    let value: unknown = null;
    if (raw !== null && raw !== undefined) {
      const parsed = MetaSchema.shape[field].safeParse(raw);
      if (!parsed.success)
        throw new GlossaError(
          'INVALID_INPUT',
          `The ${FIELD_NAMES[field]} is not valid: ${parsed.error.issues[0]?.message ?? 'check the value'}. Nothing was changed.`,
        );
      value = parsed.data;
    }
    if (sameValue(meta[field], value)) continue;
    changes.push({ at, field, from: meta[field] ?? null, to: value });
    if (value === null) delete meta[field];
    else (meta as Record<string, unknown>)[field] = value;
  }
  if (changes.length === 0) return next;
  return { ...next, meta, metaHistory: [...next.metaHistory, ...changes], updatedAt: at };
}

/** Adds and removes ids of a set field (tags, collections). */
export function editSet(
  prev: ArticleRecord | null,
  field: 'tags' | 'collections',
  add: readonly string[],
  remove: readonly string[],
  at: string,
): ArticleRecord {
  const next = base(prev, at);
  const set = new Set(next[field]);
  for (const id of remove) set.delete(id);
  for (const id of add) set.add(id);
  const list = [...set].sort();
  if (sameValue(list, [...next[field]].sort())) return next;
  return { ...next, [field]: list, updatedAt: at };
}

/** How each field is named to a person. */
export const FIELD_NAMES: Record<MetaField, string> = {
  title: 'title',
  authors: 'authors',
  siteName: 'outlet',
  section: 'section',
  sourceUrl: 'source address',
  publishedAt: 'published date',
  lang: 'language',
  dir: 'text direction',
  note: 'note',
};
