/**
 * The app's one undo mechanism. Every mutating core operation returns the operation that
 * reverses it ({ value, inverse, label }); this stack only stores those inverses and runs
 * them. Running an inverse yields its own inverse, which goes on the opposite stack, so
 * redo needs no code of its own and no feature writes undo logic.
 */
import { glossa } from '../glossa';
import { messagesNow } from '../i18n';
import { appMessages } from './messages';
import { createStore, useStore } from './store';

export interface Invocation {
  op: string;
  input: unknown;
}
export interface MutationResult<T = unknown> {
  value: T;
  inverse: Invocation;
  label: string;
}
/** What a step did (the reader follows the annotation it touched); views refresh from core's change events (events.ts). */
export interface Change {
  via: 'do' | 'undo' | 'redo';
  label: string;
  value: unknown;
}

interface Entry {
  inverse: Invocation;
  /** Label of the user's original action, so the menu reads "Undo tag quote" / "Redo tag quote". */
  label: string;
  /** Where the step was done (the location hash then), so a page can say when undo acts elsewhere. */
  where: string;
}

export interface UndoState {
  /** Core's label of the next undo / redo step, in English as core wrote it: shown through localiseUndoLabel (History.tsx). */
  undoLabel: string | null;
  redoLabel: string | null;
  /** Where the next undo / redo step was done (a location hash), or null. */
  undoWhere: string | null;
  redoWhere: string | null;
  busy: boolean;
}

const LIMIT = 200;

/** The page the user is on, as a hash ("" outside a window: unit tests). */
const here = () => (typeof window === 'undefined' ? '' : window.location.hash);

export type Runner = (invocation: Invocation) => Promise<MutationResult>;

/** Runs an inverse through window.glossa, the same client every other call uses. */
export const runThroughClient: Runner = async ({ op, input }) => {
  const client = glossa() as unknown as Record<string, unknown>;
  const fn = client[op];
  if (typeof fn !== 'function') throw Object.assign(new Error(messagesNow(appMessages).cannotRun(op)), { code: 'INVALID_INPUT' });
  return (await (fn as (i: unknown) => Promise<MutationResult>)(input)) as MutationResult;
};

export class UndoStack {
  private done: Entry[] = [];
  private undone: Entry[] = [];
  /** Every mutation runs in order, so a fast Ctrl+Z never overtakes the edit it undoes. */
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readonly changeListeners = new Set<(change: Change) => void>();
  readonly state = createStore<UndoState>({ undoLabel: null, redoLabel: null, undoWhere: null, redoWhere: null, busy: false });

  constructor(private readonly run: Runner = runThroughClient) {}

  /** Performs a mutation and records its inverse. Rejects with the operation's error. */
  perform<T>(mutation: () => Promise<MutationResult<T>>): Promise<T> {
    return this.enqueue(async () => {
      const result = await mutation();
      this.done.push({ inverse: result.inverse, label: result.label, where: here() });
      if (this.done.length > LIMIT) this.done.shift();
      this.undone = [];
      this.emit({ via: 'do', label: result.label, value: result.value });
      return result.value;
    });
  }

  /**
   * For operations that may not change anything (a dialog the user cancels): a result with an
   * inverse is recorded as perform() would; anything else is handed back unrecorded.
   */
  performIfChanged<R extends object>(action: () => Promise<R>): Promise<R> {
    return this.enqueue(async () => {
      const result = await action();
      if ('inverse' in result && 'label' in result && 'value' in result) {
        const m = result as unknown as MutationResult;
        this.done.push({ inverse: m.inverse, label: m.label, where: here() });
        if (this.done.length > LIMIT) this.done.shift();
        this.undone = [];
        this.emit({ via: 'do', label: m.label, value: m.value });
      }
      return result;
    });
  }

  /** Resolves to the change made, or null when there was nothing to undo. */
  undo(): Promise<Change | null> {
    return this.enqueue(() => this.step(this.done, this.undone, 'undo'));
  }

  redo(): Promise<Change | null> {
    return this.enqueue(() => this.step(this.undone, this.done, 'redo'));
  }

  onChange(listener: (change: Change) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private async step(from: Entry[], to: Entry[], via: 'undo' | 'redo'): Promise<Change | null> {
    const entry = from.pop();
    if (!entry) return null;
    try {
      const result = await this.run(entry.inverse);
      to.push({ inverse: result.inverse, label: entry.label, where: entry.where });
      const change: Change = { via, label: entry.label, value: result.value };
      this.emit(change);
      return change;
    } catch (error) {
      // The entry is dropped: replaying an inverse that failed (e.g. the record is gone) would fail again.
      this.publish();
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { undoLabel: entry.label });
    }
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    this.publish();
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next.finally(() => {
      this.pending--;
      this.publish();
    });
  }

  private emit(change: Change): void {
    this.publish();
    for (const listener of [...this.changeListeners]) listener(change);
  }

  private publish(): void {
    this.state.set({
      undoLabel: this.done.at(-1)?.label ?? null,
      redoLabel: this.undone.at(-1)?.label ?? null,
      undoWhere: this.done.at(-1)?.where ?? null,
      redoWhere: this.undone.at(-1)?.where ?? null,
      busy: this.pending > 0,
    });
  }
}

/** The window's single stack: panel edits, reader tagging and deletes all go through it. */
export const undoStack = new UndoStack();

export function useUndoState(): UndoState {
  return useStore(undoStack.state);
}
