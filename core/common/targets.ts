/**
 * Building an annotation's target, the same in core (which stores it) and in the window
 * (which shows a new annotation before the save returns): words by their span, or an image
 * standing at an offset of the text. Pure, and free of Node, so the sandboxed page imports it.
 */
import { GlossaError } from '../model/errors.js';
import type { ImageSelector, TextTarget } from '../model/annotation.js';
import { CONTEXT_LENGTH, makeTarget, splitsSurrogatePair } from '../text/selectors.js';

/** A long hash shortened for messages. */
export const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

/**
 * The target of a figure on an image standing at offset `at`: a zero-width position there,
 * an empty quote, and the text either side as context (never cutting a surrogate pair).
 * Throws INVALID_INPUT when `at` is not an offset of the text.
 */
export function imageTargetAt(text: string, at: number, image: ImageSelector): TextTarget {
  if (!Number.isInteger(at) || at < 0 || at > text.length) {
    throw new GlossaError(
      'INVALID_INPUT',
      `Image ${shortHash(image.hash)} stands at offset ${at}, outside the text's ${text.length} characters; the snapshot record is damaged.`,
    );
  }
  let from = Math.max(0, at - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, from)) from++;
  let to = Math.min(text.length, at + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, to)) to--;
  return {
    quote: { type: 'TextQuoteSelector', exact: '', prefix: text.slice(from, at), suffix: text.slice(at, to) },
    position: { type: 'TextPositionSelector', start: at, end: at },
    image: { hash: image.hash, rect: image.rect === null ? null : { ...image.rect } },
  };
}

/** The target of words [start, end), or (with `image`) of that image standing at `start`. Throws INVALID_INPUT for a bad span. */
export function targetOf(text: string, start: number, end: number, image?: ImageSelector | null): TextTarget {
  return image ? imageTargetAt(text, start, image) : makeTarget(text, start, end);
}
