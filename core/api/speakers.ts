/**
 * Operations on the speaker registry. Like the codebook, every change goes through one
 * apply step that writes speakers and the quotes it renames together and returns its
 * reverse (the registry change path in op.ts, shared with the codebook), so picking a new
 * speaker in a quote (which also registers them) is one undo.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { diffRecords } from '../codebook/tree.js';
import { undoLabel } from '../common/undo-labels.js';
import { type Annotation, GlossaError, Speaker } from '../model/index.js';
import {
  addSpeaker,
  assertDistinct,
  findSpeaker,
  mergeSpeakers as mergeInRegistry,
  quotesBy,
  quotesNaming,
  removeSpeaker,
  speakerById,
  speakerUsage as usageOf,
  type SaidPage,
  suggestSpeakers as suggest,
  updateSpeaker as patchSpeaker,
} from '../speakers/index.js';
import type { Context, LibrarySearch } from './context.js';
import { changeRegistry, op, type Mutation, type Registry } from './op.js';

const now = () => new Date().toISOString();

const QuoteSpeaker = z.object({
  snapshotId: z.string().min(1),
  id: z.string().min(1),
  speaker: z.string().nullable(),
  /** The quote's role as well (absent: left as it is). */
  speakerRole: z.string().nullable().optional(),
});
const Change = z.object({
  put: z.array(Speaker).default([]),
  remove: z.array(z.string()).default([]),
  /** Quotes whose speaker text is set (renames and merges that carry the quotes along). */
  quotes: z.array(QuoteSpeaker).default([]),
});
type Change = z.output<typeof Change>;

export interface SpeakersChange {
  speakers: Speaker[];
  annotations: Annotation[];
}

type Rename = z.output<typeof QuoteSpeaker>;

const SPEAKERS: Registry<Speaker, Rename> = {
  applyOp: 'applySpeakerChange',
  read: (library) => library.listSpeakers(),
  save: (library, speakers) => library.saveSpeakers(speakers),
  check: assertDistinct,
  edit: (a, q, stamp) => {
    if (a.kind !== 'quote') throw new GlossaError('INVALID_INPUT', `Annotation ${q.id} is a ${a.kind}, not a quote; only quotes have a speaker.`);
    const before = a.fields.speakerRole ?? null;
    const role = q.speakerRole !== undefined ? q.speakerRole : before;
    return {
      next: { ...a, fields: { ...a.fields, speaker: q.speaker, ...(role !== before ? { speakerRole: role } : {}) }, updatedAt: stamp },
      undo: { snapshotId: q.snapshotId, id: q.id, speaker: a.fields.speaker ?? null, ...(role !== before ? { speakerRole: before } : {}) },
    };
  },
  // The registry first: a quote must never name a speaker the registry refused.
  annotationsFirst: false,
  toInput: ({ put, remove, edits }): Change => ({ put, remove, quotes: edits }),
};

async function apply(ctx: Context, change: Change, label: string): Promise<Mutation<SpeakersChange>> {
  const done = await changeRegistry(ctx, SPEAKERS, { put: change.put, remove: change.remove, edits: change.quotes }, label);
  return { ...done, value: { speakers: done.value.records, annotations: done.value.annotations } };
}

const byName = (list: Speaker[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

export const listSpeakers = op(z.object({}).optional(), async (ctx) => byName(ctx.library.listSpeakers()));

/** Quotes per speaker, and speaker names on quotes that are not in the registry yet (from the index once it is open). */
export const speakerUsage = op(z.object({}).optional(), async (ctx) => {
  if (!ctx.search) return usageOf(ctx.library, ctx.library.listSpeakers());
  await ctx.search.idle();
  return ctx.search.speakerUsage();
});

/** Registry entries for a picker, best match first. */
export const suggestSpeakers = op(z.object({ query: z.string().max(300), limit: z.number().int().min(1).max(50).optional() }), async (ctx, { query, limit }) =>
  suggest(ctx.library.listSpeakers(), query, limit).map((s) => ({ speaker: s.speaker, matched: s.matched })),
);

/**
 * A page of everything a speaker said across the library, newest first, with the article
 * each quote is in. With the index open the page comes from its rows alone, whatever the
 * library's size; without it every annotations file is read.
 */
export const speakerQuotes = op(
  z.object({ id: z.string().min(1), limit: z.number().int().min(1).max(1000).default(200), offset: z.number().int().min(0).default(0) }),
  async (ctx, { id, limit, offset }): Promise<SaidPage & { speaker: Speaker }> => {
    const speaker = speakerById(ctx.library.listSpeakers(), id);
    const page = ctx.search ? await quotesFromIndex(ctx.search, speaker, limit, offset) : await quotesBy(ctx.library, speaker, { limit, offset });
    return { speaker, ...page };
  },
);

async function quotesFromIndex(index: LibrarySearch, speaker: Speaker, limit: number, offset: number): Promise<SaidPage> {
  await index.idle();
  const { quotes } = await index.speakerPage(speaker.name, { limit, offset });
  return {
    total: quotes.total,
    articles: quotes.articles,
    quotes: quotes.hits.map((h) => ({
      snapshotId: h.snapshotId,
      snapshotTitle: h.articleTitle,
      capturedAt: h.capturedAt,
      id: h.annotationId,
      exact: h.exact,
      start: h.start,
      speaker: h.speaker,
      role: h.role,
      quoteType: h.quoteType,
    })),
  };
}

/** The undo (and redo) of every registry change. */
export const applySpeakerChange = op(Change, async (ctx, change) => apply(ctx, change, undoLabel('changeSpeakers')));

const Details = z.object({
  name: z.string(),
  aliases: z.array(z.string()).optional(),
  role: z.string().nullable().optional(),
  organisation: z.string().nullable().optional(),
});

export const createSpeaker = op(Details, async (ctx, input): Promise<Mutation<SpeakersChange & { speaker: Speaker }>> => {
  const { speaker } = addSpeaker(ctx.library.listSpeakers(), input, randomUUID(), now());
  const done = await apply(ctx, { put: [speaker], remove: [], quotes: [] }, undoLabel('addSpeaker', { name: speaker.name }));
  return { ...done, value: { ...done.value, speaker } };
});

/**
 * Edits a speaker. On a rename the old name stays an alias (quotes written under it still
 * find the person); `renameQuotes` also rewrites those quotes' speaker to the new name.
 */
export const updateSpeaker = op(
  z.object({ id: z.string().min(1), patch: Details.partial(), renameQuotes: z.boolean().default(false) }),
  async (ctx, { id, patch, renameQuotes }) => {
    const before = ctx.library.listSpeakers();
    const old = speakerById(before, id);
    const { speaker } = patchSpeaker(before, id, patch, now());
    const quotes =
      renameQuotes && speaker.name !== old.name
        ? (await quotesNaming(ctx.library, old)).map((a) => ({ snapshotId: a.snapshotId, id: a.id, speaker: speaker.name }))
        : [];
    return apply(ctx, { put: [speaker], remove: [], quotes }, undoLabel(speaker.name !== old.name ? 'renameSpeaker' : 'editSpeaker', { name: old.name }));
  },
);

/** Removes a speaker from the registry; their quotes keep the name as text (listed as unregistered). */
export const deleteSpeaker = op(z.object({ id: z.string().min(1) }), async (ctx, { id }) => {
  const before = ctx.library.listSpeakers();
  const old = speakerById(before, id);
  const { remove } = diffRecords(before, removeSpeaker(before, id));
  return apply(ctx, { put: [], remove, quotes: [] }, undoLabel('deleteSpeaker', { name: old.name }));
});

/** One person registered twice: the source's names become the target's aliases, and its quotes name the target. */
export const mergeSpeakers = op(z.object({ sourceId: z.string().min(1), targetId: z.string().min(1) }), async (ctx, { sourceId, targetId }) => {
  const before = ctx.library.listSpeakers();
  const source = speakerById(before, sourceId);
  const quotes = (await quotesNaming(ctx.library, source)).map((a) => ({ snapshotId: a.snapshotId, id: a.id, speaker: speakerById(before, targetId).name }));
  const { speakers } = mergeInRegistry(before, sourceId, targetId, now());
  const { put, remove } = diffRecords(before, speakers);
  return apply(ctx, { put, remove, quotes }, undoLabel('mergeSpeakers', { source: source.name, target: speakerById(before, targetId).name }));
});

/** A role typed on a quote, tidied as the registry keeps roles: null when blank. */
const cleanRole = (role: string | null | undefined) => (role ?? '').replace(/\s+/g, ' ').trim() || null;

/**
 * The registered speaker learns a role from a quote when they have none yet: what a person
 * types on a quote ("police spokesperson") is what the speaker page should say.
 */
function learnRole(registry: readonly Speaker[], speaker: Speaker | null, role: string | null): Speaker[] {
  if (!speaker || !role || speaker.role) return [];
  return [patchSpeaker(registry, speaker.id, { role }, now()).speaker];
}

/**
 * Sets a quote's speaker by name: a registered name or alias picks that speaker (the quote
 * stores the registered name); a new name is added to the registry. A speaker without a role
 * gets the quote's. One step of undo. (The quote keeps its own role, even none: the text may
 * not state it there. The quote editor offers the registered role to take.)
 */
export const setQuoteSpeaker = op(
  z.object({ snapshotId: z.string().min(1), id: z.string().min(1), name: z.string().max(300) }),
  async (ctx, { snapshotId, id, name }): Promise<Mutation<SpeakersChange & { speaker: Speaker | null; created: boolean }>> => {
    const registry = ctx.library.listSpeakers();
    const typed = name.replace(/\s+/g, ' ').trim();
    let speaker = typed ? (findSpeaker(registry, typed) ?? null) : null;
    const created = typed !== '' && speaker === null;
    const quoteRole = cleanRole((await ctx.library.getAnnotation(snapshotId, id)).fields.speakerRole);
    if (created) speaker = addSpeaker(registry, { name: typed, role: quoteRole }, randomUUID(), now()).speaker;
    const learnt = created ? [] : learnRole(registry, speaker, quoteRole);
    const put = created && speaker ? [speaker] : learnt;
    const change: Change = { put, remove: [], quotes: [{ snapshotId, id, speaker: speaker?.name ?? null }] };
    const done = await apply(ctx, change, undoLabel('edit', { kind: 'quote' }));
    return { ...done, value: { ...done.value, speaker, created } };
  },
);

/**
 * Sets a quote's role; when the quote names a registered speaker who has no role yet, the
 * registry records it too (the speaker page and their next quote show it). One step of undo.
 */
export const setQuoteRole = op(
  z.object({ snapshotId: z.string().min(1), id: z.string().min(1), role: z.string().max(300).nullable() }),
  async (ctx, { snapshotId, id, role }): Promise<Mutation<Annotation>> => {
    const quote = await ctx.library.getAnnotation(snapshotId, id);
    if (quote.kind !== 'quote') throw new GlossaError('INVALID_INPUT', `Annotation ${id} is a ${quote.kind}, not a quote; only quotes have a speaker's role.`);
    const registry = ctx.library.listSpeakers();
    const name = quote.fields.speaker?.trim();
    const speaker = name ? (findSpeaker(registry, name) ?? null) : null;
    const typed = cleanRole(role);
    const put = learnRole(registry, speaker, typed);
    const done = await apply(
      ctx,
      { put, remove: [], quotes: [{ snapshotId, id, speaker: quote.fields.speaker ?? null, speakerRole: typed }] },
      undoLabel('edit', { kind: 'quote' }),
    );
    // The quote, as updateAnnotation answers: the reader follows the annotation a step touched.
    const edited = done.value.annotations.find((a) => a.id === id);
    if (!edited) throw new GlossaError('NOT_FOUND', `Quote ${id} could not be found to save its role; it may have been deleted.`);
    return { ...done, value: edited };
  },
);
