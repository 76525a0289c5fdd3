/** The library's snapshot rows, kept fresh on every library change core announces (counts included). */
import { useCallback, useEffect, useState } from 'react';
import type { SnapshotSummary } from '../../../core/model';
import { useLibraryChange } from '../../app/events';
import { reportError } from '../../app/messages';
import { glossa } from '../../glossa';
import { messagesNow } from '../../i18n';
import { libraryMessages } from './messages';

export interface SnapshotsState {
  snapshots: SnapshotSummary[];
  loaded: boolean;
  reload(): void;
}

export function useSnapshots(): SnapshotsState {
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([]);
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(() => {
    glossa()
      .listSnapshots({})
      .then((rows) => {
        setSnapshots(rows);
        setLoaded(true);
      })
      .catch((e: unknown) => {
        setLoaded(true);
        reportError(e, messagesNow(libraryMessages).couldNotList);
      });
  }, []);

  useEffect(reload, [reload]);
  // Any change may alter counts or conflicts: core announces every write, whoever made it.
  useLibraryChange(reload);

  return { snapshots, loaded, reload };
}
