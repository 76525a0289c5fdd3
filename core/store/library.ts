import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { Annotation, ArticleRecord, CodeTag, Collection, GlossaError, Snapshot, type SnapshotSummary, Speaker } from '../model/index.js';
import { type AnnotationsDoc, annotationsAdapter, ConflictStateSchema, normaliseDoc, normaliseRecord } from './annotations-file.js';
import { FileBlobStore } from './blobs.js';
import { countLive, sameCounts } from './counts.js';
import { DurableJSONFile, exists, fsyncDir, noSpaceError, readWholeFile, removeTempDebris, writeFileDurable } from './durable-file.js';
import { compareRows, DIRTY_GENERATION, emptyIndex, INDEX_RECOVERY, type IndexFile, rowState, toSummary, validateIndex } from './index-file.js';
import { IndexFlusher } from './index-flusher.js';
import { KeyedQueue } from './keyed-queue.js';
import { type LibraryLock, lockLibrary } from './lock.js';
import { annotationsFile, assertSnapshotId, LIBRARY_ENTRIES, type LibraryLayout, libraryLayout, snapshotDir, snapshotFile } from './paths.js';
import { applyStaged, type ImportJournal, rollForwardImports, STAGING, stageImport } from './import-commit.js';
import { eachLimit } from './parallel.js';
import { bodiesOfSnapshots, finishPurge } from './purge.js';
import { reconcile } from './recover.js';
import type {
  AnnotationConflict,
  ConflictState,
  ImportBatch,
  LibraryChange,
  LibraryStore,
  PurgedArticle,
  ResolvedConflict,
  SnapshotVersions,
} from './types.js';
import { conflictState, conflictsOf, docOf, historyAfterEdit, reopenedDoc, resolvedDoc, versionsOf } from './versions.js';

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

const cloneRow = (r: SnapshotSummary): SnapshotSummary => ({ ...r, counts: { ...r.counts }, ...(r.article ? { article: structuredClone(r.article) } : {}) });

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
 * The library folder of docs/DATA-MODEL.md. One instance per folder per process, holding the lock.
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
  /** Snapshots whose annotations.json holds conflicts (persisted lazily, like the counts). */
  private readonly conflicted: Set<string>;
  /** Bumped on every write of a snapshot's annotations.json: the basis commitImport checks. */
  private readonly generations = new Map<string, number>();
  /** Snapshot folders already rid of crashed writes' temp files this session (only a crash before open leaves any). */
  private readonly swept = new Set<string>();
  private closing: Promise<void> | null = null;
  /** Why nothing can be written (a read-only medium), or null: the window and the CLI show it. */
  readOnly: string | null = null;
  /** See `generation`: the stamp glossa.json held when opened, and this session's once it writes. */
  private readonly openedGeneration: string;
  private session: string | null = null;
  private writes = 0;
  private marking: Promise<void> | null = null;
  private readonly listeners = new Set<(change: LibraryChange) => void>();

  private constructor(
    readonly dir: string,
    private readonly layout: LibraryLayout,
    index: Low<IndexFile>,
    rows: SnapshotSummary[],
    conflicted: Set<string>,
    private readonly lock: LibraryLock,
    flushDelayMs: number,
    private readonly maxCachedDocs: number,
  ) {
    this.rows = rows.sort(compareRows);
    this.conflicted = conflicted;
    // Libraries from before the stamp: glossa.json's flush clock, which every writer moves.
    this.openedGeneration = index.data.generation ?? `legacy:${index.data.countsClock ?? 0}`;
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
        conflicted: () => [...this.conflicted].sort(),
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
    let lock: LibraryLock;
    let readOnly: string | null = null;
    try {
      lock = await lockLibrary(root, {
        lockfilePath: layout.lock,
        staleMs: opts.staleLockMs ?? 10_000,
        ...(opts.onLockCompromised ? { onCompromised: opts.onLockCompromised } : {}),
      });
    } catch (e) {
      // A library on a read-only medium (a CD, a read-only share, a folder of someone else's)
      // cannot be locked, and need not be: nothing will write to it. It opens for reading.
      readOnly = isNew ? null : readOnlyReason(root, e);
      if (!readOnly) throw e;
      lock = { compromised: null, release: async () => undefined };
    }
    try {
      const adapter = new DurableJSONFile<IndexFile>(layout.index, { validate: validateIndex(layout.index), recovery: INDEX_RECOVERY });
      const index = new Low<IndexFile>(adapter, emptyIndex());
      await index.read();
      if (readOnly) return await Library.openReadOnly(root, layout, index, lock, readOnly, opts);
      for (const folder of [layout.snapshots, layout.blobs]) await mkdir(folder, { recursive: true });
      if (isNew) await fsyncDir(root);
      await removeTempDebris(root);
      // An import a crash interrupted after its commit point is finished before anything is read.
      const touched = await rollForwardImports(layout, async (journal) => {
        index.data = { ...index.data, ...registryOf(journal) };
        await index.write();
      });
      // A purge a crash interrupted: its folders and unused bodies go before anything is read.
      if (index.data.purgePending) {
        await finishPurge(layout, new Set((index.data.purged ?? []).map((p) => p.id)), index.data.purgeBodies ?? []);
        const { purgePending: _pending, purgeBodies: _bodies, ...rest } = index.data;
        index.data = rest as IndexFile;
        await index.write();
      }
      const { rows, conflicted, changed } = await reconcile(layout, index.data, touched);
      // A new library is stamped at once, so its next open knows it was closed cleanly.
      const stamp = isNew ? `new:${randomBytes(8).toString('hex')}` : checkedGeneration(index.data);
      if (stamp) index.data = { ...index.data, generation: stamp };
      const library = new Library(root, layout, index, rows, conflicted, lock, opts.indexFlushDelayMs ?? 300, opts.maxCachedAnnotationFiles ?? MAX_CACHED_DOCS);
      if (isNew) {
        // A new library gets its glossa.json at once, so the folder is recognisable as one.
        // (No timer: if this fails, nothing may write later without the lock.)
        library.flusher.markDirtyNoTimer();
        await library.flusher.flush();
      } else if (changed || stamp) library.flusher.markDirty();
      return library;
    } catch (e) {
      await lock.release().catch(() => undefined);
      throw e;
    }
  }

  /**
   * Opens as it is, writing nothing: a crash's leftovers that open() would finish (an import's
   * journal, a purge) cannot be finished on a read-only medium, so such a library is refused.
   */
  private static async openReadOnly(
    root: string,
    layout: LibraryLayout,
    index: Low<IndexFile>,
    lock: LibraryLock,
    reason: string,
    opts: OpenLibraryOptions,
  ): Promise<Library> {
    if (index.data.purgePending || (await exists(join(root, STAGING)))) {
      throw new GlossaError(
        'WRITE_FAILED',
        `${reason} It also holds an import or a purge that a crash interrupted, which Glossa must finish before reading it: open it once where it can be written.`,
      );
    }
    const { rows, conflicted } = await reconcile(layout, index.data);
    const library = new Library(root, layout, index, rows, conflicted, lock, opts.indexFlushDelayMs ?? 300, opts.maxCachedAnnotationFiles ?? MAX_CACHED_DOCS);
    library.readOnly = reason;
    return library;
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
      await this.beginWrites();
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
      this.insertRow(toSummary(snapshot, countLive(doc.data.annotations), doc.data.article));
      this.flusher.markDirty();
      this.changed({ snapshots: [id] });
    });
  }

  /**
   * `optional`: bodies a bundle may leave out (the original, images; never text or HTML);
   * `coming`: bodies written in the same commit.
   */
  private async assertBlobsPresent(s: Snapshot, optional: ReadonlySet<string> = new Set(), coming: ReadonlySet<string> = new Set()): Promise<void> {
    const named = new Set([s.textHash, s.htmlHash, ...(s.originalHash ? [s.originalHash] : []), ...s.assetHashes]);
    const missing: string[] = [];
    for (const hash of named) {
      if (coming.has(hash) || (optional.has(hash) && hash !== s.textHash && hash !== s.htmlHash)) continue;
      if (!(await this.blobs.has(hash))) missing.push(hash);
    }
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

  /**
   * Insert or replace by id, then one durable write; memory changes only once the disk has.
   * A replaced version becomes part of the new one's history (revisions.ts).
   */
  private save(snapshotId: string, incoming: Annotation[]): Promise<void> {
    return this.exclusive(snapshotId, async () => {
      this.assertWritable(false);
      await this.beginWrites();
      const doc = await this.docInQueue(snapshotId);
      const byId = new Map(doc.data.annotations.map((a) => [a.id, a]));
      const history = { ...doc.data.history };
      for (const a of incoming) {
        const kept = historyAfterEdit(history[a.id], byId.get(a.id), a);
        if (kept) history[a.id] = kept;
        byId.set(a.id, a);
      }
      await this.writeDoc(snapshotId, doc, normaliseDoc({ ...doc.data, annotations: [...byId.values()], history }));
    });
  }

  /** Only from inside the snapshot's queue. */
  private async writeDoc(snapshotId: string, doc: Low<AnnotationsDoc>, next: AnnotationsDoc): Promise<void> {
    await doc.adapter.write(next);
    this.adoptDoc(snapshotId, doc, next);
    this.changed({ snapshots: [snapshotId] });
  }

  /** Memory follows a file that is on disk now. */
  private adoptDoc(snapshotId: string, doc: Low<AnnotationsDoc>, next: AnnotationsDoc): void {
    doc.data = next;
    this.generations.set(snapshotId, (this.generations.get(snapshotId) ?? 0) + 1);
    this.flusher.markSaved();
    this.syncRow(snapshotId, next);
  }

  /** The row's counts and conflict mark follow the file (written now, or read: see docInQueue). */
  private syncRow(snapshotId: string, next: AnnotationsDoc): void {
    const hasConflicts = Boolean(next.conflicts?.length);
    if (hasConflicts !== this.conflicted.has(snapshotId)) {
      if (hasConflicts) this.conflicted.add(snapshotId);
      else this.conflicted.delete(snapshotId);
      this.flusher.markDirty();
    }
    const row = this.byId.get(snapshotId);
    const counts = countLive(next.annotations);
    if (row && !sameCounts(row.counts, counts)) {
      row.counts = counts;
      this.flusher.markDirty();
    }
    const state = rowState(next.article);
    if (row && JSON.stringify(state) !== JSON.stringify(row.article)) {
      if (state) row.article = state;
      else delete row.article;
      this.flusher.markDirty();
    }
  }

  // ---- the article's own state -----------------------------------------------------------

  async getArticle(snapshotId: string): Promise<ArticleRecord | null> {
    this.requireSnapshot(snapshotId);
    const { article } = (await this.doc(snapshotId)).data;
    return article ? structuredClone(article) : null;
  }

  async putArticle(snapshotId: string, input: ArticleRecord): Promise<void> {
    this.assertWritable();
    this.requireSnapshot(snapshotId);
    const record = normaliseRecord(parseInput(ArticleRecord, input, 'article record'));
    return this.exclusive(snapshotId, async () => {
      this.assertWritable(false);
      await this.beginWrites();
      const doc = await this.docInQueue(snapshotId);
      const articleHistory = historyAfterEdit(doc.data.articleHistory, doc.data.article, record) ?? [];
      await this.writeDoc(snapshotId, doc, normaliseDoc({ ...doc.data, article: record, articleHistory }));
    });
  }

  listPurged(): PurgedArticle[] {
    this.assertOpen();
    return (this.flusher.data().purged ?? []).map((p) => ({ ...p }));
  }

  async purgeSnapshots(input: string[]): Promise<{ removed: string[]; blobsFreed: number; bytesFreed: number }> {
    this.assertWritable();
    const ids = [...new Set(input)].sort();
    for (const id of ids) this.requireSnapshot(id);
    if (ids.length === 0) return { removed: [], blobsFreed: 0, bytesFreed: 0 };
    return this.exclusiveAll([...ids, '#registry'], async () => {
      this.assertWritable(false);
      await this.beginWrites();
      const candidates = await bodiesOfSnapshots(this.layout, ids);
      const at = new Date().toISOString();
      const gone = ids.map((id) => this.byId.get(id)!);
      const purged = [...(this.flusher.data().purged ?? []), ...gone.map((r) => ({ id: r.id, textHash: r.textHash, purgedAt: at }))];
      // Step 1: rows gone and the purge recorded, in one write of glossa.json.
      const keep = this.rows.filter((r) => !ids.includes(r.id));
      const before = [...this.rows];
      this.rows.splice(0, this.rows.length, ...keep);
      try {
        await this.flusher.writeNow({ purged, purgePending: true, purgeBodies: candidates });
      } catch (e) {
        this.rows.splice(0, this.rows.length, ...before);
        throw e;
      }
      for (const id of ids) {
        this.byId.delete(id);
        this.snapshots.delete(id);
        this.docs.delete(id);
        this.generations.delete(id);
        if (this.conflicted.delete(id)) this.flusher.markDirty();
      }
      // Steps 2–4 (purge.ts).
      const freed = await finishPurge(this.layout, new Set(purged.map((p) => p.id)), candidates);
      await this.flusher.writeNow({ purgePending: undefined, purgeBodies: undefined });
      this.changed({ snapshots: [], purged: ids });
      return { removed: ids, ...freed };
    });
  }

  // ---- merging and conflicts -------------------------------------------------------------

  async readVersions(snapshotId: string): Promise<SnapshotVersions> {
    this.requireSnapshot(snapshotId);
    return this.exclusive(snapshotId, async () => versionsOf((await this.docInQueue(snapshotId)).data, this.generations.get(snapshotId) ?? 0));
  }

  async locateAnnotations(ids: ReadonlySet<string>, skip: ReadonlySet<string>): Promise<Map<string, string>> {
    this.assertOpen();
    const found = new Map<string, string>();
    if (ids.size === 0) return found;
    const note = (snapshotId: string, list: readonly { id: string }[]) => {
      for (const a of list) if (ids.has(a.id) && !found.has(a.id)) found.set(a.id, snapshotId);
    };
    const others = this.rows.map((r) => r.id).filter((id) => !skip.has(id));
    await eachLimit(others, 16, async (snapshotId) => {
      const cached = this.docs.get(snapshotId);
      let doc: Pick<AnnotationsDoc, 'annotations' | 'conflicts'> | null = null;
      if (cached) doc = (await cached.catch(() => null))?.data ?? null;
      else {
        // Ids only: a plain parse, not the validated read (a damaged file is reported when opened).
        try {
          doc = JSON.parse(await readWholeFile(annotationsFile(this.layout, snapshotId), 'utf8')) as AnnotationsDoc;
        } catch {
          doc = null;
        }
      }
      if (!doc || !Array.isArray(doc.annotations)) return;
      note(snapshotId, doc.annotations);
      note(
        snapshotId,
        (doc.conflicts ?? []).map((c) => c.annotation),
      );
    });
    return found;
  }

  async listConflicts(snapshotId?: string): Promise<AnnotationConflict[]> {
    if (snapshotId !== undefined) {
      this.requireSnapshot(snapshotId);
      return conflictsOf(snapshotId, (await this.doc(snapshotId)).data);
    }
    this.assertOpen();
    const out: AnnotationConflict[] = [];
    for (const row of this.rows) {
      if (this.conflicted.has(row.id)) out.push(...conflictsOf(row.id, (await this.doc(row.id)).data));
    }
    return out;
  }

  async resolveConflict(snapshotId: string, annotationId: string, input: Annotation): Promise<ResolvedConflict> {
    this.assertWritable();
    this.requireSnapshot(snapshotId);
    const resolution = parseInput(Annotation, input, 'resolution');
    if (resolution.id !== annotationId || resolution.snapshotId !== snapshotId) {
      throw new GlossaError('INVALID_INPUT', `The resolution must be a version of annotation ${annotationId} on snapshot ${snapshotId}. Nothing was saved.`);
    }
    return this.exclusive(snapshotId, async () => {
      this.assertWritable(false);
      await this.beginWrites();
      const doc = await this.docInQueue(snapshotId);
      const before = conflictState(doc.data, snapshotId, annotationId);
      await this.writeDoc(snapshotId, doc, resolvedDoc(doc.data, resolution, before));
      return structuredClone({ resolution, before });
    });
  }

  async reopenConflict(snapshotId: string, resolutionInput: Annotation, beforeInput: ConflictState): Promise<Annotation> {
    this.assertWritable();
    this.requireSnapshot(snapshotId);
    const resolution = parseInput(Annotation, resolutionInput, 'resolution');
    const before = parseInput(ConflictStateSchema, beforeInput, 'conflict');
    if (resolution.snapshotId !== snapshotId || before.annotation.snapshotId !== snapshotId) {
      throw new GlossaError('INVALID_INPUT', `The conflict to bring back is not on snapshot ${snapshotId}. Nothing was changed.`);
    }
    return this.exclusive(snapshotId, async () => {
      this.assertWritable(false);
      await this.beginWrites();
      const doc = await this.docInQueue(snapshotId);
      await this.writeDoc(snapshotId, doc, reopenedDoc(doc.data, snapshotId, resolution, before));
      return structuredClone(before.annotation);
    });
  }

  async commitImport(batch: ImportBatch, opts: { signal?: AbortSignal } = {}): Promise<void> {
    this.assertWritable();
    const add = batch.add.map((item, i) => {
      const snapshot = parseInput(Snapshot, item.snapshot, `snapshot ${i + 1} of ${batch.add.length}`);
      assertSnapshotId(snapshot.id);
      return { snapshot, versions: this.checkVersions(snapshot.id, item.versions), optional: new Set(item.optionalBlobs ?? []) };
    });
    const replace = batch.replace.map((item) => {
      this.requireSnapshot(item.snapshotId);
      return { snapshotId: item.snapshotId, versions: this.checkVersions(item.snapshotId, item.versions), basis: item.basis };
    });
    const codebook = batch.codebook && batch.codebook.next.map((t, i) => parseInput(CodeTag, t, `codebook entry ${i + 1}`));
    const speakers = batch.speakers && batch.speakers.next.map((t, i) => parseInput(Speaker, t, `speaker ${i + 1}`));
    const collections = batch.collections && batch.collections.next.map((t, i) => parseInput(Collection, t, `collection ${i + 1}`));
    const keys = [...new Set([...add.map((a) => a.snapshot.id), ...replace.map((r) => r.snapshotId)])].sort();
    if (keys.length !== add.length + replace.length) throw new GlossaError('INVALID_INPUT', 'An import names the same snapshot twice. Nothing was written.');
    if (codebook || speakers || collections) keys.push('#registry');
    const changedMeanwhile = () =>
      new GlossaError(
        'CONFLICT',
        'The library changed while the bundle was being imported (an edit in another window?). Nothing was imported; import the bundle again.',
      );

    return this.exclusiveAll(keys, async () => {
      this.assertWritable(false);
      // ---- everything checked before the first write ----
      const incoming = new Set(batch.blobs.map((b) => b.hash));
      for (const a of add) {
        if (this.byId.has(a.snapshot.id)) throw changedMeanwhile();
        await this.assertBlobsPresent(a.snapshot, a.optional, incoming);
      }
      const docs = new Map<string, Low<AnnotationsDoc>>();
      for (const r of replace) {
        if ((this.generations.get(r.snapshotId) ?? 0) !== r.basis) throw changedMeanwhile();
        docs.set(r.snapshotId, await this.docInQueue(r.snapshotId));
      }
      const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
      if (batch.codebook && !same(this.listCodebook(), batch.codebook.basis)) throw changedMeanwhile();
      if (batch.speakers && !same(this.listSpeakers(), batch.speakers.basis)) throw changedMeanwhile();
      if (batch.collections && !same(this.listCollections(), batch.collections.basis)) throw changedMeanwhile();

      const addDocs = add.map((a) => ({ ...a, doc: docOf(a.versions) }));
      const replaceDocs = replace.map((r) => ({ ...r, doc: docOf(r.versions, docs.get(r.snapshotId)!.data) }));
      // Bodies already here are staged again all the same: renamed over, they are the same bytes.
      const blobs = batch.blobs;
      const journal: ImportJournal = {
        blobs: blobs.map((b) => b.hash),
        add: addDocs.map((a) => a.snapshot.id),
        replace: replaceDocs.map((r) => r.snapshotId),
        ...(codebook ? { codebook } : {}),
        ...(speakers ? { speakers } : {}),
        ...(collections ? { collections } : {}),
      };
      // Staged in the same layout the store writes, so a merge and an edit give the same bytes.
      // The generation is marked only once nothing can cancel it: a cancelled import changes no file.
      // How much the staging wrote, for the message should the disk fill up on the way.
      let staged = 0;
      const counted = blobs.map((b) => ({
        hash: b.hash,
        read: async () => {
          const bytes = await b.read();
          staged += bytes.byteLength;
          return bytes;
        },
      }));
      const staging = await stageImport(
        this.layout,
        {
          blobs: counted,
          add: addDocs.map((a) => ({ id: a.snapshot.id, snapshotJson: JSON.stringify(a.snapshot, null, 2), annotationsJson: JSON.stringify(a.doc, null, 2) })),
          replace: replaceDocs.map((r) => ({ id: r.snapshotId, annotationsJson: JSON.stringify(r.doc, null, 2) })),
        },
        journal,
        opts.signal,
        () => this.beginWrites(),
      ).catch(async (e: unknown) => {
        const texts = [...addDocs.flatMap((a) => [a.snapshot, a.doc]), ...replaceDocs.map((r) => r.doc)];
        throw await noSpaceError(join(this.dir, STAGING), e, staged + texts.reduce((n, t) => n + JSON.stringify(t, null, 2).length, 0), false);
      });
      // ---- committed: from here on the import happens (open() finishes it after a crash) ----
      try {
        await applyStaged(this.layout, staging, journal, (j) => this.flusher.writeNow(registryOf(j)));
      } catch (e) {
        // What is on disk is ahead of memory: forget cached files so they are read again.
        for (const key of keys) this.docs.delete(key);
        const why = e instanceof Error ? e.message : String(e);
        throw new GlossaError(
          'WRITE_FAILED',
          `The import was committed but could not be finished (${why}). Close and reopen the library: Glossa completes it on opening.`,
        );
      }
      for (const a of addDocs) {
        const row = toSummary(a.snapshot, countLive(a.doc.annotations), a.doc.article);
        // One sort for a large import instead of an insertion per row.
        if (addDocs.length > 64) {
          this.rows.push(row);
          this.byId.set(row.id, row);
        } else this.insertRow(row);
      }
      if (addDocs.length > 64) this.rows.sort(compareRows);
      for (const a of addDocs) {
        const id = a.snapshot.id;
        const db = new Low<AnnotationsDoc>(annotationsAdapter(annotationsFile(this.layout, id)), a.doc);
        this.docs.set(id, Promise.resolve(db));
        this.snapshots.set(id, a.snapshot);
        this.adoptDoc(id, db, a.doc);
      }
      this.evictDocs();
      for (const r of replaceDocs) this.adoptDoc(r.snapshotId, docs.get(r.snapshotId)!, r.doc);
      this.flusher.markDirty();
      this.changed({
        snapshots: keys.filter((k) => !k.startsWith('#')),
        ...(codebook ? { codebook: true } : {}),
        ...(speakers ? { speakers: true } : {}),
        ...(collections ? { collections: true } : {}),
      });
    });
  }

  /** Every version of a merge result must be a valid annotation of that snapshot. */
  private checkVersions(snapshotId: string, versions: Omit<SnapshotVersions, 'basis'>): Omit<SnapshotVersions, 'basis'> {
    const check = (a: Annotation, what: string) => {
      const parsed = parseInput(Annotation, a, what);
      if (parsed.snapshotId !== snapshotId)
        throw new GlossaError('INVALID_INPUT', `Annotation ${parsed.id} belongs to snapshot ${parsed.snapshotId}, not ${snapshotId}. Nothing was written.`);
      return parsed;
    };
    const annotations = versions.annotations.map((a) => check(a, `annotation ${a.id}`));
    const ids = new Set(annotations.map((a) => a.id));
    if (ids.size !== annotations.length)
      throw new GlossaError('INVALID_INPUT', `Snapshot ${snapshotId} would hold the same annotation twice. Nothing was written.`);
    const conflicts = versions.conflicts.map((c) => {
      const annotation = check(c.annotation, `kept version of ${c.annotation.id}`);
      if (!ids.has(annotation.id)) throw new GlossaError('INVALID_INPUT', `A kept version of ${annotation.id} has no current version. Nothing was written.`);
      return { annotation, history: c.history };
    });
    const article = versions.article
      ? {
          article: normaliseRecord(parseInput(ArticleRecord, versions.article, `article record of ${snapshotId}`)),
          articleHistory: versions.articleHistory ?? [],
        }
      : {};
    return { annotations, history: versions.history, conflicts, ...article };
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
      if (!this.swept.has(snapshotId)) {
        await removeTempDebris(snapshotDir(this.layout, snapshotId));
        this.swept.add(snapshotId);
      }
      const db = new Low<AnnotationsDoc>(annotationsAdapter(annotationsFile(this.layout, snapshotId)), { annotations: [] });
      await db.read();
      db.data = normaliseDoc(db.data);
      // A clean open trusts the counts in glossa.json (recover.ts); a file restored from a
      // backup since then is caught here, when it is first read.
      if (this.byId.has(snapshotId)) this.syncRow(snapshotId, db.data);
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

  /** Holds every key's queue at once (taken in the given order: callers sort, so two never deadlock). */
  private exclusiveAll<R>(keys: readonly string[], task: () => Promise<R>, from = 0): Promise<R> {
    if (from === keys.length) return task();
    return this.queue.run(keys[from]!, () => this.exclusiveAll(keys, task, from + 1));
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

  getSettings(): Record<string, unknown> {
    this.assertOpen();
    return structuredClone(this.flusher.data().settings);
  }

  saveSettings(patch: Record<string, unknown>): Promise<void> {
    this.assertWritable();
    return this.exclusive('#registry', async () => {
      await this.beginWrites();
      await this.flusher.writeNow({ settings: { ...this.flusher.data().settings, ...structuredClone(patch) } });
    });
  }

  listCollections(): Collection[] {
    this.assertOpen();
    return this.registry('collections', Collection);
  }

  saveCollections(collections: Collection[]): Promise<void> {
    return this.saveRegistry('collections', Collection, collections);
  }

  private registry<S extends z.ZodType>(key: RegistryKey, schema: S): z.infer<S>[] {
    const list = this.flusher.data()[key];
    return list.map((item, i) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) return parsed.data as z.infer<S>;
      throw new GlossaError(
        'LIBRARY_CORRUPT',
        `Entry ${i + 1} of the ${key} in ${this.layout.index} is damaged (${parsed.error.issues[0]?.message}). ${INDEX_RECOVERY}`,
      );
    });
  }

  private async saveRegistry<S extends z.ZodType>(key: RegistryKey, schema: S, input: unknown[]): Promise<void> {
    this.assertWritable();
    const list = input.map((item, i) => parseInput(schema, item, `${key} entry ${i + 1} of ${input.length}`) as { id: string });
    const ids = new Set<string>();
    for (const item of list) {
      if (ids.has(item.id)) throw new GlossaError('INVALID_INPUT', `The ${key} lists ${item.id} twice. Nothing was saved.`);
      ids.add(item.id);
    }
    // Serialised with other registry saves; memory changes only once the disk has.
    return this.exclusive('#registry', async () => {
      await this.beginWrites();
      await this.flusher.writeNow({ [key]: list });
      this.changed({ snapshots: [], [key]: true });
    });
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
        if (!this.lock.compromised) await this.writeFinalGeneration();
        if (!this.lock.compromised) await this.flusher.flush();
      } finally {
        this.flusher.dispose();
        await this.lock.release();
      }
    })();
    return this.closing;
  }

  // ---- generation and change listeners (the search index follows the library with them) ----

  /**
   * Names the library's content: it changes with every write. glossa.json keeps it, but a
   * session's first write replaces it with a "dirty" marker first and only a clean close
   * writes the final stamp, so a crash, another process or a sync that changed files never
   * leaves a stamp that still matches an index built before (glossa.json is written lazily).
   */
  get generation(): string {
    return this.session ? `${this.session}:${this.writes}` : this.openedGeneration;
  }

  /** Called after each durable write with what it touched; returns a function that unsubscribes. */
  onChange(listener: (change: LibraryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Before a session's first write: glossa.json says the library is being changed. */
  private beginWrites(): Promise<void> {
    this.marking ??= (async () => {
      const session = randomBytes(8).toString('hex');
      const data = this.flusher.data();
      const before = data.generation;
      data.generation = `${DIRTY_GENERATION}${session}`;
      try {
        await this.flusher.writeNow({});
      } catch (e) {
        this.flusher.data().generation = before;
        this.marking = null;
        throw e;
      }
      this.session = session;
    })();
    return this.marking;
  }

  /** On close after writes: the stamp the last write left, so an index that saw it is current. */
  private async writeFinalGeneration(): Promise<void> {
    if (!this.session) return;
    this.flusher.data().generation = this.generation;
    await this.flusher.writeNow({});
  }

  private changed(change: Omit<LibraryChange, 'generation'>): void {
    this.writes++;
    const event: LibraryChange = { ...change, generation: this.generation };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        // A listener (the search index) must never fail a write that is already on disk.
        console.warn(`Glossa: a library change listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new GlossaError('LIBRARY_LOCKED', `The library at ${this.dir} was closed; open it again to use it.`);
  }

  /** `checkClosed` is false inside queued work, which close() lets finish. */
  private assertWritable(checkClosed = true): void {
    if (checkClosed) this.assertOpen();
    if (this.readOnly) throw new GlossaError('WRITE_FAILED', `${this.readOnly} Nothing was changed.`);
    if (this.lock.compromised) throw this.lockLost();
  }

  private lockLost(): GlossaError {
    return new GlossaError(
      'LIBRARY_LOCKED',
      `Glossa lost its lock on the library at ${this.dir} (another process took it over), so nothing more is saved from this window. Close this window and reopen the library.`,
    );
  }
}

/**
 * The stamp for a library that reconcile just checked file by file because its last close was
 * not known to be clean (see closedCleanly); written with the repaired counts, it lets the next
 * open skip that check. After an unclean close, a new name: whatever the crashed session
 * changed, no search index was built for it. From before the stamp: the generation such a
 * library reports anyway (its content is unchanged). Null when the stamp is clean already.
 */
function checkedGeneration(index: IndexFile): string | null {
  if (index.generation === undefined) return `legacy:${index.countsClock ?? 0}`;
  if (index.generation.startsWith(DIRTY_GENERATION)) return `checked:${randomBytes(8).toString('hex')}`;
  return null;
}

/** The codebook and speakers a journal carries, as glossa.json fields. */
type RegistryKey = 'codebook' | 'speakers' | 'collections';

const registryOf = (j: ImportJournal): Partial<Pick<IndexFile, RegistryKey>> => ({
  ...(j.codebook ? { codebook: j.codebook } : {}),
  ...(j.speakers ? { speakers: j.speakers } : {}),
  ...(j.collections ? { collections: j.collections } : {}),
});

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

/** Why a library whose lock could not be taken is read-only, or null when that is not why. */
function readOnlyReason(root: string, e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EROFS') return `The library at ${root} is on a read-only disk, so it is open for reading only: copy it to a writable folder to change it.`;
  if (code === 'EACCES' || code === 'EPERM') {
    return `The library at ${root} is open for reading only: this user may not write to its folder. Copy it to a writable folder, or ask for write permission, to change it.`;
  }
  return null;
}

export const openLibrary = (dir: string, opts?: OpenLibraryOptions): Promise<Library> => Library.open(dir, opts);
