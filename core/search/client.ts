/**
 * The async face of the search worker: each call posts one message and resolves with its
 * answer. Errors come back as GlossaErrors with the worker's message.
 */
import { Worker } from 'node:worker_threads';
import { GlossaError, type GlossaErrorCode } from '../model/index.js';
import type { BrowseRequest, BrowseResult, Progress, SearchRequest, SearchResult, SpeakerPage, SpeakerUsage, TagUse } from './engine.js';
import type { Call, OpenRequest, Reply } from './protocol.js';
import type { IndexChange, OpenState } from './engine.js';
import type { Registries } from './source.js';

export interface SearchClientOptions {
  /**
   * The worker's script. Default: worker.ts beside this file, run through tsx (the CLI and
   * tests run core from source); a bundled app passes its built worker file.
   */
  workerFile?: string | URL;
}

export class SearchClient {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (p: Progress) => void }>();
  private failed: Error | null = null;

  constructor(opts: SearchClientOptions = {}) {
    const file = opts.workerFile ?? new URL('./worker.ts', import.meta.url);
    const fromSource = String(file).endsWith('.ts');
    this.worker = new Worker(file, fromSource ? { execArgv: [...process.execArgv.filter((a) => !a.startsWith('--inspect')), '--import', 'tsx'] } : {});
    this.worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      if ('progress' in reply) return p.progress?.(reply.progress);
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new GlossaError(reply.error.code as GlossaErrorCode, reply.error.message));
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const p of this.pending.values())
        p.reject(new GlossaError('INVALID_INPUT', `The search index stopped (${e.message}). Reopen the library to search again.`));
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
  }

  private call<T>(call: Call, progress?: (p: Progress) => void): Promise<T> {
    if (this.failed)
      return Promise.reject(new GlossaError('INVALID_INPUT', `The search index stopped (${this.failed.message}). Reopen the library to search again.`));
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(progress ? { progress } : {}) });
      this.worker.postMessage({ ...call, id });
    });
  }

  open(args: OpenRequest, progress?: (p: Progress) => void): Promise<{ state: OpenState }> {
    return this.call({ method: 'open', args }, progress);
  }
  apply(change: IndexChange): Promise<void> {
    return this.call({ method: 'apply', args: change });
  }
  rebuild(generation: string, registries: Registries, progress?: (p: Progress) => void): Promise<void> {
    return this.call({ method: 'rebuild', args: { generation, registries } }, progress);
  }
  search(req: SearchRequest): Promise<SearchResult> {
    return this.call({ method: 'search', args: req });
  }
  browse(req: BrowseRequest): Promise<BrowseResult> {
    return this.call({ method: 'browse', args: req });
  }
  speakerPage(name: string, opts: { limit?: number; offset?: number } = {}): Promise<SpeakerPage> {
    return this.call({ method: 'speakerPage', args: { name, ...opts } });
  }
  speakerUsage(): Promise<SpeakerUsage> {
    return this.call({ method: 'speakerUsage', args: null });
  }
  tagUsage(): Promise<Record<string, TagUse>> {
    return this.call({ method: 'tagUsage', args: null });
  }

  /** Closes the index and ends the worker. */
  async close(): Promise<void> {
    if (!this.failed) await this.call({ method: 'close', args: null }).catch(() => undefined);
    this.failed ??= new Error('closed');
    await this.worker.terminate();
  }
}
