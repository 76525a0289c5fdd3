export { syncLibrary, type Author, type SyncOptions, type SyncStep } from './sync.js';
export { shareLibrary, sharedWith } from './share.js';
export { annotationHistory } from './history.js';
export { readState, gitDirOf } from './repo.js';
