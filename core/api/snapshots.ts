import { z } from 'zod';
import { GlossaError, type SnapshotSummary } from '../model/index.js';
import { IMPORTABLE_EXTENSIONS } from '../ingest/formats.js';
import { op } from './op.js';
import { afterImport } from './library-settings.js';
export { cancelTask } from './tasks.js';

const IMPORTABLE = [
  { name: 'Articles (web pages, text)', extensions: [...IMPORTABLE_EXTENSIONS] },
  { name: 'All files', extensions: ['*'] },
];

/*
 * Capture code (ingest, and through it extraction and fetching) is loaded by the operations
 * that import, not with this module: listing and reading articles start without it.
 */
const ingest = () => import('../ingest/index.js');
const batch = () => import('./batch.js');

export const listSnapshots = op(z.object({}).optional(), async (ctx) => ctx.library.listSnapshots());

/** The chain of captures an article belongs to, oldest first. */
function versionChain(rows: SnapshotSummary[], id: string): SnapshotSummary[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chain: SnapshotSummary[] = [];
  const seen = new Set<string>();
  for (let r = byId.get(id); r && !seen.has(r.id); r = r.previousVersionId ? byId.get(r.previousVersionId) : undefined) {
    seen.add(r.id);
    chain.unshift(r);
  }
  for (let next = rows.find((r) => r.previousVersionId === id); next && !seen.has(next.id); next = rows.find((r) => r.previousVersionId === next!.id)) {
    seen.add(next.id);
    chain.push(next);
  }
  return chain;
}

export const openSnapshot = op(z.object({ id: z.string().min(1) }), async (ctx, { id }) => {
  const snapshot = await ctx.library.getSnapshot(id);
  return {
    snapshot,
    text: await ctx.library.blobs.getText(snapshot.textHash),
    versions: versionChain(ctx.library.listSnapshots(), id),
  };
});

/** An image of a snapshot, for the reader to show offline. Only images the snapshot names. */
export const getImage = op(z.object({ snapshotId: z.string().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) }), async (ctx, { snapshotId, hash }) => {
  const snapshot = await ctx.library.getSnapshot(snapshotId);
  const image = snapshot.images.find((i) => i.hash === hash);
  if (!image) throw new GlossaError('NOT_FOUND', `Snapshot ${snapshotId} has no image ${hash.slice(0, 12)}….`);
  return { mediaType: image.mediaType, data: new Uint8Array(await ctx.library.blobs.get(hash)) };
});

/**
 * Files the window read itself (file input, drag and drop): bytes, never paths. A dropped
 * folder arrives as files named by their relative path; its "_files" folders are resources.
 */
export const importFiles = op(
  z.object({
    files: z
      .array(z.object({ name: z.string().min(1).max(1000), data: z.instanceof(Uint8Array) }))
      .min(1)
      .max(5000),
  }),
  async (ctx, { files }) => {
    const { splitDropped } = await ingest();
    const { importEach } = await batch();
    const { pages, resources } = splitDropped(files);
    return importEach(
      ctx,
      pages.map((f) => ({ name: f.name, read: async () => f.data, resources: async () => resources })),
    );
  },
);

export const importText = op(
  z.object({
    text: z.string(),
    html: z
      .string()
      .max(64 * 1024 * 1024)
      .nullable()
      .optional(),
    title: z.string().optional(),
  }),
  async (ctx, { text, html, title }) => {
    const { importText: ingestText } = await ingest();
    return afterImport(ctx, await ingestText(ctx.library, { text, html, title, method: 'paste' }));
  },
);

/** File ▸ Import: the shell's native picker chooses the files. */
export const importDialog = op(z.object({ folders: z.boolean().optional() }).optional(), async (ctx, input) => {
  const folders = input?.folders ?? false;
  const paths = await ctx.dialogs.openFiles({
    title: folders ? 'Import a folder of articles' : 'Import articles',
    filters: IMPORTABLE,
    multiple: true,
    folders,
  });
  const { importDiskPaths } = await batch();
  return importDiskPaths(ctx, paths);
});

/** Paths from the CLI or the shell (drop on the dock icon); never from the window. */
export const importPaths = op(z.object({ paths: z.array(z.string().min(1)).min(1) }), async (ctx, { paths }) => (await batch()).importDiskPaths(ctx, paths), {
  window: false,
});
