/**
 * The suggestion worker: reading an article (model load ~100 ms once, then a few ms per
 * 1,000 words) runs here so neither the window's nor the main process's event loop waits.
 * Messages are answered one at a time, in order.
 */
import { parentPort } from 'node:worker_threads';
import { GlossaError } from '../model/index.js';
import type { SuggestReply, SuggestRequest } from './protocol.js';
import { suggest } from './suggest.js';

const port = parentPort;
if (!port) throw new Error('core/suggest/worker.ts runs as a worker thread (see client.ts).');

port.on('message', (msg: SuggestRequest) => {
  try {
    const value = suggest(msg.text, {
      ...(msg.kinds ? { kinds: msg.kinds } : {}),
      ...(msg.speakers ? { speakers: msg.speakers } : {}),
      ...(msg.snapshotId ? { snapshotId: msg.snapshotId } : {}),
      ...(msg.blocks ? { blocks: msg.blocks } : {}),
    });
    port.postMessage({ id: msg.id, ok: true, value } satisfies SuggestReply);
  } catch (e) {
    const code = e instanceof GlossaError ? e.code : 'INVALID_INPUT';
    port.postMessage({ id: msg.id, ok: false, error: { code, message: e instanceof Error ? e.message : String(e) } } satisfies SuggestReply);
  }
});
