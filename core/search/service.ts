/**
 * The search index of an open library, kept current: opened (and rebuilt when missing, stale
 * or damaged) in the worker, and told about every write the store makes (Library.onChange),
 * in the order they happened. This is what the API, the CLI and the shell hold per library.
 */
import { inTrash } from '../model/index.js';
import type { LibraryChange, LibraryStore } from '../store/types.js';
import { SearchClient, type SearchClientOptions } from './client.js';
import type { BrowseRequest, BrowseResult, OpenState, Progress, SearchRequest, SearchResult, SpeakerPage, SpeakerUsage, TagUse } from './engine.js';
import { defaultCacheDir, indexFileFor } from './location.js';
import type { Registries } from './source.js';

export interface SearchServiceOptions extends SearchClientOptions {
  /** The index file; default: this machine's cache folder (location.ts). */
  indexFile?: string;
  cacheDir?: string;
  /** Rebuild progress (open and reindex). */
  onProgress?: (p: Progress) => void;
}

export class SearchService {
  private readonly unsubscribe: () => void;
  /** Changes reach the worker in order; this is the last one sent. */
  private applied: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly library: LibraryStore,
    private readonly client: SearchClient,
    readonly opened: Promise<{ state: OpenState }>,
  ) {
    this.unsubscribe = library.onChange((c) => this.forward(c));
  }

  /** Opens the library's index; resolves once it is current (after a rebuild, if one was needed). */
  static async open(library: LibraryStore, opts: SearchServiceOptions = {}): Promise<SearchService> {
    const client = new SearchClient(opts.workerFile ? { workerFile: opts.workerFile } : {});
    // The index holds what the library shows: not the trash.
    const rows = library.listSnapshots().filter((r) => !inTrash(r.article));
    const counts = { quote: 0, claim: 0, figure: 0, note: 0 };
    for (const r of rows) for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += r.counts[k];
    // Subscribed in the constructor, synchronously after the open message is posted: no write falls in between.
    const opened = client.open(
      {
        libraryDir: library.dir,
        file: opts.indexFile ?? indexFileFor(library.dir, opts.cacheDir ?? defaultCacheDir()),
        registries: registriesOf(library),
        generation: library.generation,
        expect: { articles: rows.length, counts },
      },
      opts.onProgress,
    );
    const service = new SearchService(library, client, opened);
    try {
      await opened;
    } catch (e) {
      await service.close();
      throw e;
    }
    return service;
  }

  private forward(c: LibraryChange): void {
    if (this.closed) return;
    // Purged articles are gone from the folder: applying their ids removes them from the index.
    const snapshots = [...c.snapshots, ...(c.purged ?? [])];
    const change = { snapshots, generation: c.generation, ...(c.codebook || c.speakers || c.collections ? { registries: registriesOf(this.library) } : {}) };
    this.applied = this.applied.then(() =>
      this.client.apply(change).catch(async (e: Error) => {
        // An index that missed a change is rebuilt rather than left behind.
        console.warn(`Glossa: the search index could not follow a change (${e.message}); rebuilding it.`);
        await this.client.rebuild(this.library.generation, registriesOf(this.library)).catch(() => undefined);
      }),
    );
  }

  /** Resolves when every change made so far is searchable. */
  idle(): Promise<void> {
    return this.applied;
  }

  search(req: SearchRequest): Promise<SearchResult> {
    return this.client.search(req);
  }
  /** A page of the annotation table (every quote, claim, figure and note the query finds). */
  browse(req: BrowseRequest): Promise<BrowseResult> {
    return this.client.browse(req);
  }
  speakerPage(name: string, opts?: { limit?: number; offset?: number }): Promise<SpeakerPage> {
    return this.client.speakerPage(name, opts);
  }
  speakerUsage(): Promise<SpeakerUsage> {
    return this.client.speakerUsage();
  }
  tagUsage(): Promise<Record<string, TagUse>> {
    return this.client.tagUsage();
  }
  /** `glossa reindex`: throws the index away and builds it from the library again. */
  async reindex(onProgress?: (p: Progress) => void): Promise<void> {
    await this.applied;
    await this.client.rebuild(this.library.generation, registriesOf(this.library), onProgress);
  }

  /** Waits for changes in flight, then closes the index and its worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.unsubscribe();
    await this.applied.catch(() => undefined);
    this.closed = true;
    await this.client.close();
  }
}

const registriesOf = (library: LibraryStore): Registries => ({
  codebook: library.listCodebook(),
  speakers: library.listSpeakers(),
  collections: library.listCollections(),
});
