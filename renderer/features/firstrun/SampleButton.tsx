/** "Try it on a sample article" in the empty library. */
import { useState } from 'react';
import { reportError } from '../../app/messages';
import { messagesNow, useMessages } from '../../i18n';
import { importSample } from './firstRun';
import { firstRunMessages } from './messages';
import './firstrun.css';

export function SampleButton() {
  const m = useMessages(firstRunMessages);
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    importSample()
      .catch((e: unknown) => reportError(e, messagesNow(firstRunMessages).couldNotAddSample))
      .finally(() => setBusy(false));
  };
  return (
    <button type="button" className="button button-primary" disabled={busy} onClick={start}>
      {busy ? m.addingSample : m.trySample}
    </button>
  );
}
