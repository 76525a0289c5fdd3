import { z } from 'zod';
import { Annotation, ArticleRecord } from '../model/index.js';
import { DurableJSONFile } from './durable-file.js';
import { ANNOTATIONS_RECOVERY } from './index-file.js';
import { REVISION, revisionOf } from './revisions.js';

const Revisions = z.array(z.string().regex(REVISION, 'a revision (32 hex digits)'));

/** A version of an annotation kept beside the current one because both sides changed it (see revisions.ts). */
export const ConflictEntry = z.object({ annotation: Annotation, history: Revisions.default([]) });
export type ConflictEntry = z.infer<typeof ConflictEntry>;

/** A conflict as it was before a resolution, brought back by undo (types.ts ConflictState). */
export const ConflictStateSchema = z.object({ annotation: Annotation, history: Revisions, kept: z.array(ConflictEntry).min(1) });

/**
 * snapshots/<id>/annotations.json: one small lowdb file per snapshot.
 * - `annotations`: the current version of each annotation (tombstones included);
 * - `history` (only when non-empty): per annotation id, the revisions its current version
 *   was derived from;
 * - `conflicts` (only when non-empty): other versions of annotations that were changed on
 *   both sides of a merge, kept until a person resolves them.
 * - `article` (only once the article has a state of its own): trash, corrected metadata,
 *   article tags, collections (core/model/article.ts), and `articleHistory`, the revisions
 *   that version was derived from.
 * Unknown keys are kept, so a future field survives a round trip through this version.
 */
export const AnnotationsDoc = z.looseObject({
  annotations: z.array(Annotation),
  history: z.record(z.string(), Revisions).optional(),
  conflicts: z.array(ConflictEntry).optional(),
  article: ArticleRecord.optional(),
  articleHistory: Revisions.optional(),
});
export type AnnotationsDoc = z.infer<typeof AnnotationsDoc>;

export const annotationsAdapter = (file: string) =>
  new DurableJSONFile<AnnotationsDoc>(file, { validate: (d) => AnnotationsDoc.parse(d), recovery: ANNOTATIONS_RECOVERY, space: 2 });

/** Text order: start, then end, then creation; the id makes the order total. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  const pa = a.target.position;
  const pb = b.target.position;
  return (
    pa.start - pb.start || pa.end - pb.end || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The one layout the file is written in: annotations in text order, histories by id (only
 * non-empty ones, of annotations that exist), conflicts by id then revision, empty parts left
 * out. Equal content therefore gives equal bytes, whatever order the changes arrived in.
 */
export function normaliseDoc(doc: AnnotationsDoc): AnnotationsDoc {
  const { annotations, history, conflicts, article, articleHistory, ...rest } = doc;
  const sorted = [...annotations].sort(compareAnnotations);
  const ids = new Set(sorted.map((a) => a.id));
  const keptHistory = Object.entries(history ?? {})
    .filter(([id, revs]) => ids.has(id) && revs.length > 0)
    .sort(([a], [b]) => byKey(a, b))
    .map(([id, revs]) => [id, [...new Set(revs)].sort()] as const);
  const keptConflicts = (conflicts ?? [])
    .map((c) => ({ annotation: c.annotation, history: [...new Set(c.history)].sort(), rev: revisionOf(c.annotation) }))
    .sort((a, b) => byKey(a.annotation.id, b.annotation.id) || byKey(a.rev, b.rev))
    .map(({ annotation, history: h }) => ({ annotation, history: h }));
  return {
    annotations: sorted,
    ...(keptHistory.length ? { history: Object.fromEntries(keptHistory) } : {}),
    ...(keptConflicts.length ? { conflicts: keptConflicts } : {}),
    ...(article ? { article: normaliseRecord(article) } : {}),
    ...(article && articleHistory?.length ? { articleHistory: [...new Set(articleHistory)].sort() } : {}),
    ...rest,
  };
}

/** Tags and collections are sets: one order, so equal records give equal revisions. */
export function normaliseRecord(r: ArticleRecord): ArticleRecord {
  return { ...r, tags: [...new Set(r.tags)].sort(byKey), collections: [...new Set(r.collections)].sort(byKey) };
}
