/**
 * Carries one version's annotations onto the text of the next. Each placed annotation becomes
 * a copy with a fresh id (the original stays on the earlier version, and one id in two
 * snapshots would clash in bundles and links), a new target built by makeTarget, and a
 * "previous-version" link to the original. What cannot be placed comes back as an orphan with
 * its text and the reason; nothing is dropped.
 */
import type { Annotation, TextTarget } from '../model/annotation.js';
import { type AnchorHow, type PlaceOptions, placeTarget } from './anchor.js';

/** Link from a carried copy to the annotation it came from (the same rel core/ingest/versions.ts writes). */
export const PREVIOUS_VERSION_REL = 'previous-version';

export interface ReanchorOptions extends PlaceOptions {
  /** The new version's snapshot id for the copies; by default they keep the original's. */
  snapshotId?: string;
  /** Id for the copy of `original`; by default a random UUID. */
  newId?: (original: Annotation) => string;
  /** `updatedAt` of the copies (ISO 8601); by default now. */
  now?: string;
}

export interface ReanchorResult {
  /** `annotation` is the copy on the new text; `from` is the target it had on the old one. */
  placed: { annotation: Annotation; from: TextTarget; how: AnchorHow; score: number }[];
  /** The originals that found no trustworthy place, unchanged, with a reason a person can read. */
  orphans: { annotation: Annotation; reason: string }[];
}

/**
 * The annotations of the old version (pass the live ones) → copies targeted on `newText`.
 * Links between annotations of the batch follow the copies' new ids when both ends are placed.
 */
export function reanchorAll(annotations: Annotation[], newText: string, opts: ReanchorOptions = {}): ReanchorResult {
  const newId = opts.newId ?? (() => globalThis.crypto.randomUUID());
  const now = opts.now ?? new Date().toISOString();
  const placed: ReanchorResult['placed'] = [];
  const orphans: ReanchorResult['orphans'] = [];
  const renamed = new Map<string, string>();
  for (const a of annotations) {
    const found = placeTarget(newText, a.target, opts);
    if ('reason' in found) {
      orphans.push({ annotation: a, reason: found.reason });
      continue;
    }
    const id = newId(a);
    renamed.set(a.id, id);
    placed.push({
      annotation: {
        ...a,
        id,
        snapshotId: opts.snapshotId ?? a.snapshotId,
        target: found.target,
        links: [...a.links, { rel: PREVIOUS_VERSION_REL, annotationId: a.id }],
        updatedAt: now,
      },
      from: a.target,
      how: found.how,
      score: found.score,
    });
  }
  const followed = followCopies(
    placed.map((p) => p.annotation),
    renamed,
  );
  placed.forEach((p, i) => (p.annotation = followed[i]!));
  return { placed, orphans };
}

/** Original id → the id of its copy, read from the copies' "previous-version" links. */
export function carriedIds(copies: readonly Annotation[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of copies) for (const l of c.links) if (l.rel === PREVIOUS_VERSION_REL) out.set(l.annotationId, c.id);
  return out;
}

/**
 * The copies with their links between annotations pointing at the copies (`renamed`: original
 * id → copy id) instead of the earlier version's annotations; a link to an annotation that was
 * not carried keeps pointing at the original, and "previous-version" links are left alone.
 */
export function followCopies(copies: readonly Annotation[], renamed: ReadonlyMap<string, string>): Annotation[] {
  return copies.map((c) => {
    if (!c.links.some((l) => l.rel !== PREVIOUS_VERSION_REL && renamed.has(l.annotationId))) return c;
    return {
      ...c,
      links: c.links.map((l) => (l.rel !== PREVIOUS_VERSION_REL && renamed.has(l.annotationId) ? { ...l, annotationId: renamed.get(l.annotationId)! } : l)),
    };
  });
}
