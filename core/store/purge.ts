/**
 * Removing articles for good (emptying the trash), in an order a crash cannot hurt:
 *   1. glossa.json lists them as purged (a bundle never brings them back), drops their rows
 *      and records the bodies that may now be unused (`purgePending`);
 *   2. their folders are removed;
 *   3. each recorded body that no remaining snapshot names is deleted;
 *   4. `purgePending` is cleared.
 * A crash after 1 leaves folders or bodies behind, never a body in use gone: open() runs
 * 2–4 again (finishPurge) before anything is read. Bodies are judged against every
 * snapshot.json on disk, so a body shared with another article (a second version, the same
 * image) always stays.
 */
import { readdir, rm, stat, unlink } from 'node:fs/promises';
import { Snapshot } from '../model/index.js';
import { DurableJSONFile, fsyncDir } from './durable-file.js';
import { eachLimit } from './parallel.js';
import { blobFile, isSnapshotId, type LibraryLayout, snapshotDir, snapshotFile } from './paths.js';

/** Every body a snapshot names. */
export const bodiesOf = (s: Snapshot): string[] => [s.textHash, s.htmlHash, ...(s.originalHash ? [s.originalHash] : []), ...s.assetHashes];

async function readRecord(layout: LibraryLayout, id: string): Promise<Snapshot | null> {
  try {
    return await new DurableJSONFile<Snapshot>(snapshotFile(layout, id), { validate: (d) => Snapshot.parse(d) }).read();
  } catch {
    return null;
  }
}

/** The bodies the purged snapshots name (read before their folders go). */
export async function bodiesOfSnapshots(layout: LibraryLayout, ids: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  await eachLimit(ids, 16, async (id) => {
    const s = await readRecord(layout, id);
    if (s) for (const h of bodiesOf(s)) out.add(h);
  });
  return [...out].sort();
}

/**
 * Steps 2 and 3: removes the purged folders still on disk, then the candidate bodies no
 * remaining snapshot names. A snapshot.json that cannot be read keeps every candidate (it
 * might name any of them). Returns what was freed.
 */
export async function finishPurge(
  layout: LibraryLayout,
  purged: ReadonlySet<string>,
  candidates: readonly string[],
): Promise<{ blobsFreed: number; bytesFreed: number }> {
  let folders: string[] = [];
  try {
    folders = await readdir(layout.snapshots);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const gone = folders.filter((f) => purged.has(f));
  for (const id of gone) await rm(snapshotDir(layout, id), { recursive: true, force: true });
  if (gone.length) await fsyncDir(layout.snapshots);

  const unused = new Set(candidates);
  let unreadable = false;
  await eachLimit(
    folders.filter((f) => !purged.has(f) && isSnapshotId(f)),
    16,
    async (id) => {
      if (unused.size === 0) return;
      const s = await readRecord(layout, id);
      if (!s) unreadable = true;
      else for (const h of bodiesOf(s)) unused.delete(h);
    },
  );
  if (unreadable) return { blobsFreed: 0, bytesFreed: 0 };
  let blobsFreed = 0;
  let bytesFreed = 0;
  for (const hash of unused) {
    const file = blobFile(layout.blobs, hash);
    try {
      const { size } = await stat(file);
      await unlink(file);
      blobsFreed++;
      bytesFreed += size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return { blobsFreed, bytesFreed };
}
