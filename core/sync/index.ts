export { syncLibrary, type Author, type Credentials, type SyncOptions, type SyncReport, type SyncStep } from './sync.js';
export { shareLibrary, cloneInto, sharedWith } from './share.js';
export { annotationHistory, type HistoryEntry } from './history.js';
export { readState, gitDirOf, type SyncState } from './repo.js';
export { checkRemoteUrl } from './remote-url.js';
