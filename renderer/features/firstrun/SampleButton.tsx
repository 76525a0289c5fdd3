/** "Try it on a sample article" in the empty library. */
import { useState } from 'react';
import { reportError } from '../../app/messages';
import { importSample } from './firstRun';
import './firstrun.css';

export function SampleButton() {
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    importSample()
      .catch((e: unknown) => reportError(e, 'Could not add the sample article'))
      .finally(() => setBusy(false));
  };
  return (
    <button type="button" className="button button-primary" disabled={busy} onClick={start}>
      {busy ? 'Adding the sample…' : 'Try it on a sample article'}
    </button>
  );
}
