import { GlossaError, type Annotation } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import type { BundleLimits } from './format.js';
import { BundleFault, problem, refusal, type BundleProblem } from './problems.js';
import { inspectBundle, type BundleSnapshot } from './verify.js';

export interface ImportOptions {
  onProgress?: (done: number, total: number) => void;
  /** Tighter or looser caps than DEFAULT_LIMITS (tests, benchmarks). */
  limits?: Partial<BundleLimits>;
  /** Blob bytes kept in memory between verifying and writing (default 64 MB); the rest is read again. */
  keepBlobBytes?: number;
}

/** Blob bytes kept in memory between verifying and writing; larger bundles re-read the rest (bounded memory). */
const KEEP_BLOB_BYTES = 64 * 1024 * 1024;

/** What an import did. Every count is of the bundle's contents; nothing is counted twice. */
export interface BundleImportReport {
  path: string;
  formatVersion: number;
  /** When and by which Glossa the bundle was made. */
  created: string;
  appVersion: string;
  /** False when the library already held everything (importing the same bundle twice). */
  changed: boolean;
  snapshots: {
    /** New to this library. */
    added: string[];
    /** Already here under the same id with the same canonical text. */
    skipped: string[];
    /** The same canonical text is here under another id: the bundle's annotations were merged onto it. */
    matched: { bundleId: string; localId: string }[];
  };
  annotations: {
    /** New, live. */
    added: number;
    /** New but already deleted in the bundle: kept as tombstones so the deletion keeps travelling. */
    addedDeleted: number;
    /** A newer version replaced the local one (including restoring a deleted one). */
    updated: number;
    /** A newer tombstone deleted a live local annotation. */
    deleted: number;
    /** The local version is the same or newer. */
    skipped: number;
    /** Ids whose local and bundle versions have the same updatedAt but differ; the local one was kept. */
    conflicts: string[];
  };
}

/** ISO timestamps compared as instants; as strings only if one does not parse. */
function compareTime(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with sorted keys: equal data gives equal text whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The annotation as it lands here: on the target snapshot, with evidence pointing at snapshots by their ids here. */
function onto(a: Annotation, target: string, targetOf: Map<string, string>): Annotation {
  if (target === a.snapshotId) return a;
  const evidence = a.fields.evidence?.map((e) => (e.snapshotId && targetOf.has(e.snapshotId) ? { ...e, snapshotId: targetOf.get(e.snapshotId)! } : e));
  return { ...a, snapshotId: target, fields: evidence ? { ...a.fields, evidence } : a.fields };
}

/**
 * Snapshots written at once: each write waits on fsync, and the store serialises writes per
 * snapshot and per file, so a few in flight keep the disk busy without any contention.
 */
const WRITERS = 8;

/** Runs task over items, at most `width` at a time; rejects with the first error once all running tasks settle. */
async function inParallel<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | null = null;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  if (failed) throw (failed as { error: unknown }).error;
}

interface SnapshotPlan {
  item: BundleSnapshot;
  /** The library's id for this text: the bundle's own, or a local snapshot with the same text. */
  target: string;
  action: 'add' | 'skip' | 'match';
}

/**
 * Verifies the whole bundle, then checks it against the library, then merges. Any problem
 * found before the first write refuses the bundle with GlossaError (BAD_BUNDLE or
 * HASH_MISMATCH) and leaves the library untouched.
 */
export async function importBundle(library: LibraryStore, path: string, opts: ImportOptions = {}): Promise<BundleImportReport> {
  let inspection;
  try {
    inspection = await inspectBundle(path, {
      limits: opts.limits,
      keepBlobBytes: opts.keepBlobBytes ?? KEEP_BLOB_BYTES,
      // Hashing is the first half of the work; writing (per snapshot, then annotations) the rest.
      onMember: (done, total) => opts.onProgress?.(done, total * 2),
    });
  } catch (e) {
    // Only the file system's own errors get here (a bad bundle is reported, not thrown).
    if (!(e as NodeJS.ErrnoException).code) throw e;
    throw new GlossaError('NOT_FOUND', `Cannot read the bundle ${path}: ${(e as Error).message}. Check that the file exists and can be read.`);
  }
  if (!inspection.bundle || !inspection.zip) throw refusal(inspection.problems);
  const { bundle, zip } = inspection;
  let wrote = false;
  try {
    const memberSteps = Object.keys(bundle.manifest.files).length;

    // ---- plan: decide everything before the first write ----
    const problems: BundleProblem[] = [];
    const plans: SnapshotPlan[] = [];
    const plannedByText = new Map<string, string>();
    for (const item of bundle.snapshots) {
      const { snapshot } = item;
      if (library.hasSnapshot(snapshot.id)) {
        const local = await library.getSnapshot(snapshot.id);
        if (local.textHash !== snapshot.textHash) {
          problems.push(
            problem(
              `snapshots/${snapshot.id}/snapshot.json`,
              `Snapshot ${snapshot.id} in the bundle ("${snapshot.title}") has different content from the snapshot with the same id in this library ("${local.title}"). Two different articles cannot share an id, so the bundle was refused.`,
            ),
          );
          continue;
        }
        plans.push({ item, target: snapshot.id, action: 'skip' });
      } else {
        const sameText = library.findByTextHash(snapshot.textHash)?.id ?? plannedByText.get(snapshot.textHash);
        if (sameText) plans.push({ item, target: sameText, action: 'match' });
        else {
          plans.push({ item, target: snapshot.id, action: 'add' });
          plannedByText.set(snapshot.textHash, snapshot.id);
        }
      }
    }
    if (problems.length > 0) throw refusal(problems);

    const report: BundleImportReport = {
      path,
      formatVersion: bundle.manifest.version,
      created: bundle.manifest.created,
      appVersion: bundle.manifest.appVersion,
      changed: false,
      snapshots: {
        added: plans.filter((p) => p.action === 'add').map((p) => p.item.snapshot.id),
        skipped: plans.filter((p) => p.action === 'skip').map((p) => p.item.snapshot.id),
        matched: plans.filter((p) => p.action === 'match').map((p) => ({ bundleId: p.item.snapshot.id, localId: p.target })),
      },
      annotations: { added: 0, addedDeleted: 0, updated: 0, deleted: 0, skipped: 0, conflicts: [] },
    };

    const targetOf = new Map(plans.map((p) => [p.item.snapshot.id, p.target]));
    const writes = new Map<string, Annotation[]>();
    const localCache = new Map<string, Map<string, Annotation>>();
    const localOf = async (snapshotId: string) => {
      let m = localCache.get(snapshotId);
      if (!m) {
        const existing = library.hasSnapshot(snapshotId) ? await library.listAnnotations(snapshotId, { includeDeleted: true }) : [];
        m = new Map(existing.map((a) => [a.id, a]));
        localCache.set(snapshotId, m);
      }
      return m;
    };
    const counts = report.annotations;
    for (const incoming of bundle.annotations) {
      const target = targetOf.get(incoming.snapshotId)!;
      const a = onto(incoming, target, targetOf);
      const local = (await localOf(target)).get(a.id);
      let write = false;
      if (!local) {
        write = true;
        if (a.deletedAt === null) counts.added++;
        else counts.addedDeleted++;
      } else {
        const order = compareTime(a.updatedAt, local.updatedAt);
        if (order > 0) {
          write = true;
          if (a.deletedAt !== null && local.deletedAt === null) counts.deleted++;
          else counts.updated++;
        } else {
          counts.skipped++;
          if (order === 0 && canonical(a) !== canonical(local)) counts.conflicts.push(a.id);
        }
      }
      if (write) {
        const list = writes.get(target) ?? [];
        list.push(a);
        writes.set(target, list);
      }
    }

    // ---- apply: blobs before the snapshot that names them, snapshots before their annotations ----
    const added = plans.filter((p) => p.action === 'add');
    const steps = added.length + writes.size;
    let done = 0;
    const tick = () => opts.onProgress?.(memberSteps + Math.round((++done / Math.max(1, steps)) * memberSteps), memberSteps * 2);
    await inParallel(added, WRITERS, async (plan) => {
      for (const [hash, member] of plan.item.blobMembers) {
        if (await library.blobs.has(hash)) continue;
        let bytes = bundle.blobBytes.get(member);
        if (!bytes) {
          // Not kept from the hashing pass: read and hash it again (the file may have changed since).
          const read = await zip.read(member, { keep: true });
          if (read.sha256 !== hash) {
            throw new BundleFault(problem(member, `Bundle member "${member}" changed while it was being imported.`, 'HASH_MISMATCH'));
          }
          bytes = read.bytes!;
        }
        wrote = true;
        const stored = await library.blobs.put(bytes);
        if (stored !== hash) throw new GlossaError('LIBRARY_CORRUPT', `The library filed ${member} under ${stored} instead of ${hash}.`);
      }
      wrote = true;
      await library.addSnapshot(plan.item.snapshot);
      report.changed = true;
      tick();
    });
    await inParallel([...writes], WRITERS, async ([snapshotId, list]) => {
      wrote = true;
      await library.putAnnotations(snapshotId, list);
      report.changed = true;
      tick();
    });
    opts.onProgress?.(memberSteps * 2, memberSteps * 2);
    return report;
  } catch (e) {
    if (wrote) {
      // Every write before this one is complete and consistent; the merge is idempotent, so a retry finishes it.
      const why = e instanceof Error ? e.message : String(e);
      throw new GlossaError(e instanceof GlossaError ? e.code : 'BAD_BUNDLE', `The import stopped part-way: ${why} What was imported so far is intact; import the bundle again to finish.`);
    }
    if (e instanceof BundleFault) throw refusal([e.problem]);
    throw e;
  } finally {
    zip.close();
  }
}
