/** Events pushed by core (library changes, progress), fanned out to the views that care. */
import { useEffect, useRef } from 'react';
import type { AppEvent } from '../../core/api';
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

/** Calls `listener` for every event of one type while the component is mounted. */
export function useAppEvent<T extends AppEvent['type']>(type: T, listener: (event: Extract<AppEvent, { type: T }>) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(
    () =>
      glossa().onEvent((event) => {
        if (event.type === type) latest.current(event as Extract<AppEvent, { type: T }>);
      }),
    [type],
  );
}
