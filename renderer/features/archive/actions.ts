/**
 * What the library does to articles, each through the window's one undo stack (so Ctrl+Z
 * undoes it), with a message that says what happened and offers the undo.
 */
import { notify, reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { plural } from '../../ui/format';

const undoAction = { label: 'Undo', run: () => void undoStack.undo().catch((e: unknown) => reportError(e, 'Could not undo')) };

/** `rows`: how many articles (as listed) the ids belong to; `ids`: every version's snapshot id. */
export async function moveToTrash(ids: string[], rows: number): Promise<boolean> {
  try {
    await undoStack.perform(() => glossa().deleteArticles({ ids }));
    notify(`${plural(rows, 'article')} moved to the trash`, 'notice', undefined, undoAction);
    return true;
  } catch (e) {
    reportError(e, 'Could not delete');
    return false;
  }
}

export async function restoreFromTrash(ids: string[]): Promise<void> {
  try {
    await undoStack.perform(() => glossa().restoreArticles({ ids }));
    notify(`${plural(ids.length, 'article')} restored`, 'notice', undefined, undoAction);
  } catch (e) {
    reportError(e, 'Could not restore');
  }
}

export async function fileInto(ids: string[], rows: number, collectionId: string, name: string, remove = false): Promise<void> {
  try {
    await undoStack.perform(() => glossa().fileArticles({ ids, collectionId, remove }));
    notify(remove ? `${plural(rows, 'article')} taken out of “${name}”` : `${plural(rows, 'article')} added to “${name}”`, 'notice', undefined, undoAction);
  } catch (e) {
    reportError(e, remove ? 'Could not take the articles out' : 'Could not add to the collection');
  }
}

export async function tagArticles(ids: string[], add: string[], remove: string[]): Promise<void> {
  try {
    await undoStack.perform(() => glossa().tagArticles({ ids, add, remove }));
  } catch (e) {
    reportError(e, 'Could not tag the articles');
  }
}

export async function moveCollection(id: string, parentId: string | null): Promise<void> {
  try {
    await undoStack.perform(() => glossa().updateCollection({ id, parentId }));
  } catch (e) {
    reportError(e, 'Could not move the collection');
  }
}

export async function deleteCollection(id: string, name: string): Promise<void> {
  try {
    await undoStack.perform(() => glossa().deleteCollection({ id }));
    notify(`Collection “${name}” deleted; its articles stay in the library`, 'notice', undefined, undoAction);
  } catch (e) {
    reportError(e, 'Could not delete the collection');
  }
}

export async function settleDeletion(snapshotId: string, keep: boolean): Promise<void> {
  try {
    await undoStack.perform(() => glossa().settleArticleDeletion({ snapshotId, keep }));
  } catch (e) {
    reportError(e, keep ? 'Could not keep the article' : 'Could not delete the article');
  }
}

/** What a drag of articles carries (their snapshot ids), and a drag of a collection. */
export const ARTICLES_TYPE = 'application/x-glossa-articles';
export const COLLECTION_TYPE = 'application/x-glossa-collection';

export interface DraggedArticles {
  ids: string[];
  rows: number;
}
