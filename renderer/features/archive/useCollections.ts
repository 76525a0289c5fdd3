/** The library's collections, shared by the sidebar and the pickers; re-read whenever core announces a change to them. */
import { useEffect } from 'react';
import type { Collection } from '../../../core/model';
import { onLibraryChange } from '../../app/events';
import { reportError } from '../../app/messages';
import { createStore, useStore } from '../../app/store';
import { glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { archiveMessages } from './messages';

const store = createStore<Collection[]>([]);
let started = false;

function reload(): void {
  glossa()
    .listCollections({})
    .then((list) => store.set(list))
    .catch((e: unknown) => reportError(e, messagesNow(archiveMessages).couldNotListCollections));
}

function start(): void {
  if (started) return;
  started = true;
  reload();
  onLibraryChange(reload, ['collections']);
}

export function useCollections(): Collection[] {
  useEffect(start, []);
  return useStore(store);
}
