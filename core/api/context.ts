import { GlossaError } from '../model/errors.js';
import type { BundleLimits } from '../bundle/format.js';
import type { BrowseRequest, BrowseResult, Progress, SearchRequest, SearchResult, SpeakerPage, SpeakerUsage, TagUse } from '../search/index.js';
import type { LibraryStore } from '../store/types.js';
import type { SuggestClient, SuggestClientOptions } from '../suggest/client.js';
import type { Suggestion, SuggestOptions } from '../suggest/types.js';
import type { LibraryChanged } from './events.js';

/** Native file pickers; supplied by the shell (Electron dialogs, or a test's choice). */
export interface Dialogs {
  /** `folders`: pick folders instead of files (batch import of a whole folder). */
  openFiles(opts: { title: string; filters: { name: string; extensions: string[] }[]; multiple: boolean; folders?: boolean }): Promise<string[]>;
  saveFile(opts: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
}

/** Events the core pushes to the window: progress of long operations, library changes. */
export type AppEvent =
  /** What an operation wrote (core/api/events.ts): views refresh from this alone. */
  | LibraryChanged
  /** `taskId`: set when the work can be cancelled (cancelTask). */
  | { type: 'progress'; task: string; done: number; total: number; label?: string; taskId?: string };

export interface Context {
  library: LibraryStore;
  dialogs: Dialogs;
  emit(event: AppEvent): void;
  /** What a bundle may hold, on import and export alike (format.ts DEFAULT_LIMITS unless set; tests lower them). */
  bundleLimits?: Partial<BundleLimits>;
  /**
   * The library's search index (core/search SearchService), once it is open. Without it the
   * search operations answer UNAVAILABLE, and speaker and tag usage scan the library's files.
   */
  search?: LibrarySearch;
  /**
   * Reads articles for suggestions off the event loop (a SuggestWorker). Without it the
   * suggestion operations answer UNAVAILABLE. Whoever makes the context closes it.
   */
  suggest?: Suggester;
  /**
   * The settings of the person on this machine, not of the library (name, e-mail, theme,
   * number format): `<userData>/settings.json` (core/api/app-settings-file.ts). Without it
   * the app-settings operations answer UNAVAILABLE.
   */
  appSettings?: AppSettingsStore;
  /** Opening another library in place of this one: the desktop app only (a native folder picker). */
  libraries?: LibrarySwitcher;
  /**
   * Access tokens for git hosts, by remote address, kept outside the library: the system
   * keychain in the app (Electron safeStorage), GLOSSA_GIT_TOKEN in the CLI.
   */
  gitCredentials?: GitCredentialStore;
}

export interface GitCredentialStore {
  get(url: string): Promise<string | null>;
  set(url: string, token: string): Promise<void>;
}

/** A small JSON object kept outside the library; `write` replaces it whole and durably. */
export interface AppSettingsStore {
  read(): Promise<Record<string, unknown>>;
  write(values: Record<string, unknown>): Promise<void>;
}

/**
 * Asks the person for a folder (an existing library, or a new empty one) and opens it in
 * place of the current library, remembering the choice for the next launch. Resolves to
 * the folder opened, or null when the person cancelled; the current library stays open
 * when the chosen one cannot be opened (the error says why).
 */
export interface LibrarySwitcher {
  choose(kind: 'open' | 'new'): Promise<{ dir: string } | null>;
}

/** What the suggestion operations use of core/suggest: one article's text in, suggestions out. */
export interface Suggester {
  suggest(text: string, opts?: SuggestOptions): Promise<Suggestion[]>;
}

/**
 * The suggestion worker of one context: started by the first call (so a context that never
 * suggests starts no thread), reused by the next, started again after it stopped (a crash),
 * ended by close(). Default worker: core/suggest/worker.ts through tsx (from source); a
 * bundled program passes its built worker file.
 */
export class SuggestWorker implements Suggester {
  private client: Promise<SuggestClient> | null = null;
  private closed = false;

  constructor(private readonly opts: SuggestClientOptions = {}) {}

  async suggest(text: string, opts?: SuggestOptions): Promise<Suggestion[]> {
    if (this.closed) throw new GlossaError('UNAVAILABLE', 'Suggestions have been shut down with the library; open it again to suggest.');
    // Loaded on first use: a context that never suggests never loads the detectors' code.
    const started = (this.client ??= import('../suggest/client.js').then(({ SuggestClient: Client }) => new Client(this.opts)));
    const client = await started;
    try {
      return await client.suggest(text, opts);
    } catch (e) {
      // A stopped worker answers every later call with this; the next call starts a new one.
      if (e instanceof Error && e.message.startsWith('Suggestions stopped') && this.client === started) {
        this.client = null;
        void client.close();
      }
      throw e;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client) await (await client).close();
  }
}

/** What operations use of core/search's SearchService (narrow, so a test can tell what is needed). */
export interface LibrarySearch {
  /** Resolves when every write made so far is in the index. */
  idle(): Promise<void>;
  search(req: SearchRequest): Promise<SearchResult>;
  browse(req: BrowseRequest): Promise<BrowseResult>;
  speakerPage(name: string, opts?: { limit?: number; offset?: number }): Promise<SpeakerPage>;
  speakerUsage(): Promise<SpeakerUsage>;
  tagUsage(): Promise<Record<string, TagUse>>;
  reindex(onProgress?: (p: Progress) => void): Promise<void>;
}
