import { mkdir, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { Annotation, CodeTag, GlossaError, Snapshot, type SnapshotSummary, Speaker } from '../model/index.js';
import { type AnnotationsDoc, annotationsAdapter, compareAnnotations } from './annotations-file.js';
import { FileBlobStore } from './blobs.js';
import { countLive, sameCounts } from './counts.js';
import { DurableJSONFile, exists, fsyncDir, removeTempDebris, writeFileDurable } from './durable-file.js';
import { compareRows, emptyIndex, INDEX_RECOVERY, type IndexFile, toSummary, validateIndex } from './index-file.js';
import { IndexFlusher } from './index-flusher.js';
import { KeyedQueue } from './keyed-queue.js';
import { type LibraryLock, lockLibrary } from './lock.js';
import {
  annotationsFile,
  assertSnapshotId,
  LIBRARY_ENTRIES,
  type LibraryLayout,
  libraryLayout,
  snapshotDir,
  snapshotFile,
} from './paths.js';
import { reconcile } from './recover.js';
import type { LibraryStore } from './types.js';

export interface OpenLibraryOptions {
  /** A lock not refreshed for this long (a killed process's) is taken over. Default 10 s, at least 2 s. */
  staleLockMs?: number;
  /** Told when another process took the lock; saving stops. Default: a console warning. */
  onLockCompromised?: (err: Error) => void;
  /** How many snapshots' annotation files stay parsed in memory. Default 500. */
  maxCachedAnnotationFiles?: number;
  /** Quiet time after a count change before glossa.json is rewritten. Default 300 ms (and at most 5 s of changes). */
  indexFlushDelayMs?: number;
}

/** Annotation files kept parsed in memory (each is one article's annotations, a few tens of KB). */
const MAX_CACHED_DOCS = 500;

const cloneRow = (r: SnapshotSummary): SnapshotSummary => ({ ...r, counts: { ...r.counts } });

function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new GlossaError('INVALID_INPUT', `The ${what} is not valid (${issues}). Nothing was saved.`);
}

const noSnapshot = (id: string) =>
  new GlossaError('NOT_FOUND', `There is no snapshot ${id} in this library. It may belong to another library, or it was never imported.`);

/**
 * The library folder of DATA-MODEL.md. One instance per folder per process, holding the lock.
 *
 * Performance rule: an annotation save writes only that snapshot's annotations.json. The
 * per-kind counts shown in the library list live in memory and reach glossa.json lazily
 * (coalesced); open() repairs them after a crash (see recover.ts and index-file.ts).
 */
export class Library implements LibraryStore {
  readonly blobs: FileBlobStore;
  private readonly rows: SnapshotSummary[];
  private readonly byId = new Map<string, SnapshotSummary>();
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly docs = new Map<string, Promise<Low<AnnotationsDoc>>>();
  private readonly queue = new KeyedQueue();
  private readonly flusher: IndexFlusher;
  private closing: Promise<void> | null = null;

  private constructor(
    readonly dir: string,
    private readonly layout: LibraryLayout,
    index: Low<IndexFile>,
    rows: SnapshotSummary[],
    private readonly lock: LibraryLock,
    flushDelayMs: number,
    private readonly maxCachedDocs: number,
  ) {
    this.rows = rows.sort(compareRows);
    for (const row of this.rows) this.byId.set(row.id, row);
    this.blobs = new FileBlobStore(layout.blobs, () => this.assertWritable());
    this.flusher = new IndexFlusher(
      index,
      layout.index,
      layout.clock,
      {
        rows: () => this.rows,
        // '#registry' and the like are not snapshots: only snapshot ids are recounted on open.
        pending: () => this.queue.activeKeys().filter((key) => !key.startsWith('#')),
        assertMayWrite: () => this.assertWritable(false),
      },
      flushDelayMs,
    );
  }

  static async open(dir: string, opts: OpenLibraryOptions = {}): Promise<Library> {
    const root = resolve(dir);
    const layout = libraryLayout(root);
    await mkdir(root, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      throw new GlossaError(
        e.code === 'EEXIST' || e.code === 'ENOTDIR' ? 'INVALID_INPUT' : 'WRITE_FAILED',
        `Could not use ${root} as a library folder (${e.code === 'EEXIST' || e.code === 'ENOTDIR' ? 'a file is in the way' : e.message}). Choose another folder (GLOSSA_LIBRARY / --library).`,
      );
    });
    const isNew = !(await exists(layout.index));
    if (isNew) await assertMayBecomeLibrary(layout);
    const lock = await lockLibrary(root, {
      lockfilePath: layout.lock,
      staleMs: opts.staleLockMs ?? 10_000,
      ...(opts.onLockCompromised ? { onCompromised: opts.onLockCompromised } : {}),
    });
    try {
      const adapter = new DurableJSONFile<IndexFile>(layout.index, { validate: validateIndex(layout.index), recovery: INDEX_RECOVERY });
      const index = new Low<IndexFile>(adapter, emptyIndex());
      await index.read();
      for (const folder of [layout.snapshots, layout.blobs, layout.trash]) await mkdir(folder, { recursive: true });
      if (isNew) await fsyncDir(root);
      await removeTempDebris(root);
      const { rows, changed } = await reconcile(layout, index.data);
      const library = new Library(root, layout, index, rows, lock, opts.indexFlushDelayMs ?? 300, opts.maxCachedAnnotationFiles ?? MAX_CACHED_DOCS);
      if (isNew) {
        // A new library gets its glossa.json at once, so the folder is recognisable as one.
        // (No timer: if this fails, nothing may write later without the lock.)
        library.flusher.markDirtyNoTimer();
        await library.flusher.flush();
      } else if (changed) library.flusher.markDirty();
      return library;
    } catch (e) {
      await lock.release().catch(() => undefined);
      throw e;
    }
  }

  // ---- snapshots -------------------------------------------------------------------------

  listSnapshots(): SnapshotSummary[] {
    this.assertOpen();
    return this.rows.map(cloneRow);
  }

  hasSnapshot(id: string): boolean {
    return this.byId.has(id);
  }

  findByTextHash(textHash: string): SnapshotSummary | undefined {
    this.assertOpen();
    const row = this.rows.find((r) => r.textHash === textHash);
    return row && cloneRow(row);
  }

  async getSnapshot(id: string): Promise<Snapshot> {
    this.assertOpen();
    assertSnapshotId(id);
    if (!this.byId.has(id)) throw noSnapshot(id);
    let snapshot = this.snapshots.get(id);
    if (!snapshot) {
      const file = snapshotFile(this.layout, id);
      const read = await snapshotAdapter(file).read();
      if (!read) {
        throw new GlossaError(
          'LIBRARY_CORRUPT',
          `${file} is missing although the library lists snapshot ${id}. Restore the snapshot folder from a backup or re-import the article.`,
        );
      }
      snapshot = read;
      this.snapshots.set(id, snapshot);
    }
    return structuredClone(snapshot);
  }

  // async throughout: bad input rejects the promise, never throws synchronously.
  async addSnapshot(input: Snapshot): Promise<void> {
    this.assertWritable();
    const snapshot = parseInput(Snapshot, input, 'snapshot');
    assertSnapshotId(snapshot.id);
    const id = snapshot.id;
    return this.exclusive(id, async () => {
      this.assertWritable(false);
      const text = JSON.stringify(snapshot, null, 2);
      if (this.byId.has(id)) {
        // Adding the same record again is a no-op (a bundle imported twice changes nothing).
        if (JSON.stringify(await this.getSnapshot(id), null, 2) === text) return;
        throw new GlossaError(
          'INVALID_INPUT',
          `A different snapshot with id ${id} is already in the library, and snapshots are never overwritten. Capture the article again to make a new version.`,
        );
      }
      await this.assertBlobsPresent(snapshot);
      if (await mkdir(snapshotDir(this.layout, id), { recursive: true })) await fsyncDir(this.layout.snapshots);
      const doc = await this.docInQueue(id);
      const file = snapshotFile(this.layout, id);
      // Left by an add that crashed before the index row: reuse it if it is this very record.
      const onDisk = await snapshotAdapter(file).read();
      if (!onDisk) await writeFileDurable(file, text, { noOverwrite: true });
      else if (JSON.stringify(onDisk, null, 2) !== text) {
        throw new GlossaError('INVALID_INPUT', `${file} already holds a different snapshot and is never overwritten.`);
      }
      if (!(await exists(annotationsFile(this.layout, id)))) await doc.write();
      this.snapshots.set(id, snapshot);
      this.insertRow(toSummary(snapshot, countLive(doc.data.annotations)));
      this.flusher.markDirty();
    });
  }

  private async assertBlobsPresent(s: Snapshot): Promise<void> {
    const named = new Set([s.textHash, s.htmlHash, ...(s.originalHash ? [s.originalHash] : []), ...s.assetHashes]);
    const missing: string[] = [];
    for (const hash of named) if (!(await this.blobs.has(hash))) missing.push(hash);
    if (missing.length) {
      throw new GlossaError(
        'INVALID_INPUT',
        `Snapshot ${s.id} names content that is not in the library (${missing.join(', ')}). Store the bodies with blobs.put() first; nothing was written.`,
      );
    }
  }

  private insertRow(row: SnapshotSummary): void {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRows(this.rows[mid]!, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.rows.splice(lo, 0, row);
    this.byId.set(row.id, row);
  }

  // ---- annotations -----------------------------------------------------------------------

  async listAnnotations(snapshotId: string, opts: { includeDeleted?: boolean } = {}): Promise<Annotation[]> {
    this.requireSnapshot(snapshotId);
    const { annotations } = (await this.doc(snapshotId)).data;
    return structuredClone(opts.includeDeleted ? annotations : annotations.filter((a) => !a.deletedAt));
  }

  async getAnnotation(snapshotId: string, id: string): Promise<Annotation> {
    this.requireSnapshot(snapshotId);
    const found = (await this.doc(snapshotId)).data.annotations.find((a) => a.id === id);
    if (!found) throw new GlossaError('NOT_FOUND', `There is no annotation ${id} on snapshot ${snapshotId}.`);
    return structuredClone(found);
  }

  async putAnnotation(input: Annotation): Promise<void> {
    this.assertWritable();
    const annotation = parseInput(Annotation, input, 'annotation');
    this.requireSnapshot(annotation.snapshotId);
    return this.save(annotation.snapshotId, [annotation]);
  }

  async putAnnotations(snapshotId: string, inputs: Annotation[]): Promise<void> {
    this.assertWritable();
    this.requireSnapshot(snapshotId);
    const list = inputs.map((a, i) => parseInput(Annotation, a, `annotation ${i + 1} of ${inputs.length}`));
    const stray = list.find((a) => a.snapshotId !== snapshotId);
    if (stray) {
      throw new GlossaError('INVALID_INPUT', `Annotation ${stray.id} belongs to snapshot ${stray.snapshotId}, not ${snapshotId}. Nothing was saved.`);
    }
    if (list.length) await this.save(snapshotId, list);
  }

  /** Insert or replace by id, then one durable write; memory changes only once the disk has. */
  private save(snapshotId: string, incoming: Annotation[]): Promise<void> {
    return this.exclusive(snapshotId, async () => {
      this.assertWritable(false);
      const doc = await this.docInQueue(snapshotId);
      const byId = new Map(doc.data.annotations.map((a) => [a.id, a]));
      for (const a of incoming) byId.set(a.id, a);
      const next: AnnotationsDoc = { ...doc.data, annotations: [...byId.values()].sort(compareAnnotations) };
      await doc.adapter.write(next);
      doc.data = next;
      this.flusher.markSaved();
      const row = this.byId.get(snapshotId);
      const counts = countLive(next.annotations);
      if (row && !sameCounts(row.counts, counts)) {
        row.counts = counts;
        this.flusher.markDirty();
      }
    });
  }

  private requireSnapshot(snapshotId: string): void {
    this.assertOpen();
    assertSnapshotId(snapshotId);
    if (!this.byId.has(snapshotId)) throw noSnapshot(snapshotId);
  }

  /** The snapshot's lowdb, opened on first use (queued behind writes to that snapshot). */
  private doc(snapshotId: string): Promise<Low<AnnotationsDoc>> {
    return this.cachedDoc(snapshotId) ?? this.exclusive(snapshotId, () => this.docInQueue(snapshotId));
  }

  /** Only from inside the snapshot's queue: nothing else writes in its folder meanwhile. */
  private docInQueue(snapshotId: string): Promise<Low<AnnotationsDoc>> {
    const cached = this.cachedDoc(snapshotId);
    if (cached) return cached;
    const loading = (async () => {
      await removeTempDebris(snapshotDir(this.layout, snapshotId));
      const db = new Low<AnnotationsDoc>(annotationsAdapter(annotationsFile(this.layout, snapshotId)), { annotations: [] });
      await db.read();
      db.data.annotations.sort(compareAnnotations);
      return db;
    })();
    this.docs.set(snapshotId, loading);
    this.evictDocs();
    // A damaged file is reported on every use until it is repaired, never cached as empty.
    loading.catch(() => {
      if (this.docs.get(snapshotId) === loading) this.docs.delete(snapshotId);
    });
    return loading;
  }

  /** Most recently used last, so the first entries are the ones to evict. */
  private cachedDoc(snapshotId: string): Promise<Low<AnnotationsDoc>> | undefined {
    const cached = this.docs.get(snapshotId);
    if (cached) {
      this.docs.delete(snapshotId);
      this.docs.set(snapshotId, cached);
    }
    return cached;
  }

  /** Bounds memory when a session opens thousands of articles; a doc with queued work stays. */
  private evictDocs(): void {
    for (const id of this.docs.keys()) {
      if (this.docs.size <= this.maxCachedDocs) return;
      if (!this.queue.isActive(id)) this.docs.delete(id);
    }
  }

  private exclusive<R>(snapshotId: string, task: () => Promise<R>): Promise<R> {
    return this.queue.run(snapshotId, task);
  }

  // ---- codebook and speakers (small lists kept in glossa.json) ------------------------------

  listCodebook(): CodeTag[] {
    this.assertOpen();
    return this.registry('codebook', CodeTag);
  }

  listSpeakers(): Speaker[] {
    this.assertOpen();
    return this.registry('speakers', Speaker);
  }

  saveCodebook(tags: CodeTag[]): Promise<void> {
    return this.saveRegistry('codebook', CodeTag, tags);
  }

  saveSpeakers(speakers: Speaker[]): Promise<void> {
    return this.saveRegistry('speakers', Speaker, speakers);
  }

  private registry<S extends z.ZodType>(key: 'codebook' | 'speakers', schema: S): z.infer<S>[] {
    const list = this.flusher.data()[key];
    return list.map((item, i) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) return parsed.data as z.infer<S>;
      throw new GlossaError('LIBRARY_CORRUPT', `Entry ${i + 1} of the ${key} in ${this.layout.index} is damaged (${parsed.error.issues[0]?.message}). ${INDEX_RECOVERY}`);
    });
  }

  private async saveRegistry<S extends z.ZodType>(key: 'codebook' | 'speakers', schema: S, input: unknown[]): Promise<void> {
    this.assertWritable();
    const list = input.map((item, i) => parseInput(schema, item, `${key} entry ${i + 1} of ${input.length}`) as { id: string });
    const ids = new Set<string>();
    for (const item of list) {
      if (ids.has(item.id)) throw new GlossaError('INVALID_INPUT', `The ${key} lists ${item.id} twice. Nothing was saved.`);
      ids.add(item.id);
    }
    // Serialised with other registry saves; memory changes only once the disk has.
    return this.exclusive('#registry', () => this.flusher.writeNow({ [key]: list }));
  }

  /** Writes glossa.json now if anything changed since it was last written. */
  flushIndex(): Promise<void> {
    return this.flusher.flush();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Waits for running saves, writes the index, releases the lock. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.queue.drain();
      try {
        if (!this.lock.compromised) await this.flusher.flush();
      } finally {
        this.flusher.dispose();
        await this.lock.release();
      }
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing) throw new GlossaError('LIBRARY_LOCKED', `The library at ${this.dir} was closed; open it again to use it.`);
  }

  /** `checkClosed` is false inside queued work, which close() lets finish. */
  private assertWritable(checkClosed = true): void {
    if (checkClosed) this.assertOpen();
    if (this.lock.compromised) throw this.lockLost();
  }

  private lockLost(): GlossaError {
    return new GlossaError(
      'LIBRARY_LOCKED',
      `Glossa lost its lock on the library at ${this.dir} (another process took it over), so nothing more is saved from this window. Close this window and reopen the library.`,
    );
  }
}

const snapshotAdapter = (file: string) =>
  new DurableJSONFile<Snapshot>(file, {
    validate: (d) => Snapshot.parse(d),
    recovery: 'Restore this snapshot folder from a backup, or re-import the article from a .glossa bundle.',
  });

/** Refuses to scatter library folders into a folder that holds something else (e.g. a home folder). */
async function assertMayBecomeLibrary(layout: LibraryLayout): Promise<void> {
  const names = await readdir(layout.root);
  const foreign = names.filter((n) => !LIBRARY_ENTRIES.has(n) && !/^\.glossa\.json\..*\.tmp$/.test(n));
  if (foreign.length) {
    throw new GlossaError(
      'INVALID_INPUT',
      `${layout.root} is not a Glossa library and is not empty (it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}). Choose an empty folder or an existing library (GLOSSA_LIBRARY / --library).`,
    );
  }
}

export const openLibrary = (dir: string, opts?: OpenLibraryOptions): Promise<Library> => Library.open(dir, opts);
