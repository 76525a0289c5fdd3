/**
 * Events pushed by core (library changes, progress), fanned out to the views that care. Every
 * operation that writes announces what it changed (core/api/events.ts); views refresh from
 * those changes only, whoever made them (this window's edits, undo, an import, the CLI).
 */
import { useEffect, useRef } from 'react';
import type { AppEvent } from '../../core/api';
import type { ChangedEntity, LibraryChange } from '../../core/api/events';
import { glossa } from '../glossa';
import { createStore, useStore } from './store';

export type Progress = Extract<AppEvent, { type: 'progress' }>;

/** The latest unfinished long task, for the status bar. */
export const progress = createStore<Progress | null>(null);

let started = false;
/** Subscribes once per page; called by the shell before anything renders. */
export function startEventPump(): void {
  if (started) return;
  started = true;
  glossa().onEvent((event) => {
    if (event.type === 'progress') progress.set(event.done >= event.total ? null : event);
  });
}

export function useProgress(): Progress | null {
  return useStore(progress);
}

export type { ChangedEntity, LibraryChange };

/** The changes an event carries: none for anything but library-changed. */
export function changesIn(event: AppEvent): LibraryChange[] {
  return event.type === 'library-changed' ? event.changes : [];
}

/**
 * Calls `listener` with the changes of each library-changed event that touch one of
 * `entities` (any change when none are named); returns the unsubscribe function.
 */
export function onLibraryChange(listener: (changes: LibraryChange[]) => void, entities?: readonly ChangedEntity[]): () => void {
  return glossa().onEvent((event) => {
    const changes = changesIn(event).filter((c) => !entities || entities.includes(c.entity));
    if (changes.length) listener(changes);
  });
}

/** onLibraryChange while the component is mounted. */
export function useLibraryChange(listener: (changes: LibraryChange[]) => void, entities?: readonly ChangedEntity[]): void {
  const latest = useRef(listener);
  latest.current = listener;
  const key = entities?.join(',') ?? '';
  useEffect(() => onLibraryChange((changes) => latest.current(changes), key ? (key.split(',') as ChangedEntity[]) : undefined), [key]);
}
