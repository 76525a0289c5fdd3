/** REFI-QDA exchange (1.0 schemas, spec 1.5): codebooks (.qdc) and projects (.qdpx). */
export { codebookToQdc, qdcToCodebook, readQdc } from './qdc.js';
export { writeQdpx, buildProject, type QdpxInput } from './project-write.js';
export { readQdpx } from './qdpx-read.js';

export { KIND_CODES } from './codes.js';
