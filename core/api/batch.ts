/** Batch import shared by the import operations (not an operation itself). */
import { readFile } from 'node:fs/promises';
import { GlossaError } from '../model/index.js';
import { afterImport } from './library-settings.js';
import { importBytes, listImportable, resourcesBeside, type ImportOutcome, type PageResources } from '../ingest/index.js';
import type { Context } from './context.js';
import { asTask } from './tasks.js';

/** One file's result in a batch: a batch never fails as a whole because one file is bad. */
export type FileImportResult = ({ name: string; ok: true } & ImportOutcome) | { name: string; ok: false; error: { code: string; message: string } };

export interface BatchItem {
  name: string;
  read: () => Promise<Uint8Array>;
  resources?: () => Promise<PageResources | undefined>;
}

const errorOf = (e: unknown) => (e instanceof GlossaError ? { code: e.code, message: e.message } : { code: 'IO', message: String((e as Error).message ?? e) });

/**
 * Imports one file after another with progress; cancel stops before the next file (files
 * already imported stay: each is complete on its own), and the rest are reported as cancelled.
 */
export async function importEach(ctx: Context, files: BatchItem[]): Promise<FileImportResult[]> {
  return asTask(ctx, 'import', async (task) => {
    const results: FileImportResult[] = [];
    for (const [i, file] of files.entries()) {
      if (task.signal.aborted) {
        results.push({ name: file.name, ok: false, error: { code: 'CANCELLED', message: 'Not imported: the import was cancelled.' } });
        continue;
      }
      task.progress(i, files.length, file.name);
      try {
        const resources = await file.resources?.();
        const outcome = await importBytes(ctx.library, { name: file.name, data: await file.read() }, { resources, signal: task.signal });
        results.push({ name: file.name, ok: true, ...(await afterImport(ctx, outcome)) });
      } catch (e) {
        results.push({ name: file.name, ok: false, error: errorOf(e) });
      }
      // Let a cancel sent during this file arrive before the next one starts.
      await new Promise((r) => setImmediate(r));
    }
    task.progress(files.length, files.length);
    return results;
  });
}

/** Files and folders on disk (dialogs, CLI, the dock icon): pages find their "_files" folder. */
export async function importDiskPaths(ctx: Context, paths: string[]): Promise<FileImportResult[]> {
  const { files } = await listImportable(paths);
  return importEach(
    ctx,
    files.map((f) => ({ name: f.name, read: () => readFile(f.path), resources: () => resourcesBeside(f.path) })),
  );
}
