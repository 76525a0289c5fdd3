/** Option parsing shared by commands: values checked here become usage errors (exit 2). */
import type { Command } from 'commander';
import type { GlobalOptions } from './session.js';
import { usageError } from './errors.js';

/** The program-wide options (--library, --json), wherever they were written on the line. */
export const globals = (cmd: Command): GlobalOptions => cmd.optsWithGlobals<GlobalOptions>();

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw usageError(`expected a whole number of 1 or more, got "${value}"`);
  return n;
}

/** Collects a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
