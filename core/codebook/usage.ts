/**
 * How the codebook is used across the library: per tag, how many live annotations carry it
 * and in how many snapshots. Read before a delete or merge so its effect can be stated.
 */
import { type Annotation, inTrash } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import { retagList, type Retag } from './tree.js';

export interface TagUse {
  annotations: number;
  snapshots: number;
}

/**
 * Calls `visit` with each snapshot's live annotations. Articles in the trash are out of the
 * library's counts (`countTrash` false) but not out of its changes: a tag deleted while an
 * article is in the trash is gone from it too when it comes back.
 */
export async function eachSnapshotAnnotations(
  library: LibraryStore,
  visit: (snapshotId: string, annotations: Annotation[]) => void,
  opts: { includeTrash: boolean },
): Promise<void> {
  for (const row of library.listSnapshots()) if (opts.includeTrash || !inTrash(row.article)) visit(row.id, await library.listAnnotations(row.id));
}

export async function tagUsage(library: LibraryStore): Promise<Record<string, TagUse>> {
  const use: Record<string, TagUse> = {};
  await eachSnapshotAnnotations(
    library,
    (_id, list) => {
      const here = new Set<string>();
      for (const a of list) {
        for (const t of new Set(a.tags)) {
          const u = (use[t] ??= { annotations: 0, snapshots: 0 });
          u.annotations++;
          here.add(t);
        }
      }
      for (const t of here) use[t]!.snapshots++;
    },
    { includeTrash: false },
  );
  return use;
}

/** Live annotations whose tags a plan would change, with their tags after it. */
export async function retagged(library: LibraryStore, retag: Retag): Promise<{ annotation: Annotation; tags: string[] }[]> {
  const out: { annotation: Annotation; tags: string[] }[] = [];
  await eachSnapshotAnnotations(
    library,
    (_id, list) => {
      for (const annotation of list) {
        const tags = retagList(annotation.tags, retag);
        if (tags) out.push({ annotation, tags });
      }
    },
    { includeTrash: true },
  );
  return out;
}
