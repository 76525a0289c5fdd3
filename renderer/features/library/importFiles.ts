/**
 * Importing what the window can read itself (file picker, folder picker, drag and drop):
 * the bytes go to core, never a path. A folder's files travel with their relative paths, so
 * a saved page finds its "_files" folder. The per-file outcome list is shown by the library.
 */
import type { OpOutput } from '../../../core/api';
import { reportError } from '../../app/messages';
import { createStore } from '../../app/store';
import { glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { libraryMessages } from './messages';

export type FileResult = OpOutput<'importFiles'>[number];

export interface ImportBatch {
  id: number;
  results: FileResult[];
}

/** The latest batch, shown until dismissed or replaced by the next import. */
export const lastImport = createStore<ImportBatch | null>(null);
export const importing = createStore(false);
let batchId = 0;

/** A file with the path it had inside a picked or dropped folder ("Saved/Story_files/a.jpg"). */
export interface PickedFile {
  file: File;
  path?: string;
}

const MAX_BATCH_BYTES = 512 * 1024 * 1024;

export async function importFileList(files: Iterable<File | PickedFile>): Promise<FileResult[] | null> {
  const list = [...files].map((f) => (f instanceof File ? { file: f, path: f.webkitRelativePath || undefined } : f));
  if (list.length === 0) return null;
  const total = list.reduce((n, f) => n + f.file.size, 0);
  if (total > MAX_BATCH_BYTES) {
    reportError(new Error(messagesNow(libraryMessages).tooLarge(list.length, (total / 1024 / 1024).toFixed(0), MAX_BATCH_BYTES / 1024 / 1024)));
    return null;
  }
  importing.set(true);
  try {
    const payload = await Promise.all(list.map(async ({ file, path }) => ({ name: path || file.name, data: new Uint8Array(await file.arrayBuffer()) })));
    const results = await glossa().importFiles({ files: payload });
    lastImport.set({ id: ++batchId, results });
    return results;
  } catch (e) {
    const m = messagesNow(libraryMessages);
    reportError(e, list.length === 1 ? m.couldNotImportFile(`${list[0]?.file.name}`) : m.couldNotImportFiles(list.length));
    return null;
  } finally {
    importing.set(false);
  }
}

/** Shows a single outcome (URL capture, paste) in the same results list as file imports. */
export function showOutcome(result: FileResult): void {
  lastImport.set({ id: ++batchId, results: [result] });
}
