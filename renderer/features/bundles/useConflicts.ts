/** Annotations the library keeps in more than one version (after a merge), kept fresh on every change. */
import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import { useLibraryChange } from '../../app/events';
import { reportError } from '../../app/messages';
import { glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { bundlesMessages } from './messages';

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
      .catch((e: unknown) => reportError(e, messagesNow(bundlesMessages).couldNotListConflicts));
  }, []);
  useEffect(reload, [reload]);
  // Any change may alter counts or conflicts: core announces every write, whoever made it.
  useLibraryChange(reload);
  return { conflicts, loaded, reload };
}
