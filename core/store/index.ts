/**
 * core/store: the library folder (docs/DATA-MODEL.md). Nothing else writes into a library.
 */
export { Library, openLibrary, type OpenLibraryOptions } from './library.js';
export { FileBlobStore } from './blobs.js';
export { DurableJSONFile, writeFileDurable, removeTempDebris, type DurableJSONFileOptions } from './durable-file.js';
export { defaultLibraryDir, defaultUserDataDir, resolveLibraryDir, libraryLayout, SCHEMA_VERSION } from './paths.js';
export type { LibraryStore, LibraryChange, BlobStore, AnnotationVersion, AnnotationConflict, ConflictState, ResolvedConflict, SnapshotVersions, ImportBatch } from './types.js';
export { revisionOf, canonicalJson, sortedSet, REVISION } from './revisions.js';
