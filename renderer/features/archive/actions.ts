/**
 * What the library does to articles, each through the window's one undo stack (so Ctrl+Z
 * undoes it), with a message that says what happened and offers the undo.
 */
import { notify, reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { archiveMessages } from './messages';

const say = () => messagesNow(archiveMessages);

/** The notice's Undo button, in the language of the moment the notice is shown. */
const undoAction = () => ({
  label: messagesNow(commonMessages).undo,
  run: () => void undoStack.undo().catch((e: unknown) => reportError(e, say().couldNotUndo)),
});

/** `rows`: how many articles (as listed) the ids belong to; `ids`: every version's snapshot id. */
export async function moveToTrash(ids: string[], rows: number): Promise<boolean> {
  try {
    await undoStack.perform(() => glossa().deleteArticles({ ids }));
    notify(say().movedToTrash(rows), 'notice', undefined, undoAction());
    return true;
  } catch (e) {
    reportError(e, say().couldNotDelete);
    return false;
  }
}

export async function restoreFromTrash(ids: string[]): Promise<void> {
  try {
    await undoStack.perform(() => glossa().restoreArticles({ ids }));
    notify(say().restored(ids.length), 'notice', undefined, undoAction());
  } catch (e) {
    reportError(e, say().couldNotRestore);
  }
}

export async function fileInto(ids: string[], rows: number, collectionId: string, name: string, remove = false): Promise<void> {
  try {
    await undoStack.perform(() => glossa().fileArticles({ ids, collectionId, remove }));
    notify(remove ? say().takenOut(rows, name) : say().addedTo(rows, name), 'notice', undefined, undoAction());
  } catch (e) {
    reportError(e, remove ? say().couldNotTakeOut : say().couldNotAddToCollection);
  }
}

export async function tagArticles(ids: string[], add: string[], remove: string[]): Promise<void> {
  try {
    await undoStack.perform(() => glossa().tagArticles({ ids, add, remove }));
  } catch (e) {
    reportError(e, say().couldNotTag);
  }
}

export async function moveCollection(id: string, parentId: string | null): Promise<void> {
  try {
    await undoStack.perform(() => glossa().updateCollection({ id, parentId }));
  } catch (e) {
    reportError(e, say().couldNotMoveCollection);
  }
}

export async function deleteCollection(id: string, name: string): Promise<void> {
  try {
    await undoStack.perform(() => glossa().deleteCollection({ id }));
    notify(say().collectionDeleted(name), 'notice', undefined, undoAction());
  } catch (e) {
    reportError(e, say().couldNotDeleteCollection);
  }
}

export async function settleDeletion(snapshotId: string, keep: boolean): Promise<void> {
  try {
    await undoStack.perform(() => glossa().settleArticleDeletion({ snapshotId, keep }));
  } catch (e) {
    reportError(e, keep ? say().couldNotKeepArticle : say().couldNotDeleteArticle);
  }
}

/** What a drag of articles carries (their snapshot ids), and a drag of a collection. */
export const ARTICLES_TYPE = 'application/x-glossa-articles';
export const COLLECTION_TYPE = 'application/x-glossa-collection';

export interface DraggedArticles {
  ids: string[];
  rows: number;
}
