/** How a failed call reaches the page's code: a thrown error that keeps core's code. */

export class ClientError extends Error {
  constructor(
    /** Core's GlossaErrorCode (CANCELLED, TOO_LARGE, NETWORK…), or INTERNAL. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** The code of a failure, when it has one (a ClientError, or a core error passed through). */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code ? code : undefined;
}
