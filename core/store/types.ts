import type { Annotation, ArticleRecord, CodeTag, Collection, Snapshot, SnapshotSummary, Speaker } from '../model/index.js';

/**
 * The library folder (see docs/ARCHITECTURE.md and docs/DATA-MODEL.md). Only core/store writes
 * into it; everything else goes through this interface.
 */
export interface LibraryStore {
  readonly dir: string;
  readonly blobs: BlobStore;

  /**
   * Snapshot rows from glossa.json, oldest capture first, articles in the trash included (their
   * row's `article` says so: see inTrash). Cheap: served from memory.
   */
  listSnapshots(): SnapshotSummary[];
  /** Full immutable record from snapshots/<id>/snapshot.json. Throws NOT_FOUND. */
  getSnapshot(id: string): Promise<Snapshot>;
  hasSnapshot(id: string): boolean;
  findByTextHash(textHash: string): SnapshotSummary | undefined;
  /**
   * Writes snapshot.json (once, never overwritten), an empty annotations.json and the index
   * row. Every blob the snapshot names must already be in `blobs`.
   */
  addSnapshot(snapshot: Snapshot): Promise<void>;

  /** Annotations of one snapshot in text order (start, then end); tombstoned ones only on request. */
  listAnnotations(snapshotId: string, opts?: { includeDeleted?: boolean }): Promise<Annotation[]>;
  /** Throws NOT_FOUND. Returns tombstoned annotations too. */
  getAnnotation(snapshotId: string, id: string): Promise<Annotation>;
  /** Insert or replace by id; one durable write of that snapshot's annotations.json. */
  putAnnotation(annotation: Annotation): Promise<void>;
  /** Many at once for one snapshot: a single durable write (bundle import). */
  putAnnotations(snapshotId: string, annotations: Annotation[]): Promise<void>;

  /** The article's own state (trash, corrections, tags, collections); null when it has none yet. */
  getArticle(snapshotId: string): Promise<ArticleRecord | null>;
  /** Replaces the article's state: one durable write of its annotations.json; the old version joins its history. */
  putArticle(snapshotId: string, record: ArticleRecord): Promise<void>;
  /**
   * Removes articles for good (emptying the trash): they are listed in glossa.json's `purged`
   * first, so a bundle never brings them back, then their folders go, then every body no
   * remaining snapshot names. A crash anywhere is finished on the next open. Returns the
   * number of bodies freed.
   */
  purgeSnapshots(ids: string[]): Promise<{ removed: string[]; blobsFreed: number; bytesFreed: number }>;
  /** Articles removed for good: their ids, so imports can refuse to bring them back. */
  listPurged(): PurgedArticle[];

  /** The codebook kept in glossa.json (validated on read). */
  listCodebook(): CodeTag[];
  /** Replaces the whole codebook: one durable write of glossa.json (codebooks are small). */
  saveCodebook(tags: CodeTag[]): Promise<void>;
  /** The speaker registry kept in glossa.json. */
  listSpeakers(): Speaker[];
  /** Replaces the whole speaker registry: one durable write of glossa.json. */
  saveSpeakers(speakers: Speaker[]): Promise<void>;
  /** Settings kept with the library in glossa.json (a copy). */
  getSettings(): Record<string, unknown>;
  /** Sets the given settings (others stay): one durable write of glossa.json. */
  saveSettings(patch: Record<string, unknown>): Promise<void>;
  /** The collections kept in glossa.json. */
  listCollections(): Collection[];
  /** Replaces every collection: one durable write of glossa.json. */
  saveCollections(collections: Collection[]): Promise<void>;

  // ---- merging (bundle import) and conflicts; see revisions.ts ----

  /**
   * One snapshot's annotations as a merge sees them: current versions, their histories, kept
   * conflicts. Read-only: the records are shared with the store's cache (copying a whole
   * library's annotations would cost more than merging them).
   */
  readVersions(snapshotId: string): Promise<SnapshotVersions>;
  /**
   * Which of `ids` already belong to a snapshot outside `skip` (annotation id → snapshot id).
   * Reads every other snapshot's annotations.json: for checking a bundle before a merge.
   */
  locateAnnotations(ids: ReadonlySet<string>, skip: ReadonlySet<string>): Promise<Map<string, string>>;
  /**
   * Writes a planned merge all or nothing (import-commit.ts): new snapshots with their
   * annotations, replaced annotation files, the codebook and speakers. Refuses (CONFLICT,
   * nothing written) if any file changed since its `basis` was read. Every blob a new
   * snapshot names must be stored or in `batch.blobs`, except its original and images
   * (`optionalBlobs`: left out of a bundle).
   */
  commitImport(batch: ImportBatch, opts?: { signal?: AbortSignal }): Promise<void>;
  /** Annotations with versions kept side by side, of one snapshot or of the whole library. */
  listConflicts(snapshotId?: string): Promise<AnnotationConflict[]>;
  /**
   * Ends a conflict: `resolution` (any version of the annotation, usually one of the kept
   * ones with a new updatedAt) becomes current and supersedes every kept version.
   */
  resolveConflict(snapshotId: string, annotationId: string, resolution: Annotation): Promise<ResolvedConflict>;
  /** Undoes a resolution: the conflict as it was before, while the annotation is still `resolution`. */
  reopenConflict(snapshotId: string, resolution: Annotation, before: ConflictState): Promise<Annotation>;

  /**
   * Names the library's content; changes with every write and survives in glossa.json across
   * clean closes (the search index keeps the one it was built for). See Library.generation.
   */
  readonly generation: string;
  /** Told after each durable write what it touched (the search index follows the library this way). Returns an unsubscribe function. */
  onChange(listener: (change: LibraryChange) => void): () => void;

  /** Writes the library index now if anything changed since it was last written (it is otherwise written shortly after the last change). */
  flushIndex(): Promise<void>;
  /** Flush pending index writes and release the lock. */
  close(): Promise<void>;
}

/** What one durable write changed. */
export interface LibraryChange {
  /** Snapshots whose record or annotations.json was written. */
  snapshots: string[];
  codebook?: true;
  speakers?: true;
  collections?: true;
  /** Snapshots removed for good (emptying the trash). */
  purged?: string[];
  /** The library's generation after this write. */
  generation: string;
}

/** A version of an annotation and the revisions it was derived from. */
export interface AnnotationVersion {
  annotation: Annotation;
  history: string[];
}

export interface SnapshotVersions {
  /** Current versions, tombstones included. */
  annotations: Annotation[];
  /** Per annotation id: revisions its current version was derived from (absent: none known). */
  history: Record<string, string[]>;
  /** Versions kept beside the current one. */
  conflicts: AnnotationVersion[];
  /** The article's own state and the revisions it was derived from (absent: none yet). */
  article?: ArticleRecord;
  articleHistory?: string[];
  /** Changes with every write of the file: commitImport checks it. */
  basis: number;
}

/** One annotation's conflict as stored: the version shown, its history, the versions kept beside it. */
export interface ConflictState {
  annotation: Annotation;
  history: string[];
  kept: AnnotationVersion[];
}

export interface ResolvedConflict {
  resolution: Annotation;
  /** The conflict as it was, to bring back with reopenConflict (undo). */
  before: ConflictState;
}

export interface AnnotationConflict {
  snapshotId: string;
  annotationId: string;
  /** The version the library shows (the merge's winner). */
  current: Annotation;
  /** The versions kept beside it, newest first. */
  others: Annotation[];
}

export interface ImportBatch {
  /** Bodies to store with the import (staged with it, so a cancelled import leaves none behind). */
  blobs: { hash: string; read: () => Promise<Uint8Array> }[];
  add: { snapshot: Snapshot; versions: Omit<SnapshotVersions, 'basis'>; optionalBlobs?: string[] }[];
  replace: { snapshotId: string; versions: Omit<SnapshotVersions, 'basis'>; basis: number }[];
  /** The whole new codebook, and the one it was planned against (refused if that changed). */
  codebook?: { next: CodeTag[]; basis: CodeTag[] };
  speakers?: { next: Speaker[]; basis: Speaker[] };
  collections?: { next: Collection[]; basis: Collection[] };
}

/** An article removed for good, remembered so a bundle does not bring it back. */
export interface PurgedArticle {
  id: string;
  textHash: string;
  purgedAt: string;
}

export interface BlobStore {
  /** Stores bytes under their SHA-256 (written once, atomically); returns the hash. */
  put(data: Uint8Array | string): Promise<string>;
  get(hash: string): Promise<Buffer>;
  getText(hash: string): Promise<string>;
  has(hash: string): Promise<boolean>;
  /** Bytes stored under `hash`, or null when the library does not have it (for export size estimates). */
  size(hash: string): Promise<number | null>;
  /** Re-hashes every blob; lists the ones whose bytes no longer match their name. */
  verify(): Promise<{ checked: number; corrupt: string[] }>;
}
