/**
 * The async face of the suggestion worker: each call posts one message and resolves with
 * its suggestions. Errors come back as GlossaErrors with the worker's message.
 */
import { Worker } from 'node:worker_threads';
import { GlossaError, type GlossaErrorCode } from '../model/index.js';
import type { SuggestReply, SuggestRequest } from './protocol.js';
import type { Suggestion, SuggestOptions } from './types.js';

export interface SuggestClientOptions {
  /**
   * The worker's script. Default: worker.ts beside this file, run through tsx (the CLI and
   * tests run core from source); a bundled app passes its built worker file.
   */
  workerFile?: string | URL;
}

export class SuggestClient {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: Suggestion[]) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;

  constructor(opts: SuggestClientOptions = {}) {
    const file = opts.workerFile ?? new URL('./worker.ts', import.meta.url);
    const fromSource = String(file).endsWith('.ts');
    this.worker = new Worker(file, fromSource ? { execArgv: [...process.execArgv.filter((a) => !a.startsWith('--inspect')), '--import', 'tsx'] } : {});
    this.worker.on('message', (reply: SuggestReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new GlossaError(reply.error.code as GlossaErrorCode, reply.error.message));
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const p of this.pending.values()) p.reject(new GlossaError('INVALID_INPUT', `Suggestions stopped (${e.message}). Try Suggest again.`));
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
  }

  suggest(text: string, opts: SuggestOptions = {}): Promise<Suggestion[]> {
    if (this.failed) return Promise.reject(new GlossaError('INVALID_INPUT', `Suggestions stopped (${this.failed.message}). Try Suggest again.`));
    const id = this.next++;
    const msg: SuggestRequest = {
      id,
      text,
      ...(opts.kinds ? { kinds: [...opts.kinds] } : {}),
      ...(opts.speakers ? { speakers: [...opts.speakers] } : {}),
      ...(opts.snapshotId ? { snapshotId: opts.snapshotId } : {}),
      ...(opts.blocks ? { blocks: [...opts.blocks] } : {}),
    };
    return new Promise<Suggestion[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(msg);
    });
  }

  /** Ends the worker; pending calls are rejected. */
  async close(): Promise<void> {
    this.failed ??= new Error('closed');
    await this.worker.terminate();
  }
}
