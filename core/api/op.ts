import type { z } from 'zod';
import { applyRecords } from '../codebook/tree.js';
import type { Annotation } from '../model/index.js';
import type { LibraryStore } from '../store/types.js';
import type { Context } from './context.js';
import { currentAuthor, signedChange } from './author.js';
import { announcingChanges } from './events.js';

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
  // Whatever the operation writes is announced to the window as typed changes when it ends (events.ts).
  return { input, run: (ctx, parsed) => announcingChanges(ctx, (seen) => run(seen, parsed)), window: opts?.window ?? true };
}

// ---- registry changes (codebook, speakers) ---------------------------------------------------

/** A library-wide list of records kept in glossa.json, whose changes also rewrite annotations. */
export interface Registry<R extends { id: string }, E extends AnnotationRef> {
  /** The operation that applies a change; every change's inverse is one of these. */
  applyOp: string;
  read(library: LibraryStore): R[];
  save(library: LibraryStore, records: R[]): Promise<void>;
  /** Throws (with a message a person can act on) if the list may not be saved. */
  check(records: R[]): void;
  /** The annotation with `edit` applied, and the edit that puts it back. */
  edit(annotation: Annotation, edit: E, stamp: string): { next: Annotation; undo: E };
  /**
   * Which write goes first, so a failure between the two leaves a consistent library: tags
   * are removed after the annotations stop naming them; a speaker is registered before a quote names them.
   */
  annotationsFirst: boolean;
  /** A change as `applyOp` takes it (each registry names its edits its own way). */
  toInput(change: RegistryChange<R, E>): unknown;
}

export interface AnnotationRef {
  snapshotId: string;
  id: string;
}

/** Records to write or remove, and the annotations to edit with them: one step of undo. */
export interface RegistryChange<R, E> {
  put: R[];
  remove: string[];
  edits: E[];
}

/**
 * The one write path of every registry: applies a change, checks the resulting list before
 * anything is written, and returns the change that reverses it (records and annotations
 * exactly as they were).
 */
export async function changeRegistry<R extends { id: string }, E extends AnnotationRef>(
  ctx: Context,
  registry: Registry<R, E>,
  change: RegistryChange<R, E>,
  label: string,
): Promise<Mutation<{ records: R[]; annotations: Annotation[] }>> {
  const before = registry.read(ctx.library);
  const next = applyRecords(before, change.put, change.remove);
  registry.check(next);
  const known = new Map(before.map((r) => [r.id, r]));
  const inverse: RegistryChange<R, E> = {
    put: [
      ...change.put.filter((r) => known.has(r.id)).map((r) => known.get(r.id)!),
      ...change.remove.filter((id) => known.has(id)).map((id) => known.get(id)!),
    ],
    remove: change.put.filter((r) => !known.has(r.id)).map((r) => r.id),
    edits: [],
  };
  const stamp = new Date().toISOString();
  const author = change.edits.length ? await currentAuthor(ctx) : undefined;
  const bySnapshot = new Map<string, Annotation[]>();
  for (const e of change.edits) {
    const { next, undo } = registry.edit(await ctx.library.getAnnotation(e.snapshotId, e.id), e, stamp);
    const edited = signedChange(next, author);
    inverse.edits.push(undo);
    bySnapshot.set(e.snapshotId, [...(bySnapshot.get(e.snapshotId) ?? []), edited]);
  }
  const saveRecords = async () => {
    if (change.put.length || change.remove.length) await registry.save(ctx.library, next);
  };
  const saveAnnotations = async () => {
    for (const [snapshotId, list] of bySnapshot) await ctx.library.putAnnotations(snapshotId, list);
  };
  if (!registry.annotationsFirst) await saveRecords();
  await saveAnnotations();
  if (registry.annotationsFirst) await saveRecords();
  return {
    value: { records: next, annotations: [...bySnapshot.values()].flat() },
    inverse: { op: registry.applyOp, input: registry.toInput(inverse) },
    label,
  };
}
