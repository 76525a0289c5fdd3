/**
 * Task progress reaches the window at a bounded rate: the first and last steps always, in
 * between one every PROGRESS_EVERY_MS, and a task that stops short still ends the bar.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent, Context } from '../../../core/api.js';
import { PROGRESS_EVERY_MS, startTask } from '../../../core/api/tasks.js';

function context(events: AppEvent[]): Context {
  // Tasks only use the library as a key and emit: no storage is touched here.
  return { library: {} as Context['library'], dialogs: {} as Context['dialogs'], emit: (e) => events.push(e) };
}

describe('task progress', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the first and last of 10,000 quick steps, and one per interval between', () => {
    vi.useFakeTimers();
    const events: AppEvent[] = [];
    const task = startTask(context(events), 'export');
    for (let done = 0; done <= 10_000; done++) {
      task.progress(done, 10_000, `member ${done}`);
      // 10,000 steps over one second of (fake) time.
      vi.advanceTimersByTime(0.1);
    }
    task.end();
    const sent = events.flatMap((e) => (e.type === 'progress' ? [e.done] : []));
    expect(sent[0]).toBe(0);
    expect(sent.at(-1)).toBe(10_000);
    // About a second at one event per interval, give or take the ends.
    expect(sent.length).toBeGreaterThanOrEqual(1000 / PROGRESS_EVERY_MS - 1);
    expect(sent.length).toBeLessThanOrEqual(1000 / PROGRESS_EVERY_MS + 3);
    expect([...sent].sort((a, b) => a - b)).toEqual(sent);
  });

  it('a task that stops short tells the window it is over', () => {
    const events: AppEvent[] = [];
    const task = startTask(context(events), 'import');
    task.progress(0, 50);
    task.progress(1, 50);
    task.end();
    expect(events.at(-1)).toMatchObject({ type: 'progress', task: 'import', done: 50, total: 50, taskId: task.id });
  });
});
