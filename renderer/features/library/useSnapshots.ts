/** The library's snapshot rows, kept fresh on library changes and on every undoable edit (counts). */
import { useCallback, useEffect, useState } from 'react';
import type { SnapshotSummary } from '../../../core/model';
import { useAppEvent } from '../../app/events';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';

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
        reportError(e, 'Could not list the library');
      });
  }, []);

  useEffect(reload, [reload]);
  useEffect(() => undoStack.onChange(reload), [reload]);
  useAppEvent('library-changed', reload);

  return { snapshots, loaded, reload };
}
