import { expect } from 'vitest';
import { GlossaError } from '../../../../core/model/index.js';

/** Awaits a promise that must reject with a GlossaError, and returns that error for its code and message. */
export async function failure(p: Promise<unknown>): Promise<GlossaError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GlossaError);
  return e as GlossaError;
}
