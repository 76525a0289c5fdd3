/**
 * The reader's text selection, in canonical offsets: what the mouse or a find selected, and
 * whether it is kept exactly as made (Alt held, found with /, moved by words) or snapped to
 * whole words when tagged. The DOM ↔ offset mapping itself is selection.ts.
 */
import { useRef, type RefObject } from 'react';
import { moveEdge, type Direction, type Edge } from '../../../core/text/navigate';
import { snapToWords } from '../../../core/text/words';
import { reveal } from './place';
import { selectionToRange, selectRange } from './selection';

interface Span {
  start: number;
  end: number;
}

const sameSpan = (a: Span | null, b: Span) => a !== null && a.start === b.start && a.end === b.end;

/** What tagging the selection gives: the span to tag, or why there is none. */
type ToTag = Span | 'nothing-selected' | 'no-words';

export interface TextSelection {
  /** The span to tag (snapped to words unless kept exact or `exact`); the selection is then cleared. */
  take(exact: boolean): ToTag;
  /** Shift+arrows on a text selection: moves one edge by a word. False when no text is selected. */
  moveEdge(edge: Edge, direction: Direction): boolean;
  /** A find result becomes the selection, kept exact, scrolled into view. */
  selectFound(found: Span): void;
  clear(): void;
  /** The article's mousedown: a drag made with Alt held is kept exact. */
  onMouseDown(): void;
}

export function useTextSelection(articleRef: RefObject<HTMLElement | null>, text: string): TextSelection {
  /** A selection kept exactly as made: tagged without snapping. */
  const exactRef = useRef<Span | null>(null);
  const current = () => (articleRef.current ? selectionToRange(articleRef.current, window.getSelection()) : null);

  return {
    take(exact) {
      const range = current();
      if (!range) return 'nothing-selected';
      const { start, end } = exact || sameSpan(exactRef.current, range) ? range : snapToWords(text, range.start, range.end);
      if (end <= start) return 'no-words';
      window.getSelection()?.removeAllRanges();
      exactRef.current = null;
      return { start, end };
    },
    moveEdge(edge, direction) {
      const root = articleRef.current;
      const range = current();
      if (!root || !range) return false;
      const snapped = sameSpan(exactRef.current, range) ? range : snapToWords(text, range.start, range.end);
      const next = moveEdge(text, snapped, edge, direction);
      if (selectRange(root, next.start, next.end)) exactRef.current = next;
      return true;
    },
    selectFound(found) {
      const root = articleRef.current;
      if (root && selectRange(root, found.start, found.end)) {
        exactRef.current = found;
        reveal(root, { start: found.start }, false);
      }
    },
    clear() {
      exactRef.current = null;
      window.getSelection()?.removeAllRanges();
    },
    onMouseDown() {
      exactRef.current = null;
      // The drag may end outside the article, so the release is heard on the document.
      const onRelease = (e: MouseEvent) => {
        const root = articleRef.current;
        exactRef.current = e.altKey && root ? selectionToRange(root, window.getSelection()) : null;
      };
      document.addEventListener('mouseup', onRelease, { once: true });
    },
  };
}
