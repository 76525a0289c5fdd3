import { GlossaError } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import type { BundleLimits } from './format.js';
import { planImport, previewOfProblems, type BundlePreview } from './plan.js';
import { BundleFault, problem, refusal } from './problems.js';
import { inspectBundle, type Inspection } from './verify.js';

export type { BundlePreview } from './plan.js';

/** What an import did: the preview it acted on (of a bundle that passed every check, so its header is known). */
export type BundleImportReport = BundlePreview & { formatVersion: number; created: string; appVersion: string };

export interface ImportOptions {
  /** Work done so far, of all: hashing every member is the first half, writing the second. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting before the commit point stops the import (CANCELLED) with the library unchanged. */
  signal?: AbortSignal;
  /** Tighter or looser caps than DEFAULT_LIMITS (tests, benchmarks). */
  limits?: Partial<BundleLimits>;
  /** Blob bytes kept in memory between verifying and writing (default 64 MB); the rest is read again. */
  keepBlobBytes?: number;
}

/** Blob bytes kept in memory between verifying and writing; larger bundles re-read the rest (bounded memory). */
const KEEP_BLOB_BYTES = 64 * 1024 * 1024;

const cancelled = () => new GlossaError('CANCELLED', 'The import was cancelled; nothing in your library changed.');

async function inspect(path: string, opts: ImportOptions, keepBlobBytes: number): Promise<Inspection> {
  try {
    return await inspectBundle(path, {
      limits: opts.limits,
      keepBlobBytes,
      signal: opts.signal,
      // Hashing is the first half of the work; writing the rest.
      onMember: (done, total) => opts.onProgress?.(done, total * 2),
    });
  } catch (e) {
    if (e instanceof GlossaError) throw e;
    // Only the file system's own errors get here (a bad bundle is reported, not thrown).
    if (!(e as NodeJS.ErrnoException).code) throw e;
    throw new GlossaError('NOT_FOUND', `Cannot read the bundle ${path}: ${(e as Error).message}. Check that the file exists and can be read.`);
  }
}

const header = (i: Inspection): Partial<BundlePreview> => ({ formatVersion: i.version, created: i.created, appVersion: i.appVersion });

/**
 * What importing the bundle would do, without writing anything: every check of the import
 * (the bundle's own, then against this library) and the merge's outcome. A bad bundle is
 * reported in `problems` (ok: false), not thrown.
 */
export async function previewBundle(library: LibraryStore, path: string, opts: Omit<ImportOptions, 'keepBlobBytes'> = {}): Promise<BundlePreview> {
  const inspection = await inspect(path, opts, 0);
  if (!inspection.bundle || !inspection.zip) return previewOfProblems(path, inspection.problems, header(inspection));
  try {
    const { preview } = await planImport(library, inspection.bundle, path, () => Promise.reject(new Error('a preview reads no bodies')));
    if (!preview.ok) return { ...preview, changed: false };
    return preview;
  } finally {
    inspection.zip.close();
  }
}

/**
 * Verifies the whole bundle, checks it against the library, plans the merge, then commits it
 * all or nothing (LibraryStore.commitImport). Any problem refuses the bundle with GlossaError
 * (BAD_BUNDLE or HASH_MISMATCH) and leaves the library byte-for-byte unchanged.
 */
export async function importBundle(library: LibraryStore, path: string, opts: ImportOptions = {}): Promise<BundleImportReport> {
  if (opts.signal?.aborted) throw cancelled();
  const inspection = await inspect(path, opts, opts.keepBlobBytes ?? KEEP_BLOB_BYTES);
  if (!inspection.bundle || !inspection.zip) throw refusal(inspection.problems);
  const { bundle, zip } = inspection;
  try {
    const steps = Object.keys(bundle.manifest.files).length;
    const readBlob = async (member: string): Promise<Uint8Array> => {
      const kept = bundle.blobBytes.get(member);
      if (kept) return kept;
      // Not kept from the hashing pass: read again (the store re-hashes it before filing it).
      return (await zip.read(member, { keep: true })).bytes!;
    };
    const { preview, batch } = await planImport(library, bundle, path, readBlob);
    if (!preview.ok) throw refusal(preview.problems);
    if (batch) {
      if (opts.signal?.aborted) throw cancelled();
      opts.onProgress?.(Math.round(steps * 1.5), steps * 2);
      await library.commitImport(batch, { signal: opts.signal });
    }
    opts.onProgress?.(steps * 2, steps * 2);
    return preview as BundleImportReport;
  } catch (e) {
    if (e instanceof BundleFault) throw refusal([e.problem]);
    if (e instanceof GlossaError && e.code === 'HASH_MISMATCH' && !/nothing in your library changed/.test(e.message)) {
      // A member that changed on disk between hashing and writing.
      throw refusal([problem(null, `${e.message} The bundle file changed while it was being imported.`, 'HASH_MISMATCH')]);
    }
    throw e;
  } finally {
    zip.close();
  }
}
