import type { z } from 'zod';
import type { Context } from './context.js';

/** What a reversible operation hands back: the undo stack stores `inverse` as-is. */
export interface Mutation<T> {
  value: T;
  /** The operation (name and input) that undoes this one; running it yields the redo. */
  inverse: { op: string; input: unknown };
  /** Short human label for menus: "Undo tag quote". */
  label: string;
}

export interface Op<I extends z.ZodType = z.ZodType, O = unknown, W extends boolean = boolean> {
  input: I;
  /**
   * Whether the window may call it. Operations that take file paths stay off the window
   * (a compromised page must not name files to read or write); the shell and CLI use them.
   */
  window: W;
  run(ctx: Context, input: z.output<I>): Promise<O>;
}

type Run<I extends z.ZodType, O> = (ctx: Context, input: z.output<I>) => Promise<O>;

export function op<I extends z.ZodType, O>(input: I, run: Run<I, O>): Op<I, O, true>;
export function op<I extends z.ZodType, O, W extends boolean>(input: I, run: Run<I, O>, opts: { window: W }): Op<I, O, W>;
export function op<I extends z.ZodType, O>(input: I, run: Run<I, O>, opts?: { window: boolean }): Op<I, O> {
  return { input, run, window: opts?.window ?? true };
}
