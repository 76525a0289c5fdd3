import type { Low } from 'lowdb';
import type { SnapshotSummary } from '../model/index.js';
import { readFsClock } from './counts.js';
import type { IndexFile } from './index-file.js';
import { SCHEMA_VERSION } from './paths.js';

/** However busy the library, the index is rewritten at least this often while counts change. */
const FLUSH_MAX_DELAY_MS = 5_000;

export interface FlusherSource {
  /** The rows as they are now (serialised synchronously, so no copy is needed). */
  rows(): SnapshotSummary[];
  /** Snapshots with a save queued or running. */
  pending(): string[];
  /** Snapshots with unresolved conflicts. */
  conflicted(): string[];
  /** Throws if this process may no longer write (lock lost). */
  assertMayWrite(): void;
}

/**
 * Writes glossa.json lazily: coalesced `delayMs` after the last change (at most 5 s of
 * changes), when asked, and on close. See index-file.ts for countsClock/countsPending.
 */
export class IndexFlusher {
  private timer: NodeJS.Timeout | null = null;
  private dirtySince: number | null = null;
  private savedSinceFlush = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly index: Low<IndexFile>,
    /** glossa.json's path, for messages. */
    private readonly indexFile: string,
    private readonly clockFile: string,
    private readonly source: FlusherSource,
    private readonly delayMs: number,
  ) {}

  /** Counts or rows changed: schedule a write. */
  markDirty(): void {
    const now = Date.now();
    this.dirtySince ??= now;
    this.schedule(now);
  }

  /**
   * Now owed without a timer: the first write of a new library, which must not be retried
   * later by a timer if opening fails.
   */
  markDirtyNoTimer(): void {
    this.dirtySince ??= Date.now();
  }

  /** An annotations file changed without changing counts: refresh the clock on close only. */
  markSaved(): void {
    this.savedSinceFlush = true;
  }

  private schedule(now: number): void {
    if (this.timer) clearTimeout(this.timer);
    const maxDelay = Math.max(FLUSH_MAX_DELAY_MS, this.delayMs);
    const delay = Math.max(0, Math.min(this.delayMs, this.dirtySince! + maxDelay - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((e: Error) => {
        // Not lost: counts are rebuilt on the next open, and the flush is retried on close.
        console.warn(`Glossa could not update ${this.indexFile}: ${e.message}`);
      });
    }, delay);
    // A pending flush must not keep a CLI process alive; close() flushes anyway.
    this.timer.unref();
  }

  /** Writes glossa.json now if anything changed since the last write. */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.write());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The index as last written (rows excepted: the source holds those). */
  data(): IndexFile {
    return this.index.data;
  }

  /** Changes other fields of glossa.json (registries, settings, purges) and writes at once. */
  writeNow(patch: Partial<Pick<IndexFile, 'codebook' | 'speakers' | 'collections' | 'settings' | 'purged' | 'purgePending' | 'purgeBodies'>>): Promise<void> {
    const run = this.chain.then(async () => {
      const before = this.index.data;
      this.index.data = { ...before, ...patch };
      this.dirtySince ??= Date.now();
      try {
        await this.write();
      } catch (e) {
        this.index.data = before;
        throw e;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stops the timer; call after the final flush. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async write(): Promise<void> {
    this.dispose();
    const dirtySince = this.dirtySince;
    const saved = this.savedSinceFlush;
    if (dirtySince === null && !saved) return;
    this.dirtySince = null;
    this.savedSinceFlush = false;
    try {
      this.source.assertMayWrite();
      const countsClock = await readFsClock(this.clockFile);
      // Taken synchronously after the clock: see index-file.ts for why this pair is sound.
      const { conflicted: _previous, ...rest } = this.index.data;
      const conflicted = this.source.conflicted();
      const data: IndexFile = {
        ...rest,
        schemaVersion: SCHEMA_VERSION,
        snapshots: this.source.rows(),
        countsClock,
        countsPending: this.source.pending(),
        // Left out when empty, so libraries that never merged a conflict keep their layout.
        ...(conflicted.length ? { conflicted } : {}),
      };
      await this.index.adapter.write(data);
      this.index.data = data;
    } catch (e) {
      this.dirtySince ??= dirtySince ?? Date.now();
      this.savedSinceFlush ||= saved;
      throw e;
    }
  }
}
