/** The speaker registry, shared by the quote editor and the speaker pages; re-read whenever core announces a speakers change. */
import { useEffect } from 'react';
import type { Speaker } from '../../../core/model';
import { reportError } from '../../app/messages';
import { createStore, useStore } from '../../app/store';
import { onLibraryChange } from '../../app/events';
import { glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { speakersMessages } from './messages';

interface State {
  speakers: Speaker[];
  loaded: boolean;
}

const store = createStore<State>({ speakers: [], loaded: false });
let started = false;

export function reloadSpeakers(): void {
  glossa()
    .listSpeakers({})
    .then((speakers) => store.set({ speakers, loaded: true }))
    .catch((e: unknown) => reportError(e, messagesNow(speakersMessages).couldNotLoad));
}

function start(): void {
  if (started) return;
  started = true;
  reloadSpeakers();
  // Whoever changed it (an edit, its undo, an import), core says so.
  onLibraryChange(reloadSpeakers, ['speakers']);
}

export function useSpeakers(): State {
  useEffect(start, []);
  return useStore(store);
}
