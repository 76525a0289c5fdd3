import { z } from 'zod';
import { type ArticleRecord, ArticleRowState, GlossaError, type Snapshot, SnapshotSummary } from '../model/index.js';
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
  collections: z.array(z.unknown()).default([]),
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
  /** Articles removed for good (emptied from the trash): a bundle never brings them back. */
  purged: z.array(z.object({ id: z.string(), textHash: z.string(), purgedAt: z.string() })).optional(),
  /** Set while a purge removes folders and bodies; open() finishes one a crash interrupted. */
  purgePending: z.boolean().optional(),
  /** The bodies that purge may have left unused, judged again when it is finished. */
  purgeBodies: z.array(z.string()).optional(),
});
export type IndexFile = z.infer<typeof IndexFile>;

export const emptyIndex = (): IndexFile => ({
  schemaVersion: SCHEMA_VERSION,
  snapshots: [],
  codebook: [],
  speakers: [],
  collections: [],
  settings: {},
  countsClock: null,
  countsPending: [],
});

/** What a session's first write puts in `generation` until a clean close replaces it. */
export const DIRTY_GENERATION = 'dirty:';

/**
 * True when glossa.json was last written by a clean close (or by a session that never wrote a
 * snapshot): every save then went through a session that marked the generation dirty before
 * its first write, and a clean close flushed its counts with nothing in flight. So its counts
 * are right without looking at any annotations.json, except those named in countsPending.
 * Libraries from before the stamp, or without a flush clock, are not known to be clean.
 */
export function closedCleanly(index: IndexFile): boolean {
  return index.generation !== undefined && !index.generation.startsWith(DIRTY_GENERATION) && index.countsClock !== null;
}

const ROW_KEYS = 11;
/** Rows of articles with a state of their own carry it too; few do, so zod checks just that part. */
const hasRowState = (r: Record<string, unknown>) => 'article' in r && ArticleRowState.safeParse(r.article).success;
const CAPTURE_METHODS = new Set<unknown>(SnapshotSummary.shape.captureMethod.options);
const SHA256 = /^[0-9a-f]{64}$/;
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNull = (v: unknown) => v === null || typeof v === 'string';

/**
 * A row exactly as this version writes it, checked by hand: zod over 10,000 rows costs tens of
 * milliseconds at every open. Stricter than SnapshotSummary (no missing, extra or defaulted
 * key), so a row it accepts zod accepts unchanged; any other row goes through zod.
 */
function isWrittenRow(row: unknown): row is SnapshotSummary {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
  const r = row as Record<string, unknown>;
  const c = r.counts as Record<string, unknown> | null | undefined;
  return (
    isText(r.id) &&
    r.id.length > 0 &&
    isText(r.title) &&
    isTextOrNull(r.siteName) &&
    isTextOrNull(r.sourceUrl) &&
    isTextOrNull(r.sourceFile) &&
    isText(r.capturedAt) &&
    CAPTURE_METHODS.has(r.captureMethod) &&
    Number.isSafeInteger(r.wordCount) &&
    (r.wordCount as number) >= 0 &&
    isText(r.textHash) &&
    SHA256.test(r.textHash) &&
    isTextOrNull(r.previousVersionId) &&
    typeof c === 'object' &&
    c !== null &&
    !Array.isArray(c) &&
    isCount(c.quote) &&
    isCount(c.claim) &&
    isCount(c.figure) &&
    isCount(c.note) &&
    Object.keys(c).length === 4 &&
    Object.keys(r).length === ROW_KEYS + ('article' in r ? 1 : 0) &&
    (!('article' in r) || hasRowState(r))
  );
}

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
    const rows = (data as { snapshots?: unknown } | null)?.snapshots;
    // The usual case: rows as written are taken as they are and zod checks the rest of the file;
    // anything else (a damaged or older row) gets zod's full check and its message.
    if (Array.isArray(rows) && rows.every(isWrittenRow)) {
      return { ...IndexFile.parse({ ...(data as object), snapshots: [] }), snapshots: rows };
    }
    return IndexFile.parse(data);
  };
}

export const INDEX_RECOVERY =
  'Restore glossa.json from a backup, or move it out of the library folder: Glossa then rebuilds the snapshot list from the snapshots folder (the codebook, speakers and settings kept in glossa.json would be lost).';

export const ANNOTATIONS_RECOVERY =
  "Restore this snapshot's annotations.json from a backup or from an exported .glossa bundle; moving it out of the folder leaves the article without annotations. The other articles are unaffected.";

/** The row's copy of the article's state (absent while the article has none). */
export const rowState = (record: ArticleRecord | undefined): ArticleRowState | undefined => {
  if (!record) return undefined;
  const { metaHistory: _history, mergedFrom: _from, ...state } = record;
  return state;
};

export function toSummary(s: Snapshot, counts: Counts, record?: ArticleRecord): SnapshotSummary {
  const article = rowState(record);
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
    ...(article ? { article } : {}),
  };
}

/** Oldest capture first; the id breaks ties so the order is stable. */
export const compareRows = (a: SnapshotSummary, b: SnapshotSummary) =>
  a.capturedAt < b.capturedAt ? -1 : a.capturedAt > b.capturedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
