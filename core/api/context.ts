import type { BundleLimits } from '../bundle/format.js';
import type { BrowseRequest, BrowseResult, Progress, SearchRequest, SearchResult, SpeakerPage, SpeakerUsage, TagUse } from '../search/index.js';
import type { LibraryStore } from '../store/types.js';
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
