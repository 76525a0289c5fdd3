/**
 * How to tag, shown over the sample article when it is first opened: once, until "Got it" or
 * until the reader is left. The keys are the reader's own (ui/kinds KIND_KEY).
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../../app/store';
import type { Route } from '../../app/route';
import { useMessages } from '../../i18n';
import { KIND_KEY } from '../../ui/kinds';
import { sampleHint } from './firstRun';
import { firstRunMessages } from './messages';
import './firstrun.css';

export function FirstRunHint({ route }: { route: Route }) {
  const m = useMessages(firstRunMessages);
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
    <aside className="firstrun-hint" aria-label={m.hintLabel}>
      <h2>{m.hintTitle}</h2>
      <p>
        {m.hintPress}
        <kbd>{KIND_KEY.quote}</kbd>
        {m.hintForQuote}
        <kbd>{KIND_KEY.claim}</kbd>
        {m.hintForClaim}
        <kbd>{KIND_KEY.figure}</kbd>
        {m.hintForFigure}
        <kbd>{KIND_KEY.note}</kbd>
        {m.hintAddsNote}
      </p>
      <p>
        {m.hintKeysBefore}
        <kbd>?</kbd>
        {m.hintKeysAfter}
      </p>
      <button type="button" className="button button-small" onClick={() => sampleHint.set(null)}>
        {m.gotIt}
      </button>
    </aside>
  );
}
