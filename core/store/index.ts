/**
 * core/store: the library folder (docs/DATA-MODEL.md). Nothing else writes into a library.
 */
export { Library, openLibrary } from './library.js';
export { defaultLibraryDir, resolveLibraryDir } from './paths.js';
export { revisionOf, canonicalJson } from './revisions.js';
