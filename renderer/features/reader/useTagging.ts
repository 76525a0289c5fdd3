/**
 * What the reader does to annotations: tag the selection (or an image), delete, accept, move
 * an end by a word. A new annotation gets its id here (a UUID), is shown at once under it and
 * saved after the frame that shows it; edits of it wait for that save (annotate/saving.ts).
 */
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { flushSync } from 'react-dom';
import { blankAnnotation } from '../../../core/common/annotation';
import { targetOf } from '../../../core/common/targets';
import type { Annotation, AnnotationKind, ImageSelector } from '../../../core/model';
import type { Direction, Edge } from '../../../core/text/navigate';
import { promiseFocus } from '../../app/keyboard';
import { notify, reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { KIND_KEY } from '../../ui/kinds';
import { inOrder, creating } from '../annotate/saving';
import { readerMessages } from './messages';
import { afterPaint } from './place';
import type { TextSelection } from './useTextSelection';

export interface Selected {
  id: string;
  /** Bumped when the editor's first field should take focus. */
  focusToken: number;
}

/** What the panel keeps showing while a new highlight is being painted. */
interface Held {
  annotations: Annotation[];
  selectedId: string | null;
  focusToken: number;
}

interface Options {
  snapshotId: string;
  text: string;
  annotations: Annotation[];
  selected: Selected | null;
  selectedId: string | null;
  setSelected: Dispatch<SetStateAction<Selected | null>>;
  /** Shows a new annotation while `saving` stores it (useAnnotations). */
  addShown(annotation: Annotation, saving: Promise<unknown>): void;
  selection: TextSelection;
  focusArticle(): void;
}

export function useTagging({ snapshotId, text, annotations, selected, selectedId, setSelected, addShown, selection, focusArticle }: Options) {
  /**
   * While a new highlight is being painted the panel keeps showing what it showed before: its
   * new row and editor are drawn in the next frame (or at once when a key is pressed first).
   */
  const [held, setHeld] = useState<Held | null>(null);
  const withdrawRef = useRef<() => void>(() => undefined);
  useEffect(() => () => withdrawRef.current(), []);

  /** Tags the selected words (snapped to whole words unless `exact`). */
  function tag(kind: AnnotationKind, exact: boolean) {
    const span = selection.take(exact);
    if (span === 'nothing-selected') notify(messagesNow(readerMessages).selectWordsToTag(KIND_KEY[kind], kind));
    else if (span === 'no-words') notify(messagesNow(readerMessages).noWordsToTag);
    else create(kind, span.start, span.end, null);
  }

  /** Tags words (or, with `image`, an image or an area of it): shown at once, saved after the frame, undoable, its editor opened. */
  function create(kind: AnnotationKind, start: number, end: number, image: ImageSelector | null) {
    let shown: Annotation;
    try {
      shown = blankAnnotation(crypto.randomUUID(), snapshotId, kind, targetOf(text, start, end, image));
    } catch (e) {
      reportError(e, messagesNow(readerMessages).couldNotTag(kind));
      return;
    }
    const { id } = shown;
    const saving = undoStack.perform(
      creating(id, async () => {
        // The save is sent once the highlight is painted: the frame that shows it does not wait for it.
        await afterPaint();
        return glossa().createAnnotation(
          image ? { id, snapshotId, kind, start, end, image } : { id, snapshotId, kind, start, end, prefill: kind === 'figure' },
        );
      }),
    );
    addShown(shown, saving);
    const token = Date.now();
    setSelected({ id, focusToken: token });
    holdPanel(token);
    saving.catch((e: unknown) => reportError(e, messagesNow(readerMessages).couldNotTag(kind)));
  }

  /** The panel catches up after the frame; a key pressed before then brings it (and the editor's focus) at once. */
  function holdPanel(token: number) {
    setHeld((h) => h ?? { annotations, selectedId, focusToken: selected?.focusToken ?? 0 });
    withdrawRef.current();
    let settled = false;
    const release = (focus: boolean) => {
      if (settled) return;
      settled = true;
      withdraw();
      flushSync(() => {
        if (!focus) setSelected((s) => (s && s.focusToken === token ? { ...s, focusToken: 0 } : s));
        setHeld(null);
      });
    };
    const withdraw = promiseFocus({ keep: () => release(true), drop: () => release(false) });
    // A newer tag, or leaving the reader, supersedes this one.
    withdrawRef.current = () => {
      settled = true;
      withdraw();
    };
    // After the frame the editor takes focus in this same task (flushSync): a key pressed between
    // withdrawing the promise and an ordinary render would land on the article as a shortcut.
    void afterPaint().then(() => release(true));
  }

  function remove(annotation: Annotation) {
    const { id } = annotation;
    undoStack
      .perform(() => inOrder(id, () => glossa().deleteAnnotation({ snapshotId, id })))
      .then(() => {
        setSelected((s) => (s?.id === id ? null : s));
        focusArticle();
      })
      .catch((e: unknown) => reportError(e, messagesNow(readerMessages).couldNotDelete));
  }

  function accept(annotation: Annotation) {
    const { id } = annotation;
    undoStack
      .perform(() => inOrder(id, () => glossa().acceptAnnotation({ snapshotId, id })))
      .catch((e: unknown) => reportError(e, messagesNow(readerMessages).couldNotAccept));
  }

  /** Moves an end of the annotation's words by one word. */
  function resize(annotation: Annotation, edge: Edge, direction: Direction) {
    const { id } = annotation;
    undoStack
      .perform(() => inOrder(id, () => glossa().resizeAnnotation({ snapshotId, id, edge, direction })))
      .catch((e: unknown) => reportError(e, messagesNow(readerMessages).couldNotResize));
  }

  return { held, tag, create, remove, accept, resize };
}
