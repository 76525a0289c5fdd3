/**
 * Typed change events: after every operation that wrote to the library, core tells the
 * window what changed (which snapshots, which annotations of which snapshot, the codebook,
 * the speakers), so views refresh from the event and never guess from an operation's answer.
 *
 * Operations do not emit these by hand: op() runs each operation against the library seen
 * through a recorder (below), which notes every write that succeeded; when the operation
 * ends, one event lists them. A write nobody declared cannot be missed that way.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LibraryStore } from '../store/types.js';
import type { AppEvent, Context } from './context.js';

export type LibraryChange =
  | { entity: 'snapshot'; ids: string[] }
  | { entity: 'annotation'; snapshotId: string; ids: string[] }
  /** The articles' own state: trash, corrected metadata, tags, collections (also the snapshot rows). */
  | { entity: 'article'; ids: string[] }
  /** Articles removed for good. */
  | { entity: 'purged'; ids: string[] }
  | { entity: 'codebook' }
  | { entity: 'speakers' }
  | { entity: 'collections' };

export type ChangedEntity = LibraryChange['entity'];

export interface LibraryChanged {
  type: 'library-changed';
  /** Never empty: an operation that wrote nothing sends no event. */
  changes: LibraryChange[];
}

/** What one operation wrote, collected until it ends. */
class ChangeLog {
  private snapshots = new Set<string>();
  private annotations = new Map<string, Set<string>>();
  private articles = new Set<string>();
  private purged = new Set<string>();
  private codebook = false;
  private speakers = false;
  private collections = false;
  /** Set once the operation has answered: later writes (work it left running) are sent at once. */
  private closed = false;

  constructor(private readonly send: (event: AppEvent) => void) {}

  snapshot(id: string): void {
    this.snapshots.add(id);
    this.settle();
  }

  annotation(snapshotId: string, ids: Iterable<string>): void {
    const set = this.annotations.get(snapshotId) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.annotations.set(snapshotId, set);
    this.settle();
  }

  article(ids: Iterable<string>): void {
    for (const id of ids) this.articles.add(id);
    this.settle();
  }

  purge(ids: Iterable<string>): void {
    for (const id of ids) this.purged.add(id);
    this.settle();
  }

  registry(which: 'codebook' | 'speakers' | 'collections'): void {
    this[which] = true;
    this.settle();
  }

  close(): void {
    this.closed = true;
    this.settle();
  }

  private settle(): void {
    if (!this.closed) return;
    const changes: LibraryChange[] = [];
    if (this.snapshots.size) changes.push({ entity: 'snapshot', ids: [...this.snapshots] });
    for (const [snapshotId, ids] of this.annotations) if (ids.size) changes.push({ entity: 'annotation', snapshotId, ids: [...ids] });
    if (this.articles.size) changes.push({ entity: 'article', ids: [...this.articles] });
    if (this.purged.size) changes.push({ entity: 'purged', ids: [...this.purged] });
    if (this.codebook) changes.push({ entity: 'codebook' });
    if (this.speakers) changes.push({ entity: 'speakers' });
    if (this.collections) changes.push({ entity: 'collections' });
    this.snapshots = new Set();
    this.annotations = new Map();
    this.articles = new Set();
    this.purged = new Set();
    this.codebook = this.speakers = this.collections = false;
    if (changes.length) this.send({ type: 'library-changed', changes });
  }
}

const current = new AsyncLocalStorage<ChangeLog>();

/** How each write of the store shows in the log (after it succeeded: a refused write changed nothing). */
const RECORDERS: { [K in keyof LibraryStore]?: (log: ChangeLog, ...args: Parameters<Extract<LibraryStore[K], (...a: never[]) => unknown>>) => void } = {
  addSnapshot: (log, snapshot) => log.snapshot(snapshot.id),
  putAnnotation: (log, a) => log.annotation(a.snapshotId, [a.id]),
  putAnnotations: (log, snapshotId, list) =>
    log.annotation(
      snapshotId,
      list.map((a) => a.id),
    ),
  saveCodebook: (log) => log.registry('codebook'),
  saveSpeakers: (log) => log.registry('speakers'),
  saveCollections: (log) => log.registry('collections'),
  putArticle: (log, snapshotId) => log.article([snapshotId]),
  purgeSnapshots: (log, ids) => log.purge(ids),
  resolveConflict: (log, snapshotId, annotationId) => log.annotation(snapshotId, [annotationId]),
  reopenConflict: (log, snapshotId, resolution) => log.annotation(snapshotId, [resolution.id]),
  commitImport: (log, batch) => {
    for (const { snapshot, versions } of batch.add) {
      log.snapshot(snapshot.id);
      log.annotation(
        snapshot.id,
        versions.annotations.map((a) => a.id),
      );
    }
    for (const { snapshotId, versions } of batch.replace) {
      log.annotation(
        snapshotId,
        versions.annotations.map((a) => a.id),
      );
      if (versions.article) log.article([snapshotId]);
    }
    for (const { snapshot, versions } of batch.add) if (versions.article) log.article([snapshot.id]);
    if (batch.codebook) log.registry('codebook');
    if (batch.speakers) log.registry('speakers');
    if (batch.collections) log.registry('collections');
  },
};

/**
 * One recording view per library, so code that keys state by `ctx.library` (tasks, previewed
 * bundles) sees the same object in every operation. Writes go to the real store unchanged.
 */
const views = new WeakMap<LibraryStore, LibraryStore>();
const storeOf = new WeakMap<LibraryStore, LibraryStore>();

/** The store itself behind a recording view: a key that is the same inside and outside operations. */
export const libraryKey = (library: LibraryStore): LibraryStore => storeOf.get(library) ?? library;

function recording(library: LibraryStore): LibraryStore {
  if (storeOf.has(library)) return library;
  let view = views.get(library);
  if (view) return view;
  view = new Proxy(library, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const record = Object.hasOwn(RECORDERS, prop) ? (RECORDERS[prop as keyof LibraryStore] as (log: ChangeLog, ...args: unknown[]) => void) : undefined;
      if (!record) return value.bind(target);
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const log = current.getStore();
        if (log) record(log, ...args);
        return result;
      };
    },
  });
  views.set(library, view);
  storeOf.set(view, library);
  return view;
}

/**
 * Runs an operation so that what it writes is announced once it ends (also when it fails
 * after writing some of it). Operations run inside another share its log: one event.
 */
export async function announcingChanges<T>(ctx: Context, run: (ctx: Context) => Promise<T>): Promise<T> {
  // Inside another operation (one it calls, or one started from an event listener in-process): one log.
  if (current.getStore()) return run({ ...ctx, library: recording(ctx.library) });
  const log = new ChangeLog((event) => ctx.emit(event));
  try {
    return await current.run(log, () => run({ ...ctx, library: recording(ctx.library) }));
  } finally {
    log.close();
  }
}
