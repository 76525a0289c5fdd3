/**
 * Bounded parallelism that fails cleanly: at most `limit` items run at once; after the first
 * failure no new item starts, and the promise rejects (with that first error) only once every
 * running item has settled — so a caller cleaning up after a failure never races a straggler.
 */
export async function mapInOrder<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | null = null;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  if (failed) throw (failed as { error: unknown }).error;
  return out;
}

export async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  await mapInOrder(items, limit, fn);
}
