/** REFI-QDA exchange (1.0 schemas, spec 1.5): codebooks (.qdc) and projects (.qdpx). */
export { codebookToQdc, qdcToCodebook, readQdc, GLOSSA_ORIGIN } from './qdc.js';
export { writeQdpx, buildProject, type QdpxInput, type QdpxWriteReport } from './project-write.js';
export { readQdpx, DEFAULT_QDPX_LIMITS, type QdpxLimits } from './qdpx-read.js';
export type { QdpxRead, QdpxSnapshot } from './project-read.js';
export { GLOSSA_CODE, KIND_CODES, SPEAKERS_CODE } from './codes.js';
export { OffsetMap } from './offsets.js';
