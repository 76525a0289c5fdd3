import { z } from 'zod';
import { Annotation } from '../model/index.js';
import { DurableJSONFile } from './durable-file.js';
import { ANNOTATIONS_RECOVERY } from './index-file.js';

/** snapshots/<id>/annotations.json: one small lowdb file per snapshot. */
export const AnnotationsDoc = z.looseObject({ annotations: z.array(Annotation) });
export type AnnotationsDoc = z.infer<typeof AnnotationsDoc>;

export const annotationsAdapter = (file: string) =>
  new DurableJSONFile<AnnotationsDoc>(file, { validate: (d) => AnnotationsDoc.parse(d), recovery: ANNOTATIONS_RECOVERY, space: 2 });

/** Text order: start, then end, then creation; the id makes the order total. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  const pa = a.target.position;
  const pb = b.target.position;
  return (
    pa.start - pb.start ||
    pa.end - pb.end ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
