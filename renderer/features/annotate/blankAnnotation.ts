/**
 * A human annotation as core creates one: no fields, tags, comment or links yet. Plain
 * TypeScript (no React, no window), so the reader benchmark builds its records the same way
 * the reader builds its provisional ones.
 */
import type { Annotation, AnnotationKind, TextTarget } from '../../../core/model/index.js';

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
