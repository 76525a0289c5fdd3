/**
 * What crosses a transport (IPC, the preload bridge, the test bridge): an operation's value,
 * or its failure as data so the error's code and message survive structured cloning (which
 * keeps only an Error's message). Types only, so every room may use it.
 */
export interface EnvelopeError {
  /** Stable for programs and tests: a GlossaErrorCode, or INTERNAL for anything unexpected. */
  code: string;
  /** What went wrong and what to do, for a person. */
  message: string;
}

export type Envelope = { ok: true; value: unknown } | { ok: false; error: EnvelopeError };
