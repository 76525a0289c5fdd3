/**
 * The library's search index in the main process (core/search SearchService): opened once the
 * window is up, so building it never delays the window; its build's progress goes to the
 * window as progress events; closed on quit after the library. Until it is open, the search
 * operations answer UNAVAILABLE and speaker and tag usage scan the library's files.
 */
import { join } from 'node:path';
import type { Context } from '../core/api.js';
import type { LibraryStore } from '../core/store/types.js';

export interface SearchHandle {
  /** Takes the index out of the context and closes it (waiting for an open in progress). */
  close(): Promise<void>;
}

/** Built beside main.cjs by scripts/build-electron.mjs. */
const WORKER_FILE = 'search-worker.cjs';

export function openSearch(ctx: Context, library: LibraryStore): SearchHandle {
  let closing = false;
  const opening = import('../core/search/service.js')
    .then(({ SearchService }) =>
      SearchService.open(library, {
        workerFile: join(__dirname, WORKER_FILE),
        onProgress: ({ done, total }) => ctx.emit({ type: 'progress', task: 'search-index', done, total, label: 'Building the search index' }),
      }),
    )
    .then(
      (service) => {
        if (!closing) ctx.search = service;
        return service;
      },
      (e: unknown) => {
        // The app still works without search; the search operations say it is not open.
        console.error('Glossa: the search index could not be opened:', e);
        return null;
      },
    );
  return {
    async close() {
      closing = true;
      delete ctx.search;
      await (await opening)?.close();
    },
  };
}
