/**
 * A value read from the library that goes stale with any change: read again whenever core
 * announces a change (an edit, its undo or redo, a bundle import, another window), or only
 * changes to `entities` when named. A failed read keeps the last value; the view stays usable.
 */
import { useEffect, useRef, useState } from 'react';
import { useLibraryChange, type ChangedEntity } from '../app/events';

export function useLibraryValue<T>(read: () => Promise<T>, initial: T, entities?: readonly ChangedEntity[]): T {
  const [value, setValue] = useState<T>(initial);
  const latestRead = useRef(read);
  latestRead.current = read;
  const reload = () =>
    void latestRead
      .current()
      .then((v) => setValue(() => v))
      .catch(() => undefined);
  useEffect(reload, []);
  useLibraryChange(reload, entities);
  return value;
}
