/**
 * A new version of an article (recaptured URL, trimmed debris) carries the earlier version's
 * annotations over. Each copy gets a fresh id and a "previous-version" link to the one it came
 * from; the earlier version keeps its own, so nothing is ever dropped. Annotations that cannot
 * be placed in the new text stay on the earlier version and are reported as orphans.
 * Figures tagged on an image follow the image (by hash) into the new version's images,
 * whatever `place` says; an image the new version lost makes them orphans.
 */
import { randomUUID } from 'node:crypto';
import { type Annotation, type TextTarget } from '../model/index.js';
import { carriedIds, followCopies, PREVIOUS_VERSION_REL, placeImageTarget } from '../anchor/index.js';
import type { LibraryStore } from '../store/types.js';

export { placeTarget, PREVIOUS_VERSION_REL } from '../anchor/index.js';

export interface Carried {
  carried: number;
  /** `image`: set for a figure tagged on an image (its exact text is then empty). */
  orphans: { id: string; kind: Annotation['kind']; exact: string; reason: string; image?: NonNullable<TextTarget['image']> }[];
}

/** `place` finds an annotation's target in the new text, or says why it cannot. */
export async function carryAnnotations(
  library: LibraryStore,
  fromId: string,
  toId: string,
  place: (a: Annotation) => { target: TextTarget } | { reason: string },
): Promise<Carried> {
  const live = await library.listAnnotations(fromId);
  // Already carried (the same capture made twice): never copy an annotation twice.
  const already = new Set(
    (await library.listAnnotations(toId, { includeDeleted: true })).flatMap((a) =>
      a.links.filter((l) => l.rel === PREVIOUS_VERSION_REL).map((l) => l.annotationId),
    ),
  );
  const copies: Annotation[] = [];
  const orphans: Carried['orphans'] = [];
  const stamp = new Date().toISOString();
  // Read only when a figure on an image needs them.
  let target: { text: string; images: { hash: string; offset: number }[] } | null = null;
  const onImage = async (a: Annotation) => {
    if (!target) {
      const s = await library.getSnapshot(toId);
      target = { text: await library.blobs.getText(s.textHash), images: s.images };
    }
    return placeImageTarget(target.text, target.images, a.target);
  };
  for (const a of live) {
    if (already.has(a.id)) continue;
    const placed = a.target.image ? await onImage(a) : place(a);
    if ('reason' in placed) {
      orphans.push({ id: a.id, kind: a.kind, exact: a.target.quote.exact, reason: placed.reason, ...(a.target.image ? { image: a.target.image } : {}) });
      continue;
    }
    copies.push({
      ...a,
      id: randomUUID(),
      snapshotId: toId,
      target: placed.target,
      links: [...a.links, { rel: PREVIOUS_VERSION_REL, annotationId: a.id }],
      updatedAt: stamp,
    });
  }
  // Links between carried annotations follow them to their copies (a capture made twice
  // finds the earlier copies among the new version's annotations).
  const existing = await library.listAnnotations(toId, { includeDeleted: true });
  if (copies.length) await library.putAnnotations(toId, followCopies(copies, carriedIds([...existing, ...copies])));
  return { carried: copies.length, orphans };
}

/** Annotations of `fromId` that no annotation of `toId` came from: the orphans of a version step. */
export async function orphansBetween(library: LibraryStore, fromId: string, toId: string): Promise<Annotation[]> {
  const carried = new Set(
    (await library.listAnnotations(toId, { includeDeleted: true })).flatMap((a) =>
      a.links.filter((l) => l.rel === PREVIOUS_VERSION_REL).map((l) => l.annotationId),
    ),
  );
  return (await library.listAnnotations(fromId)).filter((a) => !carried.has(a.id));
}
