import { z } from 'zod';
import { GlossaError, type Snapshot, SnapshotSummary } from '../model/index.js';
import type { Counts } from './counts.js';
import { SCHEMA_VERSION } from './paths.js';

/**
 * glossa.json: the library index. Snapshot rows hold metadata and annotation counts so the
 * library can be listed without opening a file per snapshot.
 *
 * Counts are flushed lazily (an annotation save never rewrites this file), so the index
 * also records when they were last right:
 * - countsClock: file-system time read just before the flushed counts were taken; an
 *   annotations.json with an mtime at or after it may hold changes the counts miss.
 * - countsPending: snapshots with a save in flight at that moment (its temp file may predate
 *   countsClock), recounted on open as well.
 * Unknown keys are kept, so a future field survives a round trip through this version.
 */
export const IndexFile = z.looseObject({
  schemaVersion: z.number().int().positive(),
  snapshots: z.array(SnapshotSummary),
  codebook: z.array(z.unknown()).default([]),
  speakers: z.array(z.unknown()).default([]),
  settings: z.record(z.string(), z.unknown()).default({}),
  countsClock: z.number().nullable().default(null),
  countsPending: z.array(z.string()).default([]),
  /** Snapshots whose annotations.json holds unresolved conflicts (kept current like the counts; absent when none). */
  conflicted: z.array(z.string()).optional(),
  /**
   * The library's generation stamp (Library.generation): a clean close writes the one its last
   * write left, a session's first write "dirty:<session>". Absent in libraries from before it.
   */
  generation: z.string().optional(),
});
export type IndexFile = z.infer<typeof IndexFile>;

export const emptyIndex = (): IndexFile => ({
  schemaVersion: SCHEMA_VERSION,
  snapshots: [],
  codebook: [],
  speakers: [],
  settings: {},
  countsClock: null,
  countsPending: [],
});

/** Checks the version before the shape: a newer Glossa may have changed the shape. */
export function validateIndex(file: string) {
  return (data: unknown): IndexFile => {
    const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      throw new GlossaError(
        'LIBRARY_TOO_NEW',
        `The library index ${file} was written by a newer version of Glossa (format ${version}; this version reads up to ${SCHEMA_VERSION}). Update Glossa to open this library. Nothing was changed.`,
      );
    }
    return IndexFile.parse(data);
  };
}

export const INDEX_RECOVERY =
  'Restore glossa.json from a backup, or move it out of the library folder: Glossa then rebuilds the snapshot list from the snapshots folder (the codebook, speakers and settings kept in glossa.json would be lost).';

export const ANNOTATIONS_RECOVERY =
  "Restore this snapshot's annotations.json from a backup or from an exported .glossa bundle; moving it out of the folder leaves the article without annotations. The other articles are unaffected.";

export function toSummary(s: Snapshot, counts: Counts): SnapshotSummary {
  return {
    id: s.id,
    title: s.title,
    siteName: s.siteName,
    sourceUrl: s.sourceUrl,
    sourceFile: s.sourceFile,
    capturedAt: s.capturedAt,
    captureMethod: s.captureMethod,
    wordCount: s.wordCount,
    textHash: s.textHash,
    previousVersionId: s.previousVersionId,
    counts,
  };
}

/** Oldest capture first; the id breaks ties so the order is stable. */
export const compareRows = (a: SnapshotSummary, b: SnapshotSummary) =>
  a.capturedAt < b.capturedAt ? -1 : a.capturedAt > b.capturedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
