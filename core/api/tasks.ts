/**
 * Long work the researcher can cancel (batch import, URL capture, bundle export/import).
 * A task's id travels in its progress events; cancelTask aborts its signal, and the work
 * stops at its next check without leaving anything half-written.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Context } from './context.js';
import { libraryKey } from './events.js';
import { op } from './op.js';

/** How often a task tells the window its progress (about 20 redraws a second at most). */
export const PROGRESS_EVERY_MS = 50;

/** Keyed by the store itself, so a task started in one operation is found by cancelTask in another. */
const running = new WeakMap<Context['library'], Map<string, AbortController>>();

export interface Task {
  id: string;
  signal: AbortSignal;
  progress(done: number, total: number, label?: string): void;
  end(): void;
}

export function startTask(ctx: Context, task: string): Task {
  const id = randomUUID();
  const controller = new AbortController();
  let tasks = running.get(libraryKey(ctx.library));
  if (!tasks) running.set(libraryKey(ctx.library), (tasks = new Map()));
  tasks.set(id, controller);
  let last: { done: number; total: number } | null = null;
  let sentAt = -Infinity;
  return {
    id,
    signal: controller.signal,
    progress: (done, total, label) => {
      last = { done, total };
      // The first and the last step always go; between them, one every PROGRESS_EVERY_MS: a
      // bundle of thousands of members redraws the bar a few dozen times, not thousands.
      const now = performance.now();
      if (done > 0 && done < total && now - sentAt < PROGRESS_EVERY_MS) return;
      sentAt = now;
      ctx.emit({ type: 'progress', task, done, total, label, taskId: id });
    },
    end: () => {
      tasks.delete(id);
      // A cancelled or failed task stops short: a last event tells the window it is over.
      if (last && last.done < last.total) ctx.emit({ type: 'progress', task, done: last.total, total: last.total, taskId: id });
    },
  };
}

/** Runs `work` as a cancellable task; the task ends however the work ends. */
export async function asTask<T>(ctx: Context, task: string, work: (t: Task) => Promise<T>): Promise<T> {
  const t = startTask(ctx, task);
  try {
    return await work(t);
  } finally {
    t.end();
  }
}

export const cancelTask = op(z.object({ taskId: z.string().min(1).max(100) }), async (ctx, { taskId }) => {
  const controller = running.get(libraryKey(ctx.library))?.get(taskId);
  controller?.abort();
  return { cancelled: Boolean(controller) };
});
