/**
 * New annotations are shown before they are stored: the window mints the id, so the one shown
 * and the one saved are the same annotation. Every write of one annotation (its create, then
 * each edit: a field typed, a tag, a link, a delete) runs after the one before it, in a chain
 * per id, so an edit made while the create is in flight reaches core after the record exists,
 * and two edits never race in core's read-modify-write (the undo stack orders only its own).
 * Plain TypeScript, no React.
 */
import { messagesNow } from '../../i18n';
import { annotateMessages } from './messages';

/** id → the last write of that annotation; the next one waits for it. */
const chains = new Map<string, Promise<void>>();
/** id → its create while under way: resolves true once stored, false when it failed. */
const creates = new Map<string, Promise<boolean>>();
/** Ids whose create failed: what is still sent for them is refused here, with a reason. */
const failed = new Set<string>();

class UnsavedError extends Error {
  readonly code = 'NOT_FOUND';
  constructor() {
    super(messagesNow(annotateMessages).unsavedEdit);
  }
}

/** Appends `write` to the chain of `id`: it starts once the writes before it have settled. */
function chain<T>(id: string, write: (before: Promise<void> | undefined) => Promise<T>): Promise<T> {
  const run = write(chains.get(id));
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  chains.set(id, tail);
  void tail.then(() => {
    if (chains.get(id) === tail) chains.delete(id);
  });
  return run;
}

/**
 * Marks `id` unsaved now and returns the create to run (hand it to the undo stack): it runs
 * `save` and settles the mark before it returns, so the record it hands back is never seen
 * while the mark still stands.
 */
export function creating<T>(id: string, save: () => Promise<T>): () => Promise<T> {
  let started!: () => void;
  const go = new Promise<void>((resolve) => (started = resolve));
  let settle!: (stored: boolean) => void;
  creates.set(id, new Promise<boolean>((resolve) => (settle = resolve)));
  const saved = chain(id, async () => {
    await go;
    try {
      const out = await save();
      creates.delete(id);
      settle(true);
      return out;
    } catch (e) {
      creates.delete(id);
      failed.add(id);
      settle(false);
      throw e;
    }
  });
  return () => {
    started();
    return saved;
  };
}

/** True while the create of `id` is under way. */
export const isUnsaved = (id: string): boolean => creates.has(id);

/**
 * Runs `edit` of annotation `id` after every earlier write of it (its create included); at
 * once when none is pending. Rejects with UnsavedError, sending nothing, when its create failed.
 */
export function inOrder<T>(id: string, edit: () => Promise<T>): Promise<T> {
  return chain(id, async (before) => {
    await before;
    if (failed.has(id)) throw new UnsavedError();
    return edit();
  });
}
