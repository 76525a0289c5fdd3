/**
 * Suggestions (issue 14): the machine reads an article first and a person decides. Each
 * suggestion is saved as an ordinary annotation with origin type 'suggested' (detector,
 * version, confidence; accepted null while it waits for review). Accepting marks it
 * accepted; rejecting marks it rejected and moves it to the trash, where it is remembered so
 * it is never offered again for that snapshot. Detection runs in the context's worker.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KIND_NAME } from '../common/kinds.js';
import { undoLabel } from '../common/undo-labels.js';
import { Annotation, AnnotationFields, GlossaError } from '../model/index.js';
import { filterSuggestions, rejectionKey } from '../suggest/filter.js';
import { SUGGEST_KINDS, type SuggestKind, type Suggestion } from '../suggest/types.js';
import { makeTarget } from '../text/selectors.js';
import { currentAuthor, signedChange } from './author.js';
import type { Context, Suggester } from './context.js';
import { op, type Mutation } from './op.js';

const Kinds = z
  .array(z.enum(SUGGEST_KINDS as readonly [SuggestKind, ...SuggestKind[]]))
  .min(1, 'choose at least one kind to suggest: quote, figure or claim (or leave kinds out for all three)')
  .optional();

/** Most annotations one review names: far beyond an article's suggestions, bounded so one call stays one small write. */
const MAX_REVIEW = 5000;
/** Most articles one preview reads. */
const MAX_PREVIEW = 1000;

/** A suggestion as the command line and scripts see it: the detector as "name@version". */
export interface SuggestionOut {
  snapshotId: string;
  kind: SuggestKind;
  start: number;
  end: number;
  exact: string;
  fields: Suggestion['fields'];
  confidence: number;
  detector: string;
}

const detectorName = (s: Suggestion) => `${s.detector.name}@${s.detector.version}`;

function suggesterOf(ctx: Context): Suggester {
  if (!ctx.suggest) throw new GlossaError('UNAVAILABLE', 'Suggestions are not available here: the suggestion worker was not started with the library.');
  return ctx.suggest;
}

/**
 * The snapshot and its text. Too long a text is refused by the worker (TOO_LARGE, with its
 * length and the limit); the limit is not imported here, because core/suggest/suggest.ts
 * loads the NLP model, which belongs in the worker, not in this thread.
 */
async function readArticle(ctx: Context, snapshotId: string) {
  if (!ctx.library.hasSnapshot(snapshotId)) throw new GlossaError('NOT_FOUND', `There is no snapshot ${snapshotId} in this library; nothing was suggested.`);
  const snapshot = await ctx.library.getSnapshot(snapshotId);
  return { snapshot, text: await ctx.library.blobs.getText(snapshot.textHash) };
}

async function detect(ctx: Context, snapshotId: string, kinds: SuggestKind[] | undefined) {
  const { snapshot, text } = await readArticle(ctx, snapshotId);
  const found = await suggesterOf(ctx).suggest(text, {
    ...(kinds ? { kinds } : {}),
    speakers: ctx.library.listSpeakers(),
    snapshotId,
    blocks: snapshot.blocks,
  });
  return { text, found };
}

/** Only annotation fields are stored: the registry match (`registered`) is the detector's note, not a field. */
function fieldsOf(s: Suggestion): AnnotationFields {
  const { registered: _, ...rest } = s.fields;
  const kept = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return AnnotationFields.parse(kept);
}

/**
 * Runs one Suggest per snapshot at a time: two at once (a double click, the CLI beside the
 * window) would both read the annotations before either saved, and save every suggestion twice.
 */
const running = new Map<string, Promise<unknown>>();
function oneAtATime<T>(snapshotId: string, run: () => Promise<T>): Promise<T> {
  const next = (running.get(snapshotId) ?? Promise.resolve()).then(run, run);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  running.set(snapshotId, settled);
  void settled.then(() => {
    if (running.get(snapshotId) === settled) running.delete(snapshotId);
  });
  return next;
}

const isSuggested = (a: Annotation) => a.origin.type === 'suggested';
const isPending = (a: Annotation) => isSuggested(a) && a.origin.accepted === null && a.deletedAt === null;

const keyOf = (a: Annotation) =>
  rejectionKey({ kind: a.kind as SuggestKind, start: a.target.position.start, end: a.target.position.end, exact: a.target.quote.exact });

// ---- the undo step of every suggestion operation ----------------------------------------------

/** What review and suggest change on a suggested annotation: put back as it was by the inverse. */
const SuggestionState = z.object({
  id: z.string().min(1),
  accepted: z.boolean().nullable(),
  deleted: z.boolean(),
  /** The fields as a whole (review with an edit changes them). */
  fields: AnnotationFields.optional(),
});
type SuggestionState = z.output<typeof SuggestionState>;

function stateOf(a: Annotation, withFields: boolean): SuggestionState {
  return { id: a.id, accepted: a.origin.accepted, deleted: a.deletedAt !== null, ...(withFields ? { fields: a.fields } : {}) };
}

/**
 * Sets suggested annotations' review state (accepted, in the trash, fields) in one write and
 * returns the states that put them back: the undo and redo of suggest and review. Only
 * suggestions: a person's annotation is never changed here.
 */
async function applyStates(
  ctx: Context,
  snapshotId: string,
  states: readonly SuggestionState[],
  label: string,
): Promise<Mutation<{ annotations: Annotation[] }>> {
  if (new Set(states.map((s) => s.id)).size !== states.length) throw new GlossaError('INVALID_INPUT', 'An annotation is named twice; nothing was changed.');
  const stamp = new Date().toISOString();
  // A review is a person's change: it is signed (the detector's suggestion itself never is).
  const author = await currentAuthor(ctx);
  const before: Annotation[] = [];
  const after: Annotation[] = [];
  for (const state of states) {
    const a = await ctx.library.getAnnotation(snapshotId, state.id);
    if (!isSuggested(a)) throw new GlossaError('INVALID_INPUT', `Annotation ${a.id} was made by a person, not suggested; nothing was changed.`);
    before.push(a);
    const deletedAt = state.deleted ? (a.deletedAt ?? stamp) : null;
    after.push(
      signedChange({ ...a, fields: state.fields ?? a.fields, origin: { ...a.origin, accepted: state.accepted }, deletedAt, updatedAt: stamp }, author),
    );
  }
  await ctx.library.putAnnotations(snapshotId, after);
  return {
    value: { annotations: after },
    inverse: { op: 'setSuggestionStates', input: { snapshotId, states: before.map((a, i) => stateOf(a, states[i]!.fields !== undefined)), label } },
    label,
  };
}

/** The undo (and redo) of suggestAnnotations and reviewSuggestions; not a step of its own in a person's work. */
export const setSuggestionStates = op(
  z.object({
    snapshotId: z.string().min(1),
    states: z.array(SuggestionState).max(MAX_REVIEW),
    label: z.string().max(200).default(undoLabel('reviewSuggestions')),
  }),
  async (ctx, { snapshotId, states, label }) => applyStates(ctx, snapshotId, states, label),
);

// ---- the four operations --------------------------------------------------------------------

/**
 * Reads the article and saves each new suggestion as a suggested annotation. Never over a
 * person's annotation of the same kind, never one already suggested for this snapshot
 * (pending, accepted or rejected). A suggestion taken back by undo (in the trash, never
 * reviewed) is brought back with its id rather than made twice. Undo takes them all back.
 */
export const suggestAnnotations = op(z.object({ snapshotId: z.string().min(1), kinds: Kinds }), (ctx, { snapshotId, kinds }) =>
  oneAtATime(snapshotId, () => saveSuggestions(ctx, snapshotId, kinds)),
);

async function saveSuggestions(
  ctx: Context,
  snapshotId: string,
  kinds: SuggestKind[] | undefined,
): Promise<Mutation<{ added: Annotation[]; skipped: number }>> {
  const { text, found } = await detect(ctx, snapshotId, kinds);
  const existing = await ctx.library.listAnnotations(snapshotId, { includeDeleted: true });
  const suggested = existing.filter(isSuggested);
  const isWithdrawn = (a: Annotation) => a.deletedAt !== null && a.origin.accepted === null;
  // Made before and still standing, or decided on by a person: never made again.
  const decided = new Set(suggested.filter((a) => !isWithdrawn(a)).map(keyOf));
  // Taken back by undo (in the trash, never reviewed): offered again, as the same annotation.
  const withdrawn = new Map(suggested.filter(isWithdrawn).map((a) => [keyOf(a), a]));
  const kept = filterSuggestions(found, { annotations: existing, rejected: decided });
  const stamp = new Date().toISOString();
  const added: Annotation[] = [];
  const seen = new Set<string>();
  for (const s of kept) {
    const key = rejectionKey(s);
    if (seen.has(key)) continue;
    seen.add(key);
    const back = withdrawn.get(key);
    added.push(
      back
        ? { ...back, deletedAt: null, updatedAt: stamp }
        : Annotation.parse({
            id: randomUUID(),
            snapshotId,
            kind: s.kind,
            target: makeTarget(text, s.start, s.end),
            fields: fieldsOf(s),
            origin: { type: 'suggested', detector: detectorName(s), accepted: null, confidence: s.confidence },
            createdAt: stamp,
            updatedAt: stamp,
          }),
    );
  }
  // One write: all of them are saved, or none.
  await ctx.library.putAnnotations(snapshotId, added);
  const label = added.length ? undoLabel('suggest', { annotations: added.map((a) => a.kind) }) : undoLabel('suggestNothing');
  return {
    value: { added, skipped: found.length - added.length },
    inverse: { op: 'setSuggestionStates', input: { snapshotId, states: added.map((a) => ({ id: a.id, accepted: null, deleted: true })), label } },
    label,
  };
}

/**
 * A person's decision on suggestions: accept (stays an ordinary annotation, marked accepted)
 * or reject (marked rejected and moved to the trash, so it is not offered again). With one id,
 * `patch.fields` edits it first (edit then accept). Several ids: "accept all of a kind".
 */
export const reviewSuggestions = op(
  z.object({
    snapshotId: z.string().min(1),
    ids: z.array(z.string().min(1)).min(1, 'name at least one suggestion to review').max(MAX_REVIEW),
    decision: z.enum(['accept', 'reject']),
    patch: z.object({ fields: AnnotationFields.optional() }).optional(),
  }),
  async (ctx, { snapshotId, ids, decision, patch }) => {
    if (patch?.fields && ids.length !== 1)
      throw new GlossaError('INVALID_INPUT', `An edit applies to one suggestion; ${ids.length} were named. Nothing was changed.`);
    if (patch?.fields && decision === 'reject')
      throw new GlossaError('INVALID_INPUT', 'A rejected suggestion is not edited; accept it to keep an edit. Nothing was changed.');
    const states: SuggestionState[] = [];
    const reviewed: Annotation[] = [];
    for (const id of ids) {
      const a = await ctx.library.getAnnotation(snapshotId, id);
      if (!isSuggested(a)) throw new GlossaError('INVALID_INPUT', `The ${KIND_NAME[a.kind]} ${id} was made by a person, not suggested; nothing was changed.`);
      if (a.deletedAt !== null) throw new GlossaError('NOT_FOUND', `The suggested ${KIND_NAME[a.kind]} ${id} is in the trash; nothing was changed.`);
      if (a.origin.accepted !== null) {
        throw new GlossaError(
          'INVALID_INPUT',
          `The suggested ${KIND_NAME[a.kind]} ${id} was already ${a.origin.accepted ? 'accepted' : 'rejected'}; nothing was changed.`,
        );
      }
      reviewed.push(a);
      states.push({
        id,
        accepted: decision === 'accept',
        deleted: decision === 'reject',
        // Merged as updateAnnotation merges: a patch of one field leaves the others; null clears.
        ...(patch?.fields ? { fields: AnnotationFields.parse({ ...a.fields, ...patch.fields }) } : {}),
      });
    }
    const form = patch?.fields ? 'editAndAccept' : decision;
    return applyStates(ctx, snapshotId, states, undoLabel(form, { annotations: reviewed.map((a) => a.kind) }));
  },
);

/** The suggestions of a snapshot waiting for review (live, neither accepted nor rejected), in text order. */
export const listSuggestions = op(z.object({ snapshotId: z.string().min(1) }), async (ctx, { snapshotId }) => {
  if (!ctx.library.hasSnapshot(snapshotId)) throw new GlossaError('NOT_FOUND', `There is no snapshot ${snapshotId} in this library.`);
  const all = await ctx.library.listAnnotations(snapshotId);
  return all
    .filter(isPending)
    .sort((a, b) => a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end || (a.id < b.id ? -1 : 1));
});

/**
 * What the detectors find in these snapshots, saving nothing (`glossa suggest` without
 * --save). Every id is checked before any article is read.
 */
export const previewSuggestions = op(
  z.object({ snapshotIds: z.array(z.string().min(1)).min(1, 'name at least one snapshot').max(MAX_PREVIEW), kinds: Kinds }),
  async (ctx, { snapshotIds, kinds }): Promise<{ suggestions: SuggestionOut[] }> => {
    const missing = snapshotIds.find((id) => !ctx.library.hasSnapshot(id));
    if (missing) throw new GlossaError('NOT_FOUND', `There is no snapshot ${missing} in this library; nothing was read.`);
    const suggestions: SuggestionOut[] = [];
    for (const snapshotId of new Set(snapshotIds)) {
      const { found } = await detect(ctx, snapshotId, kinds);
      for (const s of found) {
        suggestions.push({
          snapshotId,
          kind: s.kind,
          start: s.start,
          end: s.end,
          exact: s.exact,
          fields: s.fields,
          confidence: s.confidence,
          detector: detectorName(s),
        });
      }
    }
    return { suggestions };
  },
);
