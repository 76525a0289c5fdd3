import { readdir, stat } from 'node:fs/promises';
import { Snapshot, type SnapshotSummary } from '../model/index.js';
import { annotationsAdapter } from './annotations-file.js';
import { countLive, sameCounts, zeroCounts } from './counts.js';
import { DurableJSONFile } from './durable-file.js';
import { closedCleanly, type IndexFile, rowState, toSummary } from './index-file.js';
import { annotationsFile, isSnapshotId, type LibraryLayout, snapshotFile } from './paths.js';

/** Runs `fn` over `items` with at most `limit` in flight: thousands of stats, not thousands of open files. */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Live counts, whether conflicts wait, and the article's state from a snapshot's annotations.json; null if it cannot be read (reported when the snapshot is opened). */
async function countFile(layout: LibraryLayout, id: string) {
  try {
    const doc = await annotationsAdapter(annotationsFile(layout, id)).read();
    return { counts: doc ? countLive(doc.annotations) : zeroCounts(), conflicted: Boolean(doc?.conflicts?.length), article: rowState(doc?.article) };
  } catch {
    return null;
  }
}

// A clock this far ahead of now means the system clock was set back; trust no mtime then.
const CLOCK_SKEW_MS = 60_000;

/**
 * Makes the index agree with the snapshot folders after any crash:
 * - adopts snapshot folders with a valid snapshot.json but no index row (a crash after
 *   addSnapshot wrote its files but before the index was flushed);
 * - recounts the snapshots the last flush recorded as in flight (countsPending) and those in
 *   `recount`;
 * - after an unclean close (or for a library from before the generation stamp), also those
 *   whose annotations.json changed after the counts were last flushed, judged by mtime (a stat
 *   each, no reads). After a clean close no annotations.json is looked at: see closedCleanly.
 * Returns the rows and whether anything changed. Never writes.
 */
export async function reconcile(
  layout: LibraryLayout,
  index: IndexFile,
  recount: ReadonlySet<string> = new Set(),
): Promise<{ rows: SnapshotSummary[]; conflicted: Set<string>; changed: boolean }> {
  const byId = new Map<string, SnapshotSummary>();
  // Articles removed for good never come back as rows or orphans (a purge a crash interrupted is finished before this).
  const purged = new Set((index.purged ?? []).map((p) => p.id));
  for (const row of index.snapshots) if (!purged.has(row.id)) byId.set(row.id, row);
  let changed = byId.size !== index.snapshots.length;

  let folders: string[] = [];
  try {
    folders = await readdir(layout.snapshots);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const present = new Set(folders);
  const conflicted = new Set((index.conflicted ?? []).filter((id) => byId.has(id)));

  const orphans = folders.filter((name) => !byId.has(name) && !purged.has(name) && isSnapshotId(name));
  await mapLimit(orphans, 16, async (id) => {
    let snapshot: Snapshot | null = null;
    try {
      snapshot = await new DurableJSONFile<Snapshot>(snapshotFile(layout, id), { validate: (d) => Snapshot.parse(d) }).read();
    } catch {
      // Left as it is: a damaged record is reported, never rewritten.
    }
    if (!snapshot || snapshot.id !== id) return;
    const found = await countFile(layout, id);
    byId.set(id, toSummary(snapshot, found?.counts ?? zeroCounts()));
    if (found?.article) byId.get(id)!.article = found.article;
    if (found?.conflicted) conflicted.add(id);
    changed = true;
  });

  const clock = index.countsClock;
  const pending = new Set(index.countsPending);
  const trustClock = clock !== null && clock <= Date.now() + CLOCK_SKEW_MS;
  const rows = [...byId.values()].filter((r) => present.has(r.id));
  const suspects = closedCleanly(index) ? rows.filter((r) => pending.has(r.id) || recount.has(r.id)) : rows;
  await mapLimit(suspects, 32, async (row) => {
    let stale = !trustClock || pending.has(row.id) || recount.has(row.id);
    if (!stale) {
      try {
        stale = (await stat(annotationsFile(layout, row.id))).mtimeMs >= clock!;
      } catch {
        stale = true; // annotations.json gone (moved aside?): recount as empty
      }
    }
    if (!stale) return;
    const found = await countFile(layout, row.id);
    if (!found) return;
    if (!sameCounts(found.counts, row.counts)) {
      row.counts = found.counts;
      changed = true;
    }
    if (JSON.stringify(found.article) !== JSON.stringify(row.article)) {
      if (found.article) row.article = found.article;
      else delete row.article;
      changed = true;
    }
    if (found.conflicted !== conflicted.has(row.id)) {
      if (found.conflicted) conflicted.add(row.id);
      else conflicted.delete(row.id);
      changed = true;
    }
  });
  for (const id of conflicted) if (!present.has(id)) conflicted.delete(id);
  if (!trustClock || pending.size) changed = true;
  return { rows: [...byId.values()], conflicted, changed };
}
