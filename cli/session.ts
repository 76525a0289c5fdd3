/**
 * One CLI invocation's view of a library: open it (taking the lock), run operations through
 * the same api table and dispatch as the window, close it again whatever happens.
 */
import { api, dispatch, type Context, type OpInput, type OpName, type OpOutput } from '../core/api.js';
import { GlossaError } from '../core/model/index.js';
import { openLibrary, resolveLibraryDir } from '../core/store/index.js';
import type { LibraryStore } from '../core/store/types.js';
import { CliError } from './errors.js';

export interface GlobalOptions {
  library?: string;
  json?: boolean;
}

/** A terminal has no file pickers: operations that need one are not for the CLI. */
const noDialogs: Context['dialogs'] = {
  openFiles: async () => {
    throw new GlossaError('INVALID_INPUT', 'The command line cannot show a file picker; pass the file paths instead.');
  },
  saveFile: async () => {
    throw new GlossaError('INVALID_INPUT', 'The command line cannot show a file picker; pass the output path instead.');
  },
};

export class Session {
  constructor(readonly ctx: Context) {}

  /** Runs one operation of the api table; a failed envelope becomes a CliError with its code. */
  async call<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
    const result = await dispatch(api, this.ctx, name, input, { windowOnly: false });
    if (!result.ok) throw new CliError(result.error.code, result.error.message);
    return result.value as OpOutput<N>;
  }
}

export function libraryDir(opts: GlobalOptions): string {
  // --library, else GLOSSA_LIBRARY, else the desktop app's <userData>/library.
  return resolveLibraryDir(opts.library);
}

/** Opens the library for the duration of `fn`; the lock is released even when `fn` throws. */
export async function withLibrary<T>(opts: GlobalOptions, fn: (session: Session) => Promise<T>): Promise<T> {
  const library = await openLibrary(libraryDir(opts));
  try {
    return await fn(new Session(contextFor(library)));
  } finally {
    await library.close();
  }
}

/** For commands that read no library (verifying a bundle file): any use of it is a bug. */
export async function withoutLibrary<T>(fn: (session: Session) => Promise<T>): Promise<T> {
  const library = new Proxy({} as LibraryStore, {
    get() {
      throw new GlossaError('INVALID_INPUT', 'This command does not use a library.');
    },
  });
  return fn(new Session(contextFor(library)));
}

function contextFor(library: LibraryStore): Context {
  // Progress events are for windows; a script reads the final result.
  return { library, dialogs: noDialogs, emit: () => {} };
}
