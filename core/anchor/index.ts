/** Re-attaching annotations to edited text: pure, no I/O. */
export { type AnchorHow, type Anchored, type AnchorOptions, type PlaceOptions, DEFAULT_MAX_ERROR_RATE, anchor, foldedSpans, locate, placeTarget } from './anchor.js';
export { MEDIA_FRAGMENTS, checkRect, describeRect, findImage, imageTarget, imageTargetProblem, placeImageTarget, rectFromMediaFragment, rectToMediaFragment } from './image.js';
export { carriedIds, followCopies, PREVIOUS_VERSION_REL, type ReanchorOptions, type ReanchorResult, reanchorAll } from './reanchor.js';
