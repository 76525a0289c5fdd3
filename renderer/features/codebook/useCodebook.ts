/**
 * The codebook, shared by every view that shows tags. Loaded once, re-read (in tree order)
 * whenever core announces a codebook change.
 */
import { useEffect } from 'react';
import type { CodeTag } from '../../../core/model';
import { reportError } from '../../app/messages';
import { createStore, useStore } from '../../app/store';
import { onLibraryChange } from '../../app/events';
import { glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { codebookMessages } from './messages';

interface State {
  tags: CodeTag[];
  loaded: boolean;
}

const store = createStore<State>({ tags: [], loaded: false });
let started = false;

export function reloadCodebook(): void {
  glossa()
    .listCodebook({})
    .then((tags) => store.set({ tags, loaded: true }))
    .catch((e: unknown) => reportError(e, messagesNow(codebookMessages).couldNotLoad));
}

function start(): void {
  if (started) return;
  started = true;
  reloadCodebook();
  // Whoever changed it (an edit, its undo, an import), core says so.
  onLibraryChange(reloadCodebook, ['codebook']);
}

export function useCodebook(): State {
  useEffect(start, []);
  return useStore(store);
}
