/**
 * The live annotations of one snapshot, in text order. Every change made through the undo
 * stack carries the full record after the change, so the list is patched in place instead
 * of re-read; a bundle import (library-changed) re-reads it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../core/model';
import { useAppEvent } from '../../app/events';
import { reportError } from '../../app/messages';
import { undoStack, type Change } from '../../app/undo';
import { glossa } from '../../glossa';

export const textOrder = (a: Annotation, b: Annotation) =>
  a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end || a.createdAt.localeCompare(b.createdAt);

export function isAnnotation(value: unknown): value is Annotation {
  return typeof value === 'object' && value !== null && 'snapshotId' in value && 'target' in value && 'kind' in value;
}

export function upsert(list: readonly Annotation[], next: Annotation): Annotation[] {
  const rest = list.filter((a) => a.id !== next.id);
  return next.deletedAt ? rest : [...rest, next].sort(textOrder);
}

export function useAnnotations(snapshotId: string, onChange?: (change: Change & { value: Annotation }) => void) {
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [loaded, setLoaded] = useState(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const reload = useCallback(() => {
    glossa()
      .listAnnotations({ snapshotId })
      .then((list) => {
        setAnnotations([...list].sort(textOrder));
        setLoaded(true);
      })
      .catch((e: unknown) => reportError(e, 'Could not load the annotations'));
  }, [snapshotId]);

  useEffect(() => {
    setLoaded(false);
    setAnnotations([]);
    reload();
  }, [reload]);

  useEffect(
    () =>
      undoStack.onChange((change) => {
        const value = change.value;
        if (!isAnnotation(value) || value.snapshotId !== snapshotId) return;
        setAnnotations((list) => upsert(list, value));
        onChangeRef.current?.({ ...change, value });
      }),
    [snapshotId],
  );
  useAppEvent('library-changed', reload);

  return { annotations, loaded };
}
