/**
 * Importing files the window can read itself (file picker, drag and drop): the bytes go
 * to core, never a path. The per-file outcome list is shown by the library view.
 */
import type { OpOutput } from '../../../core/api';
import { reportError } from '../../app/messages';
import { createStore } from '../../app/store';
import { glossa } from '../../glossa';

export type FileResult = OpOutput<'importFiles'>[number];

export interface ImportBatch {
  id: number;
  results: FileResult[];
}

/** The latest batch, shown until dismissed or replaced by the next import. */
export const lastImport = createStore<ImportBatch | null>(null);
export const importing = createStore(false);
let batchId = 0;

export async function importFileList(files: Iterable<File>): Promise<FileResult[] | null> {
  const list = [...files];
  if (list.length === 0) return null;
  importing.set(true);
  try {
    const payload = await Promise.all(list.map(async (file) => ({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) })));
    const results = await glossa().importFiles({ files: payload });
    lastImport.set({ id: ++batchId, results });
    return results;
  } catch (e) {
    reportError(e, list.length === 1 ? `Could not import ${list[0]?.name}` : `Could not import ${list.length} files`);
    return null;
  } finally {
    importing.set(false);
  }
}
