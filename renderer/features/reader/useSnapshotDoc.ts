/**
 * One snapshot with its canonical text, loaded for the reader, then its annotations: the
 * article is drawn as soon as its text is here, its highlights when they arrive (the text is
 * laid out while they travel).
 */
import { useEffect, useState } from 'react';
import type { Annotation, Snapshot } from '../../../core/model';
import { glossa } from '../../glossa';

export type DocState =
  | { status: 'loading' }
  /** `annotations` resolves to null when they could not be read (the reader asks again and says why). */
  | { status: 'ready'; snapshot: Snapshot; text: string; annotations: Promise<Annotation[] | null> }
  | { status: 'error'; message: string; code?: string };

export function useSnapshotDoc(snapshotId: string): DocState {
  // Each answer remembers which snapshot it is for: when the id changes, the render before the
  // effect below runs must not hand the new id the previous article (the reader would open on
  // it, miss the annotation the address names and rewrite the address to the old article).
  const [state, setState] = useState<{ id: string; doc: DocState }>({ id: snapshotId, doc: { status: 'loading' } });
  useEffect(() => {
    let live = true;
    const setDoc = (doc: DocState) => setState({ id: snapshotId, doc });
    setDoc({ status: 'loading' });
    // The text first (a small answer, drawn and laid out at once), then the annotations (a
    // large one: asked together, the text would wait for core to be done with them).
    glossa()
      .openSnapshot({ id: snapshotId })
      .then(({ snapshot, text }) => {
        if (!live) return;
        const annotations = glossa()
          .listAnnotations({ snapshotId })
          .catch(() => null);
        setDoc({ status: 'ready', snapshot, text, annotations });
      })
      .catch((e: { message?: string; code?: string }) => live && setDoc({ status: 'error', message: e.message ?? String(e), code: e.code }));
    return () => {
      live = false;
    };
  }, [snapshotId]);
  return state.id === snapshotId ? state.doc : { status: 'loading' };
}
