import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Annotation, AnnotationFields, AnnotationKind, GlossaError } from '../model/index.js';
import { makeTarget } from '../text/selectors.js';
import { op, type Mutation } from './op.js';

const Ref = z.object({ snapshotId: z.string().min(1), id: z.string().min(1) });
const Patch = z.object({
  kind: AnnotationKind.optional(),
  fields: AnnotationFields.optional(),
  comment: z.string().max(100_000).optional(),
  tags: z.array(z.string()).optional(),
  /** Moving the span re-derives exact, prefix and suffix from the canonical text. */
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
});

const KIND_LABEL = { quote: 'quote', claim: 'claim', figure: 'figure', note: 'note' } as const;

async function canonicalText(ctx: Parameters<typeof listAnnotations.run>[0], snapshotId: string) {
  const snapshot = await ctx.library.getSnapshot(snapshotId);
  return ctx.library.blobs.getText(snapshot.textHash);
}

const now = () => new Date().toISOString();

export const listAnnotations = op(
  z.object({ snapshotId: z.string().min(1), includeDeleted: z.boolean().optional() }),
  async (ctx, { snapshotId, includeDeleted }) => ctx.library.listAnnotations(snapshotId, { includeDeleted }),
);

export const createAnnotation = op(
  z.object({
    snapshotId: z.string().min(1),
    kind: AnnotationKind,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    fields: AnnotationFields.optional(),
    comment: z.string().max(100_000).optional(),
    tags: z.array(z.string()).optional(),
  }),
  async (ctx, input): Promise<Mutation<Annotation>> => {
    const text = await canonicalText(ctx, input.snapshotId);
    const stamp = now();
    const annotation = Annotation.parse({
      id: randomUUID(),
      snapshotId: input.snapshotId,
      kind: input.kind,
      target: makeTarget(text, input.start, input.end),
      fields: input.fields ?? {},
      tags: input.tags ?? [],
      comment: input.comment ?? '',
      createdAt: stamp,
      updatedAt: stamp,
    });
    await ctx.library.putAnnotation(annotation);
    return {
      value: annotation,
      inverse: { op: 'deleteAnnotation', input: { snapshotId: annotation.snapshotId, id: annotation.id } },
      label: `tag ${KIND_LABEL[annotation.kind]}`,
    };
  },
);

export const updateAnnotation = op(Ref.extend({ patch: Patch }), async (ctx, { snapshotId, id, patch }): Promise<Mutation<Annotation>> => {
  const before = await ctx.library.getAnnotation(snapshotId, id);
  if (before.deletedAt) throw new GlossaError('NOT_FOUND', 'This annotation is in the trash; restore it before editing.');
  let target = before.target;
  if (patch.start !== undefined || patch.end !== undefined) {
    const text = await canonicalText(ctx, snapshotId);
    target = makeTarget(text, patch.start ?? before.target.position.start, patch.end ?? before.target.position.end);
  }
  // Merge fields so a patch of one field leaves the others alone; null clears a field.
  const fields = patch.fields ? { ...before.fields, ...patch.fields } : before.fields;
  const after: Annotation = {
    ...before,
    kind: patch.kind ?? before.kind,
    fields,
    comment: patch.comment ?? before.comment,
    tags: patch.tags ?? before.tags,
    target,
    updatedAt: now(),
  };
  await ctx.library.putAnnotation(after);
  // The inverse restores exactly what the patch touched.
  const undo: z.input<typeof Patch> = {};
  if (patch.kind) undo.kind = before.kind;
  if (patch.fields) undo.fields = Object.fromEntries(Object.keys(patch.fields).map((k) => [k, before.fields[k as keyof typeof before.fields] ?? null]));
  if (patch.comment !== undefined) undo.comment = before.comment;
  if (patch.tags) undo.tags = before.tags;
  if (target !== before.target) {
    undo.start = before.target.position.start;
    undo.end = before.target.position.end;
  }
  return { value: after, inverse: { op: 'updateAnnotation', input: { snapshotId, id, patch: undo } }, label: `edit ${KIND_LABEL[after.kind]}` };
});

const setDeleted = (deleted: boolean) =>
  op(Ref, async (ctx, { snapshotId, id }): Promise<Mutation<Annotation>> => {
    const before = await ctx.library.getAnnotation(snapshotId, id);
    const after: Annotation = { ...before, deletedAt: deleted ? now() : null, updatedAt: now() };
    await ctx.library.putAnnotation(after);
    return {
      value: after,
      inverse: { op: deleted ? 'restoreAnnotation' : 'deleteAnnotation', input: { snapshotId, id } },
      label: `${deleted ? 'delete' : 'restore'} ${KIND_LABEL[after.kind]}`,
    };
  });

/** Delete is a tombstone: the annotation moves to the trash and a merge carries the deletion. */
export const deleteAnnotation = setDeleted(true);
export const restoreAnnotation = setDeleted(false);
