/**
 * The live annotations of one snapshot, in text order. A change made here through the undo
 * stack answers with the annotation after it, which is patched in at once (and may move the
 * reader's selection); every library change core announces for this snapshot's annotations,
 * whoever made it (an undo, a codebook rename, a bundle import, the CLI), re-reads the list.
 *
 * Tagging shows at once: the reader adds the new annotation under the id it minted, and the
 * stored record (same id) takes its place when the save returns, like any other change.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Annotation } from '../../../core/model';
import { useLibraryChange } from '../../app/events';
import { reportError } from '../../app/messages';
import { undoStack, type Change } from '../../app/undo';
import { glossa } from '../../glossa';
import { textOrder, upsert, without } from './annotationList';
import { isUnsaved } from './saving';
import { messagesNow } from '../../i18n';
import { annotateMessages } from './messages';

/** A change's answer is one annotation (tag, edit, delete): checked against the schema, not guessed. */
export function isAnnotation(value: unknown): value is Annotation {
  return Annotation.safeParse(value).success;
}

/**
 * The annotations a change answered with: one (tag, edit, delete), or the lists of an
 * operation on many (`annotations`, `added`: reviewing or making suggestions).
 */
export function annotationsIn(value: unknown): Annotation[] {
  if (isAnnotation(value)) return [value];
  if (typeof value !== 'object' || value === null) return [];
  const out: Annotation[] = [];
  for (const key of ['annotations', 'added'] as const) {
    const list = (value as Record<string, unknown>)[key];
    if (Array.isArray(list)) for (const item of list) if (isAnnotation(item)) out.push(item);
  }
  return out;
}

/**
 * `initial`: the list asked for together with the snapshot (no second round trip); when it
 * resolves to null, or is absent, the list is read here.
 */
export function useAnnotations(
  snapshotId: string,
  /** Each annotation a step of the undo stack changed in this snapshot (the step's `value` is the annotation). */
  onChange?: (change: Change & { value: Annotation }) => void,
  initial?: Promise<readonly Annotation[] | null>,
) {
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [loaded, setLoaded] = useState(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  /** Only the latest read may land: an older answer arriving late would undo a newer one. */
  const reads = useRef(0);

  const reload = useCallback(() => {
    const read = ++reads.current;
    glossa()
      .listAnnotations({ snapshotId })
      .then((list) => {
        if (read !== reads.current) return;
        // Tagged but not yet saved: still shown (its save announces it when it lands).
        setAnnotations((shown) => [...list, ...shown.filter((a) => isUnsaved(a.id) && !list.some((b) => b.id === a.id))].sort(textOrder));
        setLoaded(true);
      })
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotLoad));
  }, [snapshotId]);

  const initialRef = useRef(initial);
  useEffect(() => {
    let live = true;
    setLoaded(false);
    setAnnotations([]);
    const first = initialRef.current;
    initialRef.current = undefined;
    if (!first) reload();
    else
      void first.then((list) => {
        if (!live) return;
        if (!list) return reload();
        setAnnotations([...list].sort(textOrder));
        setLoaded(true);
      });
    return () => {
      live = false;
    };
  }, [reload]);

  useEffect(
    () =>
      undoStack.onChange((change) => {
        const changed = annotationsIn(change.value).filter((a) => a.snapshotId === snapshotId);
        if (changed.length === 0) return;
        setAnnotations((list) => changed.reduce(upsert, list));
        for (const value of changed) onChangeRef.current?.({ ...change, value });
      }),
    [snapshotId],
  );
  useLibraryChange(
    (changes) => {
      if (changes.some((c) => (c.entity === 'annotation' && c.snapshotId === snapshotId) || (c.entity === 'snapshot' && c.ids.includes(snapshotId)))) reload();
    },
    ['annotation', 'snapshot'],
  );

  /** Shows a new annotation now, while `saving` stores it; dropped again if the save fails (the stored record arrives as a change). */
  const addShown = useCallback((a: Annotation, saving: Promise<unknown>) => {
    setAnnotations((list) => upsert(list, a));
    saving.catch(() => setAnnotations((list) => without(list, a.id)));
  }, []);

  return { annotations, loaded, reload, addShown };
}
