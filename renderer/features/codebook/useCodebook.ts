/**
 * The codebook, shared by every view that shows tags. Loaded once, replaced by the codebook
 * every codebook change hands back (through the undo stack), re-read after a bundle import.
 */
import { useEffect } from 'react';
import type { CodeTag } from '../../../core/model';
import { reportError } from '../../app/messages';
import { createStore, useStore } from '../../app/store';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';

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
    .catch((e: unknown) => reportError(e, 'Could not load the codebook'));
}

function start(): void {
  if (started) return;
  started = true;
  reloadCodebook();
  undoStack.onChange((change) => {
    const value = change.value as { codebook?: unknown } | null;
    // Codebook changes carry the whole codebook; re-read it for its tree order.
    if (value && typeof value === 'object' && Array.isArray(value.codebook)) reloadCodebook();
  });
  glossa().onEvent((event) => {
    if (event.type === 'library-changed') reloadCodebook();
  });
}

export function useCodebook(): State {
  useEffect(start, []);
  return useStore(store);
}

/** A tag's colour as a CSS value, with a neutral grey for ids the codebook no longer has. */
export const tagColour = (tags: readonly CodeTag[], id: string): string => tags.find((t) => t.id === id)?.color ?? '#9ca3af';
