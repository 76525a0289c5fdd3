/**
 * One queue per key (a snapshot id): tasks for the same key run one after another, tasks for
 * different keys run freely. A key is "active" while it has queued or running work.
 */
interface Queue {
  tail: Promise<void>;
  active: number;
}

export class KeyedQueue {
  private readonly queues = new Map<string, Queue>();

  run<R>(key: string, task: () => Promise<R>): Promise<R> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { tail: Promise.resolve(), active: 0 };
      this.queues.set(key, queue);
    }
    const q = queue;
    q.active++;
    const run = q.tail.then(task);
    const settle = () => {
      q.active--;
      if (q.active === 0 && this.queues.get(key) === q) this.queues.delete(key);
    };
    q.tail = run.then(settle, settle);
    return run;
  }

  isActive(key: string): boolean {
    return this.queues.has(key);
  }

  activeKeys(): string[] {
    return [...this.queues.keys()];
  }

  /** Resolves when everything queued so far has finished (successfully or not). */
  async drain(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.tail));
  }
}
