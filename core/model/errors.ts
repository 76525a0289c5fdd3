/**
 * An error a person can act on. `code` is stable for programs and tests; `message`
 * says what went wrong and what to do. Every layer (IPC, CLI, bridge) passes both on.
 */
export class GlossaError extends Error {
  constructor(
    readonly code: GlossaErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GlossaError';
  }
}

export type GlossaErrorCode =
  | 'INVALID_INPUT'
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'TOO_LARGE'
  | 'BAD_ENCODING'
  | 'UNSUPPORTED_FORMAT'
  | 'NOT_FOUND'
  | 'LIBRARY_LOCKED'
  | 'LIBRARY_CORRUPT'
  /** The library was written by a newer Glossa (schemaVersion above what this build reads). */
  | 'LIBRARY_TOO_NEW'
  /** The disk refused a write (full, read-only, permissions); the previous file is intact. */
  | 'WRITE_FAILED'
  | 'BAD_BUNDLE'
  | 'HASH_MISMATCH'
  | 'ANCHOR_MISMATCH'
  | 'CANCELLED'
  /** No network, or the host could not be reached (DNS, refused, reset). */
  | 'NETWORK'
  /** A fetch took longer than its time limit. */
  | 'TIMEOUT'
  /** The server answered with an error status (404, 500, …) or something that is not a page. */
  | 'FETCH_FAILED'
  /** Two sides changed the same record: kept side by side for a person to resolve. */
  | 'CONFLICT'
  /** A service the operation needs is not running here (the search index before it is open). */
  | 'UNAVAILABLE'
  /** The git host refused the credentials (wrong, expired, or missing). */
  | 'AUTH_FAILED'
  /** What a shared library's remote holds failed a check (names, sizes, JSON, hashes): nothing was taken. */
  | 'BAD_REMOTE'
  /** The library is not shared yet (no remote to sync with). */
  | 'NOT_SHARED';
