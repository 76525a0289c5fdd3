/**
 * Operations on the codebook. Every change goes through applyCodebookChange (the registry
 * change path in op.ts, shared with speakers), which writes tags and re-tagged annotations
 * together and returns the change that reverses it, so a delete or merge that touched
 * hundreds of annotations is one step of undo.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  addTag,
  assertValid,
  byId,
  diffRecords,
  mergeImported,
  pathName,
  planDelete,
  planMerge,
  retagged,
  tagUsage as usageOf,
  treeOrder,
  updateTag as patchTag,
  type Plan,
  type TagPatch,
} from '../codebook/index.js';
import { type Annotation, CodeTag } from '../model/index.js';
import { undoLabel } from '../common/undo-labels.js';
import { codebookToQdc, readQdc } from '../qda/qdc.js';
import { writeFileDurable } from '../store/durable-file.js';
import type { Context } from './context.js';
import { changeRegistry, op, type Mutation, type Registry } from './op.js';

const QDC_FILTER = [{ name: 'REFI-QDA codebook', extensions: ['qdc'] }];
const now = () => new Date().toISOString();

const Retagging = z.object({ snapshotId: z.string().min(1), id: z.string().min(1), tags: z.array(z.string()) });
const Change = z.object({
  put: z.array(CodeTag).default([]),
  remove: z.array(z.string()).default([]),
  retag: z.array(Retagging).default([]),
});
type Change = z.output<typeof Change>;

/** What every codebook change hands back: the whole codebook after it, and the annotations it re-tagged. */
export interface CodebookChange {
  codebook: CodeTag[];
  annotations: Annotation[];
}

type Retag = z.output<typeof Retagging>;

const CODEBOOK: Registry<CodeTag, Retag> = {
  applyOp: 'applyCodebookChange',
  read: (library) => library.listCodebook(),
  save: (library, tags) => library.saveCodebook(tags),
  check: assertValid,
  edit: (a, r, stamp) => ({ next: { ...a, tags: r.tags, updatedAt: stamp }, undo: { snapshotId: r.snapshotId, id: r.id, tags: a.tags } }),
  // Annotations first: if the codebook write then failed, they would only lack a tag that still exists.
  annotationsFirst: true,
  toInput: ({ put, remove, edits }): Change => ({ put, remove, retag: edits }),
};

async function apply(ctx: Context, change: Change, label: string): Promise<Mutation<CodebookChange>> {
  const done = await changeRegistry(ctx, CODEBOOK, { put: change.put, remove: change.remove, edits: change.retag }, label);
  return { ...done, value: { codebook: done.value.records, annotations: done.value.annotations } };
}

async function applyPlan(ctx: Context, plan: Plan, label: string): Promise<Mutation<CodebookChange>> {
  const { put, remove } = diffRecords(ctx.library.listCodebook(), plan.tags);
  const retag = (await retagged(ctx.library, plan.retag)).map(({ annotation: a, tags }) => ({ snapshotId: a.snapshotId, id: a.id, tags }));
  return apply(ctx, { put, remove, retag }, label);
}

/** The codebook in tree order (parents before children). */
export const listCodebook = op(z.object({}).optional(), async (ctx) => treeOrder(ctx.library.listCodebook()).map(({ tag }) => tag));

/** Per tag id: live annotations carrying it and the snapshots they are in (from the index once it is open). */
export const tagUsage = op(z.object({}).optional(), async (ctx) => {
  if (!ctx.search) return usageOf(ctx.library);
  await ctx.search.idle();
  return ctx.search.tagUsage();
});

/** Writes a set of tag records and re-tags annotations; the undo of every codebook change. */
export const applyCodebookChange = op(Change, async (ctx, change) => apply(ctx, change, undoLabel('changeCodebook')));

const TagFields = z.object({
  name: z.string(),
  parentId: z.string().nullable().optional(),
  color: z.string().nullable().optional(),
  key: z.string().nullable().optional(),
  description: z.string().optional(),
});

export const createTag = op(TagFields, async (ctx, input): Promise<Mutation<CodebookChange & { tag: CodeTag }>> => {
  const id = randomUUID();
  const tags = addTag(ctx.library.listCodebook(), { ...input, key: input.key || null }, id, now());
  const done = await apply(ctx, { put: [byId(tags, id)], remove: [], retag: [] }, undoLabel('addTag', { name: input.name.trim() }));
  return { ...done, value: { ...done.value, tag: byId(done.value.codebook, id) } };
});

export const updateTag = op(z.object({ id: z.string().min(1), patch: TagFields.partial() }), async (ctx, { id, patch }): Promise<Mutation<CodebookChange>> => {
  const before = ctx.library.listCodebook();
  const old = byId(before, id);
  const clean: TagPatch = {};
  if (patch.name !== undefined) clean.name = patch.name;
  if (patch.parentId !== undefined) clean.parentId = patch.parentId;
  if (patch.color) clean.color = patch.color;
  if (patch.key !== undefined) clean.key = patch.key || null;
  if (patch.description !== undefined) clean.description = patch.description;
  const tags = patchTag(before, id, clean, now());
  const renamed = patch.name !== undefined && patch.name.trim() !== old.name;
  return apply(ctx, { put: [byId(tags, id)], remove: [], retag: [] }, undoLabel(renamed ? 'renameTag' : 'editTag', { name: old.name }));
});

const DeleteInput = z.object({
  id: z.string().min(1),
  annotations: z.enum(['untag', 'to-parent']).default('untag'),
  children: z.enum(['lift', 'delete']).default('lift'),
});
const MergeInput = z.object({ sourceIds: z.array(z.string().min(1)).min(1), targetId: z.string().min(1) });

export const deleteTag = op(DeleteInput, async (ctx, input) => {
  const tags = ctx.library.listCodebook();
  const plan = planDelete(tags, input.id, input, now());
  return applyPlan(ctx, plan, undoLabel('deleteTag', { name: byId(tags, input.id).name }));
});

export const mergeTags = op(MergeInput, async (ctx, { sourceIds, targetId }) => {
  const tags = ctx.library.listCodebook();
  const plan = planMerge(tags, sourceIds, targetId, now());
  return applyPlan(ctx, plan, undoLabel('mergeTags', { name: byId(tags, targetId).name }));
});

/**
 * What a delete or merge would do, for the confirm dialog: how many annotations in how many
 * snapshots change, which tags leave, which sub-tags move, and what tagged spans get instead.
 */
export const previewTagChange = op(
  z.discriminatedUnion('action', [DeleteInput.extend({ action: z.literal('delete') }), MergeInput.extend({ action: z.literal('merge') })]),
  async (ctx, input) => {
    const tags = ctx.library.listCodebook();
    const plan = input.action === 'delete' ? planDelete(tags, input.id, input, now()) : planMerge(tags, input.sourceIds, input.targetId, now());
    const touched = await retagged(ctx.library, plan.retag);
    const replacement = [...new Set(plan.retag.values())][0] ?? null;
    return {
      annotations: touched.length,
      snapshots: new Set(touched.map((t) => t.annotation.snapshotId)).size,
      removed: plan.removed.map((t) => pathName(tags, t.id)),
      moved: plan.moved.map((t) => t.name),
      replacement: replacement ? pathName(tags, replacement) : null,
    };
  },
);

// ---- REFI-QDA codebook files (.qdc) ---------------------------------------------------------

async function importFrom(ctx: Context, path: string) {
  const { tags: imported, problems } = await readQdc(path, now());
  const merged = mergeImported(ctx.library.listCodebook(), imported, now());
  const { put, remove } = diffRecords(ctx.library.listCodebook(), merged.tags);
  const done = await apply(ctx, { put, remove, retag: [] }, undoLabel('importCodebook'));
  return { ...done, value: { ...done.value, added: merged.added.length, updated: merged.updated.length, problems: [...problems, ...merged.problems] } };
}

/** Written atomically: a failed export leaves the old file (or none), never half a codebook. */
async function exportTo(ctx: Context, path: string) {
  const tags = treeOrder(ctx.library.listCodebook()).map(({ tag }) => tag);
  await writeFileDurable(path, codebookToQdc(tags));
  return { path, tags: tags.length };
}

export const importCodebook = op(z.object({ path: z.string().min(1) }), async (ctx, { path }) => importFrom(ctx, path), { window: false });
export const exportCodebook = op(z.object({ path: z.string().min(1) }), async (ctx, { path }) => exportTo(ctx, path), { window: false });

/** Codebook ▸ Import: the native picker chooses the .qdc (or a REFI project's .qde). */
export const importCodebookDialog = op(z.object({}).optional(), async (ctx) => {
  const [path] = await ctx.dialogs.openFiles({
    title: 'Import a codebook',
    filters: [{ name: 'REFI-QDA codebook', extensions: ['qdc', 'qde'] }],
    multiple: false,
  });
  if (!path) return { cancelled: true as const };
  return { cancelled: false as const, ...(await importFrom(ctx, path)) };
});

export const exportCodebookDialog = op(z.object({}).optional(), async (ctx) => {
  const path = await ctx.dialogs.saveFile({ title: 'Export the codebook', defaultName: 'glossa-codebook.qdc', filters: QDC_FILTER });
  if (!path) return { cancelled: true as const };
  return { cancelled: false as const, ...(await exportTo(ctx, path)) };
});
