/**
 * The live annotations of one snapshot, in text order. Every change made through the undo
 * stack carries the records after the change (an annotation, or the annotations a codebook
 * or speaker change touched), so the list is patched in place instead of re-read; a bundle
 * import (library-changed) re-reads it.
 *
 * Tagging shows at once: the reader adds a provisional annotation (built here from the
 * canonical text, as core would) and swaps in the stored one when the save returns.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation, AnnotationKind, ImageSelector, TextTarget } from '../../../core/model';
import { CONTEXT_LENGTH, makeTarget } from '../../../core/text/selectors';
import { useAppEvent } from '../../app/events';
import { reportError } from '../../app/messages';
import { annotationsIn, undoStack, type Change } from '../../app/undo';
import { glossa } from '../../glossa';
import { blankAnnotation } from './blankAnnotation';

export const textOrder = (a: Annotation, b: Annotation) =>
  a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end || a.createdAt.localeCompare(b.createdAt);

export function isAnnotation(value: unknown): value is Annotation {
  return annotationsIn(value).length === 1 && annotationsIn(value)[0] === value;
}

/** The list (in text order) with `next` in its place, or without it once deleted; the list is not re-sorted. */
export function upsert(list: readonly Annotation[], next: Annotation): Annotation[] {
  const out = list.slice();
  const at = out.findIndex((a) => a.id === next.id);
  if (at >= 0) out.splice(at, 1);
  if (next.deletedAt) return at >= 0 ? out : (list as Annotation[]);
  // After any equal ones, as a stable sort would put it.
  let lo = 0;
  let hi = out.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (textOrder(out[mid]!, next) <= 0) lo = mid + 1;
    else hi = mid;
  }
  out.splice(lo, 0, next);
  return out;
}

export const PENDING_PREFIX = 'pending-';
let pendingCount = 0;

/** Stored id → the provisional id it replaced: list items keep their React key, so a field being typed in survives. */
const keyOf = new Map<string, string>();
/** Provisional id → the stored id, once known (null when the save failed). */
const stored = new Map<string, Promise<string | null>>();

export const stableKey = (a: Annotation): string => keyOf.get(a.id) ?? a.id;

/** Called by the save itself, before anyone hears of the stored record, so no two items ever share a key. */
export function linkProvisional(realId: string, provisionalId: string): void {
  keyOf.set(realId, provisionalId);
}

/** The list with `next` in place of the provisional record it replaces (if any). */
function settle(list: readonly Annotation[], next: Annotation): Annotation[] {
  const temp = keyOf.get(next.id);
  return upsert(temp ? list.filter((x) => x.id !== temp) : list, next);
}

/**
 * The stored id of an annotation: itself, or (for a provisional one) the id core gave it.
 * Edits typed before the save returned wait for it instead of failing.
 */
export async function storedId(id: string): Promise<string> {
  if (!id.startsWith(PENDING_PREFIX)) return id;
  const real = await stored.get(id);
  if (!real) throw Object.assign(new Error('The annotation could not be saved, so this edit was not saved either.'), { code: 'NOT_FOUND' });
  return real;
}

/** The target core gives a figure on an image: a zero-width position where the image stands, an empty quote, the text around. */
function imageTarget(text: string, at: number, image: ImageSelector): TextTarget {
  return {
    quote: { type: 'TextQuoteSelector', exact: '', prefix: text.slice(Math.max(0, at - CONTEXT_LENGTH), at), suffix: text.slice(at, at + CONTEXT_LENGTH) },
    position: { type: 'TextPositionSelector', start: at, end: at },
    image: { hash: image.hash, rect: image.rect && { ...image.rect } },
  };
}

/** A provisional annotation for the span (or, with `image`, for that image standing at `start`), shown until the stored one arrives. */
export function provisional(snapshotId: string, text: string, kind: AnnotationKind, start: number, end: number, image?: ImageSelector | null): Annotation {
  return blankAnnotation(`${PENDING_PREFIX}${++pendingCount}`, snapshotId, kind, image ? imageTarget(text, start, image) : makeTarget(text, start, end));
}

/**
 * `initial`: the list asked for together with the snapshot (no second round trip); when it
 * resolves to null, or is absent, the list is read here.
 */
export function useAnnotations(snapshotId: string, onChange?: (change: Change & { value: Annotation }) => void, initial?: Promise<readonly Annotation[] | null>) {
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
        const mine = annotationsIn<Annotation>(change.value).filter((a) => a.snapshotId === snapshotId);
        if (mine.length === 0) return;
        setAnnotations((list) => mine.reduce(settle, list));
        // Only a change of one annotation moves the reader's selection.
        if (isAnnotation(change.value)) onChangeRef.current?.({ ...change, value: change.value });
      }),
    [snapshotId],
  );
  useAppEvent('library-changed', reload);

  /**
   * Shows a provisional annotation now, for the save `saving` (which resolves to the stored
   * one); the provisional record is then replaced by it, or dropped if the save failed.
   */
  const addPending = useCallback((a: Annotation, saving: Promise<Annotation>) => {
    setAnnotations((list) => upsert(list, a));
    stored.set(
      a.id,
      saving.then(
        (real) => {
          keyOf.set(real.id, a.id);
          setAnnotations((list) => (list.some((x) => x.id === real.id) ? list.filter((x) => x.id !== a.id) : settle(list, real)));
          return real.id;
        },
        () => {
          setAnnotations((list) => list.filter((x) => x.id !== a.id));
          return null;
        },
      ),
    );
  }, []);

  return { annotations, loaded, reload, addPending };
}
