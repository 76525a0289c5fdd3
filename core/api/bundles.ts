import { z } from 'zod';
import { exportBundle as writeBundle, importBundle as readBundle, verifyBundle as checkBundle } from '../bundle/index.js';
import type { Context } from './context.js';
import { op } from './op.js';

const BUNDLE_FILTER = [{ name: 'Glossa bundle', extensions: ['glossa'] }];
const progress = (ctx: Context, task: string) => (done: number, total: number) => ctx.emit({ type: 'progress', task, done, total });

export const exportBundle = op(
  z.object({ path: z.string().min(1), snapshotIds: z.array(z.string()).optional() }),
  async (ctx, { path, snapshotIds }) => writeBundle(ctx.library, path, { snapshotIds, onProgress: progress(ctx, 'export') }),
  { window: false },
);

export const importBundle = op(
  z.object({ path: z.string().min(1) }),
  async (ctx, { path }) => {
    const report = await readBundle(ctx.library, path, { onProgress: progress(ctx, 'import-bundle') });
    ctx.emit({ type: 'library-changed' });
    return report;
  },
  { window: false },
);

export const verifyBundle = op(z.object({ path: z.string().min(1) }), async (_ctx, { path }) => checkBundle(path), { window: false });

export const verifyLibrary = op(z.object({}).optional(), async (ctx) => ctx.library.blobs.verify());

/** File ▸ Export: the window chooses what, the native save dialog chooses where. */
export const exportBundleDialog = op(z.object({ snapshotIds: z.array(z.string()).optional() }), async (ctx, { snapshotIds }) => {
  const stamp = new Date().toISOString().slice(0, 10);
  const path = await ctx.dialogs.saveFile({ title: 'Export annotation bundle', defaultName: `glossa-${stamp}.glossa`, filters: BUNDLE_FILTER });
  if (!path) return { cancelled: true as const };
  return { cancelled: false as const, ...(await writeBundle(ctx.library, path, { snapshotIds, onProgress: progress(ctx, 'export') })) };
});

export const importBundleDialog = op(z.object({}).optional(), async (ctx) => {
  const [path] = await ctx.dialogs.openFiles({ title: 'Import annotation bundle', filters: BUNDLE_FILTER, multiple: false });
  if (!path) return { cancelled: true as const };
  const report = await readBundle(ctx.library, path, { onProgress: progress(ctx, 'import-bundle') });
  ctx.emit({ type: 'library-changed' });
  return { cancelled: false as const, ...report };
});
