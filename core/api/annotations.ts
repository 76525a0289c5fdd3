import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KIND_NAME } from '../common/kinds.js';
import { undoLabel } from '../common/undo-labels.js';
import { checkRect, imageTarget, imageTargetProblem } from '../anchor/image.js';
import { checkFigureRelations, type FigureInput } from '../figures/relations.js';
import { parseFigure, type ParsedFigure } from '../figures/parse.js';
import {
  Annotation,
  AnnotationFields,
  AnnotationKind,
  type Evidence,
  GlossaError,
  ImageRect,
  ImageSelector,
  MAX_VERDICT_CHANGES,
  Verdict,
  type VerdictChange,
} from '../model/index.js';
import { findInText } from '../text/find.js';
import { moveEdge } from '../text/navigate.js';
import { makeTarget, verifyTarget } from '../text/selectors.js';
import { currentAuthor, signedChange } from './author.js';
import type { Context } from './context.js';
import { op, type Mutation } from './op.js';

const Ref = z.object({ snapshotId: z.string().min(1), id: z.string().min(1) });
const Link = z.object({ rel: z.string().min(1), annotationId: z.string().min(1) });
const Patch = z.object({
  kind: AnnotationKind.optional(),
  fields: AnnotationFields.optional(),
  comment: z.string().max(100_000).optional(),
  tags: z.array(z.string()).optional(),
  /** Moving the span re-derives exact, prefix and suffix from the canonical text. */
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
  /** Replaces the links (annotation → annotation relations) as a whole. */
  links: z.array(Link).optional(),
  /** Whether a person accepted a suggested annotation (origin.accepted). */
  accepted: z.boolean().nullable().optional(),
  /** A figure on an image: its area (fractions of the image), or null for the whole image. */
  imageRect: ImageRect.nullable().optional(),
});
type Patch = z.output<typeof Patch>;

/**
 * Relations a person may draw between two annotations of one article (links are stored on
 * the first: "this figure supports that claim"). "previous-version" is written by capture.
 */
const LINK_RELS = ['supports', 'contradicts', 'contains', 'about'] as const;

async function canonicalText(ctx: Context, snapshotId: string) {
  const snapshot = await ctx.library.getSnapshot(snapshotId);
  return ctx.library.blobs.getText(snapshot.textHash);
}

const now = () => new Date().toISOString();

const historyOf = (a: Annotation): VerdictChange[] => a.fields.verdictHistory ?? [];

async function patchAnnotation(ctx: Context, snapshotId: string, id: string, patch: Patch, label?: string): Promise<Mutation<Annotation>> {
  const before = await ctx.library.getAnnotation(snapshotId, id);
  if (before.deletedAt) throw new GlossaError('NOT_FOUND', 'This annotation is in the trash; restore it before editing.');
  let target = before.target;
  if (patch.start !== undefined || patch.end !== undefined) {
    if (before.target.image)
      throw new GlossaError('INVALID_INPUT', `This ${KIND_NAME[before.kind]} is tagged on an image, not on words: change its area instead.`);
    const text = await canonicalText(ctx, snapshotId);
    target = makeTarget(text, patch.start ?? before.target.position.start, patch.end ?? before.target.position.end);
  }
  if (patch.imageRect !== undefined) {
    if (!before.target.image) throw new GlossaError('INVALID_INPUT', `This ${KIND_NAME[before.kind]} is tagged on words, not on an image: it has no area.`);
    const rect = checkRect(patch.imageRect);
    target = { ...target, image: { hash: before.target.image.hash, rect: rect && { ...rect } } };
  }
  // Merge fields so a patch of one field leaves the others alone; null clears a field.
  let fields = patch.fields ? { ...before.fields, ...patch.fields } : before.fields;
  // An empty history is no history: stored absent, so undoing the first verdict gives back the fields exactly.
  if (patch.fields?.verdictHistory?.length === 0) {
    const { verdictHistory: _, ...rest } = fields;
    fields = rest;
  }
  const after: Annotation = signedChange(
    {
      ...before,
      kind: patch.kind ?? before.kind,
      fields,
      comment: patch.comment ?? before.comment,
      tags: patch.tags ?? before.tags,
      links: patch.links ?? before.links,
      origin: patch.accepted !== undefined ? { ...before.origin, accepted: patch.accepted } : before.origin,
      target,
      updatedAt: now(),
    },
    await currentAuthor(ctx),
  );
  await ctx.library.putAnnotation(after);
  // The inverse restores exactly what the patch touched.
  const undo: Patch = {};
  if (patch.kind) undo.kind = before.kind;
  if (patch.fields) {
    const given = patch.fields as Record<string, unknown>;
    // Lists (evidence, verdict history) are not nullable: an absent one comes back empty.
    undo.fields = Object.fromEntries(
      Object.keys(given).map((k) => [k, before.fields[k as keyof typeof before.fields] ?? (Array.isArray(given[k]) ? [] : null)]),
    ) as Patch['fields'];
  }
  if (patch.comment !== undefined) undo.comment = before.comment;
  if (patch.tags) undo.tags = before.tags;
  if (patch.links) undo.links = before.links;
  if (patch.accepted !== undefined) undo.accepted = before.origin.accepted;
  if (patch.imageRect !== undefined) undo.imageRect = before.target.image?.rect ?? null;
  else if (target !== before.target) {
    undo.start = before.target.position.start;
    undo.end = before.target.position.end;
  }
  return { value: after, inverse: { op: 'updateAnnotation', input: { snapshotId, id, patch: undo } }, label: label ?? undoLabel('edit', { kind: after.kind }) };
}

/** value, unit and qualifier read from a figure's text and the words around it. */
function readFigure(text: string, start: number, end: number, locale?: string | null): ParsedFigure {
  return parseFigure(text.slice(start, end), {
    before: text.slice(Math.max(0, start - 160), start),
    after: text.slice(end, end + 160),
    locale: locale ?? undefined,
  });
}

export const listAnnotations = op(
  z.object({ snapshotId: z.string().min(1), includeDeleted: z.boolean().optional() }),
  async (ctx, { snapshotId, includeDeleted }) => ctx.library.listAnnotations(snapshotId, { includeDeleted }),
);

/** A client-minted id must be new: creating never overwrites an annotation, deleted or not. */
async function refuseTakenId(ctx: Context, snapshotId: string, id: string): Promise<void> {
  const existing = await ctx.library.listAnnotations(snapshotId, { includeDeleted: true });
  if (existing.some((a) => a.id === id)) throw new GlossaError('CONFLICT', `An annotation with id ${id} already exists on this snapshot; nothing was saved.`);
}

export const createAnnotation = op(
  z.object({
    /**
     * The window mints the id (a UUID) so an annotation keeps one identity from the moment it
     * is shown; scripts may leave it out and core mints one.
     */
    id: z.uuid().optional(),
    snapshotId: z.string().min(1),
    kind: AnnotationKind,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    fields: AnnotationFields.optional(),
    comment: z.string().max(100_000).optional(),
    tags: z.array(z.string()).optional(),
    /** Figures: fill value, unit and qualifier from the tagged text where it reads as a number. */
    prefill: z.boolean().optional(),
    /**
     * Tags an image of the snapshot (a chart) instead of words: the whole image (rect null)
     * or an area of it. The target then stands at the image (the one nearest `start` when it
     * appears twice), with an empty quote.
     */
    image: ImageSelector.optional(),
  }),
  async (ctx, input): Promise<Mutation<Annotation>> => {
    const snapshot = await ctx.library.getSnapshot(input.snapshotId);
    const text = await ctx.library.blobs.getText(snapshot.textHash);
    const target = input.image ? imageTarget(text, snapshot.images, input.image, input.start) : makeTarget(text, input.start, input.end);
    let fields = input.fields ?? {};
    if (input.prefill && input.kind === 'figure' && !input.image) {
      const read = readFigure(text, input.start, input.end, snapshot.lang);
      if (read.value !== null) fields = { value: read.value, unit: read.unit, qualifier: read.qualifier, ...fields };
    }
    if (input.id) await refuseTakenId(ctx, input.snapshotId, input.id);
    const stamp = now();
    const author = await currentAuthor(ctx);
    const annotation = Annotation.parse({
      ...(author ? { createdBy: author, modifiedBy: author } : {}),
      id: input.id ?? randomUUID(),
      snapshotId: input.snapshotId,
      kind: input.kind,
      target,
      fields,
      tags: input.tags ?? [],
      comment: input.comment ?? '',
      createdAt: stamp,
      updatedAt: stamp,
    });
    await ctx.library.putAnnotation(annotation);
    return {
      value: annotation,
      inverse: { op: 'deleteAnnotation', input: { snapshotId: annotation.snapshotId, id: annotation.id } },
      label: undoLabel('tag', { kind: annotation.kind }),
    };
  },
);

export const updateAnnotation = op(Ref.extend({ patch: Patch }), async (ctx, { snapshotId, id, patch }) => patchAnnotation(ctx, snapshotId, id, patch));

const setDeleted = (deleted: boolean) =>
  op(Ref, async (ctx, { snapshotId, id }): Promise<Mutation<Annotation>> => {
    const before = await ctx.library.getAnnotation(snapshotId, id);
    const after: Annotation = signedChange({ ...before, deletedAt: deleted ? now() : null, updatedAt: now() }, await currentAuthor(ctx));
    await ctx.library.putAnnotation(after);
    return {
      value: after,
      inverse: { op: deleted ? 'restoreAnnotation' : 'deleteAnnotation', input: { snapshotId, id } },
      label: undoLabel(deleted ? 'delete' : 'restore', { kind: after.kind }),
    };
  });

/** Delete is a tombstone: the annotation moves to the trash and a merge carries the deletion. */
export const deleteAnnotation = setDeleted(true);
export const restoreAnnotation = setDeleted(false);

/**
 * Extends or shrinks a tagged span by one word (or the punctuation touching it) at either
 * end; exact, prefix and suffix are derived again. A move that cannot happen changes nothing.
 */
export const resizeAnnotation = op(
  Ref.extend({ edge: z.enum(['start', 'end']), direction: z.enum(['grow', 'shrink']) }),
  async (ctx, { snapshotId, id, edge, direction }): Promise<Mutation<Annotation>> => {
    const before = await ctx.library.getAnnotation(snapshotId, id);
    if (before.target.image)
      throw new GlossaError('INVALID_INPUT', `This ${KIND_NAME[before.kind]} is tagged on an image, not on words: it has no words to add or take away.`);
    const text = await canonicalText(ctx, snapshotId);
    const moved = moveEdge(text, before.target.position, edge, direction);
    if (moved.start === before.target.position.start && moved.end === before.target.position.end) {
      throw new GlossaError(
        'INVALID_INPUT',
        direction === 'grow'
          ? `The ${KIND_NAME[before.kind]} already reaches the ${edge === 'end' ? 'end' : 'start'} of the text.`
          : `The ${KIND_NAME[before.kind]} cannot get shorter: one word is left.`,
      );
    }
    return patchAnnotation(ctx, snapshotId, id, moved, undoLabel(direction === 'grow' ? 'extend' : 'shrink', { kind: before.kind }));
  },
);

/** Adds and removes codebook tags on an annotation (tags unknown to the codebook are refused). */
export const setAnnotationTags = op(
  Ref.extend({ add: z.array(z.string().min(1)).default([]), remove: z.array(z.string().min(1)).default([]) }),
  async (ctx, { snapshotId, id, add, remove }): Promise<Mutation<Annotation>> => {
    const codebook = ctx.library.listCodebook();
    const names = new Map(codebook.map((t) => [t.id, t.name]));
    const unknown = add.find((t) => !names.has(t));
    if (unknown) throw new GlossaError('NOT_FOUND', `There is no tag ${unknown} in the codebook; it may have been deleted.`);
    const before = await ctx.library.getAnnotation(snapshotId, id);
    const tags = [...before.tags.filter((t) => !remove.includes(t)), ...add.filter((t) => !before.tags.includes(t) && !remove.includes(t))];
    const named = (ids: string[]) => ids.map((t) => names.get(t) ?? t);
    const label = add.length ? undoLabel('tagWith', { kind: before.kind, names: named(add) }) : undoLabel('untag', { kind: before.kind, names: named(remove) });
    return patchAnnotation(ctx, snapshotId, id, { tags }, label);
  },
);

/** Sets a claim's verdict and adds the change, dated, to its history. */
export const setVerdict = op(
  Ref.extend({ verdict: Verdict.nullable(), note: z.string().max(10_000).default('') }),
  async (ctx, { snapshotId, id, verdict, note }): Promise<Mutation<Annotation>> => {
    const before = await ctx.library.getAnnotation(snapshotId, id);
    if (before.kind !== 'claim') throw new GlossaError('INVALID_INPUT', `Only claims have a verdict; this is a ${before.kind}.`);
    const history = historyOf(before);
    // A verdict set before history was kept enters the history with the date the claim was last edited.
    const seed: VerdictChange[] = history.length === 0 && before.fields.verdict ? [{ verdict: before.fields.verdict, at: before.updatedAt, note: '' }] : [];
    const verdictHistory = [...seed, ...history, { verdict, at: now(), note: note.trim() }];
    if (verdictHistory.length > MAX_VERDICT_CHANGES) {
      throw new GlossaError(
        'INVALID_INPUT',
        `This claim already has ${history.length} verdict changes, the most one claim keeps (${MAX_VERDICT_CHANGES}); the verdict was not changed.`,
      );
    }
    return patchAnnotation(ctx, snapshotId, id, { fields: { verdict, verdictHistory } }, undoLabel('setVerdict'));
  },
);

const EvidenceInput = z.object({
  url: z.string().max(8192).nullable().optional(),
  snapshotId: z.string().nullable().optional(),
  annotationId: z.string().nullable().optional(),
  note: z.string().max(10_000).optional(),
});

/**
 * Replaces a claim's evidence list. Each item is a web address (http or https) or a link to
 * an annotation of a snapshot in this library, with a note.
 */
export const setEvidence = op(Ref.extend({ evidence: z.array(EvidenceInput).max(500) }), async (ctx, { snapshotId, id, evidence }) => {
  const before = await ctx.library.getAnnotation(snapshotId, id);
  if (before.kind !== 'claim') throw new GlossaError('INVALID_INPUT', `Only claims carry evidence; this is a ${before.kind}.`);
  const items: z.output<typeof Evidence>[] = [];
  for (const [i, e] of evidence.entries()) {
    const url = e.url?.trim() || null;
    const note = e.note?.trim() ?? '';
    if (url) {
      let parsed: URL | null = null;
      try {
        parsed = new URL(url);
      } catch {
        parsed = null;
      }
      if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
        throw new GlossaError('INVALID_INPUT', `Evidence ${i + 1}: “${url.slice(0, 80)}” is not a web address. Write it in full, starting with https://.`);
      }
      items.push({ url: parsed.href, snapshotId: null, annotationId: null, note });
    } else if (e.snapshotId) {
      if (!ctx.library.hasSnapshot(e.snapshotId))
        throw new GlossaError('NOT_FOUND', `Evidence ${i + 1} points at snapshot ${e.snapshotId}, which is not in this library.`);
      if (e.annotationId) await ctx.library.getAnnotation(e.snapshotId, e.annotationId);
      items.push({ url: null, snapshotId: e.snapshotId, annotationId: e.annotationId ?? null, note });
    } else if (note) {
      items.push({ url: null, snapshotId: null, annotationId: null, note });
    } else {
      throw new GlossaError('INVALID_INPUT', `Evidence ${i + 1} is empty: give a web address, a linked annotation or a note.`);
    }
  }
  return patchAnnotation(ctx, snapshotId, id, { fields: { evidence: items } }, undoLabel('editEvidence'));
});

/** Adds a link from one annotation to another of the same snapshot ("this figure supports that claim"). */
export const addLink = op(Ref.extend({ rel: z.enum(LINK_RELS), targetId: z.string().min(1) }), async (ctx, { snapshotId, id, rel, targetId }) => {
  if (targetId === id) throw new GlossaError('INVALID_INPUT', 'An annotation cannot be linked to itself.');
  const [before, target] = await Promise.all([ctx.library.getAnnotation(snapshotId, id), ctx.library.getAnnotation(snapshotId, targetId)]);
  if (target.deletedAt) throw new GlossaError('NOT_FOUND', 'That annotation is in the trash; restore it before linking to it.');
  if (before.links.some((l) => l.rel === rel && l.annotationId === targetId)) {
    throw new GlossaError('INVALID_INPUT', `This ${KIND_NAME[before.kind]} already ${rel} that ${KIND_NAME[target.kind]}.`);
  }
  return patchAnnotation(
    ctx,
    snapshotId,
    id,
    { links: [...before.links, { rel, annotationId: targetId }] },
    undoLabel('link', { kind: before.kind, other: target.kind }),
  );
});

export const removeLink = op(Ref.extend({ rel: z.string().min(1), targetId: z.string().min(1) }), async (ctx, { snapshotId, id, rel, targetId }) => {
  const before = await ctx.library.getAnnotation(snapshotId, id);
  const links = before.links.filter((l) => !(l.rel === rel && l.annotationId === targetId));
  if (links.length === before.links.length) throw new GlossaError('NOT_FOUND', 'That link is not there any more.');
  return patchAnnotation(ctx, snapshotId, id, { links }, undoLabel('unlink', { kind: before.kind }));
});

/** Deleted annotations (of one snapshot, or the whole library), most recently deleted first. */
export const listTrash = op(z.object({ snapshotId: z.string().min(1).optional() }), async (ctx, { snapshotId }) => {
  const rows = ctx.library.listSnapshots().filter((r) => !snapshotId || r.id === snapshotId);
  if (snapshotId && rows.length === 0) throw new GlossaError('NOT_FOUND', `There is no snapshot ${snapshotId} in this library.`);
  const out: { snapshotId: string; snapshotTitle: string; annotation: Annotation }[] = [];
  for (const row of rows) {
    for (const a of await ctx.library.listAnnotations(row.id, { includeDeleted: true })) {
      if (a.deletedAt) out.push({ snapshotId: row.id, snapshotTitle: row.title, annotation: a });
    }
  }
  return out.sort((a, b) => (b.annotation.deletedAt ?? '').localeCompare(a.annotation.deletedAt ?? ''));
});

/**
 * Find in one snapshot: places in its text (forgiving about case, spaces and quote marks;
 * "start … end" finds a passage by its two ends) and annotations whose text, fields or
 * comment contain the query.
 */
export const searchSnapshot = op(
  z.object({ snapshotId: z.string().min(1), query: z.string().max(10_000), limit: z.number().int().min(1).max(5000).default(500) }),
  async (ctx, { snapshotId, query, limit }) => {
    const text = await canonicalText(ctx, snapshotId);
    const matches = findInText(text, query, limit);
    const needle = query.trim().toLocaleLowerCase();
    const annotations = needle
      ? (await ctx.library.listAnnotations(snapshotId))
          .filter((a) =>
            [a.target.quote.exact, a.comment, ...Object.values(a.fields).filter((v) => typeof v === 'string' || typeof v === 'number')].some((v) =>
              String(v).toLocaleLowerCase().includes(needle),
            ),
          )
          .map((a) => a.id)
      : [];
    return { matches, annotations };
  },
);

/**
 * Figures of one snapshot: what each tagged text reads as (for the editor to offer), and
 * where figures depend on each other (a ratio, a total, a change), whether they agree.
 */
export const analyseFigures = op(z.object({ snapshotId: z.string().min(1) }), async (ctx, { snapshotId }) => {
  const snapshot = await ctx.library.getSnapshot(snapshotId);
  const text = await ctx.library.blobs.getText(snapshot.textHash);
  const figures = (await ctx.library.listAnnotations(snapshotId)).filter((a) => a.kind === 'figure');
  const readings: Record<string, { value: number | null; unit: string | null; qualifier: string | null; period: string | null }> = {};
  const inputs: FigureInput[] = [];
  for (const a of figures) {
    const { start, end } = a.target.position;
    const read = readFigure(text, start, end, snapshot.lang);
    readings[a.id] = { value: read.value, unit: read.unit, qualifier: read.qualifier, period: read.period };
    // What the researcher entered wins over what the text reads as.
    const value = a.fields.value ?? read.value;
    inputs.push({ id: a.id, value, unit: a.fields.unit ?? read.unit, qualifier: a.fields.qualifier ?? read.qualifier, exact: a.target.quote.exact, start });
  }
  return { readings, relations: checkFigureRelations(inputs, text) };
});

/**
 * Accept: a figure takes the value, unit, qualifier and period read from its text into the
 * fields still empty; a suggested annotation is marked as accepted by a person.
 */
export const acceptAnnotation = op(Ref, async (ctx, { snapshotId, id }): Promise<Mutation<Annotation>> => {
  const before = await ctx.library.getAnnotation(snapshotId, id);
  const fields: Partial<AnnotationFields> = {};
  if (before.kind === 'figure') {
    const snapshot = await ctx.library.getSnapshot(snapshotId);
    const text = await ctx.library.blobs.getText(snapshot.textHash);
    const read = readFigure(text, before.target.position.start, before.target.position.end, snapshot.lang);
    for (const key of ['value', 'unit', 'qualifier', 'period'] as const) {
      const v = read[key];
      if (v !== null && (before.fields[key] === null || before.fields[key] === undefined)) (fields as Record<string, unknown>)[key] = v;
    }
  }
  const suggested = before.origin.type === 'suggested' && before.origin.accepted !== true;
  if (!suggested && Object.keys(fields).length === 0) {
    throw new GlossaError(
      'INVALID_INPUT',
      before.kind === 'figure'
        ? 'Nothing to accept: every field the text gives is filled in already.'
        : 'Nothing to accept: this annotation was not suggested.',
    );
  }
  return patchAnnotation(ctx, snapshotId, id, { fields, ...(suggested ? { accepted: true } : {}) }, undoLabel('accept', { annotations: [before.kind] }));
});

/**
 * Annotations of this snapshot whose target no longer holds in its text (a damaged file, a
 * bundle from an edited copy). They are listed with their text, never dropped; a person
 * places them again (updateAnnotation with start and end) or deletes them.
 */
export const listUnanchored = op(z.object({ snapshotId: z.string().min(1) }), async (ctx, { snapshotId }) => {
  const snapshot = await ctx.library.getSnapshot(snapshotId);
  const text = await ctx.library.blobs.getText(snapshot.textHash);
  return (
    (await ctx.library.listAnnotations(snapshotId))
      // A figure on an image holds while its image stands where it says.
      .filter((a) => (a.target.image ? imageTargetProblem(text, snapshot.images, a.target) !== null : !verifyTarget(text, a.target)))
      .map((a) => {
        if (a.target.image) return { annotation: a, suggestion: null };
        // Where the quote occurs now, if it does exactly once: offered as the place to re-attach it.
        const found = findInText(text, a.target.quote.exact, 2);
        return { annotation: a, suggestion: found.length === 1 ? found[0]! : null };
      })
  );
});

/** Titles and texts of annotations named by evidence or links, for showing them; missing ones say so. */
export const resolveAnnotationRefs = op(
  z.object({ refs: z.array(z.object({ snapshotId: z.string().min(1), annotationId: z.string().nullable() })).max(1000) }),
  async (ctx, { refs }) => {
    const out = [];
    for (const ref of refs) {
      if (!ctx.library.hasSnapshot(ref.snapshotId)) {
        out.push({ ...ref, found: false as const });
        continue;
      }
      const row = ctx.library.listSnapshots().find((r) => r.id === ref.snapshotId)!;
      const a = ref.annotationId ? await ctx.library.getAnnotation(ref.snapshotId, ref.annotationId).catch(() => null) : null;
      out.push({
        ...ref,
        found: true as const,
        snapshotTitle: row.title,
        kind: a?.kind ?? null,
        exact: a?.target.quote.exact ?? null,
        deleted: a ? a.deletedAt !== null : false,
      });
    }
    return out;
  },
);
