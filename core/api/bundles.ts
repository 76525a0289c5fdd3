import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  estimateExport as estimate,
  exportBundle as writeBundle,
  ExportScope,
  importBundle as readBundle,
  previewBundle as preview,
  verifyBundle as checkBundle,
} from '../bundle/index.js';
import { undoLabel } from '../common/undo-labels.js';
import { Annotation, GlossaError } from '../model/index.js';
import { ConflictStateSchema } from '../store/annotations-file.js';
import type { Context } from './context.js';
import { currentAuthor, signedChange } from './author.js';
import { op, type Mutation } from './op.js';
import { resolveExportScope, SearchScope } from './search-scope.js';
import { asTask, type Task } from './tasks.js';

const BUNDLE_FILTER = [{ name: 'Glossa bundle', extensions: ['glossa'] }];

const ExportChoice = z.object({
  /** What to export (default: the whole library); a search means the annotations it finds now. */
  scope: z.union([ExportScope, SearchScope]).optional(),
  /** Shorthand for a snapshots scope (kept for older callers). */
  snapshotIds: z.array(z.string()).optional(),
  includeOriginals: z.boolean().optional(),
  includeImages: z.boolean().optional(),
});
type ExportChoice = z.output<typeof ExportChoice>;

/** The choice with a search scope replaced by the annotations it finds (before anything is asked or written). */
const resolveChoice = async <C extends ExportChoice>(ctx: Context, choice: C) => ({ ...choice, scope: await resolveExportScope(ctx, choice.scope) });

const exportOptions = (ctx: Context, choice: Awaited<ReturnType<typeof resolveChoice>>, task: Task) => ({
  ...(choice.scope ? { scope: choice.scope } : {}),
  ...(choice.snapshotIds ? { snapshotIds: choice.snapshotIds } : {}),
  includeOriginals: choice.includeOriginals,
  includeImages: choice.includeImages,
  signal: task.signal,
  onProgress: (done: number, total: number, label?: string) => task.progress(done, total, label),
  limits: ctx.bundleLimits,
});

/** Writes a bundle; a cancellable task (cancelTask with the id in its progress events). */
export const exportBundle = op(
  ExportChoice.extend({ path: z.string().min(1) }),
  async (ctx, input) => {
    const choice = await resolveChoice(ctx, input);
    return asTask(ctx, 'export', (task) => writeBundle(ctx.library, input.path, exportOptions(ctx, choice, task)));
  },
  { window: false },
);

/** Counts and the expected file size of an export, to show before it starts. */
export const estimateExport = op(ExportChoice, async (ctx, input) => {
  const choice = await resolveChoice(ctx, input);
  const scope = choice.scope ?? (choice.snapshotIds ? { kind: 'snapshots' as const, snapshotIds: choice.snapshotIds } : { kind: 'library' as const });
  return estimate(ctx.library, scope, { includeOriginals: choice.includeOriginals, includeImages: choice.includeImages, limits: ctx.bundleLimits });
});

/** What importing a bundle would do, writing nothing; problems are reported, not thrown. */
export const previewBundle = op(z.object({ path: z.string().min(1) }), async (ctx, { path }) => preview(ctx.library, path, { limits: ctx.bundleLimits }), {
  window: false,
});

async function runImport(ctx: Context, path: string) {
  return asTask(ctx, 'import-bundle', async (task) => {
    const report = await readBundle(ctx.library, path, {
      signal: task.signal,
      onProgress: (done, total) => task.progress(done, total),
      limits: ctx.bundleLimits,
    });
    return report;
  });
}

export const importBundle = op(z.object({ path: z.string().min(1) }), async (ctx, { path }) => runImport(ctx, path), { window: false });

export const verifyBundle = op(z.object({ path: z.string().min(1) }), async (ctx, { path }) => checkBundle(path, { limits: ctx.bundleLimits }), {
  window: false,
});

export const verifyLibrary = op(z.object({}).optional(), async (ctx) => ctx.library.blobs.verify());

/** File ▸ Export: the window chooses what, the native save dialog chooses where. */
export const exportBundleDialog = op(ExportChoice, async (ctx, input) => {
  const choice = await resolveChoice(ctx, input);
  const stamp = new Date().toISOString().slice(0, 10);
  const path = await ctx.dialogs.saveFile({ title: 'Export annotation bundle', defaultName: `glossa-${stamp}.glossa`, filters: BUNDLE_FILTER });
  if (!path) return { cancelled: true as const };
  return { cancelled: false as const, ...(await asTask(ctx, 'export', (task) => writeBundle(ctx.library, path, exportOptions(ctx, choice, task)))) };
});

/**
 * Files the window previewed, by token: the window never names a path, so the import it
 * confirms is of the very file the person picked.
 */
const previewed = new WeakMap<Context['library'], Map<string, string>>();

/** File ▸ Import, step 1: pick a bundle and see what importing it would do. */
export const previewBundleDialog = op(z.object({}).optional(), async (ctx) => {
  const [path] = await ctx.dialogs.openFiles({ title: 'Import annotation bundle', filters: BUNDLE_FILTER, multiple: false });
  if (!path) return { cancelled: true as const };
  const result = await preview(ctx.library, path, { limits: ctx.bundleLimits });
  let tokens = previewed.get(ctx.library);
  if (!tokens) previewed.set(ctx.library, (tokens = new Map()));
  const token = randomUUID();
  if (result.ok) tokens.set(token, path);
  return { cancelled: false as const, token: result.ok ? token : null, preview: result };
});

/** File ▸ Import, step 2: import the previewed bundle (checked again in full: it may have changed since). */
export const importPreviewed = op(z.object({ token: z.string().min(1).max(100) }), async (ctx, { token }) => {
  const path = previewed.get(ctx.library)?.get(token);
  if (!path) throw new GlossaError('NOT_FOUND', 'That preview has expired; choose the bundle again.');
  previewed.get(ctx.library)!.delete(token);
  return runImport(ctx, path);
});

/** Pick and import at once (the menu's quick path); the report says what happened. */
export const importBundleDialog = op(z.object({}).optional(), async (ctx) => {
  const [path] = await ctx.dialogs.openFiles({ title: 'Import annotation bundle', filters: BUNDLE_FILTER, multiple: false });
  if (!path) return { cancelled: true as const };
  return { cancelled: false as const, ...(await runImport(ctx, path)) };
});

/** Annotations edited on both sides of a merge, with the versions kept beside the current one. */
export const listConflicts = op(z.object({ snapshotId: z.string().min(1).optional() }).optional(), async (ctx, input) =>
  ctx.library.listConflicts(input?.snapshotId),
);

/**
 * Ends a conflict with `version`: one of the versions listConflicts showed, possibly edited
 * (a person's own merge of the two). It becomes current, dated now, and supersedes every
 * kept version, here and in every library this one's bundles reach.
 */
export const resolveConflict = op(
  z.object({ snapshotId: z.string().min(1), annotationId: z.string().min(1), version: Annotation }),
  async (ctx, { snapshotId, annotationId, version }): Promise<Mutation<Annotation>> => {
    const signed = signedChange({ ...version, updatedAt: new Date().toISOString() }, await currentAuthor(ctx));
    const { resolution, before } = await ctx.library.resolveConflict(snapshotId, annotationId, signed);
    return { value: resolution, inverse: { op: 'reopenConflict', input: { snapshotId, resolution, before } }, label: undoLabel('resolveConflict') };
  },
);

/** Undo of a resolution: the conflict exactly as it was, while the annotation is still the resolution. */
export const reopenConflict = op(
  z.object({ snapshotId: z.string().min(1), resolution: Annotation, before: ConflictStateSchema }),
  async (ctx, { snapshotId, resolution, before }): Promise<Mutation<Annotation>> => {
    const shown = await ctx.library.reopenConflict(snapshotId, resolution, before);
    return {
      value: shown,
      inverse: { op: 'resolveConflict', input: { snapshotId, annotationId: resolution.id, version: resolution } },
      label: undoLabel('resolveConflict'),
    };
  },
);
