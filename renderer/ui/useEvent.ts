/** A callback with a stable identity that always runs the latest `fn` (so memoised children are not drawn again). */
import { useCallback, useRef } from 'react';

export function useEvent<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  latest.current = fn;
  return useCallback((...args: A) => latest.current(...args), []);
}
