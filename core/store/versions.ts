import { GlossaError, type Annotation, type ArticleRecord } from '../model/index.js';
import { type AnnotationsDoc, normaliseDoc } from './annotations-file.js';
import { revisionOf, sortedSet } from './revisions.js';
import type { AnnotationConflict, ConflictState, SnapshotVersions } from './types.js';

/**
 * The merge's view of a file. Lists are copied, the records in them are not (a deep copy of
 * a large library costs more than the merge itself): callers treat them as read-only. The
 * cached file is never changed in place anyway — every write replaces it whole.
 */
export function versionsOf(doc: AnnotationsDoc, basis: number): SnapshotVersions {
  return {
    annotations: [...doc.annotations],
    history: { ...doc.history },
    conflicts: [...(doc.conflicts ?? [])],
    ...(doc.article ? { article: doc.article, articleHistory: [...(doc.articleHistory ?? [])] } : {}),
    basis,
  };
}

/** A file's content from a merge's result, in the one normalised layout. */
export function docOf(versions: Omit<SnapshotVersions, 'basis'>, rest: Partial<AnnotationsDoc> = {}): AnnotationsDoc {
  const article = versions.article ? { article: versions.article, articleHistory: versions.articleHistory ?? [] } : {};
  return normaliseDoc({ ...rest, annotations: versions.annotations, history: versions.history, conflicts: versions.conflicts, ...article });
}

/**
 * A local edit replaced `before` with `after`: the new version descends from the old one, so
 * its history gains the old revision. Returns the history to keep (undefined: none).
 */
export function historyAfterEdit<T extends Annotation | ArticleRecord>(
  history: readonly string[] | undefined,
  before: T | undefined,
  after: T,
): string[] | undefined {
  if (!before) return history ? [...history] : undefined;
  const previous = revisionOf(before);
  const next = revisionOf(after);
  if (previous === next) return history ? [...history] : undefined;
  return sortedSet(history ?? [], [previous]).filter((r) => r !== next);
}

const time = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
};

/** Conflicts of one file, grouped per annotation, kept versions newest first. */
export function conflictsOf(snapshotId: string, doc: AnnotationsDoc): AnnotationConflict[] {
  const byId = new Map<string, Annotation[]>();
  for (const c of doc.conflicts ?? []) {
    const list = byId.get(c.annotation.id) ?? [];
    list.push(c.annotation);
    byId.set(c.annotation.id, list);
  }
  const out: AnnotationConflict[] = [];
  for (const current of doc.annotations) {
    const others = byId.get(current.id);
    if (!others) continue;
    others.sort((a, b) => time(b.updatedAt) - time(a.updatedAt) || (revisionOf(a) < revisionOf(b) ? -1 : 1));
    out.push({ snapshotId, annotationId: current.id, current: structuredClone(current), others: structuredClone(others) });
  }
  return out;
}

/** What a conflict is, in a file: the version shown, its history, the versions kept beside it (the file's own records, read-only). */
export function conflictState(doc: AnnotationsDoc, snapshotId: string, id: string): ConflictState {
  const kept = (doc.conflicts ?? []).filter((c) => c.annotation.id === id);
  const current = doc.annotations.find((a) => a.id === id);
  if (!current || kept.length === 0) {
    throw new GlossaError('NOT_FOUND', `Annotation ${id} on snapshot ${snapshotId} has no conflict to resolve (it may have been resolved already).`);
  }
  return { annotation: current, history: doc.history?.[id] ?? [], kept };
}

/** The file after a person resolved the conflict `state` (from conflictState) with `resolution`: it supersedes every version that was kept. */
export function resolvedDoc(doc: AnnotationsDoc, resolution: Annotation, state: ConflictState): AnnotationsDoc {
  const id = resolution.id;
  const { annotation: current, kept } = state;
  const rev = revisionOf(resolution);
  const history = sortedSet(doc.history?.[id] ?? [], [revisionOf(current)], ...kept.map((c) => [revisionOf(c.annotation), ...c.history])).filter(
    (r) => r !== rev,
  );
  return normaliseDoc({
    ...doc,
    annotations: doc.annotations.map((a) => (a.id === id ? resolution : a)),
    history: { ...doc.history, [id]: history },
    conflicts: (doc.conflicts ?? []).filter((c) => c.annotation.id !== id),
  });
}

/**
 * The file with a resolved conflict open again, exactly as `before` was (undo of a
 * resolution). Only while the annotation is still the resolution: a later edit would be lost.
 */
export function reopenedDoc(doc: AnnotationsDoc, snapshotId: string, resolution: Annotation, before: ConflictState): AnnotationsDoc {
  const id = resolution.id;
  const current = doc.annotations.find((a) => a.id === id);
  if (before.annotation.id !== id || before.kept.some((c) => c.annotation.id !== id) || before.kept.length === 0) {
    throw new GlossaError('INVALID_INPUT', `The versions to bring back are not all versions of annotation ${id}. Nothing was changed.`);
  }
  if (!current || revisionOf(current) !== revisionOf(resolution)) {
    throw new GlossaError(
      'CONFLICT',
      `The annotation was changed after its conflict was resolved, so the conflict cannot come back without losing that change. Nothing was changed.`,
    );
  }
  if ((doc.conflicts ?? []).some((c) => c.annotation.id === id)) {
    throw new GlossaError('CONFLICT', `Annotation ${id} already has versions kept beside it. Nothing was changed.`);
  }
  const history = { ...doc.history };
  if (before.history.length) history[id] = [...before.history];
  else delete history[id];
  return normaliseDoc({
    ...doc,
    annotations: doc.annotations.map((a) => (a.id === id ? before.annotation : a)),
    history,
    conflicts: [...(doc.conflicts ?? []), ...before.kept],
  });
}
