/**
 * A value read from the library that goes stale with any change: read again after every
 * undoable step (done, undone, redone) and whenever the library changes underneath (a bundle
 * import, another window). A failed read keeps the last value; the view stays usable.
 */
import { useEffect, useRef, useState } from 'react';
import { useAppEvent } from '../app/events';
import { undoStack } from '../app/undo';

export function useLibraryValue<T>(read: () => Promise<T>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  const latestRead = useRef(read);
  latestRead.current = read;
  const reload = () =>
    void latestRead
      .current()
      .then((v) => setValue(() => v))
      .catch(() => undefined);
  useEffect(() => {
    reload();
    return undoStack.onChange(reload);
  }, []);
  useAppEvent('library-changed', reload);
  return value;
}
