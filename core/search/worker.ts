/**
 * The search worker: owns the index (engine.ts) off the main thread, so building it and
 * answering queries never block the window or the main process's event loop. Messages are
 * handled one at a time, in order, so a change always lands before a later query.
 */
import { parentPort } from 'node:worker_threads';
import { GlossaError } from '../model/index.js';
import { SearchEngine } from './engine.js';
import type { Request, Reply } from './protocol.js';
import { FolderSource } from './source.js';

const port = parentPort;
if (!port) throw new Error('core/search/worker.ts runs as a worker thread (see client.ts).');

let engine: SearchEngine | null = null;
const need = () => {
  if (!engine) throw new GlossaError('INVALID_INPUT', 'The search index is not open yet.');
  return engine;
};

function handle(msg: Request): unknown {
  const progress = (p: { done: number; total: number }) => port!.postMessage({ id: msg.id, progress: p } satisfies Reply);
  switch (msg.method) {
    case 'open': {
      engine?.close();
      const a = msg.args;
      engine = SearchEngine.open({
        file: a.file,
        source: new FolderSource(a.libraryDir),
        registries: a.registries,
        generation: a.generation,
        library: a.libraryDir,
        onProgress: progress,
        ...(a.expect ? { expect: a.expect } : {}),
      });
      return { state: engine.opened };
    }
    case 'apply':
      need().apply(msg.args);
      return null;
    case 'rebuild':
      need().rebuild(msg.args.generation, msg.args.registries, progress);
      return null;
    case 'search':
      return need().search(msg.args);
    case 'browse':
      return need().browse(msg.args);
    case 'speakerPage':
      return need().speakerPage(msg.args.name, msg.args);
    case 'speakerUsage':
      return need().speakerUsage();
    case 'tagUsage':
      return need().tagUsage();
    case 'close':
      engine?.close();
      engine = null;
      return null;
  }
}

port.on('message', (msg: Request) => {
  try {
    port.postMessage({ id: msg.id, ok: true, value: handle(msg) } satisfies Reply);
  } catch (e) {
    const code = e instanceof GlossaError ? e.code : 'INTERNAL';
    port.postMessage({ id: msg.id, ok: false, error: { code, message: e instanceof Error ? e.message : String(e) } } satisfies Reply);
  }
});
