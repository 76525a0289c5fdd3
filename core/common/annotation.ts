/**
 * A human annotation as core creates one: no fields, tags, comment or links yet. The window
 * builds the one it shows while the save is under way with this, and the reader benchmark
 * builds its records the same way.
 */
import type { Annotation, AnnotationKind, TextTarget } from '../model/annotation.js';

export function blankAnnotation(id: string, snapshotId: string, kind: AnnotationKind, target: TextTarget, stamp = new Date().toISOString()): Annotation {
  return {
    id,
    snapshotId,
    kind,
    target,
    fields: {},
    tags: [],
    comment: '',
    links: [],
    origin: { type: 'human', detector: null, accepted: null },
    createdAt: stamp,
    updatedAt: stamp,
    deletedAt: null,
  };
}
