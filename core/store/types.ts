import type { Annotation, CodeTag, Snapshot, SnapshotSummary, Speaker } from '../model/index.js';

/**
 * The library folder (see docs/ARCHITECTURE.md and DATA-MODEL.md). Only core/store writes
 * into it; everything else goes through this interface.
 */
export interface LibraryStore {
  readonly dir: string;
  readonly blobs: BlobStore;

  /** Snapshot rows from glossa.json, oldest capture first. Cheap: served from memory. */
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

  /** The codebook kept in glossa.json (validated on read). */
  listCodebook(): CodeTag[];
  /** Replaces the whole codebook: one durable write of glossa.json (codebooks are small). */
  saveCodebook(tags: CodeTag[]): Promise<void>;
  /** The speaker registry kept in glossa.json. */
  listSpeakers(): Speaker[];
  /** Replaces the whole speaker registry: one durable write of glossa.json. */
  saveSpeakers(speakers: Speaker[]): Promise<void>;

  /** Flush pending index writes and release the lock. */
  close(): Promise<void>;
}

export interface BlobStore {
  /** Stores bytes under their SHA-256 (written once, atomically); returns the hash. */
  put(data: Uint8Array | string): Promise<string>;
  get(hash: string): Promise<Buffer>;
  getText(hash: string): Promise<string>;
  has(hash: string): Promise<boolean>;
  /** Re-hashes every blob; lists the ones whose bytes no longer match their name. */
  verify(): Promise<{ checked: number; corrupt: string[] }>;
}
