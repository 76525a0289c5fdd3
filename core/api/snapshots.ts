import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { GlossaError } from '../model/index.js';
import { importBytes, importText as ingestText, type ImportOutcome } from '../ingest/index.js';
import type { Context } from './context.js';
import { op } from './op.js';

/** One file's result in a batch: a batch never fails as a whole because one file is bad. */
export type FileImportResult =
  | ({ name: string; ok: true } & ImportOutcome)
  | { name: string; ok: false; error: { code: string; message: string } };

async function importEach(ctx: Context, files: { name: string; read: () => Promise<Uint8Array> }[]) {
  const results: FileImportResult[] = [];
  for (const [i, file] of files.entries()) {
    ctx.emit({ type: 'progress', task: 'import', done: i, total: files.length, label: file.name });
    try {
      results.push({ name: file.name, ok: true, ...(await importBytes(ctx.library, { name: file.name, data: await file.read() })) });
    } catch (e) {
      const error = e instanceof GlossaError ? { code: e.code, message: e.message } : { code: 'IO', message: String((e as Error).message ?? e) };
      results.push({ name: file.name, ok: false, error });
    }
  }
  ctx.emit({ type: 'progress', task: 'import', done: files.length, total: files.length });
  if (results.some((r) => r.ok)) ctx.emit({ type: 'library-changed' });
  return results;
}

const IMPORTABLE = [{ name: 'Articles', extensions: ['txt', 'text', 'md'] }];

export const listSnapshots = op(z.object({}).optional(), async (ctx) => ctx.library.listSnapshots());

export const openSnapshot = op(z.object({ id: z.string().min(1) }), async (ctx, { id }) => {
  const snapshot = await ctx.library.getSnapshot(id);
  return { snapshot, text: await ctx.library.blobs.getText(snapshot.textHash) };
});

/** Files the window read itself (file input, drag and drop): bytes, never paths. */
export const importFiles = op(
  z.object({ files: z.array(z.object({ name: z.string().min(1).max(1000), data: z.instanceof(Uint8Array) })).min(1) }),
  async (ctx, { files }) => importEach(ctx, files.map((f) => ({ name: f.name, read: async () => f.data }))),
);

export const importText = op(
  z.object({ text: z.string(), title: z.string().optional() }),
  async (ctx, { text, title }) => {
    const outcome = await ingestText(ctx.library, { text, title, method: 'paste' });
    ctx.emit({ type: 'library-changed' });
    return outcome;
  },
);

/** File ▸ Import: the shell's native picker chooses the files. */
export const importDialog = op(z.object({}).optional(), async (ctx) => {
  const paths = await ctx.dialogs.openFiles({ title: 'Import articles', filters: IMPORTABLE, multiple: true });
  return importEach(ctx, paths.map((p) => ({ name: basename(p), read: () => readFile(p) })));
});

/** Paths from the CLI or the shell (drop on the dock icon); never from the window. */
export const importPaths = op(
  z.object({ paths: z.array(z.string().min(1)).min(1) }),
  async (ctx, { paths }) => importEach(ctx, paths.map((p) => ({ name: basename(p), read: () => readFile(p) }))),
  { window: false },
);
