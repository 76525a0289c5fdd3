/**
 * One CLI invocation's view of a library: open it (taking the lock), run operations through
 * the same api table and dispatch as the window, close it again whatever happens.
 *
 * The store and the api table are imported when a command first needs them, not when the
 * program starts: `glossa --help` never loads them, and the api table (extraction, DOM,
 * zip and HTTP code) loads only for a command that calls an operation.
 */
import type { Context, OpInput, OpName, OpOutput } from '../core/api.js';
import { GlossaError } from '../core/model/errors.js';
import type { SearchService } from '../core/search/service.js';
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
    const { api, dispatch } = await import('../core/api.js');
    const result = await dispatch(api, this.ctx, name, input, { windowOnly: false });
    if (!result.ok) throw new CliError(result.error.code, result.error.message);
    return result.value as OpOutput<N>;
  }
}

/** --library, else GLOSSA_LIBRARY (from this run's environment), else the desktop app's <userData>/library. */
export async function libraryDir(opts: GlobalOptions, env: Record<string, string | undefined>): Promise<string> {
  const { resolveLibraryDir } = await import('../core/store/paths.js');
  return resolveLibraryDir(opts.library, undefined, env);
}

/** Opens the library for the duration of `fn`; the lock is released even when `fn` throws. */
export async function withLibrary<T>(opts: GlobalOptions, env: Record<string, string | undefined>, fn: (session: Session) => Promise<T>): Promise<T> {
  const { openLibrary } = await import('../core/store/library.js');
  const library = await openLibrary(await libraryDir(opts, env));
  try {
    return await fn(new Session(contextFor(library, env)));
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

/** Set by scripts/build-cli.mjs (esbuild `define`): the bundled search worker beside the chunks. Absent when run from source. */
declare const __GLOSSA_SEARCH_WORKER__: string | undefined;

/** Progress of building the search index: articles done of all. */
export type IndexProgress = (done: number, total: number) => void;

/**
 * Like withLibrary, with the library's search index open in the context (built first when it
 * is missing or out of date, with progress). Loaded only by the commands that search, so no
 * other command starts SQLite or its worker.
 */
export async function withSearch<T>(
  opts: GlobalOptions,
  env: Record<string, string | undefined>,
  progress: IndexProgress,
  fn: (session: Session) => Promise<T>,
): Promise<T> {
  const [{ openLibrary }, { SearchService: Service }, { defaultCacheDir }] = await Promise.all([
    import('../core/store/library.js'),
    import('../core/search/service.js'),
    import('../core/search/location.js'),
  ]);
  const library = await openLibrary(await libraryDir(opts, env));
  let search: SearchService | undefined;
  try {
    const workerFile = typeof __GLOSSA_SEARCH_WORKER__ === 'string' ? new URL(__GLOSSA_SEARCH_WORKER__, import.meta.url) : undefined;
    search = await Service.open(library, {
      cacheDir: defaultCacheDir('Glossa', env),
      onProgress: (p) => progress(p.done, p.total),
      ...(workerFile ? { workerFile } : {}),
    });
    // The one event a command shows: progress (of `reindex`), as the build's.
    const emit: Context['emit'] = (e) => {
      if (e.type === 'progress') progress(e.done, e.total);
    };
    return await fn(new Session({ ...contextFor(library, env), emit, search }));
  } finally {
    await library.close();
    // After the library: changes its close flushes still reach the index.
    await search?.close();
  }
}

/** Set by scripts/build-cli.mjs: the bundled suggestion worker beside the chunks. Absent when run from source. */
declare const __GLOSSA_SUGGEST_WORKER__: string | undefined;

/**
 * Like withLibrary, with a suggestion worker in the context (started by the first
 * suggestion, so nothing starts when a command fails before it). The worker is ended before
 * the command returns, or the process would not exit.
 */
export async function withSuggest<T>(opts: GlobalOptions, env: Record<string, string | undefined>, fn: (session: Session) => Promise<T>): Promise<T> {
  const [{ openLibrary }, { SuggestWorker }] = await Promise.all([import('../core/store/library.js'), import('../core/api/context.js')]);
  const library = await openLibrary(await libraryDir(opts, env));
  const workerFile = typeof __GLOSSA_SUGGEST_WORKER__ === 'string' ? new URL(__GLOSSA_SUGGEST_WORKER__, import.meta.url) : undefined;
  const suggest = new SuggestWorker(workerFile ? { workerFile } : {});
  try {
    return await fn(new Session({ ...contextFor(library, env), suggest }));
  } finally {
    await suggest.close();
    await library.close();
  }
}

function contextFor(library: LibraryStore, env: Record<string, string | undefined> = process.env): Context {
  // Progress events are for windows; a script reads the final result.
  return { library, dialogs: noDialogs, emit: () => {}, appSettings: lazyAppSettings(env), gitCredentials: envCredentials(env) };
}

/** The desktop app's <userData>/settings.json (the same person's settings), loaded only when an operation reads it. */
const appSettingsStore = async (env: Record<string, string | undefined>) => {
  const [{ appSettingsFile, APP_SETTINGS_FILE }, { defaultUserDataDir }, { join }] = await Promise.all([
    import('../core/api/app-settings-file.js'),
    import('../core/store/paths.js'),
    import('node:path'),
  ]);
  return appSettingsFile(join(defaultUserDataDir('Glossa', env), APP_SETTINGS_FILE));
};
const lazyAppSettings = (env: Record<string, string | undefined>): NonNullable<Context['appSettings']> => ({
  read: async () => (await appSettingsStore(env)).read(),
  write: async (values) => (await appSettingsStore(env)).write(values),
});

/** The command line has no keychain: the git host's access token comes from GLOSSA_GIT_TOKEN, and is never stored. */
const envCredentials = (env: Record<string, string | undefined>): NonNullable<Context['gitCredentials']> => ({
  get: async () => env.GLOSSA_GIT_TOKEN?.trim() || null,
  set: async () => {
    throw new GlossaError('INVALID_INPUT', 'The command line keeps no access token: set GLOSSA_GIT_TOKEN for the command instead.');
  },
});
