/** Annotations the library keeps in more than one version (after a merge), kept fresh on every change. */
import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import { useAppEvent } from '../../app/events';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';

export type Conflict = OpOutput<'listConflicts'>[number];

export function useConflicts(): { conflicts: Conflict[]; loaded: boolean; reload(): void } {
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(() => {
    glossa()
      .listConflicts({})
      .then((list) => {
        setConflicts(list);
        setLoaded(true);
      })
      .catch((e: unknown) => reportError(e, 'Could not list the conflicts'));
  }, []);
  useEffect(reload, [reload]);
  useEffect(() => undoStack.onChange(reload), [reload]);
  useAppEvent('library-changed', reload);
  return { conflicts, loaded, reload };
}
