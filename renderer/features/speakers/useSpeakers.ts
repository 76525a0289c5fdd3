/** The speaker registry, shared by the quote editor and the speaker pages; kept current like the codebook. */
import { useEffect } from 'react';
import type { Speaker } from '../../../core/model';
import { reportError } from '../../app/messages';
import { createStore, useStore } from '../../app/store';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';

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
    .catch((e: unknown) => reportError(e, 'Could not load the speakers'));
}

function start(): void {
  if (started) return;
  started = true;
  reloadSpeakers();
  undoStack.onChange((change) => {
    const value = change.value as { speakers?: unknown } | null;
    if (value && typeof value === 'object' && Array.isArray(value.speakers)) reloadSpeakers();
  });
  glossa().onEvent((event) => {
    if (event.type === 'library-changed') reloadSpeakers();
  });
}

export function useSpeakers(): State {
  useEffect(start, []);
  return useStore(store);
}
