import type { BundleLimits } from '../bundle/format.js';
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
}
