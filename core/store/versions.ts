import { GlossaError, type Annotation } from '../model/index.js';
import { type AnnotationsDoc, normaliseDoc } from './annotations-file.js';
import { revisionOf, sortedSet } from './revisions.js';
import type { AnnotationConflict, SnapshotVersions } from './types.js';

/**
 * The merge's view of a file. Lists are copied, the records in them are not (a deep copy of
 * a large library costs more than the merge itself): callers treat them as read-only. The
 * cached file is never changed in place anyway — every write replaces it whole.
 */
export function versionsOf(doc: AnnotationsDoc, basis: number): SnapshotVersions {
  return { annotations: [...doc.annotations], history: { ...doc.history }, conflicts: [...(doc.conflicts ?? [])], basis };
}

/** A file's content from a merge's result, in the one normalised layout. */
export function docOf(versions: Omit<SnapshotVersions, 'basis'>, rest: Partial<AnnotationsDoc> = {}): AnnotationsDoc {
  return normaliseDoc({ ...rest, annotations: versions.annotations, history: versions.history, conflicts: versions.conflicts });
}

/**
 * A local edit replaced `before` with `after`: the new version descends from the old one, so
 * its history gains the old revision. Returns the history to keep (undefined: none).
 */
export function historyAfterEdit(history: readonly string[] | undefined, before: Annotation | undefined, after: Annotation): string[] | undefined {
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

/** The file after a person resolved the conflict of `resolution.id`: it supersedes every version that was kept. */
export function resolvedDoc(doc: AnnotationsDoc, snapshotId: string, resolution: Annotation): AnnotationsDoc {
  const id = resolution.id;
  const kept = (doc.conflicts ?? []).filter((c) => c.annotation.id === id);
  const current = doc.annotations.find((a) => a.id === id);
  if (!current || kept.length === 0) {
    throw new GlossaError('NOT_FOUND', `Annotation ${id} on snapshot ${snapshotId} has no conflict to resolve (it may have been resolved already).`);
  }
  const rev = revisionOf(resolution);
  const history = sortedSet(doc.history?.[id] ?? [], [revisionOf(current)], ...kept.map((c) => [revisionOf(c.annotation), ...c.history])).filter((r) => r !== rev);
  return normaliseDoc({
    ...doc,
    annotations: doc.annotations.map((a) => (a.id === id ? resolution : a)),
    history: { ...doc.history, [id]: history },
    conflicts: (doc.conflicts ?? []).filter((c) => c.annotation.id !== id),
  });
}
