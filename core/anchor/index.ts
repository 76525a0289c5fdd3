/** Re-attaching annotations to edited text: pure, no I/O. */
export { anchor, locate, placeTarget } from './anchor.js';
export { checkRect, imageTarget, imageTargetProblem, placeImageTarget, rectFromMediaFragment, rectToMediaFragment } from './image.js';
export { carriedIds, followCopies, PREVIOUS_VERSION_REL, reanchorAll } from './reanchor.js';
