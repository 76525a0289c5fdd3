/**
 * How to tag, shown over the sample article when it is first opened: once, until "Got it" or
 * until the reader is left. The keys are the reader's own (ui/kinds KIND_KEY).
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../../app/store';
import type { Route } from '../../app/route';
import { KIND_KEY } from '../../ui/kinds';
import { sampleHint } from './firstRun';
import './firstrun.css';

export function FirstRunHint({ route }: { route: Route }) {
  const snapshotId = useStore(sampleHint);
  const here = snapshotId !== null && route.view === 'reader' && route.snapshotId === snapshotId;
  // Leaving the sample (once it was shown) ends the hint: it is for the first look only.
  const shown = useRef(false);
  useEffect(() => {
    if (here) shown.current = true;
    else if (snapshotId !== null && shown.current) {
      shown.current = false;
      sampleHint.set(null);
    }
  }, [here, snapshotId]);
  if (!here) return null;
  return (
    <aside className="firstrun-hint" aria-label="How to tag">
      <h2>Try tagging this article</h2>
      <p>
        Select words with the mouse, then press <kbd>{KIND_KEY.quote}</kbd> for a quote, <kbd>{KIND_KEY.claim}</kbd> for a claim or <kbd>{KIND_KEY.figure}</kbd>{' '}
        for a figure (<kbd>{KIND_KEY.note}</kbd> adds a note). The selection widens to whole words, and the fields of what you tagged open beside the text.
      </p>
      <p>
        Press <kbd>?</kbd> for every key.
      </p>
      <button type="button" className="button button-small" onClick={() => sampleHint.set(null)}>
        Got it
      </button>
    </aside>
  );
}
