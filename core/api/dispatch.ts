import { ZodError } from 'zod';
import { GlossaError } from '../model/index.js';
import type { Envelope, EnvelopeError } from '../common/envelope.js';
import type { Context } from './context.js';
import type { Op } from './op.js';

export type { Envelope, EnvelopeError };

/** Validate the raw input against the op's schema, run it, and wrap the outcome. */
export async function dispatch(table: Record<string, Op>, ctx: Context, name: string, raw: unknown, opts: { windowOnly: boolean }): Promise<Envelope> {
  const entry = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!entry || (opts.windowOnly && !entry.window)) return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown operation "${name}".` } };
  try {
    const input = entry.input.parse(raw);
    return { ok: true, value: await entry.run(ctx, input) };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
}

export function describeError(e: unknown): EnvelopeError {
  if (e instanceof GlossaError) return { code: e.code, message: e.message };
  if (e instanceof ZodError) {
    const first = e.issues[0];
    const where = first?.path.length ? ` (at ${first.path.join('.')})` : '';
    return { code: 'INVALID_INPUT', message: `Invalid request${where}: ${first?.message ?? 'bad input'}.` };
  }
  // Unexpected: keep the message, which is all a person can act on.
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
