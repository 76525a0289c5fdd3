/** One snapshot with its canonical text, loaded for the reader. */
import { useEffect, useState } from 'react';
import type { Snapshot } from '../../../core/model';
import { glossa } from '../../glossa';

export type DocState =
  | { status: 'loading' }
  | { status: 'ready'; snapshot: Snapshot; text: string }
  | { status: 'error'; message: string; code?: string };

export function useSnapshotDoc(snapshotId: string): DocState {
  const [state, setState] = useState<DocState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    glossa()
      .openSnapshot({ id: snapshotId })
      .then(({ snapshot, text }) => live && setState({ status: 'ready', snapshot, text }))
      .catch((e: { message?: string; code?: string }) => live && setState({ status: 'error', message: e.message ?? String(e), code: e.code }));
    return () => {
      live = false;
    };
  }, [snapshotId]);
  return state;
}
